import { useCallback, useEffect, useState } from 'react';

/** What the person chose; `system` follows the operating system. Mirrored in public/theme-init.js. */
export type ThemePreference = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

export const themeStorageKey = 'tessera-theme';
export const themePreferences: readonly ThemePreference[] = ['light', 'dark', 'system'];
const darkQuery = '(prefers-color-scheme: dark)';

export function readThemePreference(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): ThemePreference {
  const value = storage?.getItem(themeStorageKey);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function writeThemePreference(
  preference: ThemePreference,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined = safeStorage(),
): void {
  if (!storage) return;
  if (preference === 'system') storage.removeItem(themeStorageKey);
  else storage.setItem(themeStorageKey, preference);
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

export function applyTheme(theme: ResolvedTheme, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('dark', theme === 'dark');
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(darkQuery).matches;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The current preference and a setter that persists it and updates `<html class="dark">`.
 * While on `system`, follows changes of the OS setting live.
 */
export function useTheme() {
  const [preference, setPreferenceState] = useState<ThemePreference>(() => readThemePreference());

  useEffect(() => {
    applyTheme(resolveTheme(preference, systemPrefersDark()));
    if (preference !== 'system' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(darkQuery);
    const onChange = () => applyTheme(resolveTheme('system', media.matches));
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [preference]);

  const setPreference = useCallback((next: ThemePreference) => {
    writeThemePreference(next);
    setPreferenceState(next);
  }, []);

  return { preference, setPreference };
}
