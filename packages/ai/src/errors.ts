/**
 * The AI layer's error vocabulary. Callers (the API) map these to one user-facing message each;
 * the provider's own error, with its stack and response body, stays in `cause` for the logs.
 */
export type AiUnavailableKind =
  /** No answer within the call's time budget (AI_TIMEOUT_MS). */
  | 'timeout'
  /** The provider kept answering 429 after every retry. */
  | 'rate_limited'
  /** Network failure or 5xx after every retry. */
  | 'unavailable'
  /** The provider refused the request (bad key, unknown model, 4xx): retrying will not help. */
  | 'rejected';

export abstract class AiError extends Error {
  abstract readonly userMessage: string;
}

export class AiUnavailableError extends AiError {
  override readonly name = 'AiUnavailableError';
  readonly userMessage = 'The AI provider is unavailable — try again.';
  constructor(
    readonly kind: AiUnavailableKind,
    message: string,
    readonly details: { provider: string; model: string; attempts: number; statusCode?: number; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
  }
}

/** The model answered, but not with something that fits the schema, even after one repair. */
export class AiInvalidOutputError extends AiError {
  override readonly name = 'AiInvalidOutputError';
  readonly userMessage = 'The AI answer could not be used — try again.';
  constructor(
    message: string,
    readonly details: {
      provider: string;
      model: string;
      /** The last raw answer, for salvaging the parts that do fit. */
      text: string | undefined;
      /** The last answer parsed as JSON (possibly repaired), when it parsed at all. */
      value: unknown;
      issues: string[];
      attempts: number;
    },
  ) {
    super(message);
  }
}

export const isAiError = (error: unknown): error is AiError => error instanceof AiError;
