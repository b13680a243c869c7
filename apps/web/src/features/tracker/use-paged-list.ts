import { useState } from 'react';

/**
 * Cursor pagination for a table: a stack of the cursors that opened each page, reset whenever
 * the filters (`key`) change — a cursor belongs to one sort and filter set.
 */
export function useCursorPages(key: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = state.key === key ? state.cursors : [undefined];
  return {
    cursor: cursors.at(-1),
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    next: (cursor: string) => setState({ key, cursors: [...cursors, cursor] }),
    previous: () => setState({ key, cursors: cursors.slice(0, -1) }),
    reset: () => setState({ key, cursors: [undefined] }),
  };
}
