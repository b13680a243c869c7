import { flexRender, type Table as TanstackTable } from '@tanstack/react-table';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { cn } from '@tessera/ui/cn';
import { Popover, PopoverContent, PopoverTrigger } from '@tessera/ui/popover';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { ArrowDown, ArrowUp, ArrowUpDown, Columns3 } from 'lucide-react';
import type { ReactNode } from 'react';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    /** The API sort field this column sorts by (server-side sorting). */
    sort?: string;
    /** Name in the column picker and the sort button's label. */
    label?: string;
    className?: string;
    /** `_unused` keeps the generic parameters used (the interface must match the library's). */
    _unused?: [TData, TValue];
  }
}

export interface SortState {
  sort: string;
  dir: 'asc' | 'desc';
}

/** A TanStack table drawn with the design system's table; sorting and paging happen on the server. */
export function DataTable<T>({
  table,
  caption,
  loading,
  sort,
  onSort,
  onRowOpen,
  rowLabel,
}: {
  table: TanstackTable<T>;
  caption: string;
  loading: boolean;
  sort: SortState;
  onSort: (next: SortState) => void;
  /** Enter or a click on a row opens it (the checkbox and buttons inside keep their own clicks). */
  onRowOpen?: (row: T) => void;
  rowLabel?: (row: T) => string;
}) {
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <Table aria-busy={loading || undefined}>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => {
              const meta = header.column.columnDef.meta;
              const sortField = meta?.sort;
              const active = sortField && sort.sort === sortField;
              return (
                <TableHead
                  key={header.id}
                  className={cn('whitespace-nowrap', meta?.className)}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {header.isPlaceholder ? null : sortField ? (
                    <button
                      type="button"
                      className="-mx-1 inline-flex items-center gap-1 rounded px-1 outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
                      onClick={() => onSort({ sort: sortField, dir: active && sort.dir === 'desc' ? 'asc' : 'desc' })}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {active ? (
                        sort.dir === 'asc' ? (
                          <ArrowUp aria-hidden="true" className="size-3.5" />
                        ) : (
                          <ArrowDown aria-hidden="true" className="size-3.5" />
                        )
                      ) : (
                        <ArrowUpDown aria-hidden="true" className="size-3.5 opacity-40" />
                      )}
                      <span className="sr-only">{active ? `, sorted ${sort.dir === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {loading && table.getRowModel().rows.length === 0
          ? Array.from({ length: 6 }, (_, i) => (
              <TableRow key={i}>
                {Array.from({ length: columnCount }, (_, j) => (
                  <TableCell key={j}>
                    <Skeleton className="h-4 w-full min-w-8" />
                  </TableCell>
                ))}
              </TableRow>
            ))
          : table.getRowModel().rows.map((row) => (
              <TableRow
                key={row.id}
                data-state={row.getIsSelected() ? 'selected' : undefined}
                className={cn(onRowOpen && 'cursor-pointer', 'data-[state=selected]:bg-primary/5')}
                onClick={(event) => {
                  if (!onRowOpen || (event.target as HTMLElement).closest('button, a, input, [role="checkbox"]')) return;
                  onRowOpen(row.original);
                }}
                aria-label={rowLabel?.(row.original)}
              >
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id} className={cell.column.columnDef.meta?.className}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
            ))}
      </TableBody>
    </Table>
  );
}

/** The select-all checkbox for a header and the per-row one. */
export function selectColumnHeader<T>(table: TanstackTable<T>, what: string) {
  return (
    <Checkbox
      aria-label={`Select all ${what} on this page`}
      checked={table.getIsAllPageRowsSelected() ? true : table.getIsSomePageRowsSelected() ? 'indeterminate' : false}
      onCheckedChange={(value) => table.toggleAllPageRowsSelected(value === true)}
    />
  );
}

/** Choose the visible columns; the choice is kept per table in localStorage. */
export function ColumnPicker<T>({ table, onReset }: { table: TanstackTable<T>; onReset: () => void }) {
  const columns = table.getAllLeafColumns().filter((c) => c.getCanHide());
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="secondary">
          <Columns3 aria-hidden="true" />
          Columns
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Columns to show" className="w-60 p-3">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-semibold">Show columns</legend>
          {columns.map((column) => {
            const id = `column-${column.id}`;
            return (
              <div key={column.id} className="flex items-center gap-2">
                <Checkbox id={id} checked={column.getIsVisible()} onCheckedChange={(value) => column.toggleVisibility(value === true)} />
                <label htmlFor={id} className="text-sm">
                  {column.columnDef.meta?.label ?? column.id}
                </label>
              </div>
            );
          })}
        </fieldset>
        <Button variant="link" size="sm" className="mt-3" onClick={onReset}>
          Reset to default
        </Button>
      </PopoverContent>
    </Popover>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
