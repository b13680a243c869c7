import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config';

/**
 * Paths whose values never reach a log line. Request bodies are not logged at all; these cover
 * headers and any object a handler logs on purpose.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.passwordHash',
  'password',
  'token',
  'secret',
];

/** Fastify's pino options: JSON lines, the request id on every line as `requestId`. */
export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { service: 'tessera-api' },
    ...(stream ? { stream } : {}),
    ...(config.logPretty && !stream ? { transport: { target: 'pino-pretty' } } : {}),
    serializers: {
      // Only what an operator needs; the query string can carry tRPC input, so it is dropped.
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
