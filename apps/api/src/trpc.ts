import { TRPCError, initTRPC } from '@trpc/server';
import type { DatabaseHandle } from '@tessera/db';
import type { FastifyBaseLogger } from 'fastify';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Config } from './config';
import type { Metrics } from './platform/metrics';
import type { Redis } from './platform/redis';

/** Long-lived services the server is built with (one per process). */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  logger: FastifyBaseLogger;
  metrics: Metrics;
  redis?: Redis;
  startedAt: Date;
}

export interface RequestInfo {
  requestId: string;
  ip?: string;
  userAgent?: string;
}

/**
 * The context without an HTTP request: what tests pass to `createCaller`. The request-bound
 * `createContext` (server.ts) fills in the request id, IP and user agent.
 */
export function createContextInner(deps: AppDeps, request: RequestInfo) {
  return {
    ...deps,
    db: deps.database.db,
    requestId: request.requestId,
    ip: request.ip,
    userAgent: request.userAgent,
  };
}

export type Context = ReturnType<typeof createContextInner>;

/** Zod issues keyed by dotted field path (`salary.min`), `_form` for issues about the whole input. */
export function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

function summarize(fieldErrors: Record<string, string[]>): string {
  const [field, messages] = Object.entries(fieldErrors)[0] ?? [];
  if (!field || !messages?.[0]) return 'Invalid input';
  return field === '_form' ? messages[0] : `Invalid input: ${field}: ${messages[0]}`;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Stack traces stay in the logs; clients never see them.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const zodError = error.cause instanceof ZodError ? error.cause : undefined;
    const fieldErrors = zodError ? fieldErrorsOf(zodError) : undefined;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const message = fieldErrors
      ? summarize(fieldErrors)
      : internal
        ? `Something went wrong on our side. Quote request id ${ctx?.requestId ?? 'unknown'} when reporting it.`
        : shape.message;
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        requestId: ctx?.requestId ?? null,
        fieldErrors: fieldErrors ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Counts every error by procedure and code, and logs the unexpected ones with their stack. */
const observed = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (!result.ok) {
    ctx.metrics.procedureErrors.inc({ procedure: path, code: result.error.code });
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.logger.error({ err: result.error.cause ?? result.error, procedure: path, requestId: ctx.requestId }, 'procedure failed');
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(observed);

/** A domain failure with a field to point at, for services that validate beyond the schema. */
export function fieldError(field: string, message: string, code: TRPCError['code'] = 'BAD_REQUEST'): TRPCError {
  return new TRPCError({ code, message, cause: new ZodError([{ code: 'custom', path: field.split('.'), message, input: undefined }]) });
}
