import { APICallError, type EmbeddingModelV3, type LanguageModelV3, type SharedV3ProviderOptions } from '@ai-sdk/provider';
import {
  type DeepPartial,
  embed as sdkEmbed,
  embedMany as sdkEmbedMany,
  generateText as sdkGenerateText,
  type LanguageModelUsage,
  NoObjectGeneratedError,
  Output,
  parsePartialJson,
  RetryError,
  streamText as sdkStreamText,
} from 'ai';
import type { z } from 'zod';
import { AiInvalidOutputError, AiUnavailableError, type AiUnavailableKind } from './errors';
import { type AiProviderName, buildProviderModels } from './providers';

export interface AiConfig {
  provider: AiProviderName;
  model?: string;
  embeddingModel?: string;
  apiKey?: string;
  baseUrl?: string;
  /** Budget for one whole call, retries and backoff included. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx and network failures. Default 2. */
  maxRetries?: number;
  /** First backoff delay; doubles on every retry (±20 % jitter). Default 500 ms. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  offlineStreamDelayMs?: number;
  /** Called once per call (also failed ones) with tokens, latency, provider and model. */
  onUsage?: (record: AiUsageRecord) => void | Promise<void>;
  /** Recording usage must never fail a call: errors from `onUsage` land here. */
  onUsageError?: (error: unknown) => void;
  /** Tests and benchmarks: use these models instead of the configured provider's. */
  models?: { language?: LanguageModelV3; embedding?: EmbeddingModelV3 };
  /** Tests: observe or skip backoff waits; `random` drives the jitter. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
}

/** Who and what a call is for: stored with the usage record. */
export interface AiCallMeta {
  userId?: string | null;
  /** What the call serves, e.g. `characters.generate`. */
  feature?: string;
  requestId?: string;
}

export interface AiUsageRecord extends AiCallMeta {
  operation: 'text' | 'object' | 'stream-object' | 'embed';
  provider: string;
  model: string;
  status: 'ok' | 'error';
  errorKind?: AiUnavailableKind | 'invalid_output' | 'aborted';
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  latencyMs: number;
  attempts: number;
}

export interface AiPromptOptions {
  system?: string;
  prompt: string;
  /** Same prompt + seed → same answer on the offline provider (and on providers that honour seeds). */
  seed?: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** Provider-specific options by namespace; `offline` reaches the offline provider only. */
  providerOptions?: SharedV3ProviderOptions;
  signal?: AbortSignal;
  meta?: AiCallMeta;
}

export interface AiObjectOptions<T> extends AiPromptOptions {
  schema: z.ZodType<T>;
  /** Schema name given to the provider ("character"): some providers and the offline one use it. */
  name?: string;
  description?: string;
}

export interface AiTokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface AiObjectResult<T> {
  object: T;
  usage: AiTokenUsage;
  attempts: number;
  /** True when the first answer did not fit and was fixed (locally or by a second call). */
  repaired: boolean;
  latencyMs: number;
}

export type AiObjectStreamEvent<T> =
  | { type: 'partial'; partial: DeepPartial<T> }
  | ({ type: 'done' } & AiObjectResult<T>);

export interface AiStatus {
  provider: AiProviderName;
  model: string;
  embeddingModel: string;
  offline: boolean;
  /** A key (or base URL) is set, or the provider needs none. */
  configured: boolean;
}

export interface AiReachability extends AiStatus {
  reachable: boolean;
  latencyMs: number;
  checkedAt: Date;
  error?: string;
}

export type Ai = ReturnType<typeof createAi>;

const zeroUsage = (): AiTokenUsage => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });

function addUsage(total: AiTokenUsage, usage: LanguageModelUsage | undefined) {
  if (!usage) return;
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  total.inputTokens += input;
  total.outputTokens += output;
  total.totalTokens += usage.totalTokens ?? input + output;
}

const networkCodes = /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EPIPE|EHOSTUNREACH|UND_ERR/;

function isNetworkError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && networkCodes.test(code)) return true;
    if (name === 'TypeError' && typeof message === 'string' && /fetch failed|network/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface Classified {
  retryable: boolean;
  kind: AiUnavailableKind;
  statusCode?: number;
  retryAfterMs?: number;
  message: string;
}

/** Our own transient-failure rules, so retries behave the same for every provider. */
export function classifyFailure(error: unknown): Classified | undefined {
  const inner = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(inner)) {
    const status = inner.statusCode;
    const retryAfter = Number(inner.responseHeaders?.['retry-after']);
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
    if (status === 429) return { retryable: true, kind: 'rate_limited', statusCode: status, retryAfterMs, message: 'The AI provider is rate limiting requests' };
    if (status === undefined || status === 408 || status === 409 || status >= 500 || inner.isRetryable) {
      return { retryable: true, kind: 'unavailable', statusCode: status, retryAfterMs, message: `The AI provider failed (${status ?? 'no status'})` };
    }
    return { retryable: false, kind: 'rejected', statusCode: status, message: `The AI provider refused the request (${status})` };
  }
  if (isNetworkError(inner)) return { retryable: true, kind: 'unavailable', message: 'The AI provider could not be reached' };
  if (inner instanceof Error && /LoadAPIKeyError|InvalidResponseDataError|EmptyResponseBodyError|NoContentGeneratedError|TypeValidationError|JSONParseError|InvalidArgumentError/.test(inner.name)) {
    const retryable = !/LoadAPIKeyError|InvalidArgumentError/.test(inner.name);
    return { retryable, kind: retryable ? 'unavailable' : 'rejected', message: `The AI provider answered unexpectedly (${inner.name})` };
  }
  return undefined;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Text that should be JSON but came wrapped in prose or Markdown fences → the JSON inside. */
export function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const candidates = [text, fenced, text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)];
  for (const candidate of candidates) {
    if (!candidate?.trim()) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next shape
    }
  }
  return undefined;
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

/**
 * The provider layer every module uses. One place decides the model, the time budget, retries
 * and their backoff, error classification, schema repair and usage recording, so callers only
 * say what they want.
 */
export function createAi(config: AiConfig) {
  const built = config.models?.language && config.models.embedding ? undefined : buildProviderModels(config);
  const languageModel = config.models?.language ?? built!.languageModel;
  const embeddingModel = config.models?.embedding ?? built!.embeddingModel;
  const timeoutMs = config.timeoutMs ?? 60_000;
  const maxRetries = config.maxRetries ?? 2;
  const baseDelay = config.retryBaseDelayMs ?? 500;
  const maxDelay = config.retryMaxDelayMs ?? 8_000;
  const sleep = config.sleep ?? defaultSleep;
  const random = config.random ?? Math.random;
  const provider = languageModel.provider.split('.')[0] ?? languageModel.provider;
  const status: AiStatus = {
    provider: config.provider,
    model: languageModel.modelId,
    embeddingModel: embeddingModel.modelId,
    offline: config.provider === 'offline',
    configured: config.provider === 'offline' || (config.provider === 'openai-compatible' ? Boolean(config.baseUrl) : Boolean(config.apiKey)),
  };

  async function record(record: Omit<AiUsageRecord, 'provider'> & { provider?: string }) {
    if (!config.onUsage) return;
    try {
      await config.onUsage({ provider, ...record });
    } catch (error) {
      config.onUsageError?.(error);
    }
  }

  /** One deadline for the whole call; the caller's signal (a closed request) also stops it. */
  function deadlineFor(signal: AbortSignal | undefined) {
    const deadline = AbortSignal.timeout(timeoutMs);
    return { deadline, signal: signal ? AbortSignal.any([deadline, signal]) : deadline };
  }

  function unavailable(kind: AiUnavailableKind, message: string, attempts: number, extra: { statusCode?: number; cause?: unknown } = {}) {
    return new AiUnavailableError(kind, message, { provider, model: languageModel.modelId, attempts, ...extra });
  }

  /**
   * Run `attempt` until it succeeds, the failure is not transient, retries run out, or the
   * deadline passes. Returns the value and how many attempts it took.
   */
  async function withRetries<R>(
    timing: { deadline: AbortSignal; signal: AbortSignal },
    attempt: (signal: AbortSignal) => Promise<R>,
    counter: { attempts: number },
  ): Promise<R> {
    for (;;) {
      counter.attempts++;
      try {
        return await attempt(timing.signal);
      } catch (error) {
        if (timing.deadline.aborted) throw unavailable('timeout', `No answer from the AI provider within ${timeoutMs} ms`, counter.attempts, { cause: error });
        if (timing.signal.aborted) throw error;
        const failure = classifyFailure(error);
        if (!failure) throw error;
        const retriesLeft = counter.attempts <= maxRetries;
        if (failure.retryable && retriesLeft) {
          const backoff = Math.min(maxDelay, baseDelay * 2 ** (counter.attempts - 1)) * (0.8 + 0.4 * random());
          const delay = Math.max(backoff, Math.min(failure.retryAfterMs ?? 0, maxDelay));
          try {
            await sleep(Math.round(delay), timing.signal);
          } catch {
            if (timing.deadline.aborted) throw unavailable('timeout', `No answer from the AI provider within ${timeoutMs} ms`, counter.attempts, { cause: error });
            throw error;
          }
          continue;
        }
        throw unavailable(failure.kind, `${failure.message} after ${counter.attempts} attempt(s)`, counter.attempts, { statusCode: failure.statusCode, cause: error });
      }
    }
  }

  function errorKindOf(error: unknown): AiUsageRecord['errorKind'] {
    if (error instanceof AiUnavailableError) return error.kind;
    if (error instanceof AiInvalidOutputError) return 'invalid_output';
    return 'aborted';
  }

  async function generateText(options: AiPromptOptions): Promise<{ text: string; usage: AiTokenUsage; attempts: number; latencyMs: number }> {
    const started = performance.now();
    const timing = deadlineFor(options.signal);
    const counter = { attempts: 0 };
    const usage = zeroUsage();
    try {
      const result = await withRetries(
        timing,
        (signal) =>
          sdkGenerateText({
            model: languageModel,
            system: options.system,
            prompt: options.prompt,
            seed: options.seed,
            temperature: options.temperature,
            maxOutputTokens: options.maxOutputTokens,
            providerOptions: options.providerOptions,
            abortSignal: signal,
            maxRetries: 0,
          }),
        counter,
      );
      addUsage(usage, result.usage);
      const latencyMs = Math.round(performance.now() - started);
      await record({ ...options.meta, operation: 'text', model: languageModel.modelId, status: 'ok', ...usage, latencyMs, attempts: counter.attempts });
      return { text: result.text, usage, attempts: counter.attempts, latencyMs };
    } catch (error) {
      await record({ ...options.meta, operation: 'text', model: languageModel.modelId, status: 'error', errorKind: errorKindOf(error), ...usage, latencyMs: Math.round(performance.now() - started), attempts: counter.attempts });
      throw error;
    }
  }

  /** One structured call; a NoObjectGeneratedError comes back as the raw text to repair. */
  async function objectAttempt<T>(options: AiObjectOptions<T>, prompt: string, timing: { deadline: AbortSignal; signal: AbortSignal }, counter: { attempts: number }, usage: AiTokenUsage) {
    try {
      const result = await withRetries(
        timing,
        (signal) =>
          sdkGenerateText({
            model: languageModel,
            system: options.system,
            prompt,
            seed: options.seed,
            temperature: options.temperature,
            maxOutputTokens: options.maxOutputTokens,
            providerOptions: options.providerOptions,
            output: Output.object({ schema: options.schema, name: options.name, description: options.description }),
            abortSignal: signal,
            maxRetries: 0,
          }),
        counter,
      );
      addUsage(usage, result.usage);
      return { ok: true as const, object: result.output };
    } catch (error) {
      if (!NoObjectGeneratedError.isInstance(error)) throw error;
      addUsage(usage, error.usage);
      return { ok: false as const, text: error.text ?? '' };
    }
  }

  /** Fix what can be fixed without asking again: fences, prose around the JSON. */
  function repairLocally<T>(schema: z.ZodType<T>, text: string) {
    const value = extractJson(text);
    const parsed = value === undefined ? undefined : schema.safeParse(value);
    return { value, parsed, issues: parsed && !parsed.success ? issuesOf(parsed.error) : value === undefined ? ['the answer is not valid JSON'] : [] };
  }

  function repairPrompt(prompt: string, text: string, issues: string[]) {
    return `${prompt}\n\nYour previous answer did not match the required JSON schema:\n${issues.map((i) => `- ${i}`).join('\n')}\n\nPrevious answer:\n${text.slice(0, 4000)}\n\nAnswer again with only the corrected JSON object.`;
  }

  /**
   * A schema-valid object. A malformed answer is repaired locally when possible, otherwise asked
   * for once more with the validation errors in the prompt; after that, AiInvalidOutputError.
   */
  async function generateObject<T>(options: AiObjectOptions<T>): Promise<AiObjectResult<T>> {
    const started = performance.now();
    const timing = deadlineFor(options.signal);
    const counter = { attempts: 0 };
    const usage = zeroUsage();
    const finish = async (object: T, repaired: boolean): Promise<AiObjectResult<T>> => {
      const latencyMs = Math.round(performance.now() - started);
      await record({ ...options.meta, operation: 'object', model: languageModel.modelId, status: 'ok', ...usage, latencyMs, attempts: counter.attempts });
      return { object, usage, attempts: counter.attempts, repaired, latencyMs };
    };
    try {
      const first = await objectAttempt(options, options.prompt, timing, counter, usage);
      if (first.ok) return await finish(first.object, false);
      return await finish(await repairOrRetry(options, first.text, timing, counter, usage), true);
    } catch (error) {
      await record({ ...options.meta, operation: 'object', model: languageModel.modelId, status: 'error', errorKind: errorKindOf(error), ...usage, latencyMs: Math.round(performance.now() - started), attempts: counter.attempts });
      throw error;
    }
  }

  async function repairOrRetry<T>(options: AiObjectOptions<T>, text: string, timing: { deadline: AbortSignal; signal: AbortSignal }, counter: { attempts: number }, usage: AiTokenUsage): Promise<T> {
    const local = repairLocally(options.schema, text);
    if (local.parsed?.success) return local.parsed.data;
    const second = await objectAttempt(options, repairPrompt(options.prompt, text, local.issues), timing, counter, usage);
    if (second.ok) return second.object;
    const last = repairLocally(options.schema, second.text);
    if (last.parsed?.success) return last.parsed.data;
    throw new AiInvalidOutputError(`The AI answer did not match the schema: ${last.issues.slice(0, 3).join('; ')}`, {
      provider,
      model: languageModel.modelId,
      text: second.text,
      value: last.value,
      issues: last.issues,
      attempts: counter.attempts,
    });
  }

  /**
   * Stream a structured object: partial objects as the model writes them, then the validated
   * object. Failures before the first chunk are retried like any call; a final answer that does
   * not fit goes through the same repair as `generateObject`.
   */
  async function* streamObject<T>(options: AiObjectOptions<T>): AsyncGenerator<AiObjectStreamEvent<T>, void, undefined> {
    const started = performance.now();
    const timing = deadlineFor(options.signal);
    const counter = { attempts: 0 };
    const usage = zeroUsage();
    let status: 'ok' | 'error' = 'error';
    let errorKind: AiUsageRecord['errorKind'] = 'aborted';
    try {
      // Open the stream and wait for its first text: everything up to there is retryable.
      const opened = await withRetries(
        timing,
        async (signal) => {
          const result = sdkStreamText({
            model: languageModel,
            system: options.system,
            prompt: options.prompt,
            seed: options.seed,
            temperature: options.temperature,
            maxOutputTokens: options.maxOutputTokens,
            providerOptions: options.providerOptions,
            output: Output.object({ schema: options.schema, name: options.name, description: options.description }),
            abortSignal: signal,
            maxRetries: 0,
            onError: () => undefined,
          });
          const iterator = result.fullStream[Symbol.asyncIterator]();
          const buffered: string[] = [];
          for (;;) {
            const next = await iterator.next();
            if (next.done) return { iterator, buffered, ended: true };
            const part = next.value;
            if (part.type === 'error') throw part.error;
            if (part.type === 'abort') throw signal.reason ?? new Error('aborted');
            if (part.type === 'finish') addUsage(usage, part.totalUsage);
            if (part.type === 'text-delta') {
              buffered.push(part.text);
              return { iterator, buffered, ended: false };
            }
          }
        },
        counter,
      );
      let text = '';
      let lastPartial = '';
      const consume = async function* (delta: string) {
        text += delta;
        const parsed = await parsePartialJson(text);
        if (parsed.value && typeof parsed.value === 'object') {
          const serialized = JSON.stringify(parsed.value);
          if (serialized !== lastPartial) {
            lastPartial = serialized;
            yield { type: 'partial' as const, partial: parsed.value as DeepPartial<T> };
          }
        }
      };
      for (const delta of opened.buffered) yield* consume(delta);
      if (!opened.ended) {
        for (;;) {
          let next: IteratorResult<(typeof opened.iterator extends AsyncIterator<infer P> ? P : never)>;
          try {
            next = await opened.iterator.next();
          } catch (error) {
            throw timing.deadline.aborted ? unavailable('timeout', `No answer from the AI provider within ${timeoutMs} ms`, counter.attempts, { cause: error }) : error;
          }
          if (next.done) break;
          const part = next.value;
          if (part.type === 'text-delta') yield* consume(part.text);
          else if (part.type === 'finish') addUsage(usage, part.totalUsage);
          else if (part.type === 'abort') {
            if (timing.deadline.aborted) throw unavailable('timeout', `No answer from the AI provider within ${timeoutMs} ms`, counter.attempts);
            throw timing.signal.reason ?? new Error('aborted');
          } else if (part.type === 'error') {
            const failure = classifyFailure(part.error);
            // Mid-stream failures are not retried: the caller has shown partial output already.
            throw unavailable(failure?.kind ?? 'unavailable', `The AI provider failed mid-answer${failure ? `: ${failure.message}` : ''}`, counter.attempts, { statusCode: failure?.statusCode, cause: part.error });
          }
        }
      }
      const direct = (() => {
        try {
          return options.schema.safeParse(JSON.parse(text));
        } catch {
          return undefined;
        }
      })();
      const repaired = !direct?.success;
      const object = direct?.success ? direct.data : await repairOrRetry(options, text, timing, counter, usage);
      status = 'ok';
      errorKind = undefined;
      yield { type: 'done', object, usage, attempts: counter.attempts, repaired, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      errorKind = errorKindOf(error);
      throw error;
    } finally {
      await record({ ...options.meta, operation: 'stream-object', model: languageModel.modelId, status, errorKind, ...usage, latencyMs: Math.round(performance.now() - started), attempts: counter.attempts });
    }
  }

  async function embed(options: { value: string; signal?: AbortSignal; meta?: AiCallMeta }) {
    const { embeddings, ...rest } = await embedMany({ values: [options.value], signal: options.signal, meta: options.meta });
    return { embedding: embeddings[0]!, ...rest };
  }

  async function embedMany(options: { values: string[]; signal?: AbortSignal; meta?: AiCallMeta }) {
    const started = performance.now();
    const timing = deadlineFor(options.signal);
    const counter = { attempts: 0 };
    let tokens = 0;
    try {
      const result = await withRetries(
        timing,
        (signal) =>
          options.values.length === 1
            ? sdkEmbed({ model: embeddingModel, value: options.values[0]!, abortSignal: signal, maxRetries: 0 }).then((r) => ({ embeddings: [r.embedding], usage: r.usage }))
            : sdkEmbedMany({ model: embeddingModel, values: options.values, abortSignal: signal, maxRetries: 0 }),
        counter,
      );
      tokens = result.usage.tokens;
      const latencyMs = Math.round(performance.now() - started);
      await record({ ...options.meta, provider: embeddingModel.provider.split('.')[0], operation: 'embed', model: embeddingModel.modelId, status: 'ok', inputTokens: tokens, outputTokens: 0, totalTokens: tokens, latencyMs, attempts: counter.attempts });
      return { embeddings: result.embeddings, tokens, latencyMs };
    } catch (error) {
      await record({ ...options.meta, provider: embeddingModel.provider.split('.')[0], operation: 'embed', model: embeddingModel.modelId, status: 'error', errorKind: errorKindOf(error), inputTokens: tokens, outputTokens: 0, totalTokens: tokens, latencyMs: Math.round(performance.now() - started), attempts: counter.attempts });
      throw error;
    }
  }

  let lastProbe: AiReachability | undefined;
  /**
   * Whether the provider answers, for readiness: a cheap GET of its model list (no tokens spent),
   * cached for `cacheMs` so probes do not hammer the provider.
   */
  async function checkReachable(options: { timeoutMs?: number; cacheMs?: number; now?: Date } = {}): Promise<AiReachability> {
    const now = options.now ?? new Date();
    if (lastProbe && now.getTime() - lastProbe.checkedAt.getTime() < (options.cacheMs ?? 60_000)) return lastProbe;
    const probe = built?.probe;
    if (status.offline || !probe || config.models?.language) {
      lastProbe = { ...status, reachable: true, latencyMs: 0, checkedAt: now };
      return lastProbe;
    }
    if (!status.configured) {
      lastProbe = { ...status, reachable: false, latencyMs: 0, checkedAt: now, error: 'no API key configured' };
      return lastProbe;
    }
    const started = performance.now();
    try {
      const response = await (config.fetch ?? fetch)(probe.url, { headers: probe.headers, signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
      await response.body?.cancel();
      lastProbe = {
        ...status,
        reachable: response.ok,
        latencyMs: Math.round(performance.now() - started),
        checkedAt: now,
        ...(response.ok ? {} : { error: `HTTP ${response.status}` }),
      };
    } catch (error) {
      lastProbe = { ...status, reachable: false, latencyMs: Math.round(performance.now() - started), checkedAt: now, error: error instanceof Error ? error.message : String(error) };
    }
    return lastProbe;
  }

  return {
    status,
    languageModel,
    embeddingModel,
    generateText,
    generateObject,
    streamObject,
    embed,
    embedMany,
    checkReachable,
  };
}
