import type { FastifyInstance } from 'fastify';

/**
 * tRPC's Fastify adapter (11.19) hands multipart bodies to tRPC as the raw request stream with no
 * size limit (it passes `maxBodySize: null`), so Fastify's `bodyLimit` does not cover them. Every
 * POST to /trpc must therefore declare its length, and a declared length over the limit is refused
 * before a byte is read. Node's HTTP parser never reads past a declared Content-Length.
 */
export function enforceTrpcBodyLimit(app: FastifyInstance, limitBytes: number) {
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
    if (Number(declared) > limitBytes) {
      return reply.code(413).send({
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          httpStatus: 413,
          message: `The request body is larger than the ${limitBytes}-byte limit.`,
          requestId: request.id,
        },
      });
    }
  });
}
