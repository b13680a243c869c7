import { APICallError, type LanguageModelV3CallOptions, type LanguageModelV3GenerateResult, type LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockEmbeddingModelV3, MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiInvalidOutputError, AiUnavailableError, type AiUsageRecord, createAi } from './index';

const schema = z.object({ name: z.string().min(1), level: z.int().min(1).max(20), skills: z.array(z.string()).min(1) });
const good = { name: 'Aerin', level: 3, skills: ['archery'] };

const usage = { inputTokens: { total: 12, noCache: 12, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 30, text: 30, reasoning: 0 } };
const answer = (text: string): LanguageModelV3GenerateResult => ({
  content: [{ type: 'text', text }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage,
  warnings: [],
});
const httpError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({ message: `HTTP ${statusCode}`, url: 'https://provider.test/v1/chat', requestBodyValues: {}, statusCode, responseHeaders: headers, isRetryable: statusCode === 429 || statusCode >= 500 });

function setup(model: MockLanguageModelV3, overrides: Partial<Parameters<typeof createAi>[0]> = {}) {
  const usages: AiUsageRecord[] = [];
  const sleeps: number[] = [];
  const ai = createAi({
    provider: 'openai',
    apiKey: 'test-key',
    models: { language: model, embedding: new MockEmbeddingModelV3({ doEmbed: { embeddings: [[1, 0]], warnings: [] } }) },
    onUsage: (record) => {
      usages.push(record);
    },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    retryBaseDelayMs: 100,
    maxRetries: 2,
    timeoutMs: 5_000,
    ...overrides,
  });
  return { ai, usages, sleeps };
}

const promptOf = (call: LanguageModelV3CallOptions) => JSON.stringify(call.prompt);

describe('structured answers from a provider', () => {
  it('returns a good answer and records its usage', async () => {
    const model = new MockLanguageModelV3({ provider: 'mock-provider', modelId: 'mock-model', doGenerate: answer(JSON.stringify(good)) });
    const { ai, usages } = setup(model);
    const result = await ai.generateObject({ schema, prompt: 'An archer', meta: { userId: 'u1', feature: 'test' } });
    expect(result).toMatchObject({ object: good, repaired: false, attempts: 1 });
    expect(model.doGenerateCalls[0]!.responseFormat).toMatchObject({ type: 'json', schema: { type: 'object' } });
    expect(usages).toEqual([
      expect.objectContaining({ operation: 'object', provider: 'mock-provider', model: 'mock-model', status: 'ok', inputTokens: 12, outputTokens: 30, totalTokens: 42, attempts: 1, userId: 'u1', feature: 'test' }),
    ]);
    expect(usages[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('repairs a fenced answer locally, without asking again', async () => {
    const model = new MockLanguageModelV3({ doGenerate: answer(`Sure! Here it is:\n\`\`\`json\n${JSON.stringify(good)}\n\`\`\``) });
    const { ai } = setup(model);
    const result = await ai.generateObject({ schema, prompt: 'An archer' });
    expect(result).toMatchObject({ object: good, repaired: true });
    expect(model.doGenerateCalls).toHaveLength(1);
  });

  it('asks once more with the validation errors when the answer does not fit', async () => {
    const model = new MockLanguageModelV3({ doGenerate: [answer(JSON.stringify({ name: 'Aerin', level: 99 })), answer(JSON.stringify(good))] });
    const { ai, usages } = setup(model);
    const result = await ai.generateObject({ schema, prompt: 'An archer' });
    expect(result).toMatchObject({ object: good, repaired: true, attempts: 2 });
    const retryPrompt = promptOf(model.doGenerateCalls[1]!);
    expect(retryPrompt).toContain('did not match the required JSON schema');
    expect(retryPrompt).toContain('level');
    expect(retryPrompt).toContain('skills');
    expect(usages[0]).toMatchObject({ status: 'ok', totalTokens: 84 });
  });

  it('fails with a clean typed error when the second answer is malformed too', async () => {
    const model = new MockLanguageModelV3({ doGenerate: [answer('not json at all'), answer('{"name": ""}')] });
    const { ai, usages } = setup(model);
    const error = await ai.generateObject({ schema, prompt: 'An archer' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiInvalidOutputError);
    const invalid = error as AiInvalidOutputError;
    expect(invalid.userMessage).toBe('The AI answer could not be used — try again.');
    expect(invalid.details.text).toBe('{"name": ""}');
    expect(invalid.details.value).toEqual({ name: '' });
    expect(invalid.details.issues.join('\n')).toMatch(/name/);
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(usages[0]).toMatchObject({ status: 'error', errorKind: 'invalid_output' });
  });
});

describe('failures', () => {
  it('times out with AiUnavailableError when the provider does not answer', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: ({ abortSignal }) =>
        new Promise((_, reject) => {
          abortSignal?.addEventListener('abort', () => reject(abortSignal.reason as Error));
        }),
    });
    const { ai, usages } = setup(model, { timeoutMs: 60, sleep: undefined });
    const started = performance.now();
    const error = await ai.generateObject({ schema, prompt: 'slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).kind).toBe('timeout');
    expect((error as AiUnavailableError).userMessage).toBe('The AI provider is unavailable — try again.');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(usages[0]).toMatchObject({ status: 'error', errorKind: 'timeout' });
  });

  it('retries a 429 with exponential backoff, honouring Retry-After', async () => {
    let calls = 0;
    const model = new MockLanguageModelV3({
      doGenerate: () => {
        calls++;
        if (calls === 1) return Promise.reject(httpError(429));
        if (calls === 2) return Promise.reject(httpError(429, { 'retry-after': '1' }));
        return Promise.resolve(answer(JSON.stringify(good)));
      },
    });
    const { ai, sleeps, usages } = setup(model, { retryMaxDelayMs: 5_000 });
    const result = await ai.generateObject({ schema, prompt: 'busy' });
    expect(result.object).toEqual(good);
    expect(result.attempts).toBe(3);
    // 100 ms, then 200 ms raised to the 1 s the provider asked for.
    expect(sleeps).toEqual([100, 1000]);
    expect(usages[0]).toMatchObject({ status: 'ok', attempts: 3 });
  });

  it('gives up after maxRetries with a rate_limited error, doubling each wait', async () => {
    const model = new MockLanguageModelV3({ doGenerate: () => Promise.reject(httpError(429)) });
    const { ai, sleeps } = setup(model, { maxRetries: 3 });
    const error = await ai.generateText({ prompt: 'busy' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).kind).toBe('rate_limited');
    expect((error as AiUnavailableError).details.attempts).toBe(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('retries 5xx and network failures, but not a refused request', async () => {
    const network = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const outcomes: Error[] = [httpError(503), network];
    let call = 0;
    const flaky = new MockLanguageModelV3({
      doGenerate: () => {
        const failure = outcomes[call++];
        return failure ? Promise.reject(failure) : Promise.resolve(answer('hello'));
      },
    });
    const first = setup(flaky);
    expect((await first.ai.generateText({ prompt: 'hi' })).text).toBe('hello');
    expect(first.sleeps).toHaveLength(2);

    const refused = new MockLanguageModelV3({ doGenerate: () => Promise.reject(httpError(401)) });
    const second = setup(refused);
    const error = await second.ai.generateText({ prompt: 'hi' }).catch((e: unknown) => e);
    expect((error as AiUnavailableError).kind).toBe('rejected');
    expect(refused.doGenerateCalls).toHaveLength(1);
    expect(second.sleeps).toEqual([]);
  });

  it('passes unexpected programming errors through untouched', async () => {
    const model = new MockLanguageModelV3({ doGenerate: () => Promise.reject(new RangeError('bug in our code')) });
    const { ai } = setup(model);
    await expect(ai.generateText({ prompt: 'hi' })).rejects.toThrow(RangeError);
  });
});

describe('streaming', () => {
  const streamOf = (chunks: string[]) => ({
    stream: simulateReadableStream<LanguageModelV3StreamPart>({
      chunks: [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: '1' },
        ...chunks.map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: '1', delta })),
        { type: 'text-end', id: '1' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ],
    }),
  });

  it('yields partial objects as they arrive, then the validated object', async () => {
    const model = new MockLanguageModelV3({ doStream: streamOf(['{"name":"Aer', 'in","level":3', ',"skills":["archery"', ']}']) });
    const { ai, usages } = setup(model);
    const events = [];
    for await (const event of ai.streamObject({ schema, prompt: 'An archer' })) events.push(event);
    const partials = events.filter((e) => e.type === 'partial').map((e) => e.partial);
    expect(partials[0]).toEqual({ name: 'Aer' });
    expect(partials).toContainEqual({ name: 'Aerin', level: 3 });
    expect(events.at(-1)).toMatchObject({ type: 'done', object: good, repaired: false });
    expect(usages[0]).toMatchObject({ operation: 'stream-object', status: 'ok', totalTokens: 42 });
  });

  it('retries a 429 before the first chunk, and repairs a final answer that does not fit', async () => {
    let calls = 0;
    const model = new MockLanguageModelV3({
      doStream: () => {
        calls++;
        return calls === 1 ? Promise.reject(httpError(429)) : Promise.resolve(streamOf(['{"name":"Aerin","level":300}']));
      },
      doGenerate: answer(JSON.stringify(good)),
    });
    const { ai, sleeps } = setup(model);
    const events = [];
    for await (const event of ai.streamObject({ schema, prompt: 'An archer' })) events.push(event);
    expect(sleeps).toEqual([100]);
    expect(events.at(-1)).toMatchObject({ type: 'done', object: good, repaired: true });
    expect(promptOf(model.doGenerateCalls[0]!)).toContain('level');
  });
});

describe('embeddings and status', () => {
  it('embeds through the configured model and records usage', async () => {
    const embedding = new MockEmbeddingModelV3({ doEmbed: { embeddings: [[0.6, 0.8]], usage: { tokens: 5 }, warnings: [] } });
    const usages: AiUsageRecord[] = [];
    const ai = createAi({ provider: 'mistral', apiKey: 'k', models: { language: new MockLanguageModelV3(), embedding }, onUsage: (r) => void usages.push(r) });
    expect((await ai.embed({ value: 'hello' })).embedding).toEqual([0.6, 0.8]);
    expect(usages[0]).toMatchObject({ operation: 'embed', inputTokens: 5, status: 'ok' });
  });

  it('reports configuration and reachability without network for offline, and probes real providers', async () => {
    expect(await createAi({ provider: 'offline' }).checkReachable()).toMatchObject({ provider: 'offline', configured: true, reachable: true });
    const missingKey = await createAi({ provider: 'mistral' }).checkReachable();
    expect(missingKey).toMatchObject({ configured: false, reachable: false, error: 'no API key configured' });
    const seen: string[] = [];
    const fakeFetch: typeof fetch = (input) => {
      seen.push(input instanceof Request ? input.url : input instanceof URL ? input.href : input);
      return Promise.resolve(new Response('{}', { status: 503 }));
    };
    const down = await createAi({ provider: 'openai-compatible', baseUrl: 'http://ollama.test:11434/v1', fetch: fakeFetch }).checkReachable();
    expect(down).toMatchObject({ configured: true, reachable: false, error: 'HTTP 503' });
    expect(seen).toEqual(['http://ollama.test:11434/v1/models']);
  });
});
