import type { FastifyInstance } from 'fastify';

/**
 * Request-size limits for /trpc, checked before a byte of the body is read. Every POST must
 * declare its length (Node's HTTP parser never reads past a declared Content-Length; a chunked
 * body without one is refused), and a declared length over the limit answers 413.
 * Procedures that take files (CSV import, backup restore) get the larger upload limit when a
 * request calls only them; everything else, including a batch mixing both, gets the normal one.
 */
export function enforceTrpcBodyLimit(
  app: FastifyInstance,
  limits: { bodyBytes: number; uploadBytes: number; uploadProcedures: ReadonlySet<string> },
) {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || !request.url.startsWith('/trpc')) return;
    const declared = request.headers['content-length'];
    if (declared === undefined) {
      if (request.headers['transfer-encoding']) {
        return reply.code(411).send({
          error: { code: 'LENGTH_REQUIRED', httpStatus: 411, message: 'Send a Content-Length header.', requestId: request.id },
        });
      }
      return;
    }
    const names = decodeURIComponent((request.url.split('?')[0] ?? '').slice('/trpc/'.length)).split(',');
    const limit = names.every((name) => limits.uploadProcedures.has(name)) ? limits.uploadBytes : limits.bodyBytes;
    if (Number(declared) > limit) {
      return reply.code(413).send({
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          httpStatus: 413,
          message: `The request body is larger than the ${formatBytes(limit)} limit.`,
          requestId: request.id,
        },
      });
    }
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
