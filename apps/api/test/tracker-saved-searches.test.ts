import { schema } from '@tessera/db';
import { maxSavedSearches } from '@tessera/validation/tracker';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestApp, type TestApp } from './harness';
import { sleep, waitFor } from './realtime-helpers';
import { recordEvents, signedInPerson, type TrackerClient } from './tracker-helpers';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { QUEUE_POLL_SECONDS: '0.5' } });
});
afterAll(async () => {
  await app?.close();
});

const job = (overrides: Record<string, unknown> = {}) => ({
  title: 'Rust Engineer',
  company: 'Ferrous',
  location: 'Berlin',
  remote: 'remote' as const,
  jobType: 'full_time' as const,
  salaryMin: 70_000,
  salaryMax: 90_000,
  techStack: ['Rust', 'Postgres'],
  postedAt: '2026-03-01',
  ...overrides,
});

/** A remote Rust search: what the jobs list shows for `?remote=remote&tech=rust`. */
const remoteRust = { remote: ['remote' as const], techAny: ['rust'] };

const notificationsOf = (userId: string) =>
  app.database.db
    .select()
    .from(schema.notifications)
    .where(eq(schema.notifications.userId, userId))
    .orderBy(asc(schema.notifications.createdAt), asc(schema.notifications.id));

const matchQueue = 'tracker.saved_search_match';
const createQueue = 'notifications.create';

async function queueTotals() {
  const overview = await app.deps.queue.overview();
  const of = (name: string) => overview.find((q) => q.name === name)!;
  return { match: of(matchQueue), create: of(createQueue) };
}

/**
 * Wait until `matchJobs` more match jobs than `before` exist and nothing is waiting or running in
 * the match and notification-create queues: after that, a notification that is not there never comes.
 */
async function settled(before: number, matchJobs: number) {
  await waitFor(
    async () => {
      const { match, create } = await queueTotals();
      const idle = (q: typeof match) => q.ready + q.active + q.deferred === 0;
      return match.total >= before + matchJobs && idle(match) && idle(create);
    },
    10_000,
    'the match and notification queues to drain',
  );
}

describe('tracker.savedSearches CRUD', () => {
  let me: TrackerClient;
  let other: TrackerClient;

  beforeAll(async () => {
    me = (await signedInPerson(app, 'Saver')).client;
    other = (await signedInPerson(app, 'Other')).client;
  });

  it('creates, lists (by name), renames, toggles notify, changes filters and deletes', async () => {
    expect(await me.tracker.savedSearches.list.query()).toEqual({ items: [], total: 0, max: maxSavedSearches });
    const created = await me.tracker.savedSearches.create.mutate({
      name: '  Remote Rust  ',
      filters: { ...remoteRust, salaryFrom: 60_000, from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-06-30T23:59:59.999Z') },
    });
    expect(created).toMatchObject({ name: 'Remote Rust', notify: true, lastMatchedAt: null });
    expect(created.filters).toEqual({
      remote: ['remote'],
      techAny: ['rust'],
      salaryFrom: 60_000,
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-06-30T23:59:59.999Z'),
      deleted: false,
    });
    // Stored as the person chose it: no defaults, no unknown keys (the list's `sort` is not a filter).
    const [stored] = await app.database.db.select().from(schema.trackerSavedSearches).where(eq(schema.trackerSavedSearches.id, created.id));
    expect(stored!.filters).toEqual({ remote: ['remote'], techAny: ['rust'], salaryFrom: 60_000, from: '2026-01-01T00:00:00.000Z', to: '2026-06-30T23:59:59.999Z' });

    await me.tracker.savedSearches.create.mutate({ name: 'berlin', filters: { location: 'Berlin' }, notify: false });
    expect((await me.tracker.savedSearches.list.query()).items.map((s) => [s.name, s.notify])).toEqual([
      ['berlin', false],
      ['Remote Rust', true],
    ]);

    const renamed = await me.tracker.savedSearches.update.mutate({ id: created.id, changes: { name: 'Rust anywhere' } });
    expect(renamed).toMatchObject({ name: 'Rust anywhere', notify: true, filters: { techAny: ['rust'] } });
    const muted = await me.tracker.savedSearches.update.mutate({ id: created.id, changes: { notify: false } });
    expect(muted).toMatchObject({ name: 'Rust anywhere', notify: false });
    const refiltered = await me.tracker.savedSearches.update.mutate({ id: created.id, changes: { filters: { techAll: ['rust', 'wasm'] } } });
    expect(refiltered.filters).toEqual({ techAll: ['rust', 'wasm'], deleted: false });

    expect(await me.tracker.savedSearches.delete.mutate({ id: created.id })).toEqual({ id: created.id, deleted: true });
    expect((await me.tracker.savedSearches.list.query()).items.map((s) => s.name)).toEqual(['berlin']);
    const again = await errorOf(me.tracker.savedSearches.delete.mutate({ id: created.id }));
    expect(again.data.code).toBe('NOT_FOUND');
  });

  it('answers bad input with field errors and writes nothing', async () => {
    const empty = await errorOf(me.tracker.savedSearches.create.mutate({ name: '   ', filters: {} }));
    expect(empty.data.code).toBe('BAD_REQUEST');
    expect(empty.data.fieldErrors?.name).toEqual(['Give the search a name']);
    const long = await errorOf(me.tracker.savedSearches.create.mutate({ name: 'x'.repeat(81), filters: {} }));
    expect(long.data.fieldErrors?.name).toBeDefined();
    const backwards = await errorOf(
      me.tracker.savedSearches.create.mutate({ name: 'Backwards', filters: { from: new Date('2026-02-01'), to: new Date('2026-01-01') } }),
    );
    expect(backwards.data.code).toBe('BAD_REQUEST');
    expect(backwards.data.fieldErrors?.['filters.to']).toBeDefined();
    const negative = await errorOf(me.tracker.savedSearches.create.mutate({ name: 'Negative', filters: { salaryFrom: -1 } }));
    expect(negative.data.fieldErrors?.['filters.salaryFrom']).toBeDefined();
    const badRemote = await errorOf(me.tracker.savedSearches.create.mutate({ name: 'Mars', filters: { remote: ['mars' as never] } }));
    expect(badRemote.data.fieldErrors?.['filters.remote.0']).toBeDefined();

    const mine = await me.tracker.savedSearches.create.mutate({ name: 'Frontend', filters: { search: 'react' } });
    const nothing = await errorOf(me.tracker.savedSearches.update.mutate({ id: mine.id, changes: {} }));
    expect(nothing.data.code).toBe('BAD_REQUEST');
    expect(nothing.data.fieldErrors?.changes).toEqual(['Change at least one of name, filters or notify']);
    const badId = await errorOf(me.tracker.savedSearches.delete.mutate({ id: 'not-an-id' }));
    expect(badId.data.fieldErrors?.id).toBeDefined();

    // Names are unique per person, whatever the case; another person may use the same name.
    const taken = await errorOf(me.tracker.savedSearches.create.mutate({ name: 'FRONTEND', filters: {} }));
    expect(taken.data.code).toBe('CONFLICT');
    expect(taken.data.fieldErrors?.name?.[0]).toContain('already have a saved search called "FRONTEND"');
    const berlin = (await me.tracker.savedSearches.list.query()).items.find((s) => s.name === 'berlin')!;
    const renameTaken = await errorOf(me.tracker.savedSearches.update.mutate({ id: berlin.id, changes: { name: 'frontend', notify: true } }));
    expect(renameTaken.data.code).toBe('CONFLICT');
    expect(renameTaken.data.fieldErrors?.name).toBeDefined();
    // The failed update changed nothing, not even the notify flag sent with the name.
    expect((await me.tracker.savedSearches.list.query()).items.find((s) => s.id === berlin.id)).toMatchObject({ name: 'berlin', notify: false });
    // Renaming to its own name in another case is fine.
    expect((await me.tracker.savedSearches.update.mutate({ id: mine.id, changes: { name: 'FrontEnd' } })).name).toBe('FrontEnd');
    await other.tracker.savedSearches.create.mutate({ name: 'Frontend', filters: {} });
    expect((await me.tracker.savedSearches.list.query()).total).toBe(2);
  });

  it('hides every search from other people: NOT_FOUND for update and delete, absent from list', async () => {
    const mine = await me.tracker.savedSearches.create.mutate({ name: 'Private', filters: { location: 'Lisbon' } });
    expect((await other.tracker.savedSearches.list.query()).items.map((s) => s.id)).not.toContain(mine.id);
    const update = await errorOf(other.tracker.savedSearches.update.mutate({ id: mine.id, changes: { name: 'Mine now' } }));
    expect(update.data.code).toBe('NOT_FOUND');
    expect(update.message).toBe('Saved search not found.');
    const remove = await errorOf(other.tracker.savedSearches.delete.mutate({ id: mine.id }));
    expect(remove.data.code).toBe('NOT_FOUND');
    const missing = await errorOf(me.tracker.savedSearches.update.mutate({ id: '00000000-0000-4000-8000-000000000000', changes: { notify: true } }));
    expect(missing.data.code).toBe('NOT_FOUND');
    expect((await me.tracker.savedSearches.list.query()).items.find((s) => s.id === mine.id)).toMatchObject({ name: 'Private', filters: { location: 'Lisbon' } });
  });

  it(`keeps at most ${maxSavedSearches} per person, with a typed error for one more`, async () => {
    const { client } = await signedInPerson(app, 'Collector');
    for (let i = 1; i <= maxSavedSearches; i++) await client.tracker.savedSearches.create.mutate({ name: `Search ${i}`, filters: { search: `term${i}` }, notify: false });
    const full = await errorOf(client.tracker.savedSearches.create.mutate({ name: 'One more', filters: {} }));
    expect(full.data.code).toBe('PRECONDITION_FAILED');
    expect(full.data.fieldErrors?._form?.[0]).toBe(`You have ${maxSavedSearches} saved searches, the most you can keep. Delete one you no longer use first.`);
    const list = await client.tracker.savedSearches.list.query();
    expect(list.total).toBe(maxSavedSearches);
    expect(list.items.map((s) => s.name)).not.toContain('One more');
    await client.tracker.savedSearches.delete.mutate({ id: list.items[0]!.id });
    expect((await client.tracker.savedSearches.create.mutate({ name: 'One more', filters: {} })).name).toBe('One more');
  });
});

describe('matching new jobs against saved searches', () => {
  it('notifies the owner only, once, when a created job matches; a job that does not match notifies nobody', async () => {
    const owner = await signedInPerson(app, 'Owner');
    const bystander = await signedInPerson(app, 'Bystander');
    const search = await owner.client.tracker.savedSearches.create.mutate({ name: 'Remote Rust', filters: remoteRust });
    // The same search for someone else: the owner's new jobs are none of their business.
    await bystander.client.tracker.savedSearches.create.mutate({ name: 'Remote Rust', filters: remoteRust });

    let before = (await queueTotals()).match.total;
    await owner.client.tracker.jobs.create.mutate(job({ remote: 'onsite' }));
    await settled(before, 1);
    expect(await notificationsOf(owner.userId)).toHaveLength(0);

    before = (await queueTotals()).match.total;
    const created = await owner.client.tracker.jobs.create.mutate(job());
    await settled(before, 1);
    const rows = await notificationsOf(owner.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'saved_search_match',
      title: 'New match for "Remote Rust"',
      body: 'Rust Engineer at Ferrous matches your saved search.',
      link: `/tracker/jobs?saved=${search.id}`,
      dedupeKey: `saved-search:${search.id}:${created.id}`,
    });
    expect(await notificationsOf(bystander.userId)).toHaveLength(0);
    expect(await owner.client.notifications.unreadCount.query()).toEqual({ count: 1 });
    const [after] = (await owner.client.tracker.savedSearches.list.query()).items;
    expect(after!.lastMatchedAt).toBeInstanceOf(Date);
  });

  it('sends one notification with the count for a bulk of matching jobs, and matches exactly what the list shows', async () => {
    const person = await signedInPerson(app, 'Bulk');
    const filters = { ...remoteRust, salaryFrom: 80_000, search: 'engineer' };
    const search = await person.client.tracker.savedSearches.create.mutate({ name: 'Well-paid Rust', filters });
    const items = [
      ...Array.from({ length: 25 }, (_, i) => job({ title: `Rust Engineer ${i + 1}`, company: `Company ${i + 1}` })),
      job({ title: 'Rust Engineer (low pay)', salaryMin: 30_000, salaryMax: 40_000 }),
      job({ title: 'Go Engineer', techStack: ['Go'] }),
      job({ title: 'Rust Developer' }),
      job({ title: 'Onsite Rust Engineer', remote: 'onsite' }),
    ];
    const before = (await queueTotals()).match.total;
    const recorder = recordEvents(app);
    await person.client.tracker.jobs.bulkCreate.mutate({ items });
    await settled(before, 1);
    recorder.stop();
    const rows = await notificationsOf(person.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: '25 new matches for "Well-paid Rust"',
      body: 'Rust Engineer 1 at Company 1, Rust Engineer 2 at Company 2, Rust Engineer 3 at Company 3 and 22 more match your saved search.',
      link: `/tracker/jobs?saved=${search.id}`,
    });
    // One match event for the whole bulk, and its count is the list's total under the same filters.
    const matched = recorder.events.filter((e) => e.type === 'tracker.saved_search.matched');
    expect(matched).toHaveLength(1);
    expect(matched[0]).toMatchObject({ savedSearchId: search.id, count: 25 });
    expect((await person.client.tracker.jobs.list.query(filters)).total).toBe(25);
  });

  it('sends nothing for a search with notify off, and resumes when it is turned back on', async () => {
    const person = await signedInPerson(app, 'Quiet');
    const search = await person.client.tracker.savedSearches.create.mutate({ name: 'Muted', filters: remoteRust, notify: false });
    const before = (await queueTotals()).match.total;
    await person.client.tracker.jobs.create.mutate(job());
    await person.client.tracker.jobs.bulkCreate.mutate({ items: [job(), job()] });
    // Without a notifying search nothing is even queued.
    await settled(before, 0);
    await sleep(300);
    expect((await queueTotals()).match.total).toBe(before);
    expect(await notificationsOf(person.userId)).toHaveLength(0);

    await person.client.tracker.savedSearches.update.mutate({ id: search.id, changes: { notify: true } });
    await person.client.tracker.jobs.create.mutate(job({ title: 'Rust Lead' }));
    await settled(before, 1);
    expect((await notificationsOf(person.userId)).map((n) => n.body)).toEqual(['Rust Lead at Ferrous matches your saved search.']);
  });

  it('names two matches in full, notifies each matching search once, and ignores a bin search', async () => {
    const person = await signedInPerson(app, 'Two searches');
    await person.client.tracker.savedSearches.create.mutate({ name: 'Rust', filters: { techAny: ['Rust'] } });
    await person.client.tracker.savedSearches.create.mutate({ name: 'Berlin', filters: { location: 'berl' } });
    await person.client.tracker.savedSearches.create.mutate({ name: 'Bin', filters: { deleted: true } });
    const before = (await queueTotals()).match.total;
    await person.client.tracker.jobs.bulkCreate.mutate({ items: [job({ title: 'A' }), job({ title: 'B', location: 'Paris' })] });
    await settled(before, 1);
    const bodies = (await notificationsOf(person.userId)).map((n) => [n.title, n.body]).sort();
    expect(bodies).toEqual([
      ['2 new matches for "Rust"', 'A at Ferrous and B at Ferrous match your saved search.'],
      ['New match for "Berlin"', 'A at Ferrous matches your saved search.'],
    ]);
  });

  it('matches a CSV import as one batch; a restore of a backup notifies nothing', async () => {
    const person = await signedInPerson(app, 'Importer');
    // An older job that matches too: only the import's new jobs count.
    await person.client.tracker.jobs.create.mutate(job({ title: 'Old Rust job' }));
    await person.client.tracker.savedSearches.create.mutate({ name: 'Remote Rust', filters: remoteRust });
    const lines = ['title,company,remote,techStack'];
    for (let i = 1; i <= 40; i++) lines.push(`Rust Engineer ${i},Import Co,${i % 4 === 0 ? 'onsite' : 'remote'},"Rust, Tokio"`);
    lines.push('Broken row,,remote,Rust');
    let before = (await queueTotals()).match.total;
    const result = await person.client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: lines.join('\n'), mode: 'skipBadRows' });
    expect(result.created).toBe(40);
    await settled(before, 1);
    const rows = await notificationsOf(person.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: '30 new matches for "Remote Rust"' });
    // An import's rows share one creation time: they are named by title.
    expect(rows[0]!.body).toBe('Rust Engineer 1 at Import Co, Rust Engineer 10 at Import Co, Rust Engineer 11 at Import Co and 27 more match your saved search.');

    // A dry run writes nothing and matches nothing.
    before = (await queueTotals()).match.total;
    await person.client.tracker.transfer.importCsv.mutate({ kind: 'jobs', csv: lines.join('\n'), mode: 'dryRun' });
    const backup = await person.client.tracker.transfer.backup.mutate();
    const recorder = recordEvents(app);
    await person.client.tracker.transfer.restore.mutate({ base64: backup.body, mode: 'replace' });
    recorder.stop();
    expect(recorder.events.map((e) => e.type)).not.toContain('tracker.jobs.added');
    await settled(before, 0);
    await sleep(300);
    expect((await queueTotals()).match.total).toBe(before);
    expect(await notificationsOf(person.userId)).toHaveLength(1);
  });

  it('matches the jobs an applications import creates, not the ones it links to', async () => {
    const person = await signedInPerson(app, 'Applicant');
    await person.client.tracker.jobs.create.mutate(job({ title: 'Rust Platform Engineer', company: 'Known' }));
    await person.client.tracker.savedSearches.create.mutate({ name: 'Rust anything', filters: { search: 'rust' } });
    const csv = ['company,title,status', 'Known,Rust Platform Engineer,applied', 'NewCo,Rust Compiler Engineer,saved', 'OtherCo,Designer,saved'].join('\n');
    const before = (await queueTotals()).match.total;
    const result = await person.client.tracker.transfer.importCsv.mutate({ kind: 'applications', csv, mode: 'allOrNothing' });
    expect(result).toMatchObject({ created: 3, jobsCreated: 2 });
    await settled(before, 1);
    expect((await notificationsOf(person.userId)).filter((n) => n.type === 'saved_search_match').map((n) => [n.title, n.body])).toEqual([
      ['New match for "Rust anything"', 'Rust Compiler Engineer at NewCo matches your saved search.'],
    ]);
  });
});
