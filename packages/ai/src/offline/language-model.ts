import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { type CharacterBrief, draftCharacter } from './character';
import { fillSchema, type JsonSchema } from './json-schema';
import { createRng, hashString, type Rng } from './random';

export interface OfflineLanguageModelOptions {
  modelId?: string;
  /** Pause between streamed chunks, so a UI can show the card filling in (0 in tests). */
  streamDelayMs?: number;
}

/**
 * What a caller may pass in `providerOptions.offline`. Real providers ignore this namespace; the
 * same facts reach them through the prompt text.
 */
export interface OfflineProviderOptions {
  /** A domain generator for the requested object ('character'); generic filling otherwise. */
  profile?: 'character';
  brief?: CharacterBrief;
  /** Values to keep (locked or surrounding sections). */
  fixed?: Record<string, unknown>;
}

const stopWords = new Set(
  'about above after again against also among another because been before being below between both could does doing down during each from further have having here into itself just more most once only other over same should some such than that their them then there these they this those through under until very what when where which while whom with would your yours answer json schema return write give make please following describe character sheet keep'.split(' '),
);

export function promptText(prompt: LanguageModelV3Prompt): string {
  const parts: string[] = [];
  for (const message of prompt) {
    if (message.role === 'system') parts.push(message.content);
    else {
      for (const part of message.content) if (part.type === 'text') parts.push(part.text);
    }
  }
  return parts.join('\n');
}

export function topicWordsOf(text: string, limit = 12): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}][\p{L}\p{N}'-]{3,}/gu) ?? []) {
    if (!stopWords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([w]) => w);
}

/** Rough token count (≈ 4 characters per token), so usage records are never zero. */
export const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

const textTemplates = [
  (t: string[]) => `Here is a short take on ${t[0] ?? 'your request'}. ${cap(t[1] ?? 'the idea')} matters most, and ${t[2] ?? 'the details'} follow from it.`,
  (t: string[]) => `In brief: ${t[0] ?? 'this topic'} connects to ${t[1] ?? 'its context'}. Start with ${t[2] ?? 'the basics'}, then look at ${t[3] ?? 'the edge cases'}.`,
  (t: string[]) => `${cap(t[0] ?? 'the subject')} can be approached in three steps: understand ${t[1] ?? 'the goal'}, sketch ${t[2] ?? 'a plan'}, and check ${t[3] ?? 'the result'}.`,
];
const closers = [
  'This answer comes from the offline provider, so it is a template rather than real reasoning.',
  'Configure an AI provider for a considered answer; this one is generated offline.',
];
function cap(text: string) {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function offlineOptionsOf(options: LanguageModelV3CallOptions): OfflineProviderOptions {
  const raw = options.providerOptions?.offline;
  return (raw ?? {});
}

/**
 * The offline language model: a real LanguageModelV3, so `generateText`/`streamText` (with or
 * without `Output.object`) treat it like any provider. Deterministic: the same prompt, seed and
 * schema always give the same answer.
 */
export class OfflineLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly provider = 'offline';
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private readonly streamDelayMs: number;

  constructor(options: OfflineLanguageModelOptions = {}) {
    this.modelId = options.modelId ?? 'offline-templates-1';
    this.streamDelayMs = options.streamDelayMs ?? 0;
  }

  /** The answer as a list of chunks; `doGenerate` joins them, `doStream` sends them one by one. */
  answer(options: LanguageModelV3CallOptions): { chunks: string[]; input: string } {
    const input = promptText(options.prompt);
    const seed = options.seed ?? 0;
    const rng = createRng(hashString(input, hashString(String(seed))));
    const format = options.responseFormat;
    if (format?.type === 'json') {
      const value = this.object(rng, input, format.schema as JsonSchema | undefined, format.name, offlineOptionsOf(options));
      return { chunks: jsonChunks(value), input };
    }
    const topics = topicWordsOf(input);
    const text = `${rng.pick(textTemplates)(rng.sample(topics, 4))} ${rng.pick(closers)}`;
    return { chunks: text.split(/(?<=[.,:]) /).map((piece, i, all) => (i < all.length - 1 ? `${piece} ` : piece)), input };
  }

  private object(rng: Rng, input: string, schema: JsonSchema | undefined, name: string | undefined, offline: OfflineProviderOptions): unknown {
    const topicWords = topicWordsOf(input);
    const profile = offline.profile ?? (name === 'character' ? 'character' : undefined);
    const draft = profile === 'character' ? draftCharacter(rng, offline.brief ?? {}, offline.fixed ?? {}) : undefined;
    if (!schema) return draft ?? { answer: topicWords.slice(0, 6).join(' ') };
    return fillSchema(schema, draft, { rng, topicWords });
  }

  doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    options.abortSignal?.throwIfAborted();
    const { chunks, input } = this.answer(options);
    const text = chunks.join('');
    return Promise.resolve({
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: usageOf(input, text),
      warnings: [],
      response: { id: `offline-${hashString(text).toString(36)}`, modelId: this.modelId, timestamp: new Date() },
    });
  }

  doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    options.abortSignal?.throwIfAborted();
    const { chunks, input } = this.answer(options);
    const text = chunks.join('');
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'response-metadata', id: `offline-${hashString(text).toString(36)}`, modelId: this.modelId, timestamp: new Date() },
      { type: 'text-start', id: '0' },
      ...chunks.map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: '0', delta })),
      { type: 'text-end', id: '0' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: usageOf(input, text) },
    ];
    const delayMs = this.streamDelayMs;
    const signal = options.abortSignal;
    let index = 0;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      async pull(controller) {
        if (signal?.aborted) {
          controller.error(signal.reason);
          return;
        }
        const part = parts[index++];
        if (!part) {
          controller.close();
          return;
        }
        if (delayMs > 0 && part.type === 'text-delta') await new Promise((resolve) => setTimeout(resolve, delayMs));
        controller.enqueue(part);
      },
    });
    return Promise.resolve({ stream });
  }
}

function usageOf(input: string, output: string): LanguageModelV3Usage {
  const inputTokens = estimateTokens(input);
  const outputTokens = estimateTokens(output);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

/**
 * JSON split so partial objects arrive section by section: one chunk per top-level property
 * (long text split in a few pieces), the way a model streams tokens.
 */
export function jsonChunks(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [JSON.stringify(value)];
  const entries = Object.entries(value);
  if (!entries.length) return ['{}'];
  const chunks: string[] = [];
  entries.forEach(([key, item], i) => {
    const section = `${i === 0 ? '{' : ','}${JSON.stringify(key)}:${JSON.stringify(item)}`;
    if (section.length <= 400) chunks.push(section);
    else for (let at = 0; at < section.length; at += 300) chunks.push(section.slice(at, at + 300));
  });
  chunks.push('}');
  return chunks;
}
