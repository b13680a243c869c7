import superjson from 'superjson';

/**
 * The API's tRPC transformer: superjson's format, with a fast path for values that are already
 * plain JSON. superjson walks every value to record paths and annotations even when there is
 * nothing to annotate; for a plain tree its answer is just `{ json: value }`. Checking plainness
 * is a much lighter walk, and it runs on every answer and on every subscription frame (a broadcast
 * to 5,000 sockets serialises 5,000 frames: superjson was ~5 % of the API's CPU there, see
 * docs/benchmarks.md). Anything else (Date, undefined, Map, NaN, shared references…) goes to
 * superjson unchanged, so clients keep using plain superjson to read it.
 */

/** Keys superjson refuses or treats specially: leave those values to it. */
const guardedKeys = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper trees go to superjson (it has its own limits); ours are a few levels deep. */
const maxDepth = 32;

/** True when superjson would serialise `value` as `{ json: value }` with no meta. */
export function isPlainJson(value: unknown, depth = 0, seen?: Set<object>): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      // superjson annotates NaN, ±Infinity and -0.
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (depth > maxDepth) return false;
      // The same object twice: superjson records it as a referential equality.
      const visited = seen ?? new Set<object>();
      if (visited.has(value)) return false;
      visited.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          // Holes are `undefined` to superjson (annotated).
          if (!(i in value) || !isPlainJson(value[i], depth + 1, visited)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (guardedKeys.has(key)) return false;
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1, visited)) return false;
      }
      return true;
    }
    default:
      // undefined, bigint, symbol, function
      return false;
  }
}

export const wireFormat = {
  serialize: (value: unknown) => (isPlainJson(value) ? { json: value } : superjson.serialize(value)),
  deserialize: (value: unknown): unknown => superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]),
};
