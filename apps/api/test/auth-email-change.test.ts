import { schema } from '@tessera/db';
import { usingPostgres } from '@tessera/db/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, errorOf, lastMailTo, movableClock, scriptClient, startTestApp, type TestApp } from './harness';

const hour = 60 * 60 * 1000;
const clock = movableClock();
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock });
});
afterAll(async () => {
  await app?.close();
});

const password = 'correct horse battery staple';
let serial = 0;

/** A fresh account signed in through a browser (cookie session). */
async function person(label: string) {
  const email = `${label}-${++serial}@example.com`;
  const browser = browserClient(app);
  const { user } = await browser.client.auth.signUp.mutate({ email, password, name: `${label[0]!.toUpperCase()}${label.slice(1)}` });
  return { ...browser, email, user };
}

async function auditOf(userId: string, type: string) {
  return app.deps.database.db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.targetUserId, userId), eq(schema.auditEvents.type, type)))
    .orderBy(asc(schema.auditEvents.createdAt));
}

async function emailOf(userId: string) {
  const [row] = await app.deps.database.db
    .select({ email: schema.users.email, emailVerifiedAt: schema.users.emailVerifiedAt })
    .from(schema.users)
    .where(eq(schema.users.id, userId));
  return row!;
}

describe('changing the email address', () => {
  it('mails a link to the new address and a notice to the old one, then moves the account there, confirmed', async () => {
    const erin = await person('erin');
    const newEmail = `erin-new-${serial}@example.com`;
    const { pendingEmail } = await erin.client.auth.requestEmailChange.mutate({ newEmail: `  ${newEmail.toUpperCase()} `, currentPassword: password });
    expect(pendingEmail).toBe(newEmail);
    // Nothing changes until the link is opened.
    expect((await erin.client.auth.me.query())?.user.email).toBe(erin.email);

    const confirmation = await lastMailTo(app, newEmail);
    expect(confirmation.message?.kind).toBe('change_email');
    expect(confirmation.message?.text).toContain(`${app.deps.config.publicUrl}/confirm-email-change?token=`);
    expect(confirmation.token).toBeDefined();
    const notice = await lastMailTo(app, erin.email);
    expect(notice.message?.kind).toBe('email_change_requested');
    expect(notice.message?.text).toContain(newEmail);
    expect(notice.message?.text).toContain('change your password');
    expect(notice.token).toBeUndefined(); // the old address gets no link that could act

    const rows = await app.deps.database.db.select().from(schema.emailTokens).where(eq(schema.emailTokens.userId, erin.user.id));
    expect(JSON.stringify(rows)).not.toContain(confirmation.token!);
    expect(rows.find((r) => r.purpose === 'change_email')?.newEmail).toBe(newEmail);

    // The link may be opened in another browser, signed out.
    const { user } = await scriptClient(app).auth.confirmEmailChange.mutate({ token: confirmation.token! });
    expect(user).toMatchObject({ id: erin.user.id, email: newEmail, emailVerified: true });
    expect(user).not.toHaveProperty('passwordHash');

    const me = await erin.client.auth.me.query();
    expect(me?.user).toMatchObject({ email: newEmail, emailVerified: true });

    const changed = await lastMailTo(app, erin.email);
    expect(changed.message?.kind).toBe('email_changed');
    expect(changed.message?.text).toContain(newEmail);

    await scriptClient(app).auth.signIn.mutate({ email: newEmail, password });
    const old = await errorOf(scriptClient(app).auth.signIn.mutate({ email: erin.email, password }));
    expect(old.data.code).toBe('UNAUTHORIZED');

    const requested = await auditOf(erin.user.id, 'auth.email_change_requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ actorId: erin.user.id, targetEmail: erin.email, metadata: { newEmail } });
    const done = await auditOf(erin.user.id, 'auth.email_changed');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ actorId: erin.user.id, targetEmail: newEmail, metadata: { from: erin.email, to: newEmail } });
    const events = await erin.client.auth.securityEvents.query();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['auth.email_change_requested', 'auth.email_changed']));
  });

  it('uses a link only once', async () => {
    const fay = await person('fay');
    const newEmail = `fay-new-${serial}@example.com`;
    await fay.client.auth.requestEmailChange.mutate({ newEmail, currentPassword: password });
    const { token } = await lastMailTo(app, newEmail);
    await scriptClient(app).auth.confirmEmailChange.mutate({ token: token! });
    const again = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: token! }));
    expect(again.data.code).toBe('BAD_REQUEST');
    expect(again.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    expect(await auditOf(fay.user.id, 'auth.email_changed')).toHaveLength(1);
  });

  it('stops links mailed to the old address (a password reset) once the address changed', async () => {
    const gus = await person('gus');
    await scriptClient(app).auth.requestPasswordReset.mutate({ email: gus.email });
    const reset = await lastMailTo(app, gus.email);
    expect(reset.message?.kind).toBe('reset_password');
    const newEmail = `gus-new-${serial}@example.com`;
    await gus.client.auth.requestEmailChange.mutate({ newEmail, currentPassword: password });
    await scriptClient(app).auth.confirmEmailChange.mutate({ token: (await lastMailTo(app, newEmail)).token! });
    const stale = await errorOf(scriptClient(app).auth.resetPassword.mutate({ token: reset.token!, password: 'somebody else took over' }));
    expect(stale.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
  });

  it('refuses a wrong password, the same address and an address of another account, with field errors and nothing sent', async () => {
    const hal = await person('hal');
    const other = await person('ivy');
    const mailBefore = await app.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.mailOutbox);

    const wrong = await errorOf(hal.client.auth.requestEmailChange.mutate({ newEmail: `hal-x-${serial}@example.com`, currentPassword: 'not my password' }));
    expect(wrong.data.code).toBe('BAD_REQUEST');
    expect(wrong.data.fieldErrors?.currentPassword).toEqual(['Your current password is incorrect.']);

    const same = await errorOf(hal.client.auth.requestEmailChange.mutate({ newEmail: hal.email.toUpperCase(), currentPassword: password }));
    expect(same.data.code).toBe('BAD_REQUEST');
    expect(same.data.fieldErrors?.newEmail?.[0]).toContain('already your email address');

    const taken = await errorOf(hal.client.auth.requestEmailChange.mutate({ newEmail: other.email, currentPassword: password }));
    expect(taken.data.code).toBe('CONFLICT');
    expect(taken.data.fieldErrors?.newEmail?.[0]).toContain('Another account already uses');

    const mailAfter = await app.deps.database.db.select({ n: sql<number>`count(*)::int` }).from(schema.mailOutbox);
    expect(mailAfter[0]!.n).toBe(mailBefore[0]!.n);
    expect(await auditOf(hal.user.id, 'auth.email_change_requested')).toHaveLength(0);
    const tokens = await app.deps.database.db
      .select()
      .from(schema.emailTokens)
      .where(and(eq(schema.emailTokens.userId, hal.user.id), eq(schema.emailTokens.purpose, 'change_email')));
    expect(tokens).toHaveLength(0);
  });

  it('tells an account without a password how to get one', async () => {
    const jo = await person('jo');
    await app.deps.database.db.update(schema.users).set({ passwordHash: null }).where(eq(schema.users.id, jo.user.id));
    const error = await errorOf(jo.client.auth.requestEmailChange.mutate({ newEmail: `jo-x-${serial}@example.com`, currentPassword: 'anything at all' }));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.fieldErrors?.currentPassword?.[0]).toContain('Forgot password?');
  });

  it('validates input with typed field errors', async () => {
    const kit = await person('kit');
    const bad = await errorOf(kit.client.auth.requestEmailChange.mutate({ newEmail: 'not an email', currentPassword: '' }));
    expect(bad.data.code).toBe('BAD_REQUEST');
    expect(bad.data.fieldErrors).toMatchObject({ newEmail: ['Enter a valid email address'], currentPassword: ['Password is required'] });
    const long = await errorOf(kit.client.auth.requestEmailChange.mutate({ newEmail: `${'a'.repeat(250)}@example.com`, currentPassword: password }));
    expect(long.data.fieldErrors?.newEmail?.[0]).toContain('at most 254');
    // @ts-expect-error: the token is required
    const missing = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({}));
    expect(missing.data.code).toBe('BAD_REQUEST');
    expect(missing.data.fieldErrors?.token).toEqual(['The link is incomplete']);
    const short = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: 'short' }));
    expect(short.data.fieldErrors?.token).toEqual(['The link is incomplete']);
    const unknown = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: 'x'.repeat(43) }));
    expect(unknown.data.code).toBe('BAD_REQUEST');
    expect(unknown.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    expect((await emailOf(kit.user.id)).email).toBe(kit.email);
  });

  it('needs a session: signed out is UNAUTHORIZED, a personal access token is FORBIDDEN', async () => {
    const anonymous = await errorOf(scriptClient(app).auth.requestEmailChange.mutate({ newEmail: 'someone@example.com', currentPassword: password }));
    expect(anonymous.data.code).toBe('UNAUTHORIZED');

    const lee = await person('lee');
    const { secret } = await lee.client.auth.tokens.create.mutate({ name: 'script' });
    const viaToken = await errorOf(scriptClient(app, secret).auth.requestEmailChange.mutate({ newEmail: `lee-x-${serial}@example.com`, currentPassword: password }));
    expect(viaToken.data.code).toBe('FORBIDDEN');
    expect(await auditOf(lee.user.id, 'auth.email_change_requested')).toHaveLength(0);

    // A bearer session (a script that signed in with the password) is a session: allowed.
    const { token } = await scriptClient(app).auth.signIn.mutate({ email: lee.email, password, transport: 'bearer' });
    const { pendingEmail } = await scriptClient(app, token!).auth.requestEmailChange.mutate({ newEmail: `lee-y-${serial}@example.com`, currentPassword: password });
    expect(pendingEmail).toBe(`lee-y-${serial}@example.com`);
  });

  it('makes a second request replace the first link', async () => {
    const max = await person('max');
    const first = `max-first-${serial}@example.com`;
    const second = `max-second-${serial}@example.com`;
    await max.client.auth.requestEmailChange.mutate({ newEmail: first, currentPassword: password });
    const firstLink = (await lastMailTo(app, first)).token!;
    await max.client.auth.requestEmailChange.mutate({ newEmail: second, currentPassword: password });
    const secondLink = (await lastMailTo(app, second)).token!;
    const stale = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: firstLink }));
    expect(stale.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    expect((await emailOf(max.user.id)).email).toBe(max.email);
    const { user } = await scriptClient(app).auth.confirmEmailChange.mutate({ token: secondLink });
    expect(user.email).toBe(second);
    expect(await auditOf(max.user.id, 'auth.email_change_requested')).toHaveLength(2);
  });

  it('shows the pending change to its owner only, and a cancelled change leaves a dead link', async () => {
    const olga = await person('olga');
    const other = await person('other');
    expect(await olga.client.auth.pendingEmailChange.query()).toBeNull();
    const newEmail = `olga-new-${serial}@example.com`;
    await olga.client.auth.requestEmailChange.mutate({ newEmail, currentPassword: password });
    const pending = await olga.client.auth.pendingEmailChange.query();
    expect(pending).toMatchObject({ newEmail });
    expect(pending!.expiresAt.getTime() - pending!.requestedAt.getTime()).toBe(24 * hour);
    expect(await other.client.auth.pendingEmailChange.query()).toBeNull();
    expect(await errorOf(scriptClient(app).auth.pendingEmailChange.query())).toMatchObject({ data: { code: 'UNAUTHORIZED' } });

    const link = (await lastMailTo(app, newEmail)).token!;
    expect(await olga.client.auth.cancelEmailChange.mutate()).toEqual({ cancelled: true });
    expect(await olga.client.auth.cancelEmailChange.mutate()).toEqual({ cancelled: false });
    expect(await olga.client.auth.pendingEmailChange.query()).toBeNull();
    const dead = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: link }));
    expect(dead.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    expect((await emailOf(olga.user.id)).email).toBe(olga.email);
  });

  it('stops showing a change whose link expired', async () => {
    const pia = await person('pia');
    await pia.client.auth.requestEmailChange.mutate({ newEmail: `pia-new-${serial}@example.com`, currentPassword: password });
    expect(await pia.client.auth.pendingEmailChange.query()).not.toBeNull();
    clock.advance(24 * hour + 1000);
    expect(await pia.client.auth.pendingEmailChange.query()).toBeNull();
  });

  it('refuses a link older than 24 hours', async () => {
    const ned = await person('ned');
    const newEmail = `ned-new-${serial}@example.com`;
    await ned.client.auth.requestEmailChange.mutate({ newEmail, currentPassword: password });
    const { token } = await lastMailTo(app, newEmail);
    clock.advance(24 * hour + 60_000);
    const expired = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: token! }));
    expect(expired.data.code).toBe('BAD_REQUEST');
    expect(expired.data.fieldErrors?.token?.[0]).toContain('expired or was already used');
    expect((await emailOf(ned.user.id)).email).toBe(ned.email);
    expect(await auditOf(ned.user.id, 'auth.email_changed')).toHaveLength(0);
  });

  it('refuses the change when someone signed up with the address after the request, changing nothing', async () => {
    const olive = await person('olive');
    const newEmail = `olive-new-${serial}@example.com`;
    await olive.client.auth.requestEmailChange.mutate({ newEmail, currentPassword: password });
    const { token } = await lastMailTo(app, newEmail);
    await browserClient(app).client.auth.signUp.mutate({ email: newEmail, password, name: 'Squatter' });
    const error = await errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: token! }));
    expect(error.data.code).toBe('CONFLICT');
    expect(error.data.fieldErrors?.token?.[0]).toContain('was not changed');
    const row = await emailOf(olive.user.id);
    expect(row.email).toBe(olive.email);
    expect(row.emailVerifiedAt).toBeNull();
    expect(await auditOf(olive.user.id, 'auth.email_changed')).toHaveLength(0);
    expect((await lastMailTo(app, olive.email)).message?.kind).toBe('email_change_requested'); // no "changed" notice
  });

  it.skipIf(!usingPostgres)('answers a field error, not a 500, when another transaction takes the address during the confirmation', async () => {
    const pia = await person('pia');
    const newEmail = `pia-new-${serial}@example.com`;
    await pia.client.auth.requestEmailChange.mutate({ newEmail, currentPassword: password });
    const { token } = await lastMailTo(app, newEmail);
    const { db } = app.deps.database;
    const race: { confirming?: ReturnType<typeof errorOf> } = {};
    // A writer that skips the sign-up lock (as a direct insert would) holds the address, uncommitted,
    // while the confirmation runs: the confirmation's check cannot see it and its update waits on the
    // unique index until this commits, then fails with a unique violation.
    await db.transaction(async (tx) => {
      await tx.insert(schema.users).values({ email: newEmail, name: 'Racer', passwordHash: null });
      race.confirming = errorOf(scriptClient(app).auth.confirmEmailChange.mutate({ token: token! }));
      await expect
        .poll(async () => {
          const [waiting] = await db
            .select({ n: sql<number>`count(*)::int` })
            .from(sql`pg_stat_activity`)
            .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
          return waiting?.n ?? 0;
        }, { timeout: 10_000 })
        .toBeGreaterThan(0);
    });
    if (!race.confirming) throw new Error('the confirmation did not start');
    const error = await race.confirming;
    expect(error.data.code).toBe('CONFLICT');
    expect(error.data.fieldErrors?.token?.[0]).toContain('was not changed');
    expect((await emailOf(pia.user.id)).email).toBe(pia.email);
    expect(await auditOf(pia.user.id, 'auth.email_changed')).toHaveLength(0);
  });
});
