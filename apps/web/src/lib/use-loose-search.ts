import { useParams, useSearch } from '@tanstack/react-router';

/**
 * The current URL's search params as plain values, for pages that validate them with their own
 * parser (the route's `validateSearch` does the same on the way in).
 */
export function useLooseSearch(): Record<string, unknown> {
  const value: unknown = useSearch({ strict: false });
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** One path param of the current route (e.g. `$userId`), or undefined. */
export function useLooseParam(name: string): string | undefined {
  const params: unknown = useParams({ strict: false });
  const value =
    params !== null && typeof params === 'object'
      ? (params as Record<string, unknown>)[name]
      : undefined;
  return typeof value === 'string' ? value : undefined;
}
