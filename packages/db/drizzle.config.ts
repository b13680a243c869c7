import { defineConfig } from 'drizzle-kit';

// `db:generate` only diffs the schema against the committed snapshots: no database is opened.
// `db:studio` connects to DATABASE_URL (Postgres); the embedded PGlite directory cannot be shared
// with a running API (one process per data directory), so studio is for Postgres setups.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  // eslint-disable-next-line no-restricted-properties
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  strict: true,
  verbose: true,
});
