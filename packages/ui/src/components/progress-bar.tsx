import type { ComponentProps } from 'react';
import { cn } from '../cn';

export interface ProgressBarProps extends Omit<ComponentProps<'div'>, 'children'> {
  value: number;
  max?: number;
  /** Accessible name, e.g. "Upload progress". */
  label: string;
  /** Show the label and percentage above the bar. */
  showValue?: boolean;
  tone?: 'primary' | 'success' | 'warning' | 'danger';
}

const toneClass = {
  primary: 'bg-primary',
  success: 'bg-success',
  warning: 'bg-warning',
  danger: 'bg-error',
} as const;

export function ProgressBar({ value, max = 100, label, showValue, tone = 'primary', className, ...props }: ProgressBarProps) {
  const clamped = Math.min(Math.max(value, 0), max);
  const percent = max > 0 ? Math.round((clamped / max) * 100) : 0;
  return (
    <div className={cn('flex w-full flex-col gap-1.5', className)} {...props}>
      {showValue ? (
        <div className="flex justify-between text-xs">
          <span className="font-medium text-foreground">{label}</span>
          <span className="text-muted-foreground tabular-nums">{percent}%</span>
        </div>
      ) : null}
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={`${percent}%`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn('h-full rounded-full transition-[width] duration-300', toneClass[tone])}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
