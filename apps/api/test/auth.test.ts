import { schema } from '@tessera/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, errorOf, lastMailTo, scriptClient, startTestApp, type TestApp } from './harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const password = 'correct horse battery staple';

describe('sign up', () => {
  it('makes the first account an admin, signs it in with a hardened cookie, and later accounts users', async () => {
    const first = browserClient(app);
    const { user } = await first.client.auth.signUp.mutate({ email: 'Ada@Example.com', password, name: 'Ada' });
    expect(user).toMatchObject({ email: 'ada@example.com', role: 'admin', emailVerified: false });
    expect(user).not.toHaveProperty('passwordHash');
    const cookie = first.setCookies.find((c) => c.startsWith(`${app.deps.config.auth.cookieName}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//i);
    expect((await first.client.auth.me.query())?.user.email).toBe('ada@example.com');

    const second = browserClient(app);
    const other = await second.client.auth.signUp.mutate({ email: 'bob@example.com', password, name: 'Bob' });
    expect(other.user.role).toBe('user');
  });

  it('refuses a duplicate email with a field error', async () => {
    const error = await errorOf(browserClient(app).client.auth.signUp.mutate({ email: 'ADA@example.com', password, name: 'Ada 2' }));
    expect(error.data.code).toBe('CONFLICT');
    expect(error.data.fieldErrors?.email?.[0]).toContain('already exists');
  });

  it('enforces the password policy with messages that say what to change', async () => {
    const { client } = browserClient(app);
    const short = await errorOf(client.auth.signUp.mutate({ email: 'p1@example.com', password: 'short', name: 'P' }));
    expect(short.data.fieldErrors?.password).toEqual(['Use at least 8 characters']);
    const common = await errorOf(client.auth.signUp.mutate({ email: 'p2@example.com', password: 'password123', name: 'P' }));
    expect(common.data.fieldErrors?.password?.[0]).toContain('too common');
    const same = await errorOf(client.auth.signUp.mutate({ email: 'carol.long@example.com', password: 'carol.long@example.com', name: 'P' }));
    expect(same.data.fieldErrors?.password?.join(' ')).toContain('email address');
    const long = await errorOf(client.auth.signUp.mutate({ email: 'p3@example.com', password: 'x'.repeat(129), name: 'P' }));
    expect(long.data.fieldErrors?.password).toEqual(['Use at most 128 characters']);
    const rejected = await app.deps.database.db.select().from(schema.users).where(sql`${schema.users.email} like 'p_@example.com'`);
    expect(rejected).toHaveLength(0);
  });

  it('ships a common-password list of at least 10,000 entries', async () => {
    const { commonPasswordCount } = await import('../src/platform/passwords');
    expect(await commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });
});

describe('email verification through the outbox', () => {
  it('verifies once with the mailed link, never twice', async () => {
    const browser = browserClient(app);
    await browser.client.auth.signUp.mutate({ email: 'dana@example.com', password, name: 'Dana' });
    const { message, token } = await lastMailTo(app, 'dana@example.com');
    expect(message?.kind).toBe('verify_email');
    expect(message?.text).toContain(`${app.deps.config.publicUrl}/verify-email?token=`);
    const { user } = await browser.client.auth.verifyEmail.mutate({ token: token! });
    expect(user.emailVerified).toBe(true);
    const again = await errorOf(browser.client.auth.verifyEmail.mutate({ token: token! }));
    expect(again.data.code).toBe('BAD_REQUEST');
    expect(again.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    const resend = await errorOf(browser.client.auth.resendVerification.mutate());
    expect(resend.message).toContain('already confirmed');
  });
});

describe('sign in, sessions and sign out', () => {
  it('gives scripts a bearer token and browsers a cookie, each a new session', async () => {
    const script = scriptClient(app);
    const signedIn = await script.auth.signIn.mutate({ email: 'bob@example.com', password, transport: 'bearer' });
    expect(signedIn.token).toEqual(expect.any(String));
    expect(signedIn.token!.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const bearer = scriptClient(app, signedIn.token!);
    expect((await bearer.auth.me.query())?.via).toBe('bearer');

    const browser = browserClient(app);
    const viaCookie = await browser.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    expect(viaCookie.token).toBeNull();
    const sessions = await browser.client.auth.sessions.list.query();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const current = sessions.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]!.device).toBe('Chrome on Linux');
  });

  it('stores only hashes of session tokens', async () => {
    const { token } = await scriptClient(app).auth.signIn.mutate({ email: 'bob@example.com', password, transport: 'bearer' });
    const raw = await app.deps.database.db.select().from(schema.sessions);
    expect(JSON.stringify(raw)).not.toContain(token!);
  });

  it('revokes another session, which stops working at once', async () => {
    const phone = browserClient(app, { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1' });
    await phone.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const laptop = browserClient(app);
    await laptop.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const list = await laptop.client.auth.sessions.list.query();
    const phoneSession = list.find((s) => s.device?.includes('iOS'))!;
    expect(phoneSession.device).toBe('Safari on iOS');
    await laptop.client.auth.sessions.revoke.mutate({ id: phoneSession.id });
    expect(await phone.client.auth.me.query()).toBeNull();
    const unknown = await errorOf(laptop.client.auth.sessions.revoke.mutate({ id: phoneSession.id }));
    expect(unknown.data.code).toBe('NOT_FOUND');
  });

  it('cannot revoke a session of someone else', async () => {
    const ada = browserClient(app);
    await ada.client.auth.signIn.mutate({ email: 'ada@example.com', password });
    const adaSession = (await ada.client.auth.sessions.list.query()).find((s) => s.current)!;
    const bob = browserClient(app);
    await bob.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const error = await errorOf(bob.client.auth.sessions.revoke.mutate({ id: adaSession.id }));
    expect(error.data.code).toBe('NOT_FOUND');
    expect((await ada.client.auth.me.query())?.user.email).toBe('ada@example.com');
  });

  it('signs out this device, and everywhere', async () => {
    const a = browserClient(app);
    const b = browserClient(app);
    await a.client.auth.signIn.mutate({ email: 'dana@example.com', password });
    await b.client.auth.signIn.mutate({ email: 'dana@example.com', password });
    await a.client.auth.signOut.mutate();
    expect(a.sessionCookie()).toBeUndefined();
    expect(await a.client.auth.me.query()).toBeNull();
    expect(await b.client.auth.me.query()).not.toBeNull();
    await a.client.auth.signIn.mutate({ email: 'dana@example.com', password });
    const { sessionsEnded } = await a.client.auth.signOutEverywhere.mutate();
    expect(sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(await b.client.auth.me.query()).toBeNull();
    expect(await a.client.auth.me.query()).toBeNull();
  });

  it('makes a cookie planted before sign-in useless after it', async () => {
    const browser = browserClient(app);
    browser.cookies.set(app.deps.config.auth.cookieName, 'planted-by-an-attacker-0123456789abcdefghijkl');
    expect(await browser.client.auth.me.query()).toBeNull();
    await browser.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    expect(browser.sessionCookie()).not.toBe('planted-by-an-attacker-0123456789abcdefghijkl');
    const attacker = browserClient(app);
    attacker.cookies.set(app.deps.config.auth.cookieName, 'planted-by-an-attacker-0123456789abcdefghijkl');
    expect(await attacker.client.auth.me.query()).toBeNull();
  });

  it('requires a session for account procedures', async () => {
    const anonymous = scriptClient(app);
    for (const call of [
      () => anonymous.auth.sessions.list.query(),
      () => anonymous.auth.tokens.list.query(),
      () => anonymous.auth.signOut.mutate(),
      () => anonymous.auth.updateProfile.mutate({ name: 'x' }),
    ]) {
      const error = await errorOf(call());
      expect(error.data.code).toBe('UNAUTHORIZED');
    }
  });
});

describe('profile and password', () => {
  it('updates the profile name', async () => {
    const { client } = browserClient(app);
    await client.auth.signIn.mutate({ email: 'dana@example.com', password });
    const { user } = await client.auth.updateProfile.mutate({ name: '  Dana Scully ' });
    expect(user.name).toBe('Dana Scully');
  });

  it('changes the password, ending every other session', async () => {
    const keep = browserClient(app);
    const other = browserClient(app);
    await keep.client.auth.signIn.mutate({ email: 'dana@example.com', password });
    await other.client.auth.signIn.mutate({ email: 'dana@example.com', password });
    const wrong = await errorOf(keep.client.auth.changePassword.mutate({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' }));
    expect(wrong.data.fieldErrors?.currentPassword).toEqual(['Your current password is incorrect.']);
    const result = await keep.client.auth.changePassword.mutate({ currentPassword: password, newPassword: 'a brand new passphrase' });
    expect(result.otherSessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await other.client.auth.me.query()).toBeNull();
    expect(await keep.client.auth.me.query()).not.toBeNull();
    const old = await errorOf(scriptClient(app).auth.signIn.mutate({ email: 'dana@example.com', password }));
    expect(old.data.code).toBe('UNAUTHORIZED');
    await scriptClient(app).auth.signIn.mutate({ email: 'dana@example.com', password: 'a brand new passphrase' });
  });
});

describe('password reset', () => {
  it('answers the same whether or not the account exists', async () => {
    const script = scriptClient(app);
    const known = await script.auth.requestPasswordReset.mutate({ email: 'bob@example.com' });
    const unknown = await script.auth.requestPasswordReset.mutate({ email: 'nobody@example.com' });
    expect(unknown).toEqual(known);
    expect((await lastMailTo(app, 'nobody@example.com')).message).toBeUndefined();
  });

  it('resets with the mailed single-use link and ends every session', async () => {
    const signedIn = browserClient(app);
    await signedIn.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    await scriptClient(app).auth.requestPasswordReset.mutate({ email: 'bob@example.com' });
    const { message, token } = await lastMailTo(app, 'bob@example.com');
    expect(message?.kind).toBe('reset_password');
    const tooCommon = await errorOf(scriptClient(app).auth.resetPassword.mutate({ token: token!, password: 'qwertyuiop' }));
    expect(tooCommon.data.fieldErrors?.password?.[0]).toContain('too common');
    await scriptClient(app).auth.resetPassword.mutate({ token: token!, password: 'bob has a new passphrase' });
    expect(await signedIn.client.auth.me.query()).toBeNull();
    const reused = await errorOf(scriptClient(app).auth.resetPassword.mutate({ token: token!, password: 'another new passphrase' }));
    expect(reused.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    const { user } = await scriptClient(app).auth.signIn.mutate({ email: 'bob@example.com', password: 'bob has a new passphrase' });
    expect(user.emailVerified).toBe(true);
    // Keep the shared fixture's password for the other tests.
    await scriptClient(app).auth.requestPasswordReset.mutate({ email: 'bob@example.com' });
    await scriptClient(app).auth.resetPassword.mutate({ token: (await lastMailTo(app, 'bob@example.com')).token!, password });
  });

  it('stores only hashes of email link tokens', async () => {
    await scriptClient(app).auth.requestPasswordReset.mutate({ email: 'bob@example.com' });
    const { token } = await lastMailTo(app, 'bob@example.com');
    const rows = await app.deps.database.db.select().from(schema.emailTokens);
    expect(JSON.stringify(rows)).not.toContain(token!);
  });
});

describe('personal access tokens', () => {
  it('creates a token shown once, usable from a script, listed without its secret, then revoked', async () => {
    const browser = browserClient(app);
    await browser.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const created = await browser.client.auth.tokens.create.mutate({ name: 'CI script', expiresInDays: 30 });
    expect(created.secret).toMatch(/^tsr_pat_/);
    const script = scriptClient(app, created.secret);
    const me = await script.auth.me.query();
    expect(me).toMatchObject({ via: 'token', user: { email: 'bob@example.com' } });
    const listed = await browser.client.auth.tokens.list.query();
    const entry = listed.find((t) => t.id === created.id)!;
    expect(entry).not.toHaveProperty('secret');
    expect(entry).not.toHaveProperty('tokenHash');
    expect(entry.prefix).toBe(created.secret.slice(0, 12));
    expect(entry.lastUsedAt).toBeInstanceOf(Date);
    const rows = await app.deps.database.db.select().from(schema.personalAccessTokens);
    expect(JSON.stringify(rows)).not.toContain(created.secret);

    const noNesting = await errorOf(script.auth.tokens.create.mutate({ name: 'nested' }));
    expect(noNesting.data.code).toBe('FORBIDDEN');

    await browser.client.auth.tokens.revoke.mutate({ id: created.id });
    expect(await script.auth.me.query()).toBeNull();
    const again = await errorOf(browser.client.auth.tokens.revoke.mutate({ id: created.id }));
    expect(again.data.code).toBe('NOT_FOUND');
  });

  it('rejects an expired token', async () => {
    const browser = browserClient(app);
    await browser.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const created = await browser.client.auth.tokens.create.mutate({ name: 'short-lived', expiresInDays: 1 });
    await app.deps.database.db
      .update(schema.personalAccessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.personalAccessTokens.id, created.id));
    expect(await scriptClient(app, created.secret).auth.me.query()).toBeNull();
  });

  it('validates token input', async () => {
    const browser = browserClient(app);
    await browser.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const error = await errorOf(browser.client.auth.tokens.create.mutate({ name: ' ', expiresInDays: 0 }));
    expect(error.data.fieldErrors).toMatchObject({ name: ['Name the token'], expiresInDays: ['At least 1 day'] });
  });
});

describe('security events', () => {
  it('shows users their own security events', async () => {
    const browser = browserClient(app);
    await browser.client.auth.signIn.mutate({ email: 'bob@example.com', password });
    const events = await browser.client.auth.securityEvents.query();
    const types = new Set(events.map((e) => e.type));
    for (const type of ['auth.sign_up', 'auth.sign_in', 'auth.session_revoked', 'auth.password_reset_requested', 'auth.password_reset', 'auth.token_created', 'auth.token_revoked']) {
      expect(types, type).toContain(type);
    }
  });
});
