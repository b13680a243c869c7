import { OfflineEmbeddingModel } from '@tessera/ai/offline';
import { APICallError, type LanguageModelV3GenerateResult, MockLanguageModelV3 } from '@tessera/ai/testing';
import { schema } from '@tessera/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiHandle } from '../src/platform/ai';
import { type Person, roomyLimits, signedIn } from './characters-helpers';
import { errorOf, movableClock, startTestApp, type TestApp } from './harness';

describe('per-user rate limit and daily quota', () => {
  const clock = movableClock(new Date('2026-03-10T22:00:00Z'));
  let app: TestApp;
  let carol: Person;
  let dave: Person;
  beforeAll(async () => {
    app = await startTestApp({ clock, env: { CHARACTERS_RATE_LIMIT_PER_MINUTE: '2', CHARACTERS_DAILY_QUOTA: '3' } });
    carol = await signedIn(app, 'carol@example.com');
    dave = await signedIn(app, 'dave@example.com');
  });
  afterAll(async () => {
    await carol?.close();
    await dave?.close();
    await app?.close();
  });

  it('answers TOO_MANY_REQUESTS with when the limit resets, per minute and then per day', async () => {
    const first = await carol.client.characters.generate.mutate({ genre: 'fantasy', seed: 1 });
    await carol.client.characters.regenerateSection.mutate({ id: first.id, section: 'quotes' });
    const perMinute = await errorOf(carol.client.characters.generate.mutate({ genre: 'fantasy' }));
    expect(perMinute.data.code).toBe('TOO_MANY_REQUESTS');
    expect(perMinute.message).toMatch(/2 characters per minute\. Try again in 60 s \(at 22:01:00 UTC\)/);
    // The streamed generation counts too, and is refused before it starts.
    const refusedStream = await new Promise<unknown>((resolve) => {
      const sub = carol.client.characters.onGenerate.subscribe({ genre: 'fantasy' }, { onData: () => undefined, onError: (e) => { sub.unsubscribe(); resolve(e); }, onComplete: () => resolve(null) });
    });
    expect((refusedStream as { data?: { code?: string } }).data?.code).toBe('TOO_MANY_REQUESTS');
    // Someone else is not affected.
    await dave.client.characters.generate.mutate({ genre: 'western' });
    const quota = await carol.client.characters.quota.query();
    expect(quota).toMatchObject({ perMinute: { limit: 2, used: 2 }, daily: { limit: 3, used: 2, resetsAt: new Date('2026-03-11T00:00:00Z') } });

    clock.advance(61_000);
    await carol.client.characters.regenerate.mutate({ id: first.id });
    clock.advance(61_000);
    const daily = await errorOf(carol.client.characters.generate.mutate({ genre: 'fantasy' }));
    expect(daily.data.code).toBe('TOO_MANY_REQUESTS');
    expect(daily.message).toMatch(/today's 3 character generations\. The quota resets at 00:00 UTC \(in 1 h 58 min\)/);
    // Reading, editing and exporting are not generations.
    await carol.client.characters.update.mutate({ id: first.id, sheet: { name: 'Still editable' } });
    await carol.client.characters.export.query({ id: first.id, format: 'markdown' });

    clock.set(new Date('2026-03-11T00:00:01Z'));
    await carol.client.characters.generate.mutate({ genre: 'fantasy' });
  });
});

describe('provider failures reach people as clear errors', () => {
  let app: TestApp;
  let erin: Person;
  const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 20, text: 20, reasoning: 0 } };
  const answer = (text: string): LanguageModelV3GenerateResult => ({ content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] });
  const useModel = (model: MockLanguageModelV3, timeoutMs = 5_000) => {
    app.deps.ai = createAiHandle({
      config: { ...app.deps.config, ai: { ...app.deps.config.ai, provider: 'mistral', timeoutMs, maxRetries: 1 } },
      db: app.database.db,
      logger: app.deps.logger,
      models: { language: model, embedding: new OfflineEmbeddingModel() },
      sleep: () => Promise.resolve(),
    });
  };

  beforeAll(async () => {
    app = await startTestApp({ env: roomyLimits });
    erin = await signedIn(app, 'erin@example.com');
  });
  afterAll(async () => {
    await erin?.close();
    await app?.close();
  });

  it('saves what fits from a malformed answer and lists the rest as missing', async () => {
    const partial = { name: 'Vell Ashgrove', pronouns: 'he/him', age: 'old', backstory: 'A ferryman who never takes coins.', stats: { strength: 40 } };
    useModel(new MockLanguageModelV3({ doGenerate: [answer(JSON.stringify(partial)), answer(JSON.stringify(partial))] }));
    const character = await erin.client.characters.generate.mutate({ genre: 'mythic' });
    expect(character.sheet).toMatchObject({ name: 'Vell Ashgrove', pronouns: 'he/him', backstory: 'A ferryman who never takes coins.', age: null, stats: null, quotes: null });
    expect(character.missing).toEqual(['age', 'appearance', 'personalityTraits', 'ideals', 'bonds', 'flaws', 'abilities', 'stats', 'equipment', 'quotes', 'plotHooks']);
    expect(character.provider).toBe('mistral');
    expect(character.attempts).toBe(2);
    // A missing section cannot be locked, but can be filled by hand or regenerated.
    const lockMissing = await errorOf(erin.client.characters.update.mutate({ id: character.id, lockedSections: ['quotes'] }));
    expect(lockMissing.data.fieldErrors?.lockedSections).toBeDefined();
    const filled = await erin.client.characters.update.mutate({ id: character.id, sheet: { quotes: ['Pay the river, not me.'] }, lockedSections: ['quotes'] });
    expect(filled.missing).not.toContain('quotes');
    useModel(new MockLanguageModelV3({ doGenerate: answer(JSON.stringify({ age: 212 })) }));
    const regenerated = await erin.client.characters.regenerateSection.mutate({ id: character.id, section: 'age' });
    expect(regenerated.sheet.age).toBe(212);
    expect(regenerated.missing).not.toContain('age');
    const markdown = await erin.client.characters.export.query({ id: character.id, format: 'markdown' });
    expect(markdown.content).toContain('Missing — regenerate this section');
  });

  it('answers a clean BAD_GATEWAY when nothing in the answer is usable, saving nothing', async () => {
    useModel(new MockLanguageModelV3({ doGenerate: [answer('I cannot help with that.'), answer('Still no JSON.')] }));
    const before = (await erin.client.characters.list.query({})).total;
    const error = await errorOf(erin.client.characters.generate.mutate({ genre: 'mythic' }));
    expect(error.data.code).toBe('BAD_GATEWAY');
    expect(error.message).toBe('The AI answer could not be used — try again.');
    expect((await erin.client.characters.list.query({})).total).toBe(before);
  });

  it('answers SERVICE_UNAVAILABLE when the provider stays down, after retrying, with no stack', async () => {
    const down = new MockLanguageModelV3({
      doGenerate: () => Promise.reject(new APICallError({ message: 'upstream exploded at /srv/app.py:42', url: 'https://api.mistral.ai/v1/chat/completions', requestBodyValues: {}, statusCode: 503, isRetryable: true })),
    });
    useModel(down);
    const error = await errorOf(erin.client.characters.generate.mutate({ genre: 'mythic' }));
    expect(error.data.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('The AI provider is unavailable — try again.');
    expect(JSON.stringify(error)).not.toMatch(/exploded|app\.py|stack/);
    expect(down.doGenerateCalls).toHaveLength(2);
    const [recorded] = await app.database.db.select().from(schema.aiUsage).where(eq(schema.aiUsage.errorKind, 'unavailable'));
    expect(recorded).toMatchObject({ status: 'error', attempts: 2, provider: 'mock-provider', feature: 'characters.generate' });
    // Regenerating a section keeps the old value when the provider fails.
    const [existing] = (await erin.client.characters.list.query({ limit: 1 })).items;
    const before = await erin.client.characters.get.query({ id: existing!.id });
    await errorOf(erin.client.characters.regenerateSection.mutate({ id: existing!.id, section: 'backstory' }));
    expect((await erin.client.characters.get.query({ id: existing!.id })).sheet).toEqual(before.sheet);
  });

  it('answers GATEWAY_TIMEOUT when the provider does not answer in time', async () => {
    useModel(
      new MockLanguageModelV3({
        doGenerate: ({ abortSignal }) => new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason as Error))),
      }),
      80,
    );
    const error = await errorOf(erin.client.characters.generate.mutate({ genre: 'mythic' }));
    expect(error.data.code).toBe('GATEWAY_TIMEOUT');
    expect(error.message).toBe('The AI provider is unavailable — try again.');
  });

  it('keeps readiness up while reporting an unreachable provider', async () => {
    const other = await startTestApp({ env: { ...roomyLimits, AI_PROVIDER: 'openai-compatible', AI_BASE_URL: 'http://127.0.0.1:1/v1' } });
    try {
      const response = await fetch(`${other.url}/health/ready`);
      const body = (await response.json()) as { status: string; ai?: Record<string, unknown> };
      expect(response.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.ai).toMatchObject({ status: 'error', provider: 'openai-compatible', configured: true, reachable: false });
    } finally {
      await other.close();
    }
  });
});

describe('AI configuration', () => {
  it('runs offline without a key, picks the provider whose key is set, and names what is missing', async () => {
    const { loadConfig, ConfigError } = await import('../src/config');
    expect(loadConfig({}).ai).toMatchObject({ provider: 'offline', apiKey: undefined, timeoutMs: 60_000, maxRetries: 2 });
    expect(loadConfig({}).characters).toEqual({ ratePerMinute: 5, dailyQuota: 50 });
    expect(loadConfig({ MISTRAL_API_KEY: 'm-key' }).ai).toMatchObject({ provider: 'mistral', apiKey: 'm-key' });
    expect(loadConfig({ AI_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'a-key', MISTRAL_API_KEY: 'm' }).ai).toMatchObject({ provider: 'anthropic', apiKey: 'a-key' });
    expect(() => loadConfig({ AI_PROVIDER: 'openai' })).toThrow(ConfigError);
    expect(() => loadConfig({ AI_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY/);
    expect(() => loadConfig({ AI_PROVIDER: 'openai-compatible' })).toThrow(/AI_BASE_URL/);
    expect(() => loadConfig({ AI_PROVIDER: 'gemini' })).toThrow(/AI_PROVIDER: must be offline, mistral/);
    expect(() => loadConfig({ CHARACTERS_DAILY_QUOTA: '0' })).toThrow(/CHARACTERS_DAILY_QUOTA: must be at least 1/);
  });
});
