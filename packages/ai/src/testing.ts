/**
 * Test doubles for code that uses this package: the AI SDK's mock models (so apps need no direct
 * dependency on `ai` or `@ai-sdk/provider`) and the provider error type to simulate 429s and 5xx.
 */
export { MockEmbeddingModelV3, MockLanguageModelV3 } from 'ai/test';
export { simulateReadableStream } from 'ai';
export { APICallError, type LanguageModelV3GenerateResult, type LanguageModelV3StreamPart } from '@ai-sdk/provider';
/** The bare SDK calls, for measuring what the layer adds on top of them. */
export { generateText, Output } from 'ai';
