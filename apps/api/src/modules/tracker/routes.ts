import { Readable } from 'node:stream';
import { exportFileInput } from '@tessera/validation/tracker';
import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import { type AppDeps, fieldErrorsOf } from '../../trpc';
import { readBearer, readCookie, resolveAuth } from '../../platform/authentication';
import { excelBuilds, ExcelTooLargeError } from './excel';
import { exportChunks, exportContentTypes, exportFilename, exportWorkbook } from './transfer.service';

/**
 * `GET /api/tracker/export?kind=jobs&format=csv&fields=title,company&filters={"search":"rust"}`
 * streams CSV or JSON straight from a paged database read to the socket, so an export of
 * 100,000 rows holds one page in memory; `format=xlsx` sends an Excel workbook of the same rows. Authenticated like tRPC (session cookie or bearer);
 * a GET that only reads needs no CSRF check.
 */
export function registerTrackerRoutes(app: FastifyInstance, deps: AppDeps): void {
  new Gauge({
    name: 'tessera_tracker_excel_builds',
    help: 'Excel exports being built in worker threads (running) and waiting for a turn (waiting), in this process',
    labelNames: ['state'] as const,
    registers: [deps.metrics.registry],
    collect() {
      const { running, waiting } = excelBuilds();
      this.set({ state: 'running' }, running);
      this.set({ state: 'waiting' }, waiting);
    },
  });

  app.get('/api/tracker/export', async (request, reply) => {
    const { auth } = await resolveAuth({ db: deps.database.db, sessions: deps.sessions, clock: deps.clock }, {
      cookieToken: readCookie(request.headers.cookie, deps.config.auth.cookieName),
      bearerToken: readBearer(request.headers.authorization),
      ip: request.ip,
    });
    const fail = (status: number, code: string, message: string, fieldErrors: Record<string, string[]> | null = null) =>
      reply.code(status).send({ error: { code, httpStatus: status, message, requestId: request.id, fieldErrors } });
    if (!auth) return fail(401, 'UNAUTHORIZED', 'Sign in to continue.');

    const query = request.query as Record<string, string | undefined>;
    let filters: unknown;
    try {
      filters = query.filters ? JSON.parse(query.filters) : undefined;
    } catch {
      return fail(400, 'BAD_REQUEST', 'filters must be JSON', { filters: ['Must be JSON'] });
    }
    const parsed = exportFileInput.safeParse({
      kind: query.kind,
      format: query.format ?? 'csv',
      fields: query.fields ? query.fields.split(',') : undefined,
      filters,
    });
    if (!parsed.success) return fail(400, 'BAD_REQUEST', 'Invalid export request', fieldErrorsOf(parsed.error));
    if (parsed.data.format === 'pdf') return fail(400, 'BAD_REQUEST', 'PDF reports come from tracker.transfer.exportFile', { format: ['Use csv, json or xlsx here'] });

    // A workbook is a zip of the whole sheet: built in memory first, so a refusal is an ordinary error answer.
    let workbook: Buffer | undefined;
    if (parsed.data.format === 'xlsx') {
      // Building takes seconds (in a worker thread): a client that leaves meanwhile stops it
      // (Fastify's `request.signal` aborts when the request's connection closes).
      try {
        workbook = await exportWorkbook(deps.database.db, auth.user.id, parsed.data, request.signal);
      } catch (error) {
        if (request.signal.aborted) {
          // Nobody reads an answer now (the socket is gone, so no response line is logged either): say what happened.
          request.log.info({ path: '/api/tracker/export', format: 'xlsx' }, 'the client left before its Excel workbook was built; the build was stopped');
          return fail(499, 'CLIENT_CLOSED_REQUEST', 'The client closed the connection before the workbook was built.');
        }
        if (!(error instanceof ExcelTooLargeError)) throw error;
        return fail(400, 'BAD_REQUEST', error.message, { format: [error.message] });
      }
    }

    const filename = exportFilename(parsed.data.kind, parsed.data.format, deps.clock());
    void reply
      .header('content-type', exportContentTypes[parsed.data.format])
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store');
    if (workbook) return reply.send(workbook);
    return reply.send(Readable.from(exportChunks(deps.database.db, auth.user.id, parsed.data)));
  });
}
