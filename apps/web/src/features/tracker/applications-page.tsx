import type { JSX } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { type ColumnDef, getCoreRowModel, type RowSelectionState, useReactTable } from '@tanstack/react-table';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { EmptyState } from '@tessera/ui/empty-state';
import { Pagination } from '@tessera/ui/pagination';
import { Select } from '@tessera/ui/select';
import { type ApplicationStatus, applicationStatusValues } from '@tessera/validation/tracker';
import { FileUp, ListChecks, Plus, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ApplicationDrawer } from './application-drawer';
import { ApplicationFormDialog } from './application-form-dialog';
import { BulkBar, type BulkOutcome, bulkOutcome, BulkResultDialog, ConfirmDialog } from './bulk';
import { useColumnVisibility } from './column-visibility';
import { ColumnPicker, DataTable, PageHeader, selectColumnHeader, type SortState } from './data-table';
import { ExportMenu } from './export-menu';
import { FilterChips, FiltersPopover, SearchBox } from './filters-bar';
import { type ApplicationRow, formatDateTime, formatDay, remoteLabels, statusLabels, statusTones } from './format';
import { type ApplicationSort, applicationFilterInput, applicationListInput, countFilters, parseApplicationSearch, withoutFilters } from './search-params';
import { useCursorPages } from './use-paged-list';
import { useUrlSearch } from './use-url-search';

const pageSize = 25;
const defaultColumns = { location: true, remote: false, appliedAt: true, nextInterviewAt: true, statusChangedAt: false, updatedAt: false, createdAt: false };

/** Route `/tracker/applications`: every application, filtered, sorted and paged on the server. */
export function ApplicationsPage(): JSX.Element {
  useDocumentTitle('Applications · Tracker');
  const [search, setSearch] = useUrlSearch(parseApplicationSearch);
  const navigate = useNavigate();
  const input = applicationListInput(search);
  const pages = useCursorPages(JSON.stringify(input));
  const list = trpc.tracker.applications.list.useQuery({ ...input, cursor: pages.cursor, limit: pageSize }, { placeholderData: (previous) => previous });
  const [visibility, setVisibility, resetVisibility] = useColumnVisibility('applications', defaultColumns);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [creating, setCreating] = useState(false);

  const columns = useMemo<ColumnDef<ApplicationRow>[]>(
    () => [
      {
        id: 'select',
        enableHiding: false,
        header: ({ table }) => selectColumnHeader(table, 'applications'),
        cell: ({ row }) => (
          <Checkbox aria-label={`Select ${row.original.title} at ${row.original.company}`} checked={row.getIsSelected()} onCheckedChange={(v) => row.toggleSelected(v === true)} />
        ),
        meta: { className: 'w-10' },
      },
      {
        id: 'title',
        enableHiding: false,
        header: 'Job',
        cell: ({ row }) => (
          <button
            type="button"
            className="text-left font-medium text-foreground outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
            onClick={() => setSearch((prev) => ({ ...prev, app: row.original.id }))}
          >
            {row.original.title}
          </button>
        ),
        meta: { sort: 'title', label: 'Job', className: 'min-w-48' },
      },
      { id: 'company', enableHiding: false, header: 'Company', cell: ({ row }) => row.original.company, meta: { sort: 'company', label: 'Company' } },
      {
        id: 'status',
        enableHiding: false,
        header: 'Status',
        cell: ({ row }) => <Badge tone={statusTones[row.original.status]}>{statusLabels[row.original.status]}</Badge>,
        meta: { sort: 'status', label: 'Status' },
      },
      { id: 'location', header: 'Location', cell: ({ row }) => row.original.location ?? '—', meta: { label: 'Location' } },
      { id: 'remote', header: 'Work mode', cell: ({ row }) => (row.original.remote ? remoteLabels[row.original.remote] : '—'), meta: { label: 'Work mode' } },
      { id: 'appliedAt', header: 'Applied', cell: ({ row }) => formatDay(row.original.appliedAt), meta: { sort: 'appliedAt', label: 'Applied', className: 'whitespace-nowrap' } },
      {
        id: 'nextInterviewAt',
        header: 'Next interview',
        cell: ({ row }) => formatDateTime(row.original.nextInterviewAt),
        meta: { sort: 'nextInterviewAt', label: 'Next interview', className: 'whitespace-nowrap' },
      },
      { id: 'statusChangedAt', header: 'In stage since', cell: ({ row }) => formatDay(row.original.statusChangedAt), meta: { label: 'In stage since', className: 'whitespace-nowrap' } },
      { id: 'updatedAt', header: 'Updated', cell: ({ row }) => formatDay(row.original.updatedAt), meta: { sort: 'updatedAt', label: 'Updated', className: 'whitespace-nowrap' } },
      { id: 'createdAt', header: 'Added', cell: ({ row }) => formatDay(row.original.createdAt), meta: { sort: 'createdAt', label: 'Added', className: 'whitespace-nowrap' } },
    ],
    [setSearch],
  );

  const rows = list.data?.items ?? [];
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
  const selected = rows.filter((r) => selection[r.id]);

  const sort: SortState = { sort: search.sort ?? 'createdAt', dir: search.dir ?? 'desc' };
  const setFilters = (next: object) => {
    setSelection({});
    setSearch((prev) => ({ ...withoutFilters(prev), ...next, q: prev.q }));
  };

  const total = list.data?.total ?? 0;
  const start = (pages.page - 1) * pageSize;
  const filtered = Boolean(search.q) || countFilters(search) > 0;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Applications"
        description="Every application with its stage. Select rows to change their status or delete them together."
        actions={
          <>
            <ExportMenu kind="applications" filters={applicationFilterInput(search)} />
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden="true" />
              New application
            </Button>
          </>
        }
      />
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox label="Search applications" value={search.q} onChange={(q) => setSearch((prev) => ({ ...prev, q }))} />
        <FiltersPopover withStatus value={search} onApply={setFilters} />
        <ColumnPicker table={table} onReset={resetVisibility} />
      </div>
      <FilterChips value={search} onChange={setFilters} />
      <ApplicationsBulkBar selected={selected} onDone={() => setSelection({})} />
      {list.error ? <ErrorAlert error={list.error} title="Could not load applications" onRetry={() => void list.refetch()} /> : null}
      {!list.isPending && !list.error && total === 0 ? (
        filtered ? (
          <EmptyState
            icon={<ListChecks />}
            title="No applications match these filters"
            description="Try fewer filters or another search."
            action={
              <Button variant="secondary" onClick={() => setSearch({})}>
                Clear search and filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<ListChecks />}
            title="No applications yet"
            description="An application tracks one job from saved to offer. Add a job first, or import your spreadsheet."
            action={
              <>
                <Button onClick={() => setCreating(true)}>
                  <Plus aria-hidden="true" />
                  New application
                </Button>
                <Button variant="secondary" onClick={() => void navigate({ to: '/tracker/import' })}>
                  <FileUp aria-hidden="true" />
                  Import a CSV
                </Button>
              </>
            }
          />
        )
      ) : (
        <>
          <DataTable
            table={table}
            caption="Applications"
            loading={list.isPending}
            sort={sort}
            onSort={(next) => setSearch((prev) => ({ ...prev, sort: next.sort as ApplicationSort, dir: next.dir }))}
            onRowOpen={(row) => setSearch((prev) => ({ ...prev, app: row.id }))}
          />
          <Pagination
            hasPrevious={pages.hasPrevious}
            hasNext={Boolean(list.data?.nextCursor)}
            onPrevious={() => {
              setSelection({});
              pages.previous();
            }}
            onNext={() => {
              setSelection({});
              if (list.data?.nextCursor) pages.next(list.data.nextCursor);
            }}
            loading={list.isFetching}
            info={total ? `${(start + 1).toLocaleString()}–${(start + rows.length).toLocaleString()} of ${total.toLocaleString()}` : null}
          />
        </>
      )}
      <ApplicationFormDialog open={creating} onOpenChange={setCreating} onCreated={(id) => setSearch((prev) => ({ ...prev, app: id }))} />
      <ApplicationDrawer id={search.app} onClose={() => setSearch((prev) => ({ ...prev, app: undefined }))} />
    </div>
  );
}

function ApplicationsBulkBar({ selected, onDone }: { selected: ApplicationRow[]; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const labels = selected.map((a) => `${a.title} — ${a.company}`);
  const after = () => {
    void utils.tracker.applications.invalidate();
    void utils.tracker.analytics.invalidate();
  };
  const bulkUpdate = trpc.tracker.applications.bulkUpdate.useMutation({
    onSuccess: (result) => {
      after();
      setOutcome(bulkOutcome(`Moved to ${status ? statusLabels[status] : ''}`, labels, result));
      setStatus('');
      onDone();
    },
    onError: (error) => setOutcome(bulkOutcome('Change status', labels, null, error)),
  });
  const bulkDelete = trpc.tracker.applications.bulkDelete.useMutation({
    onSuccess: (result) => {
      after();
      setConfirming(false);
      setOutcome(bulkOutcome('Deleted', labels, result));
      onDone();
    },
    onError: (error) => {
      setConfirming(false);
      setOutcome(bulkOutcome('Delete', labels, null, error));
    },
  });
  return (
    <>
      <BulkBar count={selected.length} onClear={onDone}>
        {/* Select's wrapper is full width: size the wrapper, not the <select>, or the chevron drifts right and the buttons wrap. */}
        <div className="w-40">
          <Select aria-label="New status for the selected applications" value={status} onChange={(e) => setStatus(e.target.value as ApplicationStatus | '')} className="h-8">
            <option value="">Change status…</option>
            {applicationStatusValues.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </Select>
        </div>
        <Button
          size="sm"
          disabled={!status}
          loading={bulkUpdate.isPending}
          onClick={() => status && bulkUpdate.mutate({ items: selected.map((a) => ({ id: a.id, changes: { status } })) })}
        >
          Apply
        </Button>
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      </BulkBar>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${selected.length} application${selected.length === 1 ? '' : 's'}?`}
        description="Their history and interviews are deleted too; the jobs stay. This cannot be undone."
        confirm="Delete"
        busy={bulkDelete.isPending}
        onConfirm={() => bulkDelete.mutate({ ids: selected.map((a) => a.id) })}
        onCancel={() => setConfirming(false)}
      />
      <BulkResultDialog outcome={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}
