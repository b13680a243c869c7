import { type AiConfig, AiError, AiInvalidOutputError, AiUnavailableError, createAi } from '@tessera/ai';
import { type DbOrTx, schema } from '@tessera/db';
import { TRPCError } from '@trpc/server';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { AiReadiness } from './health';

/**
 * The API's AI handle: the provider layer from config, with every call's usage written to
 * `ai_usage` (tokens, latency, provider, model, per user and feature).
 */
export function createAiHandle(options: {
  config: Config;
  db: DbOrTx;
  logger: FastifyBaseLogger;
  /** Usage rows carry the app's clock, so quota windows move with it in tests. */
  clock?: () => Date;
  /** Tests: answer with these models (ai/test mocks) instead of the configured provider. */
  models?: AiConfig['models'];
  sleep?: AiConfig['sleep'];
}) {
  const { config, db, logger } = options;
  const ai = createAi({
    ...config.ai,
    models: options.models,
    sleep: options.sleep,
    onUsage: async (record) => {
      await db.insert(schema.aiUsage).values({
        userId: record.userId ?? null,
        feature: record.feature ?? 'unknown',
        operation: record.operation,
        provider: record.provider,
        model: record.model,
        status: record.status,
        errorKind: record.errorKind ?? null,
        inputTokens: record.inputTokens,
        outputTokens: record.outputTokens,
        totalTokens: record.totalTokens,
        latencyMs: record.latencyMs,
        attempts: record.attempts,
        requestId: record.requestId ?? null,
        createdAt: (options.clock ?? (() => new Date()))(),
      });
    },
    onUsageError: (error) => logger.error({ err: error }, 'could not record AI usage'),
  });
  return {
    ...ai,
    /** For /health/ready: configured and reachable, never failing readiness. */
    async readiness(): Promise<AiReadiness> {
      const probe = await ai.checkReachable();
      return {
        status: probe.reachable ? 'ok' : 'error',
        provider: probe.provider,
        model: probe.model,
        configured: probe.configured,
        reachable: probe.reachable,
        latencyMs: probe.latencyMs,
        ...(probe.error ? { error: probe.error } : {}),
      };
    },
  };
}

export type AiHandle = ReturnType<typeof createAiHandle>;

/**
 * AI failures as the API's errors: a short message people can act on ("try again"), never a
 * provider's stack or response body. Anything that is not an AI error is returned unchanged.
 */
export function aiErrorToTrpc(error: unknown, logger?: FastifyBaseLogger): unknown {
  if (!(error instanceof AiError)) return error;
  if (error instanceof AiUnavailableError) {
    logger?.warn({ err: error, kind: error.kind, provider: error.details.provider, model: error.details.model, attempts: error.details.attempts }, 'AI provider unavailable');
    return new TRPCError({ code: error.kind === 'timeout' ? 'GATEWAY_TIMEOUT' : 'SERVICE_UNAVAILABLE', message: error.userMessage, cause: error });
  }
  if (error instanceof AiInvalidOutputError) {
    logger?.warn({ provider: error.details.provider, model: error.details.model, issues: error.details.issues }, 'AI answer did not fit the schema');
  }
  return new TRPCError({ code: 'BAD_GATEWAY', message: error.userMessage, cause: error });
}
