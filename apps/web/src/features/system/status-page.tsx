import { Alert } from '@tessera/ui/alert';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { ProgressBar } from '@tessera/ui/progress-bar';
import { Skeleton } from '@tessera/ui/skeleton';
import { Activity, Database, Fingerprint, RefreshCw, Server } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format';
import { requestIdOf } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import {
  formatBytes,
  formatDatabaseMode,
  formatLatency,
  formatUptime,
  type SystemStatus,
} from './format';
import { useNow } from './use-now';
import { useSystemStatus } from './use-system-status';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 py-2.5 text-sm first:pt-0 last:pb-0">
      <dt className="shrink-0 text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate text-right font-medium text-foreground tabular-nums">{children}</dd>
    </div>
  );
}

function FactList({ children }: { children: ReactNode }) {
  return <dl className="divide-y divide-border">{children}</dl>;
}

function SectionCard({
  title,
  description,
  icon,
  children,
}: {
  title: string;
  description: string;
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader className="flex-row items-start gap-3">
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-md border border-border bg-subtle text-muted-foreground [&_svg]:size-4"
        >
          {icon}
        </span>
        <div className="flex flex-col gap-0.5">
          <CardTitle>{title}</CardTitle>
          <CardDescription className="text-xs">{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

function SkeletonFacts({ rows }: { rows: number }) {
  return (
    <div className="flex flex-col gap-4 py-1">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex justify-between gap-4">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-28" />
        </div>
      ))}
    </div>
  );
}

const sections = [
  { key: 'api', title: 'API', description: 'The server process', icon: <Server />, rows: 5 },
  { key: 'database', title: 'Database', description: 'Storage engine and schema', icon: <Database />, rows: 4 },
  { key: 'installation', title: 'Installation', description: 'This deployment', icon: <Fingerprint />, rows: 3 },
] as const;

function StatusFacts({ status, updatedAt, now }: { status: SystemStatus; updatedAt: number; now: number }) {
  // The server reports uptime at fetch time; add the time since then so it ticks between refreshes.
  const uptime = status.uptimeSeconds + Math.max(0, (now - updatedAt) / 1000);
  const { migrations } = status.database;
  const upToDate = migrations.applied === migrations.available;
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2 lg:grid-cols-3">
      <SectionCard title={sections[0].title} description={sections[0].description} icon={sections[0].icon}>
        <FactList>
          <Fact label="Status">
            <Badge tone="success" dot>
              {status.status === 'ok' ? 'Operational' : status.status}
            </Badge>
          </Fact>
          <Fact label="Version">{status.version}</Fact>
          <Fact label="Uptime">
            <span data-testid="uptime">{formatUptime(uptime)}</span>
          </Fact>
          <Fact label="Node.js">{status.nodeVersion}</Fact>
          <Fact label="Memory (RSS)">{formatBytes(status.memory.rssBytes)}</Fact>
        </FactList>
      </SectionCard>
      <SectionCard title={sections[1].title} description={sections[1].description} icon={sections[1].icon}>
        <FactList>
          <Fact label="Mode">{formatDatabaseMode(status.database.mode)}</Fact>
          <Fact label="Latency">{formatLatency(status.database.latencyMs)}</Fact>
          <Fact label="Migrations">
            <span className="inline-flex items-center gap-2">
              <span data-testid="migration-level">
                {migrations.applied} / {migrations.available}
              </span>
              <Badge tone={upToDate ? 'success' : 'warning'}>{upToDate ? 'Up to date' : 'Pending'}</Badge>
            </span>
          </Fact>
          <Fact label="Latest migration">
            <code className="font-mono text-xs">{migrations.latest ?? 'none'}</code>
          </Fact>
        </FactList>
        <ProgressBar
          className="mt-4"
          label="Migrations applied"
          value={migrations.applied}
          max={Math.max(migrations.available, 1)}
          tone={upToDate ? 'success' : 'warning'}
        />
      </SectionCard>
      <SectionCard title={sections[2].title} description={sections[2].description} icon={sections[2].icon}>
        <FactList>
          <Fact label="Instance id">
            <code className="font-mono text-xs" title={status.installation.instanceId ?? undefined}>
              {status.installation.instanceId ?? '—'}
            </code>
          </Fact>
          <Fact label="Installed">{formatDateTime(status.installation.installedAt)}</Fact>
          <Fact label="Started">{formatDateTime(status.startedAt)}</Fact>
        </FactList>
      </SectionCard>
    </div>
  );
}

/** Route `/system`: live facts about the API, its database and this installation. */
export function SystemStatusPage() {
  useDocumentTitle('System status');
  const query = useSystemStatus();
  const now = useNow(1000);
  const { data, error, isPending, isFetching, dataUpdatedAt } = query;
  const requestId = requestIdOf(error);
  const secondsAgo = Math.max(0, Math.round((now - dataUpdatedAt) / 1000));

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
            <Activity aria-hidden="true" className="size-5 text-muted-foreground" />
            System status
          </h1>
          <p className="text-sm text-muted-foreground">
            Live facts from the API and its database, refreshed every 5 seconds.
          </p>
        </div>
        <div className="flex items-center gap-3" aria-live="polite">
          {data && !error ? (
            <span className="text-xs text-muted-foreground tabular-nums">
              Updated {secondsAgo < 2 ? 'just now' : `${secondsAgo}s ago`}
            </span>
          ) : null}
          {isPending ? (
            <Badge>Checking…</Badge>
          ) : error ? (
            <Badge tone="danger" dot>
              API unreachable
            </Badge>
          ) : (
            <Badge tone="success" dot>
              API operational
            </Badge>
          )}
        </div>
      </div>

      {error ? (
        <Alert
          tone="error"
          title={data ? 'Lost contact with the API — showing the last known values' : 'Could not load the system status'}
          action={
            <Button size="sm" variant="secondary" onClick={() => void query.refetch()} loading={isFetching}>
              {isFetching ? null : <RefreshCw aria-hidden="true" />}
              Retry
            </Button>
          }
        >
          <p>{error.message}</p>
          {requestId ? (
            <p className="mt-1 text-xs">
              Request id: <code className="font-mono text-foreground">{requestId}</code>
            </p>
          ) : null}
        </Alert>
      ) : null}

      {data ? (
        <StatusFacts status={data} updatedAt={dataUpdatedAt} now={now} />
      ) : isPending ? (
        <div aria-busy="true" aria-label="Loading system status" className="grid grid-cols-1 gap-4 md:grid-cols-2 lg:grid-cols-3">
          {sections.map((section) => (
            <SectionCard key={section.key} title={section.title} description={section.description} icon={section.icon}>
              <SkeletonFacts rows={section.rows} />
            </SectionCard>
          ))}
        </div>
      ) : null}
    </div>
  );
}
