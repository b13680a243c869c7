import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createRealtimeConnectionStore, useRealtimeConnection } from './realtime-connection';

function clock(start = 1_000) {
  let now = start;
  return Object.assign(() => now, { advance: (ms: number) => void (now += ms) });
}

describe('realtime connection store', () => {
  it('starts idle and treats a first attempt as connecting, not down', () => {
    const store = createRealtimeConnectionStore(clock());
    expect(store.getSnapshot().status).toBe('idle');
    store.report({ state: 'connecting', error: null });
    expect(store.getSnapshot()).toMatchObject({ status: 'connecting', everOnline: false, lastError: null });
  });

  it('goes online when the socket opens and reconnecting when it drops', () => {
    const now = clock();
    const store = createRealtimeConnectionStore(now);
    store.report({ state: 'connecting', error: null });
    now.advance(50);
    store.report({ state: 'pending', error: null });
    expect(store.getSnapshot()).toMatchObject({ status: 'online', since: 1_050, everOnline: true });

    now.advance(1_000);
    store.report({ state: 'connecting', error: new Error('WebSocket closed') });
    expect(store.getSnapshot()).toMatchObject({ status: 'reconnecting', since: 2_050, lastError: 'WebSocket closed' });

    // Further retries keep the time it went down and the last known error.
    now.advance(500);
    store.report({ state: 'connecting', error: null });
    expect(store.getSnapshot()).toMatchObject({ status: 'reconnecting', since: 2_050, lastError: 'WebSocket closed' });

    store.report({ state: 'pending', error: null });
    expect(store.getSnapshot()).toMatchObject({ status: 'online', lastError: null });
  });

  it('counts a failed first attempt as down', () => {
    const store = createRealtimeConnectionStore(clock());
    store.report({ state: 'connecting', error: new Error('refused') });
    expect(store.getSnapshot().status).toBe('reconnecting');
  });

  it('goes idle when the lazy client closes an unused socket', () => {
    const store = createRealtimeConnectionStore(clock());
    store.report({ state: 'pending', error: null });
    store.report({ state: 'idle', error: null });
    expect(store.getSnapshot()).toMatchObject({ status: 'idle', everOnline: true });
  });

  it('notifies subscribers only on change, and the hook re-renders', () => {
    const store = createRealtimeConnectionStore(clock());
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.report({ state: 'idle', error: null });
    expect(calls).toBe(0);
    store.report({ state: 'pending', error: null });
    store.report({ state: 'pending', error: null });
    expect(calls).toBe(1);
    unsubscribe();

    const { result } = renderHook(() => useRealtimeConnection(store));
    expect(result.current.status).toBe('online');
    act(() => store.report({ state: 'connecting', error: new Error('gone') }));
    expect(result.current.status).toBe('reconnecting');
  });
});
