import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '../cn';

const spinnerVariants = cva('inline-block animate-spin rounded-full border-2 border-current border-r-transparent', {
  variants: {
    size: { sm: 'size-3.5', md: 'size-5', lg: 'size-8' },
  },
  defaultVariants: { size: 'md' },
});

export interface SpinnerProps extends Omit<ComponentProps<'span'>, 'children'>, VariantProps<typeof spinnerVariants> {
  /** Accessible text; `null` hides the spinner from assistive technology (e.g. inside a busy button). */
  label?: string | null;
}

export function Spinner({ className, size, label = 'Loading', ...props }: SpinnerProps) {
  if (label === null) {
    return <span aria-hidden="true" className={cn(spinnerVariants({ size }), className)} {...props} />;
  }
  return (
    <span role="status" className="inline-flex items-center" {...props}>
      <span aria-hidden="true" className={cn(spinnerVariants({ size }), className)} />
      <span className="sr-only">{label}</span>
    </span>
  );
}
