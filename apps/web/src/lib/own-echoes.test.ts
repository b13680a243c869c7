import { describe, expect, it } from 'vitest';
import { applicationLink, expectEcho, isEcho } from './own-echoes';

describe('own echoes', () => {
  const moved = 'application_status_changed';

  it('takes the notification of an application this tab just moved as its echo, once', () => {
    const now = 1_000_000;
    expectEcho(moved, [applicationLink('a1')], now);
    expect(isEcho({ type: moved, link: applicationLink('a2') }, now + 10)).toBe(false);
    expect(isEcho({ type: 'saved_search_match', link: applicationLink('a1') }, now + 10)).toBe(false);
    expect(isEcho({ type: moved, link: applicationLink('a1') }, now + 10)).toBe(true);
    // Used up: a second change made elsewhere toasts.
    expect(isEcho({ type: moved, link: applicationLink('a1') }, now + 20)).toBe(false);
  });

  it('forgets an expectation after 30 seconds', () => {
    const now = 2_000_000;
    expectEcho(moved, [applicationLink('b1')], now);
    expect(isEcho({ type: moved, link: applicationLink('b1') }, now + 30_001)).toBe(false);
  });

  it('matches a new application (id not known when it was sent) by type, after the exact matches', () => {
    const now = 3_000_000;
    expectEcho(moved, [null, applicationLink('c1')], now);
    expect(isEcho({ type: moved, link: applicationLink('c1') }, now + 1)).toBe(true);
    expect(isEcho({ type: moved, link: applicationLink('c9') }, now + 2)).toBe(true);
    expect(isEcho({ type: moved, link: applicationLink('c9') }, now + 3)).toBe(false);
  });
});
