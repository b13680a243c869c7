import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestApp, type TestApp } from './harness';
import { signedInPerson, type TrackerClient } from './tracker-helpers';

/**
 * A hand-computed fixture. Histories (all January 2026, UTC):
 *   A1 Acme Backend:     saved 01 → applied 02 → screening 05 → interviewing 10 → offer 20 → accepted 25
 *   A2 Acme Frontend:    applied 03 → screening 06 → interviewing 12 → rejected 15
 *   A3 Globex Data:      applied 04 → rejected 08
 *   A4 Initech DevOps:   applied 05 → ghosted 30
 *   A5 Umbrella ML:      saved 06
 *   A6 Acme Backend:     applied 09 → screening 11 → interviewing 16 → offer 26
 *   A7 Globex Data:      saved 10 → withdrawn 12
 *   A8 on a deleted job: applied 01 → offer 02 (left out of everything)
 */
let app: TestApp;
let client: TrackerClient;
const d = (day: number) => new Date(Date.UTC(2026, 0, day));

beforeAll(async () => {
  app = await startTestApp();
  client = (await signedInPerson(app)).client;
  const created = await client.tracker.jobs.bulkCreate.mutate({
    items: [
      { title: 'Backend', company: 'Acme', techStack: ['TypeScript', 'Postgres', 'Docker'] },
      { title: 'Frontend', company: 'Acme', techStack: ['typescript', 'React'] },
      { title: 'Data', company: 'Globex', techStack: ['Python', 'SQL', 'postgres'] },
      { title: 'DevOps', company: 'Initech', techStack: ['Docker', 'Kubernetes', 'Go'] },
      { title: 'ML', company: 'Umbrella', techStack: ['Python', 'PyTorch'] },
      { title: 'Mainframe', company: 'Deleted Co', techStack: ['COBOL'] },
    ],
  });
  const [j1, j2, j3, j4, j5, j6] = created.results.map((r) => r.id) as [string, string, string, string, string, string];
  const walk = async (jobId: string, steps: [string, number][]) => {
    const [first, ...rest] = steps;
    const status = first![0] as 'saved' | 'applied';
    const app1 = await client.tracker.applications.create.mutate({ jobId, status, statusChangedAt: d(first![1]), appliedAt: status === 'applied' ? d(first![1]) : undefined });
    for (const [next, day] of rest) {
      await client.tracker.applications.setStatus.mutate({ id: app1.id, status: next as 'offer', at: d(day) });
    }
  };
  await walk(j1, [['saved', 1], ['applied', 2], ['screening', 5], ['interviewing', 10], ['offer', 20], ['accepted', 25]]);
  await walk(j2, [['applied', 3], ['screening', 6], ['interviewing', 12], ['rejected', 15]]);
  await walk(j3, [['applied', 4], ['rejected', 8]]);
  await walk(j4, [['applied', 5], ['ghosted', 30]]);
  await walk(j5, [['saved', 6]]);
  await walk(j1, [['applied', 9], ['screening', 11], ['interviewing', 16], ['offer', 26]]);
  await walk(j3, [['saved', 10], ['withdrawn', 12]]);
  await walk(j6, [['applied', 1], ['offer', 2]]);
  await client.tracker.jobs.delete.mutate({ id: j6 });
  await client.tracker.skills.set.mutate({ skills: [{ name: 'TypeScript', level: 'expert' }, { name: 'postgres', level: 'beginner' }, { name: 'Rust' }] });
});
afterAll(async () => {
  await app?.close();
});

describe('tracker.analytics.summary', () => {
  it('matches the hand-computed counts, rates, funnel, medians, skills and companies', async () => {
    const s = await client.tracker.analytics.summary.query();
    expect(s.totals).toEqual({ jobs: 5, applications: 7, sent: 5 });
    expect(s.byStatus).toEqual({ saved: 1, applied: 0, screening: 0, interviewing: 0, offer: 1, accepted: 1, rejected: 2, withdrawn: 1, ghosted: 1 });
    expect(s.funnel.map((f) => [f.stage, f.reached])).toEqual([['saved', 7], ['applied', 5], ['screening', 3], ['interviewing', 3], ['offer', 2], ['accepted', 1]]);
    expect(s.rates.responseRate).toMatchObject({ percent: 80, count: 4, outOf: 5 });
    expect(s.rates.interviewRate).toMatchObject({ percent: 60, count: 3, outOf: 5 });
    expect(s.rates.offerRate).toMatchObject({ percent: 40, count: 2, outOf: 5 });
    expect(s.rates.acceptanceRate).toMatchObject({ percent: 50, count: 1, outOf: 2 });
    expect(s.rates.responseRate.definition).toMatch(/Responses ÷ sent applications/);
    expect(s.medianDaysInStage).toEqual([
      { stage: 'saved', medianDays: 1.5, samples: 2 },
      { stage: 'applied', medianDays: 3, samples: 5 },
      { stage: 'screening', medianDays: 5, samples: 3 },
      { stage: 'interviewing', medianDays: 10, samples: 3 },
      { stage: 'offer', medianDays: 5, samples: 1 },
    ]);
    expect(s.topSkills.map((t) => [t.skill, t.jobs])).toEqual([
      ['Docker', 2], ['Postgres', 2], ['Python', 2], ['TypeScript', 2], ['Go', 1], ['Kubernetes', 1], ['PyTorch', 1], ['React', 1], ['SQL', 1],
    ]);
    expect(s.topCompanies).toEqual([
      { company: 'Acme', applications: 3, offers: 2 },
      { company: 'Globex', applications: 2, offers: 0 },
      { company: 'Initech', applications: 1, offers: 0 },
      { company: 'Umbrella', applications: 1, offers: 0 },
    ]);
  });

  it('is cached per user and invalidated by any tracker write', async () => {
    const first = await client.tracker.analytics.summary.query();
    const second = await client.tracker.analytics.summary.query();
    expect(second.cached).toBe(true);
    expect({ ...second, cached: first.cached }).toEqual(first);
    const other = (await signedInPerson(app)).client;
    expect((await other.tracker.analytics.summary.query()).totals.applications).toBe(0);
    const job = await client.tracker.jobs.create.mutate({ title: 'Extra', company: 'Zed' });
    const fresh = await client.tracker.analytics.summary.query();
    expect(fresh.cached).toBe(false);
    expect(fresh.totals.jobs).toBe(6);
    await client.tracker.jobs.delete.mutate({ id: job.id });
    expect((await client.tracker.analytics.summary.query()).totals.jobs).toBe(5);
  });
});

describe('tracker.analytics.trends', () => {
  it('counts per day with the change against the previous period', async () => {
    const t = await client.tracker.analytics.trends.query({ granularity: 'day', from: d(1), to: new Date(Date.UTC(2026, 0, 10, 23, 59, 59)) });
    expect(t.series.map((p) => [p.periodStart, p.count])).toEqual([
      ['2026-01-01', 0], ['2026-01-02', 1], ['2026-01-03', 1], ['2026-01-04', 1], ['2026-01-05', 1],
      ['2026-01-06', 0], ['2026-01-07', 0], ['2026-01-08', 0], ['2026-01-09', 1], ['2026-01-10', 0],
    ]);
    expect(t).toMatchObject({ total: 5, direction: 'up', changePercent: null, previousPeriod: { total: 0 } });
  });

  it('counts per week (Monday weeks) and compares with the two weeks before', async () => {
    const t = await client.tracker.analytics.trends.query({ granularity: 'week', from: d(5), to: new Date(Date.UTC(2026, 0, 18, 23, 59, 59, 999)) });
    expect(t.series).toEqual([
      { periodStart: '2026-01-05', count: 2, direction: 'flat', changePercent: null },
      { periodStart: '2026-01-12', count: 0, direction: 'down', changePercent: -100 },
    ]);
    expect(t).toMatchObject({ total: 2, previousPeriod: { total: 3 }, direction: 'down', changePercent: -33.3 });
  });

  it('counts per month and refuses a reversed range', async () => {
    const t = await client.tracker.analytics.trends.query({ granularity: 'month', from: d(1), to: new Date(Date.UTC(2026, 0, 31, 23, 59, 59)) });
    expect(t.series).toEqual([{ periodStart: '2026-01-01', count: 5, direction: 'flat', changePercent: null }]);
    const bad = await errorOf(client.tracker.analytics.trends.query({ granularity: 'day', from: d(10), to: d(1) }));
    expect(bad.data.fieldErrors?.to).toBeDefined();
  });
});

describe('tracker.analytics.skillGap', () => {
  it('ranks missing skills by demand with coverage', async () => {
    const g = await client.tracker.analytics.skillGap.query();
    expect(g).toMatchObject({ jobsAnalysed: 5, demandedSkills: 9, coveragePercent: 22.2, weightedCoveragePercent: 30.8, unused: ['Rust'] });
    expect(g.missing.map((m) => [m.skill, m.jobs, m.percentOfJobs])).toEqual([
      ['Docker', 2, 40], ['Python', 2, 40], ['Go', 1, 20], ['Kubernetes', 1, 20], ['PyTorch', 1, 20], ['React', 1, 20], ['SQL', 1, 20],
    ]);
    expect(g.covered.map((c) => [c.skill, c.level])).toEqual([['Postgres', 'beginner'], ['TypeScript', 'expert']]);
    expect((await client.tracker.analytics.skillGap.query({ limit: 2 })).missing).toHaveLength(2);
  });
});
