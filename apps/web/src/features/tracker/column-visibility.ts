import type { VisibilityState } from '@tanstack/react-table';
import { useCallback, useState } from 'react';

const storageKey = (table: string) => `tessera.tracker.columns.${table}`;

/**
 * The columns a person chose to see, per table, from localStorage. Only known column ids are
 * read back (a renamed or removed column cannot hide a new one) and anything unreadable falls
 * back to the defaults.
 */
export function readColumnVisibility(table: string, defaults: VisibilityState, storage: Storage = localStorage): VisibilityState {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(storageKey(table)) ?? 'null');
  } catch {
    return { ...defaults };
  }
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return { ...defaults };
  const result: VisibilityState = { ...defaults };
  for (const [column, visible] of Object.entries(stored as Record<string, unknown>)) {
    if (column in defaults && typeof visible === 'boolean') result[column] = visible;
  }
  return result;
}

export function writeColumnVisibility(table: string, visibility: VisibilityState, storage: Storage = localStorage): void {
  try {
    storage.setItem(storageKey(table), JSON.stringify(visibility));
  } catch {
    // Private mode or a full quota: the choice lasts for this visit only.
  }
}

/** `[visibility, setVisibility]` for TanStack Table's `onColumnVisibilityChange`, persisted. */
export function useColumnVisibility(table: string, defaults: VisibilityState) {
  const [visibility, setVisibilityState] = useState(() => readColumnVisibility(table, defaults));
  const setVisibility = useCallback(
    (update: VisibilityState | ((old: VisibilityState) => VisibilityState)) => {
      setVisibilityState((old) => {
        const next = typeof update === 'function' ? update(old) : update;
        writeColumnVisibility(table, next);
        return next;
      });
    },
    [table],
  );
  const reset = useCallback(() => setVisibility({ ...defaults }), [defaults, setVisibility]);
  return [visibility, setVisibility, reset] as const;
}
