import { type Cell, flexRender, type Table as TanstackTable } from '@tanstack/react-table';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { cn } from '@tessera/ui/cn';
import { Popover, PopoverContent, PopoverTrigger } from '@tessera/ui/popover';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@tessera/ui/table';
import { ArrowDown, ArrowUp, ArrowUpDown, Columns3 } from 'lucide-react';
import { Fragment, type ReactNode, useId } from 'react';
import { phoneScreen, useMediaQuery } from '../../lib/use-media-query';

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

interface DataTableProps<T> {
  table: TanstackTable<T>;
  caption: string;
  loading: boolean;
  sort: SortState;
  onSort: (next: SortState) => void;
  /** Enter or a click on a row opens it (the checkbox and buttons inside keep their own clicks). */
  onRowOpen?: (row: T) => void;
  rowLabel?: (row: T) => string;
}

/**
 * A TanStack table drawn with the design system's table; sorting and paging happen on the server.
 * On a phone the same rows, columns and selection are drawn as cards.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  // On a phone a table would scroll sideways with two columns in view, so rows become cards.
  return useMediaQuery(phoneScreen) ? <DataCards {...props} /> : <WideTable {...props} />;
}

/** A click anywhere on a row or card opens it, except on the controls inside it. */
function openOnClick<T>(onRowOpen: ((row: T) => void) | undefined, row: T) {
  if (!onRowOpen) return undefined;
  return (event: { target: EventTarget }) => {
    if ((event.target as HTMLElement).closest('button, a, input, [role="checkbox"]')) return;
    onRowOpen(row);
  };
}

function WideTable<T>({ table, caption, loading, sort, onSort, onRowOpen, rowLabel }: DataTableProps<T>) {
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
                onClick={openOnClick(onRowOpen, row.original)}
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

/**
 * The phone layout: a sort picker (the sortable columns, and the direction) with the select-all
 * checkbox, then one card per row — its checkbox, first column and actions on top, the other
 * visible columns below as label / value pairs.
 */
function DataCards<T>({ table, caption, loading, sort, onSort, onRowOpen }: DataTableProps<T>) {
  const sortId = useId();
  const sortable = table.getAllLeafColumns().filter((column) => column.columnDef.meta?.sort);
  const selectHeader = table.getFlatHeaders().find((header) => header.column.id === 'select');
  const rows = table.getRowModel().rows;
  const render = (cell: Cell<T, unknown>) => flexRender(cell.column.columnDef.cell, cell.getContext());
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2">
        {selectHeader ? <span className="flex shrink-0 items-center pr-1">{flexRender(selectHeader.column.columnDef.header, selectHeader.getContext())}</span> : null}
        {sortable.length ? (
          <>
            <label htmlFor={sortId} className="shrink-0 text-sm text-muted-foreground">
              Sort by
            </label>
            <Select id={sortId} value={sort.sort} onChange={(event) => onSort({ sort: event.target.value, dir: sort.dir })}>
              {sortable.map((column) => (
                <option key={column.id} value={column.columnDef.meta?.sort}>
                  {column.columnDef.meta?.label ?? column.id}
                </option>
              ))}
            </Select>
            <Button
              variant="secondary"
              size="icon"
              className="shrink-0"
              aria-label={sort.dir === 'asc' ? 'Ascending: sort descending' : 'Descending: sort ascending'}
              onClick={() => onSort({ sort: sort.sort, dir: sort.dir === 'asc' ? 'desc' : 'asc' })}
            >
              {sort.dir === 'asc' ? <ArrowUp aria-hidden="true" /> : <ArrowDown aria-hidden="true" />}
            </Button>
          </>
        ) : null}
      </div>
      <ul aria-label={caption} aria-busy={loading || undefined} className="flex flex-col gap-2">
        {loading && rows.length === 0
          ? Array.from({ length: 4 }, (_, i) => (
              <li key={i} className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3">
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-3 w-1/2" />
              </li>
            ))
          : rows.map((row) => {
              const cells = row.getVisibleCells();
              const select = cells.find((cell) => cell.column.id === 'select');
              const actions = cells.find((cell) => cell.column.id === 'actions');
              const [primary, ...details] = cells.filter((cell) => cell !== select && cell !== actions);
              return (
                <li
                  key={row.id}
                  data-state={row.getIsSelected() ? 'selected' : undefined}
                  className={cn('rounded-lg border border-border bg-surface p-3 text-sm data-[state=selected]:bg-primary/5', onRowOpen && 'cursor-pointer')}
                  onClick={openOnClick(onRowOpen, row.original)}
                >
                  <div className="flex items-start gap-3">
                    {select ? <span className="flex pt-0.5">{render(select)}</span> : null}
                    <div className="min-w-0 flex-1 break-words">{primary ? render(primary) : null}</div>
                    {actions ? <div className="-my-1 shrink-0">{render(actions)}</div> : null}
                  </div>
                  {details.length ? (
                    <dl className="mt-2 grid grid-cols-[minmax(6rem,auto)_1fr] gap-x-3 gap-y-1">
                      {details.map((cell) => (
                        <Fragment key={cell.id}>
                          <dt className="text-muted-foreground">{cell.column.columnDef.meta?.label ?? cell.column.id}</dt>
                          <dd className="min-w-0 break-words">{render(cell)}</dd>
                        </Fragment>
                      ))}
                    </dl>
                  ) : null}
                </li>
              );
            })}
      </ul>
    </div>
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
      {/* The buttons keep their row; the description wraps instead. */}
      {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
