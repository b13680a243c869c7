import type { JSX, ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { cn } from '@tessera/ui/cn';
import { EmptyState } from '@tessera/ui/empty-state';
import { FormField } from '@tessera/ui/form-field';
import { ProgressBar } from '@tessera/ui/progress-bar';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { ArrowDownRight, ArrowRight, ArrowUpRight, BarChart3, Info } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert } from '../../lib/error-alert';
import { defaultTrendsRange, skillGapLimit, trendsWindow } from '../../lib/page-queries';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { phoneScreen, useMediaQuery } from '../../lib/use-media-query';
import { PageHeader } from './data-table';
import { formatDay, plural, statusLabels } from './format';

const ranges = {
  '30d': { label: 'Last 30 days', days: 30, granularity: 'day' },
  '12w': { label: 'Last 12 weeks', ...defaultTrendsRange },
  '6m': { label: 'Last 6 months', days: 183, granularity: 'week' },
  '12m': { label: 'Last 12 months', days: 365, granularity: 'month' },
} as const;
type RangeKey = keyof typeof ranges;
const granularityLabels = { day: 'Daily', week: 'Weekly', month: 'Monthly' } as const;

const axis = { fontSize: 12, fill: 'var(--muted-foreground)' };
const tooltipStyle = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' },
  labelStyle: { color: 'var(--foreground)' },
  cursor: { fill: 'var(--muted)' },
};
const statusColors: Record<string, string> = {
  saved: 'var(--muted-foreground)',
  applied: 'var(--info)',
  screening: 'var(--info)',
  interviewing: 'var(--warning)',
  offer: 'var(--success)',
  accepted: 'var(--success)',
  rejected: 'var(--error)',
  withdrawn: 'var(--muted-foreground)',
  ghosted: 'var(--muted-foreground)',
};

/**
 * One bar per pipeline stage: columns with the names under them on a wide screen; on a phone the
 * bars run across with the names beside them (nine stage names do not fit under columns at 360 px).
 */
function StageBars<T extends { label: string }>(props: {
  testId: string;
  data: T[];
  /** The field each bar shows. */
  dataKey: string;
  name: string;
  narrow: boolean;
  animate: boolean;
  height: number;
  /** One colour per bar; otherwise `fill` for all. */
  colorOf?: (row: T) => string | undefined;
  fill?: string;
}): JSX.Element {
  const { data, dataKey, name, narrow, animate, colorOf, fill } = props;
  const cells = colorOf ? data.map((row) => <Cell key={row.label} fill={colorOf(row)} />) : null;
  return (
    <div data-testid={props.testId}>
      <ResponsiveContainer width="100%" height={narrow ? Math.max(props.height, 32 * data.length + 24) : props.height}>
        {narrow ? (
          <BarChart key="across" data={data} layout="vertical" margin={{ top: 8, right: 24, left: 8, bottom: 0 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" allowDecimals={false} tick={axis} />
            <YAxis type="category" dataKey="label" tick={axis} width={88} interval={0} />
            <Tooltip {...tooltipStyle} />
            <Bar dataKey={dataKey} isAnimationActive={animate} name={name} fill={fill} radius={[0, 4, 4, 0]}>
              {cells}
            </Bar>
          </BarChart>
        ) : (
          <BarChart key="columns" data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={axis} interval={0} angle={-30} textAnchor="end" height={56} />
            <YAxis allowDecimals={false} tick={axis} />
            <Tooltip {...tooltipStyle} />
            <Bar dataKey={dataKey} isAnimationActive={animate} name={name} fill={fill} radius={[4, 4, 0, 0]}>
              {cells}
            </Bar>
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/** Route `/tracker/analytics`: where the search stands and how it moves. */
export function AnalyticsPage(): JSX.Element {
  useDocumentTitle('Analytics · Tracker');
  const narrow = useMediaQuery(phoneScreen);
  // Charts grow into place unless the person asked their system for less motion.
  const animate = !useMediaQuery('(prefers-reduced-motion: reduce)');
  const [rangeKey, setRangeKey] = useState<RangeKey>('12w');
  const [granularity, setGranularity] = useState<'day' | 'week' | 'month'>(ranges['12w'].granularity);
  // Whole local days up to the end of today: includes what was sent a moment ago, and the query
  // key stays the same between renders.
  // The router starts these three with the page's code (prefetchAnalytics): same inputs here.
  const { from, to } = useMemo(() => trendsWindow(ranges[rangeKey].days), [rangeKey]);
  const summary = trpc.tracker.analytics.summary.useQuery({});
  const trends = trpc.tracker.analytics.trends.useQuery({ from, to, granularity });
  const gap = trpc.tracker.analytics.skillGap.useQuery({ limit: skillGapLimit });

  const header = (
    <PageHeader title="Analytics" description="Computed from every status change you recorded, so the figures are facts, not estimates." />
  );
  if (summary.error) return <div className="flex flex-col gap-6">{header}<ErrorAlert error={summary.error} title="Could not load the analytics" onRetry={() => void summary.refetch()} /></div>;
  if (!summary.data) {
    return (
      <div className="flex flex-col gap-6" aria-busy="true" aria-label="Loading analytics">
        {header}
        <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-28" />)}
        </div>
        <Skeleton className="h-72" />
      </div>
    );
  }
  const data = summary.data;
  if (data.totals.applications === 0 && data.totals.jobs === 0) {
    return (
      <div className="flex flex-col gap-6">
        {header}
        <EmptyState
          icon={<BarChart3 />}
          title="Nothing to analyse yet"
          description="Add jobs and track your applications: response rates, trends and your skill gap appear here as soon as there is data."
          action={
            <>
              <Button asChild><Link to="/tracker/jobs">Add your first job</Link></Button>
              <Button variant="secondary" asChild><Link to="/tracker/import">Import a CSV</Link></Button>
            </>
          }
        />
      </div>
    );
  }
  const statusData = Object.entries(data.byStatus).map(([status, count]) => ({ status, label: statusLabels[status as keyof typeof statusLabels], count }));
  const rates = [
    { key: 'responseRate', label: 'Response rate' },
    { key: 'interviewRate', label: 'Interview rate' },
    { key: 'offerRate', label: 'Offer rate' },
    { key: 'acceptanceRate', label: 'Acceptance rate' },
  ] as const;

  return (
    <div className="flex flex-col gap-6">
      {header}
      <section aria-label="Totals" className="grid grid-cols-3 gap-3">
        <Stat label="Jobs" value={data.totals.jobs} />
        <Stat label="Applications" value={data.totals.applications} />
        <Stat label="Sent" value={data.totals.sent} hint="Applications that left “saved” (withdrawn before sending excluded)" />
      </section>

      <section aria-label="Rates" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {rates.map(({ key, label }) => {
          const rate = data.rates[key];
          return (
            <Card key={key} data-testid={`rate-${key}`}>
              <CardHeader className="gap-1 pb-2">
                <CardDescription className="flex items-center gap-1.5">
                  {label}
                  <span title={rate.definition} className="inline-flex text-muted-foreground" aria-hidden="true">
                    <Info className="size-3.5" />
                  </span>
                </CardDescription>
                <p className="text-3xl font-semibold tracking-tight tabular-nums">{rate.percent === null ? '—' : `${rate.percent}%`}</p>
              </CardHeader>
              <CardContent className="flex flex-col gap-1">
                <p className="text-xs text-muted-foreground tabular-nums">
                  {rate.count.toLocaleString()} of {rate.outOf.toLocaleString()}
                </p>
                <p className="text-xs text-muted-foreground">{rate.definition}</p>
              </CardContent>
            </Card>
          );
        })}
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard title="Applications by status" description="Where every application is now.">
          <StageBars testId="status-chart" data={statusData} dataKey="count" name="Applications" narrow={narrow} animate={animate} height={260} colorOf={(d) => statusColors[d.status]} />
          <DataList items={statusData.map((d) => [d.label, d.count])} label="Applications by status" />
        </ChartCard>

        <ChartCard title="Funnel" description="Applications that reached each stage (or a later one).">
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={data.funnel.map((f) => ({ ...f, label: statusLabels[f.stage] }))} layout="vertical" margin={{ top: 8, right: 24, left: 8, bottom: 0 }}>
              <CartesianGrid horizontal={false} stroke="var(--border)" />
              <XAxis type="number" allowDecimals={false} tick={axis} />
              <YAxis type="category" dataKey="label" tick={axis} width={88} interval={0} />
              <Tooltip {...tooltipStyle} />
              <Bar dataKey="reached" isAnimationActive={animate} name="Reached" fill="var(--primary)" radius={[0, 4, 4, 0]} />
            </BarChart>
          </ResponsiveContainer>
          <DataList items={data.funnel.map((f) => [statusLabels[f.stage], `${f.reached} (${f.percentOfAll ?? 0}%)`])} label="Funnel" />
        </ChartCard>
      </div>

      <Card>
        <CardHeader className="flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle>Applications sent</CardTitle>
            <CardDescription>By applied date, compared with the same length of time just before.</CardDescription>
          </div>
          <div className="flex gap-2">
            <FormField label="Range">
              <Select value={rangeKey} onChange={(e) => { const key = e.target.value as RangeKey; setRangeKey(key); setGranularity(ranges[key].granularity); }}>
                {Object.entries(ranges).map(([key, r]) => <option key={key} value={key}>{r.label}</option>)}
              </Select>
            </FormField>
            <FormField label="Per">
              <Select value={granularity} onChange={(e) => setGranularity(e.target.value as 'day' | 'week' | 'month')}>
                {Object.entries(granularityLabels).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
              </Select>
            </FormField>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {trends.error ? <ErrorAlert error={trends.error} onRetry={() => void trends.refetch()} /> : null}
          {trends.data ? (
            <>
              <div className="flex flex-wrap items-baseline gap-3" data-testid="trend-summary">
                <p className="text-3xl font-semibold tabular-nums">{trends.data.total}</p>
                <Direction direction={trends.data.direction} percent={trends.data.changePercent} />
                <p className="text-sm text-muted-foreground">vs {trends.data.previousPeriod.total} in the previous {ranges[rangeKey].label.replace('Last ', '')}</p>
              </div>
              <ResponsiveContainer width="100%" height={240}>
                <AreaChart data={trends.data.series} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                  <defs>
                    <linearGradient id="trend-fill" x1="0" y1="0" x2="0" y2="1">
                      <stop offset="0%" stopColor="var(--primary)" stopOpacity={0.35} />
                      <stop offset="100%" stopColor="var(--primary)" stopOpacity={0} />
                    </linearGradient>
                  </defs>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="periodStart" tick={axis} tickFormatter={(v: string) => formatDay(v).replace(/,? \d{4}$/, '')} minTickGap={16} />
                  <YAxis allowDecimals={false} tick={axis} />
                  <Tooltip {...tooltipStyle} labelFormatter={(v) => `${{ day: 'Day', week: 'Week', month: 'Month' }[granularity]} of ${typeof v === 'string' ? formatDay(v) : ''}`} />
                  <Area type="monotone" dataKey="count" isAnimationActive={animate} name="Sent" stroke="var(--primary)" strokeWidth={2} fill="url(#trend-fill)" />
                </AreaChart>
              </ResponsiveContainer>
              <details className="text-sm">
                <summary className="cursor-pointer text-muted-foreground">Per period, with change</summary>
                <ul className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
                  {trends.data.series.map((s) => (
                    <li key={s.periodStart} className="flex items-center justify-between gap-2 tabular-nums">
                      <span>{formatDay(s.periodStart)}</span>
                      <span className="flex items-center gap-2">{s.count} <Direction direction={s.direction} percent={s.changePercent} small /></span>
                    </li>
                  ))}
                </ul>
              </details>
            </>
          ) : (
            <Skeleton className="h-60" />
          )}
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard title="Median days per stage" description="How long an application stays in a stage before its next change (finished stays only).">
          {data.medianDaysInStage.length ? (
            <>
              <StageBars testId="median-days-chart" data={data.medianDaysInStage.map((m) => ({ ...m, label: statusLabels[m.stage] }))} dataKey="medianDays" name="Median days" narrow={narrow} animate={animate} height={220} fill="var(--info)" />
              <DataList items={data.medianDaysInStage.map((m) => [statusLabels[m.stage], `${m.medianDays ?? '—'} days (${m.samples} stays)`])} label="Median days per stage" />
            </>
          ) : (
            <p className="text-sm text-muted-foreground">Appears once applications have moved from one stage to another.</p>
          )}
        </ChartCard>

        <ChartCard title="Top companies" description="Where you applied most, with offers.">
          {data.topCompanies.length ? (
            <ol className="flex flex-col divide-y divide-border text-sm">
              {data.topCompanies.map((c, i) => (
                <li key={c.company} className="flex items-center justify-between gap-3 py-2">
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="w-5 text-right text-muted-foreground tabular-nums">{i + 1}</span>
                    <span className="truncate">{c.company}</span>
                  </span>
                  <span className="flex shrink-0 items-center gap-2 tabular-nums">
                    {c.applications} {c.applications === 1 ? 'application' : 'applications'}
                    {c.offers ? <Badge tone="success">{c.offers} offer{c.offers === 1 ? '' : 's'}</Badge> : null}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-muted-foreground">No applications yet.</p>
          )}
        </ChartCard>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChartCard title="Top skills demanded" description="How many of your jobs name each skill.">
          {data.topSkills.length ? (
            <div data-testid="skills-chart">
            <ResponsiveContainer width="100%" height={Math.max(160, data.topSkills.length * 32 + 24)}>
              <BarChart data={data.topSkills} layout="vertical" margin={{ top: 0, right: 24, left: 8, bottom: 0 }}>
                <XAxis type="number" allowDecimals={false} tick={axis} />
                {/* interval 0: every skill is named (recharts drops "overlapping" names otherwise). */}
                <YAxis type="category" dataKey="skill" tick={axis} width={96} interval={0} />
                <Tooltip {...tooltipStyle} />
                <Bar dataKey="jobs" isAnimationActive={animate} name="Jobs" fill="var(--primary)" radius={[0, 4, 4, 0]} />
              </BarChart>
            </ResponsiveContainer>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Add a tech stack to your jobs to see which skills they ask for.</p>
          )}
        </ChartCard>

        <ChartCard title="Skill gap" description={gap.data?.definitions.coveragePercent ?? 'Skills your jobs ask for that you do not list.'}>
          {gap.error ? <ErrorAlert error={gap.error} onRetry={() => void gap.refetch()} /> : null}
          {gap.data ? (
            <div className="flex flex-col gap-4">
              <div className="flex flex-col gap-2">
                <ProgressBar label={`Coverage: ${gap.data.coveragePercent ?? 0}% of ${gap.data.demandedSkills.toLocaleString()} demanded skills`} value={gap.data.coveragePercent ?? 0} showValue tone="success" />
                <p className="text-xs text-muted-foreground">
                  Weighted by demand: {gap.data.weightedCoveragePercent ?? 0}% — {gap.data.definitions.weightedCoveragePercent}
                </p>
              </div>
              {gap.data.missing.length ? (
                <ol className="flex flex-col gap-1.5 text-sm" aria-label="Missing skills, most demanded first">
                  {gap.data.missing.map((m) => (
                    <li key={m.skill} className="flex items-center justify-between gap-2">
                      <span>{m.skill}</span>
                      <span className="text-muted-foreground tabular-nums">
                        {plural(m.jobs, 'job')} · {m.percentOfJobs ?? 0}%
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-sm text-muted-foreground">You list every skill your jobs ask for.</p>
              )}
              <Button variant="secondary" size="sm" className="w-fit" asChild>
                <Link to="/tracker/skills">Update your skills</Link>
              </Button>
            </div>
          ) : (
            <Skeleton className="h-40" />
          )}
        </ChartCard>
      </div>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    // Three across even at 360 px: tighter padding and type there, so "10,014" stays inside its card.
    <Card className="min-w-0 p-3 sm:p-4">
      <p className="text-xs text-muted-foreground" title={hint}>{label}</p>
      <p className="text-xl font-semibold tabular-nums [overflow-wrap:anywhere] sm:text-2xl">{value.toLocaleString()}</p>
    </Card>
  );
}

function ChartCard({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** The chart's numbers as text for screen readers (charts are pictures to them). */
function DataList({ items, label }: { items: [string, ReactNode][]; label: string }) {
  return (
    <dl className="sr-only" aria-label={label}>
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Direction({ direction, percent, small }: { direction: 'up' | 'down' | 'flat'; percent: number | null; small?: boolean }) {
  const Icon = direction === 'up' ? ArrowUpRight : direction === 'down' ? ArrowDownRight : ArrowRight;
  const text = percent === null ? (direction === 'flat' ? 'no change' : direction === 'up' ? 'up from none' : 'down') : `${percent > 0 ? '+' : ''}${percent}%`;
  return (
    <span
      className={cn(
        'inline-flex items-center gap-0.5 font-medium tabular-nums',
        small ? 'text-xs' : 'text-sm',
        direction === 'up' ? 'text-success' : direction === 'down' ? 'text-error' : 'text-muted-foreground',
      )}
    >
      <Icon aria-hidden="true" className={small ? 'size-3.5' : 'size-4'} />
      <span className="sr-only">{direction === 'up' ? 'Up' : direction === 'down' ? 'Down' : 'Flat'}:</span>
      {text}
    </span>
  );
}
