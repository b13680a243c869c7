import { ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '../cn';
import { controlClasses } from './input';

export type SelectProps = ComponentProps<'select'>;

/** A styled native <select>: fully keyboard and screen-reader friendly, works on every device. */
export function Select({ className, children, ...props }: SelectProps) {
  return (
    <div className="relative w-full">
      <select className={cn(controlClasses, 'h-9 appearance-none pr-9 pl-3', className)} {...props}>
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
