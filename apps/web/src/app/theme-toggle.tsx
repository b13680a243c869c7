import { cn } from '@tessera/ui/cn';
import { Monitor, Moon, Sun } from 'lucide-react';
import { type ThemePreference, useTheme } from '../lib/theme';

const options: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: 'light', label: 'Light theme', icon: Sun },
  { value: 'dark', label: 'Dark theme', icon: Moon },
  { value: 'system', label: 'System theme', icon: Monitor },
];

/** Three toggle buttons (light / dark / follow the system); the choice persists in localStorage. */
export function ThemeToggle({ className }: { className?: string }) {
  const { preference, setPreference } = useTheme();
  return (
    <div
      role="group"
      aria-label="Theme"
      className={cn('inline-flex items-center gap-0.5 rounded-lg border border-border bg-subtle p-0.5', className)}
    >
      {options.map(({ value, label, icon: Icon }) => (
        <button
          key={value}
          type="button"
          aria-label={label}
          title={label}
          aria-pressed={preference === value}
          onClick={() => setPreference(value)}
          className={cn(
            'inline-flex size-7 items-center justify-center rounded-md text-muted-foreground transition-colors',
            'outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring',
            'aria-pressed:bg-surface aria-pressed:text-foreground aria-pressed:shadow-xs',
          )}
        >
          <Icon aria-hidden="true" className="size-4" />
        </button>
      ))}
    </div>
  );
}
