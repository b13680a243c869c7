import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { cn } from '@tessera/ui/cn';
import { EmptyState } from '@tessera/ui/empty-state';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { useToast } from '@tessera/ui/toast';
import { CircleCheck, RefreshCw, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';

type Queue = RouterOutputs['admin']['queues']['list']['queues'][number];
type FailedJob = RouterOutputs['admin']['queues']['failed']['jobs'][number];
type Schedule = RouterOutputs['admin']['queues']['list']['schedules'][number];

const stateTone: Record<string, 'success' | 'danger' | 'info' | 'warning' | 'neutral'> = {
  completed: 'success',
  failed: 'danger',
  active: 'info',
  retry: 'warning',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * `/admin/queues`: depth of every background queue, the recurring jobs with their next and last
 * run, the jobs that used up their retries, and a retry button.
 */
export function QueuesPage() {
  useDocumentTitle('Job queues · Admin');
  const queues = trpc.admin.queues.list.useQuery(undefined, { refetchInterval: 10_000 });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = queues.data?.queues ?? [];
  // Show the failures of the chosen queue, else of the first that has any.
  const selected = chosen ?? list.find((queue) => queue.failed > 0)?.name ?? null;

  return (
    <section aria-labelledby="queues-heading" className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="queues-heading" className="text-lg font-semibold tracking-tight">
            Job queues
          </h2>
          <p className="text-sm text-muted-foreground">
            Background work: emails, push, reminders, maintenance. Refreshes every 10 seconds.
          </p>
        </div>
        <Button
          variant="secondary"
          size="sm"
          loading={queues.isFetching}
          onClick={() => void queues.refetch()}
        >
          <RefreshCw aria-hidden="true" />
          Refresh
        </Button>
      </div>

      {queues.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading queues">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : queues.isError ? (
        <ErrorAlert
          title="Could not load the queues"
          error={queues.error}
          onRetry={() => void queues.refetch()}
        />
      ) : list.length === 0 ? (
        <EmptyState
          title="No queues registered"
          description="Queues appear here once the API registers its background jobs at start."
        />
      ) : (
        <>
          <Card className="overflow-hidden">
            <QueueTable queues={list} selected={selected} onSelect={setChosen} />
          </Card>
          <Schedules schedules={queues.data.schedules} />
        </>
      )}

      {selected ? <FailedJobs queue={selected} /> : list.length > 0 ? <NoFailures /> : null}
    </section>
  );
}

function QueueTable({
  queues,
  selected,
  onSelect,
}: {
  queues: Queue[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  return (
    <Table aria-label="Queues">
      <TableHeader>
        <TableRow>
          <TableHead>Queue</TableHead>
          <TableHead className="text-right">Ready</TableHead>
          <TableHead className="text-right">Scheduled</TableHead>
          <TableHead className="text-right">Running</TableHead>
          <TableHead className="text-right">Failed</TableHead>
          <TableHead className="hidden md:table-cell">Retries</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {queues.map((queue) => (
          <TableRow key={queue.name} className={cn(selected === queue.name && 'bg-muted/50')}>
            <TableHead scope="row" className="h-auto font-mono text-xs text-foreground">
              {queue.name}
            </TableHead>
            <TableCell className="text-right tabular-nums">{queue.ready}</TableCell>
            <TableCell className="text-right tabular-nums">{queue.deferred}</TableCell>
            <TableCell className="text-right tabular-nums">{queue.active}</TableCell>
            <TableCell className="text-right">
              {queue.failed > 0 ? (
                <Badge tone="danger">{queue.failed}</Badge>
              ) : (
                <span className="text-muted-foreground tabular-nums">0</span>
              )}
            </TableCell>
            <TableCell className="hidden text-xs text-muted-foreground md:table-cell">
              {queue.policy.retryLimit}× from {duration(queue.policy.retryDelaySeconds)}
              {queue.policy.retryDelayMaxSeconds
                ? `, max ${duration(queue.policy.retryDelayMaxSeconds)}`
                : ''}
            </TableCell>
            <TableCell className="text-right">
              <Button
                variant="ghost"
                size="sm"
                disabled={queue.failed === 0}
                aria-pressed={selected === queue.name}
                aria-label={`Show failed jobs of ${queue.name}`}
                onClick={() => onSelect(queue.name)}
              >
                Failed jobs
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The recurring jobs the API declares (pg-boss schedules): when each runs next and how its last run went. */
function Schedules({ schedules }: { schedules: Schedule[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recurring jobs</CardTitle>
        <CardDescription>
          Declared in the API's code. A job is created at or shortly after each time (within about
          30 seconds); times are shown in your time zone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {schedules.length === 0 ? (
          <p className="text-sm text-muted-foreground">No recurring jobs are declared.</p>
        ) : (
          <Table aria-label="Recurring jobs">
            <TableHeader>
              <TableRow>
                <TableHead>Job</TableHead>
                <TableHead>Schedule</TableHead>
                <TableHead>Next run</TableHead>
                <TableHead>Last run</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {schedules.map((schedule) => (
                <TableRow key={schedule.name}>
                  <TableHead scope="row" className="h-auto font-mono text-xs text-foreground">
                    {schedule.name}
                  </TableHead>
                  <TableCell className="whitespace-nowrap">
                    <code className="font-mono text-xs">{schedule.cron}</code>{' '}
                    <span className="text-xs text-muted-foreground">{schedule.timezone}</span>
                  </TableCell>
                  <TableCell className="text-xs whitespace-nowrap">
                    {schedule.nextRunAt ? dateTime.format(schedule.nextRunAt) : '—'}
                  </TableCell>
                  <TableCell className="text-xs">
                    <LastRun schedule={schedule} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function LastRun({ schedule }: { schedule: Schedule }) {
  const run = schedule.lastRun;
  if (!run) {
    // A job id without its job: pg-boss deleted it after its retention (a day once completed).
    return (
      <span className="text-muted-foreground">
        {schedule.lastJobId ? 'Earlier (no longer kept)' : 'Not yet'}
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="whitespace-nowrap">{dateTime.format(run.startedAt ?? run.createdAt)}</span>
      <Badge tone={stateTone[run.state] ?? 'neutral'}>{run.state}</Badge>
    </span>
  );
}

function NoFailures() {
  return (
    <EmptyState
      icon={<CircleCheck />}
      title="No failed jobs"
      description="Jobs that use up their retries land here with their error, so you can fix the cause and retry them."
    />
  );
}

function FailedJobs({ queue }: { queue: string }) {
  const utils = trpc.useUtils();
  const { toast } = useToast();
  const failed = trpc.admin.queues.failed.useQuery({ queue, limit: 50 });
  const retry = trpc.admin.queues.retry.useMutation({
    onSuccess: () => toast({ title: 'Job queued again', tone: 'success' }),
    onError: (error) =>
      toast({ title: 'Could not retry the job', description: error.message, tone: 'error' }),
    onSettled: () => void utils.admin.queues.invalidate(),
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          Failed jobs in <code className="font-mono text-sm">{queue}</code>
        </CardTitle>
        <CardDescription>
          Newest first. Retrying runs the job again with a fresh set of attempts.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {failed.isPending ? (
          <div className="space-y-2" aria-busy="true" aria-label="Loading failed jobs">
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : failed.isError ? (
          <ErrorAlert
            title="Could not load the failed jobs"
            error={failed.error}
            onRetry={() => void failed.refetch()}
          />
        ) : failed.data.jobs.length === 0 ? (
          <NoFailures />
        ) : (
          <ul className="divide-y divide-border" aria-label={`Failed jobs in ${queue}`}>
            {failed.data.jobs.map((job) => (
              <FailedJobRow
                key={job.id}
                job={job}
                retrying={retry.isPending && retry.variables.id === job.id}
                onRetry={() => retry.mutate({ queue, id: job.id })}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function FailedJobRow({
  job,
  retrying,
  onRetry,
}: {
  job: FailedJob;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:gap-4">
      <div className="min-w-0 flex-1 space-y-1">
        <p className="font-mono text-xs break-all text-muted-foreground">{job.id}</p>
        <p className="rounded-md bg-error-soft px-2 py-1 font-mono text-xs break-words whitespace-pre-wrap text-error">
          {job.error}
        </p>
        <p className="text-xs text-muted-foreground">
          {job.attempts} attempt{job.attempts === 1 ? '' : 's'} · created{' '}
          {dateTime.format(job.createdAt)}
          {job.failedAt ? ` · failed ${dateTime.format(job.failedAt)}` : ''}
        </p>
        <details className="text-xs">
          <summary className="cursor-pointer rounded-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring">
            Payload
          </summary>
          <pre className="mt-1 max-h-48 overflow-auto rounded-md bg-muted p-2 font-mono">
            {JSON.stringify(job.payload, null, 2)}
          </pre>
        </details>
      </div>
      <Button
        variant="secondary"
        size="sm"
        loading={retrying}
        onClick={onRetry}
        aria-label={`Retry job ${job.id}`}
        className="self-start"
      >
        <RotateCcw aria-hidden="true" />
        Retry
      </Button>
    </li>
  );
}
