export {
  type Ai,
  type AiCallMeta,
  type AiConfig,
  type AiObjectOptions,
  type AiObjectResult,
  type AiObjectStreamEvent,
  type AiPromptOptions,
  type AiReachability,
  type AiStatus,
  type AiTokenUsage,
  type AiUsageRecord,
  classifyFailure,
  createAi,
  extractJson,
} from './create-ai';
export { AiError, AiInvalidOutputError, AiUnavailableError, type AiUnavailableKind, isAiError } from './errors';
export { type AiProviderName, aiProviderNames, defaultModels } from './providers';
export { cosineSimilarity } from 'ai';
