import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../cn';
import { Button } from './button';

export interface PaginationProps {
  /** Whether an earlier page exists (cursor pagination keeps a stack of previous cursors). */
  hasPrevious: boolean;
  /** Whether a later page exists (the API returned a nextCursor). */
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** Text such as "Page 2" or "Showing 21–40 of 132". */
  info?: ReactNode;
  /** Disables both buttons while a page loads. */
  loading?: boolean;
  className?: string;
  label?: string;
}

/** Previous / next pagination for cursor-based lists, with page information in between. */
export function Pagination({
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  info,
  loading = false,
  className,
  label = 'Pagination',
}: PaginationProps) {
  return (
    <nav aria-label={label} className={cn('flex items-center justify-between gap-3', className)}>
      <Button variant="secondary" size="sm" onClick={onPrevious} disabled={!hasPrevious || loading}>
        <ChevronLeft aria-hidden="true" />
        Previous
      </Button>
      {info ? (
        <p aria-live="polite" className="text-sm text-muted-foreground tabular-nums">
          {info}
        </p>
      ) : null}
      <Button variant="secondary" size="sm" onClick={onNext} disabled={!hasNext || loading}>
        Next
        <ChevronRight aria-hidden="true" />
      </Button>
    </nav>
  );
}
