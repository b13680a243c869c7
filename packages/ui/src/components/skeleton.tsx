import type { ComponentProps } from 'react';
import { cn } from '../cn';

/** A pulsing placeholder; purely decorative, so announce loading elsewhere (aria-busy on the region). */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />;
}
