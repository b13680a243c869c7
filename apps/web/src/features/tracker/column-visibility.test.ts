import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readColumnVisibility, useColumnVisibility, writeColumnVisibility } from './column-visibility';

const defaults = { location: true, salary: false };

describe('column picker persistence', () => {
  it('falls back to the defaults when nothing or garbage is stored', () => {
    expect(readColumnVisibility('jobs', defaults)).toEqual(defaults);
    localStorage.setItem('tessera.tracker.columns.jobs', '{not json');
    expect(readColumnVisibility('jobs', defaults)).toEqual(defaults);
    localStorage.setItem('tessera.tracker.columns.jobs', '[1,2]');
    expect(readColumnVisibility('jobs', defaults)).toEqual(defaults);
  });

  it('reads back known columns only, per table', () => {
    writeColumnVisibility('jobs', { location: false, salary: true, removedColumn: true });
    expect(readColumnVisibility('jobs', defaults)).toEqual({ location: false, salary: true });
    expect(readColumnVisibility('applications', defaults)).toEqual(defaults);
  });

  it('the hook persists every change and can reset', () => {
    const { result, unmount } = renderHook(() => useColumnVisibility('jobs', defaults));
    act(() => result.current[1]((old) => ({ ...old, salary: true })));
    expect(result.current[0]).toEqual({ location: true, salary: true });
    unmount();
    const again = renderHook(() => useColumnVisibility('jobs', defaults));
    expect(again.result.current[0]).toEqual({ location: true, salary: true });
    act(() => again.result.current[2]());
    expect(readColumnVisibility('jobs', defaults)).toEqual(defaults);
  });
});
