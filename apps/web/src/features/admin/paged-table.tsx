import { Pagination } from '@tessera/ui/pagination';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import type { useCursorPages } from '../../lib/use-cursor-pages';

/**
 * The states of an admin list paged by cursor (audit log, mail outbox): skeleton rows while the
 * first page loads, the API's error with a retry, the empty state, else the table — its head from
 * `columns`, its rows the `children` — with Previous / Next and "Page n". The two pages shared
 * these lines word for word; one copy keeps them alike.
 */
export function PagedTable({
  query,
  pages,
  label,
  columns,
  loadingLabel,
  skeletonRows,
  pagesLabel,
  empty,
  children,
}: {
  query: {
    isLoading: boolean;
    isFetching: boolean;
    error: unknown;
    refetch: () => unknown;
    data?: { items: unknown[]; nextCursor?: string | null };
  };
  pages: ReturnType<typeof useCursorPages>;
  /** The table's accessible name ("Messages"). */
  label: string;
  columns: string[];
  /** The loading placeholder's accessible name ("Loading messages"). */
  loadingLabel: string;
  skeletonRows: number;
  /** The page navigation's accessible name ("Mail pages"). */
  pagesLabel: string;
  empty: ReactNode;
  /** The table rows of this page. */
  children: ReactNode;
}) {
  if (query.isLoading) {
    return (
      <div aria-busy="true" aria-label={loadingLabel} className="flex flex-col gap-2">
        {Array.from({ length: skeletonRows }, (_, i) => (
          <Skeleton key={i} className="h-11 w-full" />
        ))}
      </div>
    );
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data?.items.length === 0) return <>{empty}</>;
  return (
    <>
      <Table aria-label={label} aria-busy={query.isFetching || undefined}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHead key={column}>{column}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
      <Pagination
        label={pagesLabel}
        hasPrevious={pages.hasPrevious}
        hasNext={Boolean(query.data?.nextCursor)}
        onPrevious={pages.previous}
        onNext={() => pages.next(query.data?.nextCursor)}
        loading={query.isFetching}
        info={`Page ${pages.page}`}
      />
    </>
  );
}
