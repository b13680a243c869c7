import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';

/**
 * The page's search params, parsed by the same function as the route's `validateSearch`, and a
 * setter that writes them back to the URL (so filters survive reloads, links and the back button).
 */
export function useUrlSearch<T extends object>(parse: (raw: Record<string, unknown>) => T) {
  const raw: Record<string, unknown> = useSearch({ strict: false });
  const search = useMemo(() => parse(raw), [parse, raw]);
  const navigate = useNavigate();
  const setSearch = useCallback(
    (next: T | ((previous: T) => T), options: { replace?: boolean } = {}) => {
      const value = typeof next === 'function' ? next(search) : next;
      void navigate({ to: '.', search: value, replace: options.replace });
    },
    [navigate, search],
  );
  return [search, setSearch] as const;
}
