import { resolve } from 'node:path';

/** The CLI's only configuration: where the database is (same variables as the API). */
export function readCliConfig() {
  // eslint-disable-next-line no-restricted-properties
  const env = process.env;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    // Resolved from the repository root, where `pnpm db:migrate` is normally run.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR || './.data'),
  };
}
