import { useNavigate } from '@tanstack/react-router';
import { type ColumnDef, getCoreRowModel, type RowSelectionState, useReactTable, type VisibilityState } from '@tanstack/react-table';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { Pagination } from '@tessera/ui/pagination';
import type { JobRemote } from '@tessera/validation/tracker';
import { FileUp } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useColumnVisibility } from './column-visibility';
import { selectColumnHeader } from './data-table';
import { remoteLabels } from './format';
import type { useCursorPages } from '../../lib/use-cursor-pages';

// The Applications and Jobs pages are one kind of page over two lists: a server-paged table with
// persisted column choice, row selection for the bulk bar, and the same job columns. What they
// share lives here once, so the two tables page, select and count alike.

type CursorPages = ReturnType<typeof useCursorPages>;

/**
 * The table of one page of a server list: column visibility kept per table (`name`), row
 * selection by row id, sorting and paging left to the server.
 */
export function useListTable<Row extends { id: string }>(name: string, defaultColumns: VisibilityState, columns: ColumnDef<Row>[], rows: Row[]) {
  const [visibility, setVisibility, resetVisibility] = useColumnVisibility(name, defaultColumns);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    state: { columnVisibility: visibility, rowSelection: selection },
    onColumnVisibilityChange: setVisibility,
    onRowSelectionChange: setSelection,
    enableRowSelection: true,
    manualSorting: true,
    manualPagination: true,
  });
  const clearSelection = useCallback(() => setSelection({}), []);
  return { table, selected: rows.filter((r) => selection[r.id]), clearSelection, resetVisibility };
}

/** Previous / next over the list's cursor pages, with "1–25 of 132"; moving clears the selection. */
export function ListPagination({
  pages,
  list,
  pageSize,
  onMove,
}: {
  pages: CursorPages;
  list: { data?: { items: unknown[]; total: number; nextCursor?: string | null }; isFetching: boolean };
  pageSize: number;
  onMove: () => void;
}) {
  const total = list.data?.total ?? 0;
  const start = (pages.page - 1) * pageSize;
  const shown = list.data?.items.length ?? 0;
  return (
    <Pagination
      hasPrevious={pages.hasPrevious}
      hasNext={Boolean(list.data?.nextCursor)}
      onPrevious={() => {
        onMove();
        pages.previous();
      }}
      onNext={() => {
        onMove();
        if (list.data?.nextCursor) pages.next(list.data.nextCursor);
      }}
      loading={list.isFetching}
      info={total ? `${(start + 1).toLocaleString()}–${(start + shown).toLocaleString()} of ${total.toLocaleString()}` : null}
    />
  );
}

interface JobFields {
  title: string;
  company: string;
  location: string | null;
  remote: JobRemote | null;
}

/** The checkbox column: select all on this page (`what`: "jobs") or one row. */
export function selectColumn<Row extends JobFields>(what: string): ColumnDef<Row> {
  return {
    id: 'select',
    enableHiding: false,
    header: ({ table }) => selectColumnHeader(table, what),
    cell: ({ row }) => (
      <Checkbox aria-label={`Select ${row.original.title} at ${row.original.company}`} checked={row.getIsSelected()} onCheckedChange={(v) => row.toggleSelected(v === true)} />
    ),
    meta: { className: 'w-10' },
  };
}

/** The job's company (always shown, sortable), location and work mode. */
export function companyColumn<Row extends JobFields>(): ColumnDef<Row> {
  return {
    id: 'company',
    enableHiding: false,
    header: 'Company',
    cell: ({ row }) => (
      <span className="line-clamp-2 [overflow-wrap:anywhere]" title={row.original.company}>
        {row.original.company}
      </span>
    ),
    meta: { sort: 'company', label: 'Company', className: 'max-w-64' },
  };
}

export function locationColumn<Row extends JobFields>(): ColumnDef<Row> {
  return { id: 'location', header: 'Location', cell: ({ row }) => row.original.location ?? '—', meta: { label: 'Location' } };
}

export function remoteColumn<Row extends JobFields>(): ColumnDef<Row> {
  return { id: 'remote', header: 'Work mode', cell: ({ row }) => (row.original.remote ? remoteLabels[row.original.remote] : '—'), meta: { label: 'Work mode' } };
}

/** The empty states' second way in: bring a spreadsheet over. */
export function ImportCsvButton() {
  const navigate = useNavigate();
  return (
    <Button variant="secondary" onClick={() => void navigate({ to: '/tracker/import' })}>
      <FileUp aria-hidden="true" />
      Import a CSV
    </Button>
  );
}
