import { loadConfig } from '@tessera/api/config';
import { buildServer, type TesseraServer } from '@tessera/api/server';
import { createDb, type DatabaseHandle } from '@tessera/db';
import type { FastifyInstance } from 'fastify';
import type { FromServer, ToServer } from './server-process';

/**
 * The child-process side of `startServerProcess`: build the real API exactly as production does
 * (helmet, CORS, rate limit, request ids, logging hooks), let the benchmark add its own routes
 * before listening, and answer the parent's messages. Each benchmark's `*.server.ts` calls this.
 */
export function hostApi(
  addRoutes: (app: FastifyInstance, database: DatabaseHandle, deps: TesseraServer['deps']) => void | Promise<void>,
): void {
  const send = (message: FromServer) => process.send?.(message);
  let stop: (() => Promise<void>) | undefined;

  process.on('message', (message: ToServer) => {
    switch (message.type) {
      case 'start':
        start(message.databaseUrl, message.env).catch((error: unknown) => {
          send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          process.exit(1);
        });
        break;
      case 'rss':
        send({ type: 'rss', rssBytes: process.memoryUsage().rss });
        break;
      case 'stop':
        void (stop ?? (() => Promise.resolve()))().finally(() => process.exit(0));
        break;
    }
  });

  async function start(databaseUrl: string | undefined, env: Record<string, string> = {}) {
    // The migrations as the API finds them (config.ts), which also holds in a compiled bundle.
    const { migrationsFolder } = loadConfig({ NODE_ENV: 'production' });
    const database = await createDb(databaseUrl ? { url: databaseUrl, poolMax: 10, migrationsFolder } : { dataDir: 'memory://', migrationsFolder });
    await database.migrate();
    const { app, port } = await startApi(database, env, (app, deps) => addRoutes(app, database, deps));
    stop = async () => {
      await app.close();
      await database.close();
    };
    send({ type: 'ready', port, rssBytes: process.memoryUsage().rss });
  }
}

/**
 * The real API as production builds it, in production mode with rate limits out of the way,
 * listening on a free local port. Benchmarks that also call its services directly (tracker,
 * tracker-import) run it in their own process; `hostApi` runs it in a child.
 */
export async function startApi(
  database: DatabaseHandle,
  // A benchmark's own settings (REDIS_URL for the fan-out across processes, …).
  env: Record<string, string> = {},
  addRoutes?: (app: FastifyInstance, deps: TesseraServer['deps']) => void | Promise<void>,
  // The built SPA from apps/web/dist as production serves it (web-first-load).
  options: { serveWeb?: boolean } = {},
) {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '100000000', PORT: '0', ...env });
  const { app, deps } = await buildServer(config, { database, serveWeb: options.serveWeb ?? false });
  await addRoutes?.(app, deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, deps, port, base: `http://127.0.0.1:${port}` };
}
