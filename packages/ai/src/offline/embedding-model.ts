import type { EmbeddingModelV3, EmbeddingModelV3CallOptions, EmbeddingModelV3Result } from '@ai-sdk/provider';
import { hashString } from './random';

export const offlineEmbeddingDimensions = 384;

const wordSeed = 0x9e3779b9;
const gramSeed = 0x85ebca6b;
const pairSeed = 0xc2b2ae35;

function add(vector: Float64Array, feature: string, seed: number, weight: number) {
  const hash = hashString(feature, seed);
  // The low bits pick the dimension, one high bit the sign: collisions then cancel out on
  // average instead of piling up (the "hashing trick").
  const index = hash % vector.length;
  vector[index]! += hash & 0x80000000 ? -weight : weight;
}

/**
 * A deterministic embedding: hashed word, word-pair and character-trigram features, L2-normalised
 * to a fixed dimension. Texts sharing words and word pieces score high under cosine similarity;
 * it captures no meaning beyond shared vocabulary.
 */
export function embedText(text: string, dimensions = offlineEmbeddingDimensions): number[] {
  const vector = new Float64Array(dimensions);
  const words =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(vector, word, wordSeed, 1);
    if (i > 0) add(vector, `${words[i - 1]} ${word}`, pairSeed, 0.5);
    const padded = `#${word}#`;
    for (let j = 0; j + 3 <= padded.length; j++) add(vector, padded.slice(j, j + 3), gramSeed, 0.35);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  const result = new Array<number>(dimensions);
  if (norm === 0) {
    // Empty text still gets a unit vector, so cosine similarity is always defined.
    result.fill(0);
    result[0] = 1;
    return result;
  }
  for (let i = 0; i < dimensions; i++) result[i] = vector[i]! / norm;
  return result;
}

/** The offline embedding model: a real EmbeddingModelV3, so `embed`/`embedMany` work unchanged. */
export class OfflineEmbeddingModel implements EmbeddingModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly provider = 'offline';
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = 2048;
  readonly supportsParallelCalls = true;
  readonly dimensions: number;

  constructor(options: { modelId?: string; dimensions?: number } = {}) {
    this.dimensions = options.dimensions ?? offlineEmbeddingDimensions;
    this.modelId = options.modelId ?? `offline-hash-${this.dimensions}`;
  }

  doEmbed(options: EmbeddingModelV3CallOptions): Promise<EmbeddingModelV3Result> {
    options.abortSignal?.throwIfAborted();
    let tokens = 0;
    const embeddings = options.values.map((value) => {
      tokens += Math.ceil(value.length / 4);
      return embedText(value, this.dimensions);
    });
    return Promise.resolve({ embeddings, usage: { tokens }, warnings: [] });
  }
}
