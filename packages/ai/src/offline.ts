/** The offline provider on its own: models for tests, benchmarks and tools that want no network. */
export { type CharacterBrief, draftCharacter } from './offline/character';
export { embedText, OfflineEmbeddingModel, offlineEmbeddingDimensions } from './offline/embedding-model';
export { fillSchema, type JsonSchema } from './offline/json-schema';
export { jsonChunks, OfflineLanguageModel, type OfflineLanguageModelOptions, type OfflineProviderOptions } from './offline/language-model';
export { createRng, hashString } from './offline/random';
