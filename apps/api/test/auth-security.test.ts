import { schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router';
import {
  browserClient,
  errorOf,
  movableClock,
  scriptClient,
  startTestApp,
  type TestApp,
} from './harness';

const password = 'correct horse battery staple';
const hour = 60 * 60 * 1000;
const clock = movableClock(new Date('2026-03-01T09:00:00Z'));

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    clock,
    env: { SESSION_IDLE_TIMEOUT_DAYS: '1', SESSION_MAX_AGE_DAYS: '3', LOCKOUT_THRESHOLD: '5', LOCKOUT_MINUTES: '15' },
  });
  // admin (first account), then a user and a client.
  await scriptClient(app).auth.signUp.mutate({ email: 'admin@example.com', password, name: 'Admin' });
  await scriptClient(app).auth.signUp.mutate({ email: 'user@example.com', password, name: 'User' });
  await scriptClient(app).auth.signUp.mutate({ email: 'client@example.com', password, name: 'Client' });
  await app.deps.database.db.update(schema.users).set({ role: 'client' }).where(eq(schema.users.email, 'client@example.com'));
});
afterAll(async () => {
  await app?.close();
});

async function signedIn(email: string) {
  const browser = browserClient(app);
  await browser.client.auth.signIn.mutate({ email, password });
  return browser;
}

describe('account lockout', () => {
  it('locks after 5 failures in 15 minutes, says until when, and unlocks after 15 minutes', async () => {
    await scriptClient(app).auth.signUp.mutate({ email: 'locked@example.com', password, name: 'L' });
    const script = scriptClient(app);
    for (let i = 0; i < 4; i++) {
      const error = await errorOf(script.auth.signIn.mutate({ email: 'locked@example.com', password: `wrong ${i}` }));
      expect(error.data.code).toBe('UNAUTHORIZED');
    }
    const fifth = await errorOf(script.auth.signIn.mutate({ email: 'locked@example.com', password: 'wrong 5' }));
    expect(fifth.data.code).toBe('TOO_MANY_REQUESTS');
    expect(fifth.message).toMatch(/locked until \d\d:\d\d UTC \(about 15 minutes\)/);
    // Even the right password is refused while locked.
    const locked = await errorOf(script.auth.signIn.mutate({ email: 'locked@example.com', password }));
    expect(locked.data.code).toBe('TOO_MANY_REQUESTS');
    clock.advance(14 * 60_000);
    expect((await errorOf(script.auth.signIn.mutate({ email: 'locked@example.com', password }))).data.code).toBe('TOO_MANY_REQUESTS');
    clock.advance(61_000);
    const { user } = await script.auth.signIn.mutate({ email: 'locked@example.com', password });
    expect(user.email).toBe('locked@example.com');
    const events = await app.deps.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.type, 'auth.locked_out'));
    expect(events.some((e) => e.targetEmail === 'locked@example.com')).toBe(true);
  });

  it('forgets old failures once the 15-minute window has passed', async () => {
    const script = scriptClient(app);
    for (let i = 0; i < 4; i++) await errorOf(script.auth.signIn.mutate({ email: 'user@example.com', password: 'nope nope' }));
    clock.advance(16 * 60_000);
    const next = await errorOf(script.auth.signIn.mutate({ email: 'user@example.com', password: 'nope nope' }));
    expect(next.data.code).toBe('UNAUTHORIZED');
    await script.auth.signIn.mutate({ email: 'user@example.com', password });
  });
});

describe('no user enumeration', () => {
  it('answers an unknown email exactly like a wrong password, in similar time', async () => {
    const script = scriptClient(app);
    const unknown = await errorOf(script.auth.signIn.mutate({ email: 'ghost@example.com', password: 'whatever it is' }));
    const wrong = await errorOf(script.auth.signIn.mutate({ email: 'client@example.com', password: 'whatever it is' }));
    expect(unknown.data.code).toBe(wrong.data.code);
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.data.httpStatus).toBe(wrong.data.httpStatus);

    const time = async (email: string) => {
      const started = performance.now();
      await errorOf(script.auth.signIn.mutate({ email, password: 'timing probe' }));
      return performance.now() - started;
    };
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      unknownTimes.push(await time(`ghost${i}@example.com`));
      wrongTimes.push(await time('admin@example.com'));
    }
    clock.advance(16 * 60_000); // let admin@'s failure window lapse
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const ratio = median(unknownTimes) / median(wrongTimes);
    // Both paths run one argon2id verification: within a factor of two of each other.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('CSRF: cookie-authenticated mutations need an allowed Origin', () => {
  const body = JSON.stringify({ json: { name: 'Pwned' } });
  const variants: { type: string; body: string | FormData }[] = [
    { type: 'application/json', body },
    { type: 'text/plain', body },
    { type: 'multipart/form-data', body: '' },
  ];

  it('refuses foreign, null and absent origins for every content type', async () => {
    const browser = await signedIn('user@example.com');
    const cookie = `${app.deps.config.auth.cookieName}=${browser.sessionCookie()}`;
    for (const origin of ['https://evil.example', 'null', undefined]) {
      for (const variant of variants) {
        const headers: Record<string, string> = { cookie };
        if (origin) headers.origin = origin;
        let payload: string | FormData = variant.body;
        if (variant.type === 'multipart/form-data') {
          const form = new FormData();
          form.set('name', 'Pwned');
          payload = form;
        } else {
          headers['content-type'] = variant.type;
        }
        const res = await fetch(`${app.url}/trpc/auth.updateProfile`, { method: 'POST', headers, body: payload });
        expect(res.status, `${origin ?? 'absent'} × ${variant.type}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      }
    }
    expect((await browser.client.auth.me.query())?.user.name).toBe('User');
  });

  it('accepts the app origin', async () => {
    const browser = await signedIn('user@example.com');
    const res = await fetch(`${app.url}/trpc/auth.updateProfile`, {
      method: 'POST',
      headers: {
        cookie: `${app.deps.config.auth.cookieName}=${browser.sessionCookie()}`,
        origin: app.deps.config.publicUrl,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ json: { name: 'User' } }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign page signing a visitor into an account (login CSRF)', async () => {
    const res = await fetch(`${app.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: 'user@example.com', password } }),
    });
    expect(res.status).toBe(403);
  });

  it('lets scripts without cookies or Origin use bearer tokens', async () => {
    const { token } = await scriptClient(app).auth.signIn.mutate({ email: 'user@example.com', password, transport: 'bearer' });
    const result = await scriptClient(app, token!).auth.updateProfile.mutate({ name: 'User' });
    expect(result.user.name).toBe('User');
  });
});

describe('sessions expire', () => {
  it('rejects a session idle for longer than the idle timeout', async () => {
    const browser = await signedIn('client@example.com');
    clock.advance(23 * hour);
    expect(await browser.client.auth.me.query()).not.toBeNull();
    clock.advance(23 * hour); // active 23 h ago: still fine
    expect(await browser.client.auth.me.query()).not.toBeNull();
    clock.advance(25 * hour);
    expect(await browser.client.auth.me.query()).toBeNull();
  });

  it('rejects a session past its absolute lifetime even when active', async () => {
    const browser = await signedIn('client@example.com');
    for (let i = 0; i < 3; i++) {
      clock.advance(20 * hour);
      expect(await browser.client.auth.me.query()).not.toBeNull();
    }
    clock.advance(20 * hour); // 80 h > 3 days
    expect(await browser.client.auth.me.query()).toBeNull();
  });

  it('rejects a session whose sliding expiry has passed', async () => {
    const browser = await signedIn('client@example.com');
    await app.deps.database.db.update(schema.sessions).set({ expiresAt: new Date(clock().getTime() - 1000) });
    expect(await browser.client.auth.me.query()).toBeNull();
    expect(browser.sessionCookie()).toBeUndefined(); // the dead cookie was cleared
  });
});

describe('deactivation', () => {
  it('ends sessions, stops tokens and refuses sign-in until reactivated', async () => {
    await scriptClient(app).auth.signUp.mutate({ email: 'leaver@example.com', password, name: 'Leaver' });
    const leaver = await signedIn('leaver@example.com');
    const { secret } = await leaver.client.auth.tokens.create.mutate({ name: 'script' });
    const admin = await signedIn('admin@example.com');
    const { items } = await admin.client.admin.users.list.query({ search: 'leaver' });
    const result = await admin.client.admin.users.setActive.mutate({ id: items[0]!.id, active: false });
    expect(result.sessionsEnded).toBeGreaterThanOrEqual(1); // the sign-up session and this one
    expect(await leaver.client.auth.me.query()).toBeNull();
    expect(await scriptClient(app, secret).auth.me.query()).toBeNull();
    const refused = await errorOf(scriptClient(app).auth.signIn.mutate({ email: 'leaver@example.com', password }));
    expect(refused.data.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('deactivated');
    await admin.client.admin.users.setActive.mutate({ id: items[0]!.id, active: true });
    await scriptClient(app).auth.signIn.mutate({ email: 'leaver@example.com', password });
  });
});

describe('batched calls count one by one against rate limits', () => {
  it('treats 15 sign-ins in one HTTP request as 15 attempts', async () => {
    const limited = await startTestApp({ env: { AUTH_SIGN_IN_LIMIT: '10' } });
    try {
      const batch = scriptClient(limited, undefined, true);
      const results = await Promise.allSettled(
        Array.from({ length: 15 }, (_, i) => batch.auth.signIn.mutate({ email: `probe${i}@example.com`, password: 'guessing game' })),
      );
      const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { data: { code: string } }).data.code : 'OK'));
      expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(10);
      expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(5);
    } finally {
      await limited.close();
    }
  });
});

describe('secrets never reach the logs', () => {
  it('logs no password, hash, session token or access token', async () => {
    const sentinelPassword = 'sentinel-Password-7f3a9c';
    const browser = browserClient(app);
    await browser.client.auth.signUp.mutate({ email: 'sentinel@example.com', password: sentinelPassword, name: 'S' });
    const { token } = await scriptClient(app).auth.signIn.mutate({ email: 'sentinel@example.com', password: sentinelPassword, transport: 'bearer' });
    await errorOf(scriptClient(app).auth.signIn.mutate({ email: 'sentinel@example.com', password: `${sentinelPassword}-wrong` }));
    const pat = await browser.client.auth.tokens.create.mutate({ name: 'sentinel' });
    await scriptClient(app, pat.secret).auth.me.query();
    await scriptClient(app, token!).auth.me.query();
    const [row] = await app.deps.database.db.select({ hash: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.email, 'sentinel@example.com'));
    const logs = app.logs.text;
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [sentinelPassword, token!, pat.secret, row!.hash!, browser.sessionCookie()!]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('role matrix for admin procedures', () => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const QUEUE = 'notifications.email';
  const inputs: Record<string, { kind: 'query' | 'mutation'; input: unknown }> = {
    'admin.users.list': { kind: 'query', input: {} },
    'admin.users.get': { kind: 'query', input: { id: someId } },
    'admin.users.setRole': { kind: 'mutation', input: { id: someId, role: 'user' } },
    'admin.users.setActive': { kind: 'mutation', input: { id: someId, active: true } },
    'admin.users.delete': { kind: 'mutation', input: { id: someId } },
    'admin.audit.list': { kind: 'query', input: {} },
    'admin.mail.list': { kind: 'query', input: {} },
    'admin.queues.list': { kind: 'query', input: undefined },
    'admin.queues.failed': { kind: 'query', input: { queue: QUEUE } },
    'admin.queues.retry': { kind: 'mutation', input: { queue: QUEUE, id: someId } },
  };

  it('covers every admin procedure', () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('admin.'));
    expect(procedures.sort()).toEqual(Object.keys(inputs).sort());
  });

  it('answers anonymous UNAUTHORIZED, user and client FORBIDDEN, admin allowed', async () => {
    const callers = {
      anonymous: scriptClient(app),
      user: (await signedIn('user@example.com')).client,
      client: (await signedIn('client@example.com')).client,
      admin: (await signedIn('admin@example.com')).client,
    };
    for (const [path, { kind, input }] of Object.entries(inputs)) {
      for (const [who, caller] of Object.entries(callers)) {
        // Walk the typed client by path; the role matrix is about answers, not types.
        type Callable = { query: (input: unknown) => Promise<unknown>; mutate: (input: unknown) => Promise<unknown> };
        const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Callable;
        const outcome = await (kind === 'query' ? procedure.query(input) : procedure.mutate(input)).then(
          () => 'OK',
          (e: { data?: { code: string } }) => e.data?.code ?? 'NO_DATA',
        );
        const expected = { anonymous: ['UNAUTHORIZED'], user: ['FORBIDDEN'], client: ['FORBIDDEN'], admin: ['OK', 'NOT_FOUND'] }[who]!;
        expect(expected, `${who} → ${path} answered ${outcome}`).toContain(outcome);
      }
    }
  });
});
