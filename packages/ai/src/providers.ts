import { createAnthropic } from '@ai-sdk/anthropic';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import { OfflineEmbeddingModel } from './offline/embedding-model';
import { OfflineLanguageModel } from './offline/language-model';

export const aiProviderNames = ['offline', 'mistral', 'openai', 'anthropic', 'openai-compatible'] as const;
export type AiProviderName = (typeof aiProviderNames)[number];

/** Sensible defaults per provider; AI_MODEL / AI_EMBEDDING_MODEL override them. */
export const defaultModels: Record<AiProviderName, { language: string; embedding: string | undefined }> = {
  offline: { language: 'offline-templates-1', embedding: 'offline-hash-384' },
  mistral: { language: 'mistral-small-latest', embedding: 'mistral-embed' },
  openai: { language: 'gpt-4o-mini', embedding: 'text-embedding-3-small' },
  // Anthropic offers no embedding model: the offline embeddings stand in (see README).
  anthropic: { language: 'claude-3-5-haiku-latest', embedding: undefined },
  'openai-compatible': { language: 'llama3.1', embedding: 'nomic-embed-text' },
};

export interface ProviderSettings {
  provider: AiProviderName;
  model?: string;
  embeddingModel?: string;
  apiKey?: string;
  baseUrl?: string;
  offlineStreamDelayMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface ProviderModels {
  languageModel: LanguageModelV3;
  embeddingModel: EmbeddingModelV3;
  /** Where a cheap reachability probe can go (GET, lists models); undefined for offline. */
  probe?: { url: string; headers: Record<string, string> };
}

/** Build the configured provider's models. Nothing here talks to the network. */
export function buildProviderModels(settings: ProviderSettings): ProviderModels {
  const defaults = defaultModels[settings.provider];
  const model = settings.model ?? defaults.language;
  const embeddingModelId = settings.embeddingModel ?? defaults.embedding;
  const offlineEmbeddings = () => new OfflineEmbeddingModel();
  const key = settings.apiKey ?? '';
  switch (settings.provider) {
    case 'offline':
      return {
        languageModel: new OfflineLanguageModel({ modelId: settings.model, streamDelayMs: settings.offlineStreamDelayMs }),
        embeddingModel: offlineEmbeddings(),
      };
    case 'mistral': {
      const baseURL = settings.baseUrl ?? 'https://api.mistral.ai/v1';
      const mistral = createMistral({ apiKey: key, baseURL, fetch: settings.fetch });
      return {
        languageModel: mistral(model),
        embeddingModel: embeddingModelId ? mistral.embedding(embeddingModelId) : offlineEmbeddings(),
        probe: { url: `${baseURL}/models`, headers: { authorization: `Bearer ${key}` } },
      };
    }
    case 'openai': {
      const baseURL = settings.baseUrl ?? 'https://api.openai.com/v1';
      const openai = createOpenAI({ apiKey: key, baseURL, fetch: settings.fetch });
      return {
        languageModel: openai(model),
        embeddingModel: embeddingModelId ? openai.embedding(embeddingModelId) : offlineEmbeddings(),
        probe: { url: `${baseURL}/models`, headers: { authorization: `Bearer ${key}` } },
      };
    }
    case 'anthropic': {
      const baseURL = settings.baseUrl ?? 'https://api.anthropic.com/v1';
      const anthropic = createAnthropic({ apiKey: key, baseURL, fetch: settings.fetch });
      return {
        languageModel: anthropic(model),
        embeddingModel: offlineEmbeddings(),
        probe: { url: `${baseURL}/models`, headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' } },
      };
    }
    case 'openai-compatible': {
      if (!settings.baseUrl) throw new Error('The openai-compatible provider needs a base URL (AI_BASE_URL).');
      const baseURL = settings.baseUrl.replace(/\/$/, '');
      const compatible = createOpenAICompatible({
        name: 'openai-compatible',
        baseURL,
        apiKey: settings.apiKey,
        fetch: settings.fetch,
        // Ollama and vLLM accept json_schema response formats.
        supportsStructuredOutputs: true,
      });
      return {
        languageModel: compatible.chatModel(model),
        embeddingModel: embeddingModelId ? compatible.embeddingModel(embeddingModelId) : offlineEmbeddings(),
        probe: { url: `${baseURL}/models`, headers: settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {} },
      };
    }
  }
}
