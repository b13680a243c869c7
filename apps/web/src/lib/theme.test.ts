import { describe, expect, it } from 'vitest';
import { applyTheme, readThemePreference, resolveTheme, themeStorageKey, writeThemePreference } from './theme';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    values,
  };
}

describe('theme preference', () => {
  it('defaults to system and ignores unknown stored values', () => {
    expect(readThemePreference(memoryStorage())).toBe('system');
    expect(readThemePreference(memoryStorage({ [themeStorageKey]: 'purple' }))).toBe('system');
    expect(readThemePreference(memoryStorage({ [themeStorageKey]: 'dark' }))).toBe('dark');
    expect(readThemePreference(undefined)).toBe('system');
  });

  it('persists light and dark, and forgets the choice for system', () => {
    const storage = memoryStorage();
    writeThemePreference('dark', storage);
    expect(storage.values.get(themeStorageKey)).toBe('dark');
    expect(readThemePreference(storage)).toBe('dark');
    writeThemePreference('system', storage);
    expect(storage.values.has(themeStorageKey)).toBe(false);
  });

  it('resolves system from the OS setting and explicit choices as given', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('toggles the dark class on the root element', () => {
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.classList.contains('dark')).toBe(true);
    applyTheme('light', root);
    expect(root.classList.contains('dark')).toBe(false);
  });
});
