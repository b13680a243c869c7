import { cn } from '@tessera/ui/cn';
import { badgeText } from './format';

/**
 * The red count on the bell. Decorative: the bell's accessible name carries the number, so
 * screen readers do not hear it twice. Nothing at zero.
 */
export function UnreadBadge({ count, className }: { count: number; className?: string }) {
  const text = badgeText(count);
  if (!text) return null;
  return (
    <span
      aria-hidden="true"
      data-testid="unread-badge"
      className={cn(
        'pointer-events-none absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-error px-1',
        'text-[10px] leading-none font-semibold text-white tabular-nums ring-2 ring-background',
        className,
      )}
    >
      {text}
    </span>
  );
}
