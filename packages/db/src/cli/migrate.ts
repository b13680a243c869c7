import { createDb } from '../index';
import { readCliConfig } from './config';

// `pnpm db:migrate`: the same migrations the API applies at start, for operators who run them first.
const { databaseUrl, dataDir } = readCliConfig();
const handle = await createDb({ url: databaseUrl, dataDir });
try {
  await handle.migrate();
  const status = await handle.migrationStatus();
  console.log(
    `Migrated ${handle.mode} database: ${status.applied}/${status.available} migrations applied (latest: ${status.latest ?? 'none'}).`,
  );
} finally {
  await handle.close();
}
