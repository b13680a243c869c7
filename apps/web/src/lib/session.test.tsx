import { screen } from '@testing-library/react';
import { useEffect } from 'react';
import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render';
import { useRefreshSession, useSession } from './session';

const user = (emailVerified: boolean) => ({
  id: '0b6f3c1e-8a47-4c1b-9f0e-2d5a6b7c8d9e',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'user',
  emailVerified,
});

function respond(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** What a page opened from a confirmation link does: reads the session and, at once, changes it. */
function ConfirmOnOpen() {
  const { user: current } = useSession();
  const refreshSession = useRefreshSession();
  useEffect(() => {
    // The confirmation answers while the page's first auth.me is still on its way.
    const timer = setTimeout(() => void refreshSession(), 20);
    return () => clearTimeout(timer);
  }, [refreshSession]);
  return <p>{current ? (current.emailVerified ? 'confirmed' : 'not confirmed') : 'loading'}</p>;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useRefreshSession', () => {
  it('does not keep the answer of an auth.me fetch that started before the change', async () => {
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (!String(url).includes('auth.me')) throw new Error(`unexpected request ${url}`);
        calls++;
        // The first read left before the change and arrives after it; the second sees it.
        const verified = calls > 1;
        if (!verified) await new Promise((resolve) => setTimeout(resolve, 150));
        return respond([{ result: { data: superjson.serialize({ user: user(verified), sessionId: 's1' }) } }]);
      }),
    );
    renderWithProviders(<ConfirmOnOpen />);
    expect(await screen.findByText('confirmed', {}, { timeout: 2000 })).toBeInTheDocument();
    expect(calls).toBe(2);
  });
});
