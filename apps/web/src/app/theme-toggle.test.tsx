import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { themeStorageKey } from '../lib/theme';
import { ThemeToggle } from './theme-toggle';

function mockSystemDark(dark: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({
      matches: dark,
      media: query,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    })),
  );
}

describe('ThemeToggle', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    mockSystemDark(false);
  });

  it('switches the dark class and remembers the choice', () => {
    render(<ThemeToggle />);
    expect(screen.getByRole('button', { name: 'System theme' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement).not.toHaveClass('dark');

    fireEvent.click(screen.getByRole('button', { name: 'Dark theme' }));
    expect(document.documentElement).toHaveClass('dark');
    expect(localStorage.getItem(themeStorageKey)).toBe('dark');
    expect(screen.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(screen.getByRole('button', { name: 'Light theme' }));
    expect(document.documentElement).not.toHaveClass('dark');
    expect(localStorage.getItem(themeStorageKey)).toBe('light');
  });

  it('starts from the stored preference and follows the OS on system', () => {
    localStorage.setItem(themeStorageKey, 'light');
    mockSystemDark(true);
    render(<ThemeToggle />);
    expect(screen.getByRole('button', { name: 'Light theme' })).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement).not.toHaveClass('dark');

    fireEvent.click(screen.getByRole('button', { name: 'System theme' }));
    expect(document.documentElement).toHaveClass('dark');
    expect(localStorage.getItem(themeStorageKey)).toBeNull();
  });
});
