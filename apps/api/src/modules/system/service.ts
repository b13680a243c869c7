import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, type DbOrTx, schema } from '@tessera/db';
import { eq, inArray } from 'drizzle-orm';
import packageJson from '../../../package.json' with { type: 'json' };

export const apiVersion = packageJson.version;

/** Record who this installation is the first time it starts; later starts keep the first values. */
export async function recordInstallation(db: DbOrTx, now = new Date()): Promise<void> {
  await db
    .insert(schema.appMetadata)
    .values([
      { key: 'instance_id', value: randomUUID(), updatedAt: now },
      { key: 'installed_at', value: now.toISOString(), updatedAt: now },
    ])
    .onConflictDoNothing();
}

/** One row by primary key: the cheapest real database read (used by the benchmark too). */
export async function readInstanceId(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ value: schema.appMetadata.value })
    .from(schema.appMetadata)
    .where(eq(schema.appMetadata.key, 'instance_id'))
    .limit(1);
  return row?.value ?? null;
}

export async function readInstallation(db: DbOrTx) {
  const rows = await db
    .select({ key: schema.appMetadata.key, value: schema.appMetadata.value })
    .from(schema.appMetadata)
    .where(inArray(schema.appMetadata.key, ['instance_id', 'installed_at']));
  const byKey = new Map(rows.map((row) => [row.key, row.value]));
  return {
    instanceId: byKey.get('instance_id') ?? null,
    installedAt: byKey.get('installed_at') ? new Date(byKey.get('installed_at')!) : null,
  };
}

/** What the System status page shows: live facts read from the process and the database. */
export async function systemStatus(deps: { database: DatabaseHandle; startedAt: Date }, now = new Date()) {
  const started = performance.now();
  await deps.database.ping();
  const databaseLatencyMs = Math.round((performance.now() - started) * 10) / 10;
  const [migrations, installation] = await Promise.all([
    deps.database.migrationStatus(),
    readInstallation(deps.database.db),
  ]);
  return {
    status: 'ok' as const,
    version: apiVersion,
    nodeVersion: process.version,
    startedAt: deps.startedAt,
    uptimeSeconds: Math.floor((now.getTime() - deps.startedAt.getTime()) / 1000),
    serverTime: now,
    database: {
      mode: deps.database.mode,
      latencyMs: databaseLatencyMs,
      migrations,
    },
    installation,
    memory: { rssBytes: process.memoryUsage().rss },
  };
}
