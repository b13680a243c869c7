import { schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, errorOf, scriptClient, startTestApp, type TestApp } from './harness';

const password = 'correct horse battery staple';
let app: TestApp;
let admin: ReturnType<typeof browserClient>['client'];

beforeAll(async () => {
  app = await startTestApp();
  const first = browserClient(app);
  await first.client.auth.signUp.mutate({ email: 'root@example.com', password, name: 'Root Admin' });
  admin = first.client;
  // 30 more people, in a known order.
  for (let i = 1; i <= 30; i++) {
    await scriptClient(app).auth.signUp.mutate({ email: `person${String(i).padStart(2, '0')}@example.com`, password, name: i % 3 === 0 ? `Designer ${i}` : `Engineer ${i}` });
  }
});
afterAll(async () => {
  await app?.close();
});

describe('admin.users.list', () => {
  it('pages through everyone with a cursor and a total', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.admin.users.list.query({ limit: 7, cursor });
      expect(page.total).toBe(31);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(31);
    expect(seen[0]).toBe('person30@example.com'); // newest first
  });

  it('searches name and email, treating % and _ literally, and filters by role and status', async () => {
    const designers = await admin.admin.users.list.query({ search: 'designer' });
    expect(designers.total).toBe(10);
    expect((await admin.admin.users.list.query({ search: 'person0' })).total).toBe(9);
    expect((await admin.admin.users.list.query({ search: '%' })).total).toBe(0);
    expect((await admin.admin.users.list.query({ role: 'admin' })).items.map((u) => u.email)).toEqual(['root@example.com']);
    const target = designers.items[0]!;
    await admin.admin.users.setActive.mutate({ id: target.id, active: false });
    expect((await admin.admin.users.list.query({ status: 'deactivated' })).items.map((u) => u.id)).toEqual([target.id]);
    expect((await admin.admin.users.list.query({ status: 'active' })).total).toBe(30);
    await admin.admin.users.setActive.mutate({ id: target.id, active: true });
  });

  it('rejects a forged cursor with a field error', async () => {
    const error = await errorOf(admin.admin.users.list.query({ cursor: 'bm90LWEtY3Vyc29y' }));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.fieldErrors?.cursor).toBeDefined();
  });
});

describe('managing one user', () => {
  it("shows a user's sessions, tokens and audit events", async () => {
    const person = browserClient(app);
    await person.client.auth.signIn.mutate({ email: 'person01@example.com', password });
    await person.client.auth.tokens.create.mutate({ name: 'deploy' });
    const { items } = await admin.admin.users.list.query({ search: 'person01' });
    const detail = await admin.admin.users.get.query({ id: items[0]!.id });
    expect(detail.user.email).toBe('person01@example.com');
    expect(detail.sessions.length).toBeGreaterThanOrEqual(1);
    expect(detail.tokens.map((t) => t.name)).toEqual(['deploy']);
    expect(detail.events.map((e) => e.type)).toEqual(expect.arrayContaining(['auth.sign_up', 'auth.sign_in', 'auth.token_created']));
    expect(JSON.stringify(detail)).not.toMatch(/passwordHash|tokenHash/);
  });

  it('changes roles, audited, and never leaves the installation without an admin', async () => {
    const { items } = await admin.admin.users.list.query({ search: 'person02' });
    const id = items[0]!.id;
    const promoted = await admin.admin.users.setRole.mutate({ id, role: 'client' });
    expect(promoted.user.role).toBe('client');
    const me = await admin.auth.me.query();
    const demoteSelf = await errorOf(admin.admin.users.setRole.mutate({ id: me!.user.id, role: 'user' }));
    expect(demoteSelf.data.code).toBe('CONFLICT');
    expect(demoteSelf.message).toContain('last active admin');
    const deleteSelf = await errorOf(admin.admin.users.delete.mutate({ id: me!.user.id }));
    expect(deleteSelf.data.code).toBe('CONFLICT');
    const deactivateSelf = await errorOf(admin.admin.users.setActive.mutate({ id: me!.user.id, active: false }));
    expect(deactivateSelf.data.code).toBe('CONFLICT');
    // With a second admin the first may step down.
    await admin.admin.users.setRole.mutate({ id, role: 'admin' });
    await admin.admin.users.setRole.mutate({ id: me!.user.id, role: 'user' });
    const forbidden = await errorOf(admin.admin.users.list.query({}));
    expect(forbidden.data.code).toBe('FORBIDDEN');
    // The new admin restores the fixture.
    const second = browserClient(app);
    await second.client.auth.signIn.mutate({ email: 'person02@example.com', password });
    await second.client.admin.users.setRole.mutate({ id: me!.user.id, role: 'admin' });
    await admin.admin.users.setRole.mutate({ id, role: 'user' });
    const { items: events } = await admin.admin.audit.list.query({ type: 'admin.role_changed', userId: id });
    expect(events.map((e) => e.metadata)).toEqual(
      expect.arrayContaining([{ from: 'user', to: 'client' }, { from: 'client', to: 'admin' }, { from: 'admin', to: 'user' }]),
    );
    expect(events[0]!.actorEmail).toBe('root@example.com');
  });

  it('deletes a user with their sessions and tokens, keeping the audit trail', async () => {
    const person = browserClient(app);
    await person.client.auth.signIn.mutate({ email: 'person03@example.com', password });
    const { secret } = await person.client.auth.tokens.create.mutate({ name: 'gone soon' });
    const { items } = await admin.admin.users.list.query({ search: 'person03' });
    const id = items[0]!.id;
    await admin.admin.users.delete.mutate({ id });
    expect(await person.client.auth.me.query()).toBeNull();
    expect(await scriptClient(app, secret).auth.me.query()).toBeNull();
    const db = app.deps.database.db;
    expect(await db.select().from(schema.sessions).where(eq(schema.sessions.userId, id))).toHaveLength(0);
    expect(await db.select().from(schema.personalAccessTokens).where(eq(schema.personalAccessTokens.userId, id))).toHaveLength(0);
    const { items: trail } = await admin.admin.audit.list.query({ type: 'admin.user_deleted' });
    expect(trail[0]).toMatchObject({ targetEmail: 'person03@example.com', targetUserId: null, actorEmail: 'root@example.com' });
    expect((await errorOf(admin.admin.users.get.query({ id }))).data.code).toBe('NOT_FOUND');
    // The address is free again.
    await scriptClient(app).auth.signUp.mutate({ email: 'person03@example.com', password, name: 'Back again' });
  });
});

describe('audit log and outbox', () => {
  it('filters the audit log by type and date, newest first, with request ids', async () => {
    const all = await admin.admin.audit.list.query({ limit: 100 });
    const times = all.items.map((e) => e.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const signUps = await admin.admin.audit.list.query({ type: 'auth.sign_up', limit: 100 });
    expect(signUps.items.every((e) => e.type === 'auth.sign_up')).toBe(true);
    expect(signUps.items[0]!.requestId).toEqual(expect.any(String));
    const future = await admin.admin.audit.list.query({ from: new Date(Date.now() + 60_000) });
    expect(future.items).toHaveLength(0);
    const bad = await errorOf(admin.admin.audit.list.query({ from: new Date('2026-02-01'), to: new Date('2026-01-01') }));
    expect(bad.data.fieldErrors?.to).toBeDefined();
  });

  it('lists the outbox with the verification mails', async () => {
    const page = await admin.admin.mail.list.query({ limit: 5 });
    expect(page.transport).toBe('outbox');
    expect(page.items).toHaveLength(5);
    expect(page.items[0]!.subject).toContain('Confirm your email');
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});
