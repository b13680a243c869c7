import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, scriptClient, startTestApp, type TestApp } from './harness';
import { recordEvents, signedInPerson, type TrackerClient } from './tracker-helpers';

let app: TestApp;
let me: TrackerClient;
let other: TrackerClient;

beforeAll(async () => {
  app = await startTestApp();
  me = (await signedInPerson(app, 'Me')).client;
  other = (await signedInPerson(app, 'Other')).client;
});
afterAll(async () => {
  await app?.close();
});

const job = (overrides: Record<string, unknown> = {}) => ({
  title: 'Backend Engineer',
  company: 'Acme',
  description: 'Build APIs with TypeScript and Postgres',
  location: 'Berlin',
  remote: 'hybrid' as const,
  jobType: 'full_time' as const,
  salaryMin: 60_000,
  salaryMax: 80_000,
  salaryCurrency: 'eur',
  techStack: 'TypeScript|Postgres|Node',
  url: 'https://jobs.example.com/1',
  source: 'LinkedIn',
  postedAt: '2026-01-10',
  ...overrides,
});

describe('tracker.jobs', () => {
  it('creates, reads, updates, soft-deletes and restores a job, publishing job.created', async () => {
    const recorder = recordEvents(app);
    const created = await me.tracker.jobs.create.mutate(job());
    expect(created).toMatchObject({ title: 'Backend Engineer', salaryCurrency: 'EUR', techStack: ['TypeScript', 'Postgres', 'Node'], deletedAt: null });
    expect(recorder.events.map((e) => e.type)).toEqual(['tracker.job.created', 'tracker.jobs.added', 'tracker.changed']);
    expect(recorder.events[0]).toMatchObject({ jobId: created.id, title: 'Backend Engineer', techStack: ['TypeScript', 'Postgres', 'Node'] });
    recorder.stop();

    const got = await me.tracker.jobs.get.query({ id: created.id });
    expect(got.description).toBe('Build APIs with TypeScript and Postgres');
    expect(got.applications).toEqual([]);

    const updated = await me.tracker.jobs.update.mutate({ id: created.id, changes: { title: 'Senior Backend Engineer', location: null } });
    expect(updated.title).toBe('Senior Backend Engineer');
    expect(updated.location).toBeNull();
    expect(updated.company).toBe('Acme');

    const tooLow = await errorOf(me.tracker.jobs.update.mutate({ id: created.id, changes: { salaryMax: 10 } }));
    expect(tooLow.data.code).toBe('BAD_REQUEST');
    expect(tooLow.data.fieldErrors?.['changes.salaryMax']).toBeDefined();

    await me.tracker.jobs.delete.mutate({ id: created.id });
    expect((await me.tracker.jobs.list.query({})).items.map((j) => j.id)).not.toContain(created.id);
    expect((await me.tracker.jobs.list.query({ deleted: true })).items.map((j) => j.id)).toContain(created.id);
    await me.tracker.jobs.restore.mutate({ id: created.id });
    expect((await me.tracker.jobs.list.query({})).items.map((j) => j.id)).toContain(created.id);
    await me.tracker.jobs.delete.mutate({ id: created.id });
    await me.tracker.jobs.delete.mutate({ id: created.id, restore: true });
    expect((await me.tracker.jobs.get.query({ id: created.id })).deletedAt).toBeNull();
  });

  it('rejects bad input with field errors, never a 500', async () => {
    const error = await errorOf(me.tracker.jobs.create.mutate(job({ title: '  ', url: 'ftp://x', salaryMin: 10, salaryMax: 5, postedAt: '2026-02-30' })));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.data.fieldErrors ?? {})).toEqual(expect.arrayContaining(['title', 'url', 'postedAt']));
    const unsigned = await errorOf(scriptClient(app).tracker.jobs.list.query({}));
    expect(unsigned.data.code).toBe('UNAUTHORIZED');
  });

  it('findByUrl finds the live jobs at the same posting, whatever tracking parameters the link carries', async () => {
    const posting = await me.tracker.jobs.create.mutate(job({ title: 'Platform Engineer', url: 'https://careers.example.org/jobs/77?utm_source=mail' }));
    const found = await me.tracker.jobs.findByUrl.query({ url: ' http://www.careers.example.org/jobs/77/?utm_campaign=x#apply ' });
    expect(found.jobs).toEqual([expect.objectContaining({ id: posting.id, title: 'Platform Engineer', company: 'Acme', latestStatus: null })]);
    await me.tracker.applications.create.mutate({ jobId: posting.id, status: 'screening' });
    expect((await me.tracker.jobs.findByUrl.query({ url: 'https://careers.example.org/jobs/77' })).jobs[0]?.latestStatus).toBe('screening');
    // Another posting, the job being edited, someone else, a deleted job: none of them.
    expect((await me.tracker.jobs.findByUrl.query({ url: 'https://careers.example.org/jobs/78' })).jobs).toEqual([]);
    expect((await me.tracker.jobs.findByUrl.query({ url: 'https://careers.example.org/jobs/77', excludeId: posting.id })).jobs).toEqual([]);
    expect((await other.tracker.jobs.findByUrl.query({ url: 'https://careers.example.org/jobs/77' })).jobs).toEqual([]);
    await me.tracker.jobs.delete.mutate({ id: posting.id });
    expect((await me.tracker.jobs.findByUrl.query({ url: 'https://careers.example.org/jobs/77' })).jobs).toEqual([]);
    const bad = await errorOf(me.tracker.jobs.findByUrl.query({ url: 'javascript:alert(1)' }));
    expect(bad.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.data.fieldErrors ?? {})).toEqual(['url']);
  });

  it('lists with search, filters, sorts and keyset pages with a total', async () => {
    const person = (await signedInPerson(app)).client;
    const items = Array.from({ length: 23 }, (_, i) =>
      job({
        title: i % 2 ? `Frontend Developer ${i}` : `Data Engineer ${i}`,
        company: `Company ${String.fromCharCode(65 + (i % 5))}`,
        description: i === 7 ? 'Kubernetes wizardry' : 'Plain work',
        location: i % 3 === 0 ? 'Remote, EU' : 'Paris',
        remote: (['onsite', 'hybrid', 'remote'] as const)[i % 3],
        jobType: i % 4 === 0 ? 'contract' : 'full_time',
        salaryMin: i % 6 === 0 ? null : 40_000 + i * 1000,
        salaryMax: i % 6 === 0 ? null : 50_000 + i * 1000,
        techStack: i % 2 ? ['React', 'TypeScript'] : ['Python', 'SQL', i % 4 === 0 ? 'Spark' : 'dbt'],
        url: `https://jobs.example.com/${i}`,
        postedAt: i % 5 === 0 ? null : `2026-01-${String(i + 1).padStart(2, '0')}`,
      }),
    );
    await person.tracker.jobs.bulkCreate.mutate({ items });

    const all = await person.tracker.jobs.list.query({ limit: 100 });
    expect(all.total).toBe(23);
    expect((await person.tracker.jobs.list.query({ search: 'frontend' })).total).toBe(11);
    expect((await person.tracker.jobs.list.query({ search: 'engin' })).total).toBe(12); // prefix + stemming
    expect((await person.tracker.jobs.list.query({ search: 'kubernetes' })).items.map((j) => j.title)).toEqual(['Frontend Developer 7']);
    expect((await person.tracker.jobs.list.query({ search: 'developer 7' })).total).toBe(1);
    expect((await person.tracker.jobs.list.query({ search: "'); drop table jobs; --" })).total).toBe(0);
    expect((await person.tracker.jobs.list.query({ location: 'remote' })).total).toBe(8);
    expect((await person.tracker.jobs.list.query({ remote: ['remote', 'onsite'] })).total).toBe(15);
    expect((await person.tracker.jobs.list.query({ jobType: ['contract'] })).total).toBe(6);
    expect((await person.tracker.jobs.list.query({ techAny: ['react', 'spark'] })).total).toBe(11 + 6);
    expect((await person.tracker.jobs.list.query({ techAll: ['python', 'SPARK'] })).total).toBe(6);
    expect((await person.tracker.jobs.list.query({ techAll: ['python', 'react'] })).total).toBe(0);
    // Salary overlap with [60k, 65k]: min ≤ 65k and max ≥ 60k → i in 10..25 minus missing salaries.
    const salaried = await person.tracker.jobs.list.query({ salaryFrom: 60_000, salaryTo: 65_000, limit: 100 });
    const expected = items.filter((j) => j.salaryMin != null && (j.salaryMin) <= 65_000 && (j.salaryMax) >= 60_000);
    expect(salaried.total).toBe(expected.length);
    expect((await person.tracker.jobs.list.query({ from: new Date('2026-01-05'), to: new Date('2026-01-09') })).total).toBe(4);

    // Every sort pages through all rows exactly once, in order, nulls last.
    for (const sort of ['createdAt', 'updatedAt', 'postedAt', 'title', 'company', 'salaryMax'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        const values: unknown[] = [];
        let cursor: string | undefined;
        do {
          const page = await person.tracker.jobs.list.query({ sort, direction, limit: 4, cursor });
          expect(page.total).toBe(23);
          seen.push(...page.items.map((j) => j.id));
          values.push(...page.items.map((j) => j[sort]));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(new Set(seen).size).toBe(23);
        const nonNull = values.filter((v) => v !== null);
        expect(values.slice(nonNull.length).every((v) => v === null)).toBe(true);
        const keys = nonNull.map((v) => (v instanceof Date ? v.getTime() : v)) as (string | number)[];
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (typeof keys[0] === 'number' || sort === 'postedAt') expect(keys).toEqual(direction === 'asc' ? sorted : sorted.reverse());
      }
    }
    const cursorError = await errorOf(person.tracker.jobs.list.query({ sort: 'title', cursor: all.nextCursor ?? 'eA' }));
    expect(cursorError.data.fieldErrors?.cursor).toBeDefined();
    const page1 = await person.tracker.jobs.list.query({ sort: 'title', limit: 2 });
    const mismatch = await errorOf(person.tracker.jobs.list.query({ sort: 'company', cursor: page1.nextCursor! }));
    expect(mismatch.data.code).toBe('BAD_REQUEST');
  });

  it('bulk operations are all-or-nothing and answer per item', async () => {
    const person = (await signedInPerson(app)).client;
    const bad = await errorOf(person.tracker.jobs.bulkCreate.mutate({ items: [job(), job({ company: '' }), job({ salaryMin: 9, salaryMax: 1 })] }));
    expect(bad.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(bad.data.fieldErrors ?? {}).sort()).toEqual(['items.1.company', 'items.2.salaryMax']);
    expect((await person.tracker.jobs.list.query({})).total).toBe(0);

    const tooMany = await errorOf(person.tracker.jobs.bulkCreate.mutate({ items: Array.from({ length: 1001 }, () => job()) }));
    expect(tooMany.data.fieldErrors?.items).toBeDefined();

    const created = await person.tracker.jobs.bulkCreate.mutate({ items: [job({ title: 'A' }), job({ title: 'B' }), job({ title: 'C' })] });
    expect(created.created).toBe(3);
    expect(created.results.map((r) => r.index)).toEqual([0, 1, 2]);
    const [a, b, c] = created.results.map((r) => r.id) as [string, string, string];

    // One item's salary conflicts with its stored minimum → nothing changes.
    const conflict = await errorOf(
      person.tracker.jobs.bulkUpdate.mutate({ items: [{ id: a, changes: { title: 'A2' } }, { id: b, changes: { salaryMax: 1 } }] }),
    );
    expect(conflict.data.fieldErrors?.['items.1.changes.salaryMax']).toBeDefined();
    expect((await person.tracker.jobs.get.query({ id: a })).title).toBe('A');
    const duplicate = await errorOf(person.tracker.jobs.bulkUpdate.mutate({ items: [{ id: a, changes: {} }, { id: a, changes: {} }] }));
    expect(duplicate.data.fieldErrors?.['items.1.id']).toBeDefined();

    const updated = await person.tracker.jobs.bulkUpdate.mutate({ items: [{ id: a, changes: { remote: 'remote' } }, { id: c, changes: { techStack: ['Go'] } }] });
    expect(updated).toMatchObject({ updated: 2, results: [{ index: 0, id: a, ok: true }, { index: 1, id: c, ok: true }] });
    expect((await person.tracker.jobs.list.query({ techAny: ['go'] })).items.map((j) => j.id)).toEqual([c]);

    const deleted = await person.tracker.jobs.bulkDelete.mutate({ ids: [a, b] });
    expect(deleted).toMatchObject({ action: 'deleted', count: 2 });
    expect((await person.tracker.jobs.list.query({})).total).toBe(1);
    await person.tracker.jobs.bulkDelete.mutate({ ids: [a, b], restore: true });
    expect((await person.tracker.jobs.list.query({})).total).toBe(3);
  });
});

describe('tracker.applications', () => {
  it('runs the pipeline with history, backdated changes and events', async () => {
    const person = await signedInPerson(app);
    const { client } = person;
    const target = await client.tracker.jobs.create.mutate(job({ title: 'Platform Engineer', company: 'Globex' }));
    const recorder = recordEvents(app);
    const created = await client.tracker.applications.create.mutate({ jobId: target.id, status: 'applied', appliedAt: new Date('2025-11-01T09:00:00Z'), notes: 'Referral' });
    expect(created).toMatchObject({ status: 'applied', title: 'Platform Engineer', company: 'Globex', notes: 'Referral' });
    expect(created.appliedAt?.toISOString()).toBe('2025-11-01T09:00:00.000Z');
    expect(created.statusChangedAt.toISOString()).toBe('2025-11-01T09:00:00.000Z');

    const moved = await client.tracker.applications.setStatus.mutate({ id: created.id, status: 'screening', at: new Date('2025-11-05T10:00:00Z') });
    expect(moved.changed).toBe(true);
    const same = await client.tracker.applications.setStatus.mutate({ id: created.id, status: 'screening' });
    expect(same.changed).toBe(false);
    const early = await errorOf(client.tracker.applications.setStatus.mutate({ id: created.id, status: 'interviewing', at: new Date('2025-10-01T00:00:00Z') }));
    expect(early.data.fieldErrors?.at).toBeDefined();

    const interviewAt = new Date('2025-11-20T14:00:00Z');
    const updated = await client.tracker.applications.update.mutate({
      id: created.id,
      changes: {
        status: 'interviewing',
        statusChangedAt: new Date('2025-11-10T10:00:00Z'),
        nextInterviewAt: interviewAt,
        interviews: [{ at: interviewAt, kind: 'technical', feedback: null }, { at: new Date('2025-11-12T10:00:00Z'), kind: 'phone', feedback: 'Went well' }],
      },
    });
    expect(updated.status).toBe('interviewing');
    expect(updated.interviews.map((i) => i.kind)).toEqual(['phone', 'technical']);

    const detail = await client.tracker.applications.get.query({ id: created.id });
    expect(detail.history.map((h) => [h.from, h.to, h.at.toISOString()])).toEqual([
      [null, 'applied', '2025-11-01T09:00:00.000Z'],
      ['applied', 'screening', '2025-11-05T10:00:00.000Z'],
      ['screening', 'interviewing', '2025-11-10T10:00:00.000Z'],
    ]);
    const types = recorder.events.filter((e) => e.type !== 'tracker.changed').map((e) => e.type);
    expect(types).toEqual([
      'tracker.application.status_changed',
      'tracker.application.status_changed',
      'tracker.application.interview_changed',
      'tracker.application.status_changed',
    ]);
    expect(recorder.events.find((e) => e.type === 'tracker.application.interview_changed')).toMatchObject({ userId: person.userId, nextInterviewAt: interviewAt, company: 'Globex' });
    expect(recorder.events.filter((e) => e.type === 'tracker.changed').every((e) => e.type === 'tracker.changed' && e.entities.includes('applications'))).toBe(true);
    recorder.stop();

    const list = await client.tracker.applications.list.query({ status: ['interviewing'], search: 'platform' });
    expect(list.total).toBe(1);
    expect((await client.tracker.jobs.get.query({ id: target.id })).applications.map((a) => a.id)).toEqual([created.id]);

    // Soft-deleting the job hides its applications; restoring brings them back.
    await client.tracker.jobs.delete.mutate({ id: target.id });
    expect((await client.tracker.applications.list.query({})).total).toBe(0);
    await client.tracker.jobs.restore.mutate({ id: target.id });
    expect((await client.tracker.applications.list.query({})).total).toBe(1);

    await client.tracker.applications.delete.mutate({ id: created.id });
    expect((await errorOf(client.tracker.applications.get.query({ id: created.id }))).data.code).toBe('NOT_FOUND');
  });

  it('fills "next interview" from the interviews recorded: one ahead sets it (and asks for reminders), moving or removing it follows; a date set by hand stays unless one comes sooner', async () => {
    const { client } = await signedInPerson(app);
    const target = await client.tracker.jobs.create.mutate(job({ title: 'Interviewed Engineer', url: null }));
    const day = 24 * 60 * 60 * 1000;
    const ahead = (days: number) => new Date(Math.floor((Date.now() + days * day) / 60_000) * 60_000);
    const created = await client.tracker.applications.create.mutate({ jobId: target.id, status: 'interviewing', interviews: [{ at: ahead(4), kind: 'phone' }] });
    expect(created.nextInterviewAt?.toISOString()).toBe(ahead(4).toISOString());

    const recorder = recordEvents(app);
    const interviews = (...list: Date[]) => ({ id: created.id, changes: { interviews: list.map((at) => ({ at, kind: 'technical' as const })) } });
    const next = async (changes: Parameters<typeof client.tracker.applications.update.mutate>[0]) =>
      (await client.tracker.applications.update.mutate(changes)).nextInterviewAt?.toISOString() ?? null;
    expect(await next(interviews(ahead(3), new Date('2025-01-05T10:00:00Z')))).toBe(ahead(3).toISOString());
    expect(recorder.events.filter((e) => e.type === 'tracker.application.interview_changed')).toMatchObject([{ nextInterviewAt: ahead(3) }]);
    expect(await next(interviews(ahead(5)))).toBe(ahead(5).toISOString());
    expect(await next(interviews())).toBeNull();
    recorder.stop();

    expect(await next({ id: created.id, changes: { nextInterviewAt: ahead(10) } })).toBe(ahead(10).toISOString());
    expect(await next(interviews(ahead(20)))).toBe(ahead(10).toISOString());
    expect(await next(interviews(ahead(20), ahead(2)))).toBe(ahead(2).toISOString());
    // Given together, the person's own next interview wins.
    expect(await next({ id: created.id, changes: { nextInterviewAt: ahead(30), interviews: [{ at: ahead(1), kind: 'video' }] } })).toBe(ahead(30).toISOString());
  });

  it('lists with status, date range and sorts', async () => {
    const { client } = await signedInPerson(app);
    const jobsCreated = await client.tracker.jobs.bulkCreate.mutate({ items: ['Zeta', 'Alpha', 'Mid'].map((company) => job({ company, title: `${company} role` })) });
    const [z, a, m] = jobsCreated.results.map((r) => r.id) as [string, string, string];
    await client.tracker.applications.bulkCreate.mutate({
      items: [
        { jobId: z, status: 'applied', appliedAt: new Date('2026-01-03') },
        { jobId: a, status: 'rejected', appliedAt: new Date('2026-01-01') },
        { jobId: m, status: 'saved' },
        { jobId: m, status: 'offer', appliedAt: new Date('2026-01-02') },
      ],
    });
    expect((await client.tracker.applications.list.query({ sort: 'company', direction: 'asc' })).items.map((r) => r.company)).toEqual(['Alpha', 'Mid', 'Mid', 'Zeta']);
    expect((await client.tracker.applications.list.query({ sort: 'status', direction: 'asc' })).items.map((r) => r.status)).toEqual(['saved', 'applied', 'offer', 'rejected']);
    const byApplied = await client.tracker.applications.list.query({ sort: 'appliedAt', direction: 'asc', limit: 1 });
    const pages = [byApplied.items[0]?.appliedAt?.toISOString() ?? null];
    let cursor = byApplied.nextCursor;
    while (cursor) {
      const next = await client.tracker.applications.list.query({ sort: 'appliedAt', direction: 'asc', limit: 1, cursor });
      pages.push(next.items[0]?.appliedAt?.toISOString() ?? null);
      cursor = next.nextCursor;
    }
    expect(pages).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', null]);
    expect((await client.tracker.applications.list.query({ from: new Date('2026-01-02'), to: new Date('2026-01-03') })).total).toBe(2);
    expect((await client.tracker.applications.list.query({ status: ['saved', 'offer'] })).total).toBe(2);
    expect((await client.tracker.applications.list.query({ jobId: m })).total).toBe(2);
  });

  it('bulk create/update/delete are atomic with per-item results', async () => {
    const { client } = await signedInPerson(app);
    const target = await client.tracker.jobs.create.mutate(job());
    const foreignJob = await other.tracker.jobs.create.mutate(job());
    const notMine = await errorOf(client.tracker.applications.bulkCreate.mutate({ items: [{ jobId: target.id }, { jobId: foreignJob.id }] }));
    expect(notMine.data.code).toBe('NOT_FOUND');
    expect(notMine.data.fieldErrors?.['items.1.jobId']).toBeDefined();
    expect((await client.tracker.applications.list.query({})).total).toBe(0);

    const created = await client.tracker.applications.bulkCreate.mutate({ items: [{ jobId: target.id }, { jobId: target.id, status: 'applied' }] });
    const [first, second] = created.results.map((r) => r.id) as [string, string];
    const recorder = recordEvents(app);
    const badDate = await errorOf(
      client.tracker.applications.bulkUpdate.mutate({
        items: [
          { id: first, changes: { status: 'applied' } },
          { id: second, changes: { status: 'screening', statusChangedAt: new Date('2000-01-01') } },
        ],
      }),
    );
    expect(badDate.data.fieldErrors?.['items.1.changes.statusChangedAt']).toBeDefined();
    expect((await client.tracker.applications.get.query({ id: first })).status).toBe('saved');
    expect(recorder.events).toEqual([]);

    const updated = await client.tracker.applications.bulkUpdate.mutate({ items: [{ id: first, changes: { status: 'applied' } }, { id: second, changes: { notes: 'n' } }] });
    expect(updated.updated).toBe(2);
    expect(recorder.events.filter((e) => e.type === 'tracker.application.status_changed')).toHaveLength(1);
    recorder.stop();
    expect((await client.tracker.applications.get.query({ id: first })).history).toHaveLength(2);

    const del = await client.tracker.applications.bulkDelete.mutate({ ids: [first, second] });
    expect(del.deleted).toBe(2);
    expect((await client.tracker.applications.list.query({})).total).toBe(0);
  });
});

describe('tracker.skills', () => {
  it('replaces and lists skills, refusing duplicates', async () => {
    const { client } = await signedInPerson(app);
    const saved = await client.tracker.skills.set.mutate({ skills: [{ name: 'TypeScript', level: 'expert' }, { name: 'SQL' }] });
    expect(saved.items.map((s) => [s.name, s.level])).toEqual([['SQL', 'intermediate'], ['TypeScript', 'expert']]);
    const dup = await errorOf(client.tracker.skills.set.mutate({ skills: [{ name: 'Go' }, { name: 'go' }] }));
    expect(dup.data.fieldErrors?.skills).toBeDefined();
    expect((await client.tracker.skills.list.query()).total).toBe(2);
    await client.tracker.skills.set.mutate({ skills: [] });
    expect((await client.tracker.skills.list.query()).total).toBe(0);
  });
});

describe('ownership', () => {
  it("answers NOT_FOUND for every id-taking procedure on someone else's records, and changes nothing", async () => {
    const jobOfMine = await me.tracker.jobs.create.mutate(job({ title: 'Mine' }));
    const applicationOfMine = await me.tracker.applications.create.mutate({ jobId: jobOfMine.id, status: 'applied' });
    const jobId = jobOfMine.id;
    const id = applicationOfMine.id;
    const attempts: [string, () => Promise<unknown>][] = [
      ['jobs.get', () => other.tracker.jobs.get.query({ id: jobId })],
      ['jobs.update', () => other.tracker.jobs.update.mutate({ id: jobId, changes: { title: 'x' } })],
      ['jobs.delete', () => other.tracker.jobs.delete.mutate({ id: jobId })],
      ['jobs.restore', () => other.tracker.jobs.restore.mutate({ id: jobId })],
      ['jobs.bulkUpdate', () => other.tracker.jobs.bulkUpdate.mutate({ items: [{ id: jobId, changes: { title: 'x' } }] })],
      ['jobs.bulkDelete', () => other.tracker.jobs.bulkDelete.mutate({ ids: [jobId] })],
      ['applications.get', () => other.tracker.applications.get.query({ id })],
      ['applications.create', () => other.tracker.applications.create.mutate({ jobId })],
      ['applications.update', () => other.tracker.applications.update.mutate({ id, changes: { notes: 'x' } })],
      ['applications.setStatus', () => other.tracker.applications.setStatus.mutate({ id, status: 'offer' })],
      ['applications.delete', () => other.tracker.applications.delete.mutate({ id })],
      ['applications.bulkCreate', () => other.tracker.applications.bulkCreate.mutate({ items: [{ jobId }] })],
      ['applications.bulkUpdate', () => other.tracker.applications.bulkUpdate.mutate({ items: [{ id, changes: { notes: 'x' } }] })],
      ['applications.bulkDelete', () => other.tracker.applications.bulkDelete.mutate({ ids: [id] })],
      ['applications.list by jobId (empty, not an error)', async () => {
        const page = await other.tracker.applications.list.query({ jobId });
        if (page.total !== 0) return 'leaked';
        throw Object.assign(new Error('NOT_FOUND'), { data: { code: 'NOT_FOUND' } });
      }],
    ];
    for (const [name, attempt] of attempts) {
      const error = await errorOf(attempt());
      expect(error.data.code, name).toBe('NOT_FOUND');
    }
    const after = await me.tracker.applications.get.query({ id });
    expect(after).toMatchObject({ status: 'applied', notes: null, title: 'Mine' });
    expect((await me.tracker.jobs.get.query({ id: jobId })).deletedAt).toBeNull();
    expect((await other.tracker.jobs.list.query({ search: 'Mine' })).total).toBe(0);
  });
});

describe('tracker.applications.upcomingInterviews', () => {
  it('lists the person\'s interviews still ahead on live jobs, soonest first, and nobody else\'s', async () => {
    const { client } = await signedInPerson(app, 'Calendar');
    const day = 86_400_000;
    const soon = new Date(Date.now() + day);
    const later = new Date(Date.now() + 3 * day);
    const a = await client.tracker.jobs.create.mutate({ title: 'Later role', company: 'Initech', location: 'Austin', url: 'https://initech.example/1' });
    const b = await client.tracker.jobs.create.mutate({ title: 'Soon role', company: 'Globex' });
    const c = await client.tracker.jobs.create.mutate({ title: 'Past role', company: 'Hooli' });
    const d = await client.tracker.jobs.create.mutate({ title: 'Deleted role', company: 'Umbrella' });
    const laterApplication = await client.tracker.applications.create.mutate({ jobId: a.id, status: 'interviewing', nextInterviewAt: later });
    const soonApplication = await client.tracker.applications.create.mutate({ jobId: b.id, status: 'screening', nextInterviewAt: soon });
    await client.tracker.applications.create.mutate({ jobId: c.id, status: 'interviewing', nextInterviewAt: new Date(Date.now() - day) });
    await client.tracker.applications.create.mutate({ jobId: d.id, status: 'interviewing', nextInterviewAt: soon });
    await client.tracker.jobs.delete.mutate({ id: d.id });
    await client.tracker.applications.create.mutate({ jobId: a.id, status: 'saved' }); // no interview
    await other.tracker.applications.create.mutate({ jobId: (await other.tracker.jobs.create.mutate({ title: 'Theirs', company: 'X' })).id, status: 'interviewing', nextInterviewAt: soon });

    const upcoming = await client.tracker.applications.upcomingInterviews.query({});
    expect(upcoming.map((i) => [i.id, i.title, i.company, i.nextInterviewAt.toISOString()])).toEqual([
      [soonApplication.id, 'Soon role', 'Globex', soon.toISOString()],
      [laterApplication.id, 'Later role', 'Initech', later.toISOString()],
    ]);
    expect(upcoming[1]).toMatchObject({ location: 'Austin', jobUrl: 'https://initech.example/1', status: 'interviewing' });
    expect(await client.tracker.applications.upcomingInterviews.query({ limit: 1 })).toHaveLength(1);
    expect((await errorOf(client.tracker.applications.upcomingInterviews.query({ limit: 0 }))).data.fieldErrors?.limit).toBeDefined();
  });
});
