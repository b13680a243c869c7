import { type AnyTRPCRouter, callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, type TRPCError } from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { TRPCResponse } from '@trpc/server/rpc';
import type { DefaultErrorShape, RootConfig } from '@trpc/server/unstable-core-do-not-import';

/** Any router's config, with its types spelled out (tRPC types it `any` for an arbitrary router). */
export type RouterConfig = RootConfig<{ ctx: object; meta: object; errorShape: DefaultErrorShape; transformer: boolean }>;

export interface QueryAnswer {
  status: number;
  body: string;
}

/**
 * GET queries — one, or an `httpBatchLink` batch — answered the way tRPC's `resolveResponse` (11.19)
 * answers them, without building a Fetch `Request` and `Response` around each call: the same input
 * decoding, procedure call, error shapes, HTTP status (207 for a batch with mixed outcomes) and body.
 * Most of what the SPA sends is this, and the Fetch objects were the larger part of tRPC's cost
 * over a bare route (docs/benchmarks.md, "tRPC query vs bare Fastify route").
 *
 * Returns null for anything else — a path that is not a query, input that does not parse, a batch
 * over the limit, a context that cannot be made — and the transport hands the request to
 * `resolveResponse`, which answers it (errors included) as before.
 */
export function createQueryResponder<TRouter extends AnyTRPCRouter>(options: { router: TRouter; maxBatchSize: number }) {
  const config = options.router._def._config as RouterConfig;
  const procedures = options.router._def.procedures as Record<string, { _def: { type: string } } | undefined>;
  const { input: inputTransformer, output } = config.transformer;

  /** The calls of a GET URL, with their decoded inputs; null when tRPC should answer it. */
  function callsOf(path: string, search: URLSearchParams, batch: boolean): { path: string; input: unknown }[] | null {
    const paths = batch ? path.split(',') : [path];
    if (paths.length > options.maxBatchSize) return null;
    if (!paths.every((name) => procedures[name]?._def.type === 'query')) return null;
    const raw = search.get('input');
    let parsed: unknown;
    try {
      parsed = raw === null ? undefined : JSON.parse(raw);
    } catch {
      return null;
    }
    if (batch && parsed !== undefined && (typeof parsed !== 'object' || parsed === null)) return null;
    try {
      return paths.map((name, index) => {
        const value = batch ? (parsed as Record<string, unknown> | undefined)?.[index] : parsed;
        return { path: name, input: value === undefined ? undefined : (inputTransformer.deserialize(value) as unknown) };
      });
    } catch {
      return null;
    }
  }

  return async function answer(url: string, path: string, createContext: () => Promise<object>): Promise<QueryAnswer | null> {
    const question = url.indexOf('?');
    const search = new URLSearchParams(question === -1 ? '' : url.slice(question + 1));
    const batch = search.get('batch') === '1';
    let calls: { path: string; input: unknown }[] | null;
    try {
      calls = callsOf(decodeURIComponent(path), search, batch);
    } catch {
      // A malformed %-escape in the path.
      return null;
    }
    if (!calls) return null;
    let ctx: object;
    try {
      ctx = await createContext();
    } catch {
      return null;
    }
    const responses = await Promise.all(
      calls.map(async ({ path: name, input }, batchIndex): Promise<TRPCResponse> => {
        try {
          const data: unknown = await callTRPCProcedure({ router: options.router, path: name, getRawInput: () => Promise.resolve(input), ctx, type: 'query', signal: undefined, batchIndex });
          return { result: { data } };
        } catch (cause) {
          const error: TRPCError = getTRPCErrorFromUnknown(cause);
          return { error: getTRPCErrorShape({ config, error, type: 'query', path: name, input, ctx }) };
        }
      }),
    );
    const serialized = responses.map((response) =>
      'error' in response ? { error: output.serialize(response.error) as unknown } : { result: { data: output.serialize(response.result.data) as unknown } },
    );
    return {
      status: getHTTPStatusCode(batch ? responses : responses[0]!),
      body: JSON.stringify(batch ? serialized : serialized[0]),
    };
  };
}
