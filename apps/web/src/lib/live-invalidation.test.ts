import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateForChange, pathsToInvalidate, queryKeyUnder } from './live-invalidation';

describe('live invalidation', () => {
  it('maps changed entities to query paths; * or an unknown entity means everything', () => {
    expect(pathsToInvalidate(['applications', 'analytics'])).toEqual([
      ['tracker', 'applications'],
      ['tracker', 'analytics'],
    ]);
    expect(pathsToInvalidate(['notifications'])).toEqual([['notifications']]);
    expect(pathsToInvalidate(['*'])).toBeNull();
    expect(pathsToInvalidate(['something-new'])).toBeNull();
  });

  it('matches tRPC query keys by path prefix', () => {
    const key = [['tracker', 'jobs', 'list'], { input: { limit: 20 }, type: 'query' }];
    expect(queryKeyUnder(key, ['tracker', 'jobs'])).toBe(true);
    expect(queryKeyUnder(key, ['tracker'])).toBe(true);
    expect(queryKeyUnder(key, ['tracker', 'applications'])).toBe(false);
    expect(queryKeyUnder(['plain'], ['plain'])).toBe(false);
  });

  it('invalidates only the affected queries, nothing for the initial empty event', async () => {
    const client = new QueryClient();
    const keys = {
      jobs: [['tracker', 'jobs', 'list'], { type: 'query' }],
      applications: [['tracker', 'applications', 'list'], { type: 'query' }],
      count: [['notifications', 'unreadCount'], { type: 'query' }],
    };
    for (const key of Object.values(keys)) client.setQueryData(key, 1);
    const stale = () => Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, client.getQueryState(key)?.isInvalidated]));

    await invalidateForChange(client, []);
    expect(stale()).toEqual({ jobs: false, applications: false, count: false });
    await invalidateForChange(client, ['applications']);
    expect(stale()).toEqual({ jobs: false, applications: true, count: false });
    await invalidateForChange(client, ['*']);
    expect(stale()).toEqual({ jobs: true, applications: true, count: true });
  });
});
