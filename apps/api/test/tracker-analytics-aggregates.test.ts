import { selectRows } from '@tessera/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, startTestApp, type TestApp } from './harness';
import { signedInPerson, type TrackerClient } from './tracker-helpers';

/**
 * The all-time summary is summed from aggregates that database triggers keep (tracker_*_stats).
 * These tests drive every kind of tracker write through the API and, after each step, compare the
 * summary with the same figures recomputed here from the raw facts (jobs, applications, status
 * history) by independent SQL — so a write path that forgets an aggregate shows up as a diff.
 */
let app: TestApp;
let person: Awaited<ReturnType<typeof signedInPerson>>;
let client: TrackerClient;
let other: Awaited<ReturnType<typeof signedInPerson>>;

const rows = <T>(query: ReturnType<typeof sql>): Promise<T[]> => selectRows<T>(app.database.db, query);

const rank = sql.raw(`case h.to_status when 'applied' then 1 when 'rejected' then 1 when 'ghosted' then 1
  when 'screening' then 2 when 'interviewing' then 3 when 'offer' then 4 when 'accepted' then 5 else 0 end`);

/** The summary's figures straight from the facts, without any trigger-maintained column. */
async function oracle(userId: string) {
  const live = sql`a.user_id = ${userId} and j.deleted_at is null`;
  const apps = await rows<{ status: string; rank: number; rejected: boolean }>(sql`
    select a.status, coalesce(max(${rank}), 0)::int as rank, coalesce(bool_or(h.to_status = 'rejected'), false) as rejected
    from applications a join jobs j on j.id = a.job_id left join application_status_changes h on h.application_id = a.id
    where ${live} group by a.id, a.status`);
  const stays = await rows<{ stage: string; tenths: number }>(sql`
    select stage, tenths from (
      select h.to_status as stage,
        round(extract(epoch from (lead(h.changed_at) over (partition by h.application_id order by h.changed_at, h.id) - h.changed_at)) / 8640)::int as tenths
      from application_status_changes h join applications a on a.id = h.application_id join jobs j on j.id = a.job_id
      where ${live}) s
    where tenths is not null order by stage, tenths`);
  const skills = await rows<{ key: string; spelling: string }>(sql`
    select distinct on (j.id, lower(s.skill)) lower(s.skill) as key, s.skill as spelling
    from jobs j cross join lateral unnest(j.tech_stack) with ordinality as s(skill, position)
    where j.user_id = ${userId} and j.deleted_at is null
    order by j.id, lower(s.skill), s.position`);
  const companies = await rows<{ company: string; offer: boolean }>(sql`
    select j.company, a.status in ('offer', 'accepted') as offer from applications a join jobs j on j.id = a.job_id where ${live}`);
  const [jobs] = await rows<{ n: number }>(sql`select count(*)::int as n from jobs where user_id = ${userId} and deleted_at is null`);

  const count = (keep: (a: (typeof apps)[number]) => boolean) => apps.filter(keep).length;
  const byStage = new Map<string, number[]>();
  for (const stay of stays) byStage.set(stay.stage, [...(byStage.get(stay.stage) ?? []), stay.tenths]);
  const median = (values: number[]) => (values[Math.floor((values.length - 1) / 2)]! + values[Math.ceil((values.length - 1) / 2)]!) / 2;
  const tally = <K extends string>(items: { key: K; label: string }[]) => {
    const byKey = new Map<K, Map<string, number>>();
    for (const item of items) {
      const labels = byKey.get(item.key) ?? new Map<string, number>();
      labels.set(item.label, (labels.get(item.label) ?? 0) + 1);
      byKey.set(item.key, labels);
    }
    return byKey;
  };
  const mostUsed = (labels: Map<string, number>) => [...labels].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const total = (labels: Map<string, number>) => [...labels.values()].reduce((n, c) => n + c, 0);
  const skillTally = tally(skills.map((s) => ({ key: s.key, label: s.spelling })));
  const companyTally = tally(companies.map((c) => ({ key: c.company.toLowerCase(), label: c.company })));
  return {
    totals: { jobs: jobs!.n, applications: apps.length, sent: count((a) => a.rank >= 1) },
    byStatus: Object.fromEntries(['saved', 'applied', 'screening', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn', 'ghosted'].map((s) => [s, count((a) => a.status === s)])),
    reached: [0, 1, 2, 3, 4, 5].map((r) => count((a) => a.rank >= r)),
    responded: count((a) => a.rank >= 2 || a.rejected),
    medians: Object.fromEntries([...byStage].map(([stage, values]) => [stage, { medianDays: Math.round(median(values)) / 10, samples: values.length }])),
    skills: [...skillTally]
      .map(([key, labels]) => ({ skill: mostUsed(labels), key, jobs: total(labels) }))
      .sort((a, b) => b.jobs - a.jobs || (a.key < b.key ? -1 : 1))
      .slice(0, 10),
    companies: [...companyTally]
      .map(([key, labels]) => ({ company: mostUsed(labels), applications: total(labels), offers: companies.filter((c) => c.offer && c.company.toLowerCase() === key).length }))
      .sort((a, b) => b.applications - a.applications || (a.company < b.company ? -1 : 1))
      .slice(0, 10),
  };
}

async function expectSummaryMatchesFacts(c: TrackerClient, userId: string) {
  const expected = await oracle(userId);
  // Both paths: the aggregates (all time) and the application rows (a range holding everything).
  for (const input of [undefined, { from: new Date('1990-01-01'), to: new Date('2100-01-01') }]) {
    const s = await c.tracker.analytics.summary.query(input);
    expect(s.totals).toEqual(expected.totals);
    expect(s.byStatus).toEqual(expected.byStatus);
    expect(s.funnel.map((f) => f.reached)).toEqual(expected.reached);
    expect(s.rates.responseRate.count).toBe(expected.responded);
    expect(Object.fromEntries(s.medianDaysInStage.map((m) => [m.stage, { medianDays: m.medianDays, samples: m.samples }]))).toEqual(expected.medians);
    expect(s.topCompanies).toEqual(expected.companies);
    expect(s.topSkills).toEqual(expected.skills);
  }
  // tracker_job_stats (what application totals under job filters sum) against a recount.
  const drift = await rows<{ id: string }>(sql`
    select coalesce(c.job_id, s.job_id) as id
    from (select job_id, count(*)::int as n from applications where user_id = ${userId} group by job_id) c
    full join (select job_id, applications from tracker_job_stats where user_id = ${userId}) s on s.job_id = c.job_id
    where c.n is distinct from s.applications`);
  expect(drift).toEqual([]);
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000 + (n % 7) * 3_600_000);

beforeAll(async () => {
  app = await startTestApp();
  person = await signedInPerson(app);
  client = person.client;
  other = await signedInPerson(app);
});
afterAll(async () => {
  await app?.close();
});

describe('trigger-kept analytics aggregates', () => {
  let jobIds: string[] = [];
  let applicationIds: string[] = [];

  it('follow creates (single and bulk) and status changes, including backdated ones', async () => {
    const created = await client.tracker.jobs.bulkCreate.mutate({
      items: Array.from({ length: 12 }, (_, i) => ({
        title: `Role ${i}`,
        company: ['Acme', 'acme', 'Globex', 'Initech'][i % 4]!,
        techStack: [['TypeScript', 'react'], ['typescript', 'Go', 'GO'], ['Python'], []][i % 4]!,
      })),
    });
    jobIds = created.results.map((r) => r.id);
    jobIds.push((await client.tracker.jobs.create.mutate({ title: 'Solo', company: 'Umbrella', techStack: ['Rust', 'rust', 'SQL'] })).id);
    const bulk = await client.tracker.applications.bulkCreate.mutate({
      items: jobIds.slice(0, 8).map((jobId, i) => ({ jobId, status: i % 3 === 0 ? ('saved' as const) : ('applied' as const), appliedAt: i % 3 === 0 ? undefined : day(i), statusChangedAt: day(i) })),
    });
    applicationIds = bulk.results.map((r) => r.id);
    applicationIds.push((await client.tracker.applications.create.mutate({ jobId: jobIds[12]!, status: 'applied', appliedAt: day(3), statusChangedAt: day(3) })).id);
    const walk: [number, 'screening' | 'interviewing' | 'offer' | 'accepted' | 'rejected' | 'ghosted' | 'withdrawn' | 'applied', number][] = [
      [1, 'screening', 5], [1, 'interviewing', 9], [1, 'offer', 15], [1, 'accepted', 17],
      [2, 'rejected', 6], [4, 'screening', 8], [4, 'rejected', 11], [5, 'ghosted', 30],
      [0, 'applied', 2], [0, 'withdrawn', 4], [7, 'screening', 9], [8, 'interviewing', 10],
    ];
    for (const [index, status, at] of walk) await client.tracker.applications.setStatus.mutate({ id: applicationIds[index]!, status, at: day(at) });
    // A change recorded late, dated between two earlier ones: the stays around it are recomputed.
    await client.tracker.applications.setStatus.mutate({ id: applicationIds[7]!, status: 'interviewing', at: day(20) });
    await client.tracker.applications.update.mutate({ id: applicationIds[3]!, changes: { status: 'screening', statusChangedAt: day(12), notes: 'called back' } });
    await expectSummaryMatchesFacts(client, person.userId);
  });

  it('follow job edits: company renames, tech stack changes, soft delete and restore', async () => {
    await client.tracker.jobs.update.mutate({ id: jobIds[1]!, changes: { company: 'Globex' } });
    await client.tracker.jobs.update.mutate({ id: jobIds[2]!, changes: { techStack: ['Go', 'Kubernetes'] } });
    await client.tracker.jobs.bulkUpdate.mutate({ items: [{ id: jobIds[3]!, changes: { company: 'ACME', techStack: ['React'] } }, { id: jobIds[4]!, changes: { title: 'Renamed only' } }] });
    await expectSummaryMatchesFacts(client, person.userId);
    await client.tracker.jobs.delete.mutate({ id: jobIds[1]! });
    await client.tracker.jobs.bulkDelete.mutate({ ids: [jobIds[4]!, jobIds[9]!] });
    await expectSummaryMatchesFacts(client, person.userId);
    await client.tracker.jobs.bulkDelete.mutate({ ids: [jobIds[4]!], restore: true });
    await expectSummaryMatchesFacts(client, person.userId);
  });

  it('follow application deletes, a backup restored in replace and merge mode, and stay per user', async () => {
    await client.tracker.applications.delete.mutate({ id: applicationIds[2]! });
    await client.tracker.applications.bulkDelete.mutate({ ids: [applicationIds[5]!, applicationIds[6]!] });
    await expectSummaryMatchesFacts(client, person.userId);

    const backup = await client.tracker.transfer.backup.mutate();
    await client.tracker.transfer.restore.mutate({ base64: backup.body, mode: 'replace' });
    await expectSummaryMatchesFacts(client, person.userId);
    await client.tracker.transfer.restore.mutate({ base64: backup.body, mode: 'merge' });
    await expectSummaryMatchesFacts(client, person.userId);

    // The other person's tracker is untouched by all of it, and theirs by the first one's.
    const theirs = await other.client.tracker.analytics.summary.query();
    expect(theirs.totals).toEqual({ jobs: 0, applications: 0, sent: 0 });
    expect(theirs.topSkills).toEqual([]);
    await other.client.tracker.jobs.create.mutate({ title: 'Theirs', company: 'Acme', techStack: ['TypeScript'] });
    await expectSummaryMatchesFacts(other.client, other.userId);
    await expectSummaryMatchesFacts(client, person.userId);
  });

  it('empty themselves when everything is deleted', async () => {
    const all = await client.tracker.jobs.list.query({ limit: 100 });
    await client.tracker.transfer.restore.mutate({ base64: (await other.client.tracker.transfer.backup.mutate()).body, mode: 'replace' });
    expect(all.total).toBeGreaterThan(0);
    await expectSummaryMatchesFacts(client, person.userId);
    const leftovers = await rows<{ n: number }>(sql`
      select (select count(*) from tracker_status_stats where user_id = ${other.userId})::int
           + (select count(*) from tracker_stage_stays where user_id = ${person.userId})::int
           + (select count(*) from tracker_company_stats where user_id = ${person.userId})::int as n`);
    expect(leftovers[0]!.n).toBe(0);
  });
});

describe('list totals', () => {
  it('stay exact through writes: unfiltered from the aggregates, filtered counted once per filter set', async () => {
    const seeker = await signedInPerson(app);
    const c = seeker.client;
    const totals = async () => ({
      jobs: (await c.tracker.jobs.list.query({ limit: 1 })).total,
      bin: (await c.tracker.jobs.list.query({ limit: 1, deleted: true })).total,
      rust: (await c.tracker.jobs.list.query({ limit: 1, search: 'rust' })).total,
      rustByTitle: (await c.tracker.jobs.list.query({ limit: 1, search: 'rust', sort: 'title' })).total,
      applications: (await c.tracker.applications.list.query({ limit: 1 })).total,
      applied: (await c.tracker.applications.list.query({ limit: 1, status: ['applied'] })).total,
      appliedRust: (await c.tracker.applications.list.query({ limit: 1, status: ['applied'], search: 'rust' })).total,
      // Only job fields filtered: summed from tracker_job_stats.
      rustApplications: (await c.tracker.applications.list.query({ limit: 1, search: 'rust' })).total,
    });
    expect(await totals()).toEqual({ jobs: 0, bin: 0, rust: 0, rustByTitle: 0, applications: 0, applied: 0, appliedRust: 0, rustApplications: 0 });

    const made = await c.tracker.jobs.bulkCreate.mutate({
      items: [
        { title: 'Rust engineer', company: 'Ferris' },
        { title: 'Go engineer', company: 'Gopher' },
        { title: 'Rust tooling', company: 'Cargo' },
      ],
    });
    const [rust1, go, rust2] = made.results.map((r) => r.id) as [string, string, string];
    expect(await totals()).toEqual({ jobs: 3, bin: 0, rust: 2, rustByTitle: 2, applications: 0, applied: 0, appliedRust: 0, rustApplications: 0 });

    const first = await c.tracker.applications.create.mutate({ jobId: rust1, status: 'applied', appliedAt: day(1) });
    await c.tracker.applications.create.mutate({ jobId: go, status: 'applied', appliedAt: day(2) });
    const saved = await c.tracker.applications.create.mutate({ jobId: rust2, status: 'saved' });
    expect(await totals()).toEqual({ jobs: 3, bin: 0, rust: 2, rustByTitle: 2, applications: 3, applied: 2, appliedRust: 1, rustApplications: 2 });

    // Deleting a job hides it and its applications from every total; pages of the same filters agree.
    await c.tracker.jobs.delete.mutate({ id: rust1 });
    expect(await totals()).toEqual({ jobs: 2, bin: 1, rust: 1, rustByTitle: 1, applications: 2, applied: 1, appliedRust: 0, rustApplications: 1 });
    await c.tracker.applications.setStatus.mutate({ id: first.id, status: 'screening' });
    await c.tracker.jobs.delete.mutate({ id: rust1, restore: true });
    expect(await totals()).toEqual({ jobs: 3, bin: 0, rust: 2, rustByTitle: 2, applications: 3, applied: 1, appliedRust: 0, rustApplications: 2 });
    await c.tracker.applications.delete.mutate({ id: saved.id });
    expect(await totals()).toEqual({ jobs: 3, bin: 0, rust: 2, rustByTitle: 2, applications: 2, applied: 1, appliedRust: 0, rustApplications: 1 });
    // Applications search their job's text (joined, not copied): a job edit moves them too.
    await c.tracker.jobs.update.mutate({ id: go, changes: { title: 'Rust and Go engineer' } });
    const found = await c.tracker.applications.list.query({ search: 'rust' });
    expect([found.total, found.items.map((a) => a.title).sort()]).toEqual([2, ['Rust and Go engineer', 'Rust engineer']]);
    await c.tracker.jobs.update.mutate({ id: go, changes: { title: 'Go engineer' } });
    expect((await c.tracker.applications.list.query({ search: 'rust' })).total).toBe(1);
    const page = await c.tracker.jobs.list.query({ search: 'rust', limit: 1 });
    const next = await c.tracker.jobs.list.query({ search: 'rust', limit: 1, cursor: page.nextCursor! });
    expect([page.total, next.total, page.items.length + next.items.length]).toEqual([2, 2, 2]);
  });
});

describe('cached totals and analytics across API replicas', () => {
  it('a write through one server makes the other server recount instead of answering from its cache', async () => {
    const replica = await startTestApp({ database: app.database });
    try {
      const seeker = await signedInPerson(app);
      const there = browserClient(replica);
      await there.client.auth.signIn.mutate({ email: seeker.email, password: 'correct horse battery staple' });
      await seeker.client.tracker.jobs.create.mutate({ title: 'Rust engineer', company: 'Ferris', techStack: ['Rust'] });
      const before = await there.client.tracker.jobs.list.query({ search: 'rust' });
      const summaryBefore = await there.client.tracker.analytics.summary.query();
      expect([before.total, summaryBefore.totals.jobs]).toEqual([1, 1]);
      expect((await there.client.tracker.analytics.summary.query()).cached).toBe(true);

      await seeker.client.tracker.jobs.create.mutate({ title: 'Rust tooling', company: 'Cargo', techStack: ['Rust'] });
      const after = await there.client.tracker.jobs.list.query({ search: 'rust' });
      const summaryAfter = await there.client.tracker.analytics.summary.query();
      expect([after.total, summaryAfter.totals.jobs, summaryAfter.cached]).toEqual([2, 2, false]);
      expect(summaryAfter.topSkills).toEqual([{ skill: 'Rust', key: 'rust', jobs: 2 }]);
    } finally {
      await replica.close();
    }
  });
});
