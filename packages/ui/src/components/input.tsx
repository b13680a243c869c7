import type { ComponentProps } from 'react';
import { cn } from '../cn';

export const controlClasses = [
  'w-full rounded-lg border border-input bg-surface text-sm text-foreground shadow-xs transition-colors',
  'placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50',
  'outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/25',
  'aria-invalid:border-error aria-invalid:focus-visible:ring-error/25',
].join(' ');

export type InputProps = ComponentProps<'input'>;

export function Input({ className, type = 'text', ...props }: InputProps) {
  return <input type={type} className={cn(controlClasses, 'h-9 px-3', className)} {...props} />;
}
