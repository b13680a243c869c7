import { useCallback, useState } from 'react';

/**
 * Previous/next over a cursor-paginated list: keeps the cursors of the pages already seen so
 * "Previous" can go back. `resetKey` (the filters, serialised) starts again at page 1 when it changes.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({
    key: resetKey,
    stack: [undefined],
  });
  const stack = state.key === resetKey ? state.stack : [undefined];
  if (state.key !== resetKey) setState({ key: resetKey, stack });
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string | null | undefined) => {
    if (!nextCursor) return;
    setState((s) => ({ key: s.key, stack: [...s.stack, nextCursor] }));
  }, []);
  const previous = useCallback(
    () =>
      setState((s) => ({ key: s.key, stack: s.stack.length > 1 ? s.stack.slice(0, -1) : s.stack })),
    [],
  );
  return { cursor, page: stack.length, hasPrevious: stack.length > 1, next, previous };
}
