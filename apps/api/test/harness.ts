import { Writable } from 'node:stream';
import type { DatabaseHandle } from '@tessera/db';
import { createTestDatabase } from '@tessera/db/testing';
import { type Config, loadConfig } from '../src/config';
import { appRouter } from '../src/router';
import { buildServer, type TesseraServer } from '../src/server';
import { createCallerFactory, createContextInner } from '../src/trpc';

/** Test configuration: quiet, in memory, generous limits unless a test asks otherwise. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', RATE_LIMIT_MAX: '100000', ...overrides });
}

/** Captures every JSON log line the server writes, so tests can read or grep them. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  get entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp extends TesseraServer {
  url: string;
  logs: LogCapture;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * A whole API on a random loopback port with its own fresh database (PGlite in memory, or a new
 * Postgres database when TEST_DATABASE_URL is set). Close it in afterAll.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; database?: DatabaseHandle; serveWeb?: boolean } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const logs = new LogCapture();
  const config = testConfig(options.env);
  const server = await buildServer(config, { database, logStream: logs, serveWeb: options.serveWeb ?? false });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...server,
    url: `http://127.0.0.1:${port}`,
    logs,
    database,
    close: async () => {
      await server.app.close();
      if (!options.database) await database.close();
    },
  };
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller over a server's dependencies, without HTTP. */
export function callerFor(server: TesseraServer, request: { requestId?: string; ip?: string; userAgent?: string } = {}) {
  return createCaller(
    createContextInner(server.deps, {
      requestId: request.requestId ?? 'test-request',
      ip: request.ip ?? '127.0.0.1',
      userAgent: request.userAgent ?? 'vitest',
    }),
  );
}
