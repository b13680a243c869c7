import type { JSX } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { EmptyState } from '@tessera/ui/empty-state';
import { Select } from '@tessera/ui/select';
import { type ApplicationStatus, applicationStatusValues } from '@tessera/validation/tracker';
import { ListChecks, Plus, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { applicationLink, expectEcho } from '../../lib/own-echoes';
import { ApplicationDrawer } from './application-drawer';
import { ApplicationFormDialog } from './application-form-dialog';
import { BulkBar, BulkDialogs, useBulkActions } from './bulk';
import { ColumnPicker, DataTable, PageHeader, type SortState } from './data-table';
import { ExportMenu } from './export-menu';
import { FilterChips, FiltersPopover, SearchBox } from './filters-bar';
import { formatDateTime } from '../../lib/format';
import { type ApplicationRow, formatDay, plural, statusLabels, statusTones } from './format';
import { companyColumn, ImportCsvButton, ListPagination, locationColumn, remoteColumn, selectColumn, useListTable } from './list-page';
import { type ApplicationSort, applicationFilterInput, applicationListInput, countFilters, parseApplicationSearch, withoutFilters } from './search-params';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useUrlSearch } from './use-url-search';

const pageSize = 25;
const defaultColumns = { location: true, remote: false, appliedAt: true, nextInterviewAt: true, statusChangedAt: false, updatedAt: false, createdAt: false };

/** Route `/tracker/applications`: every application, filtered, sorted and paged on the server. */
export function ApplicationsPage(): JSX.Element {
  useDocumentTitle('Applications · Tracker');
  const [search, setSearch] = useUrlSearch(parseApplicationSearch);
  const input = applicationListInput(search);
  const pages = useCursorPages(JSON.stringify(input));
  const list = trpc.tracker.applications.list.useQuery({ ...input, cursor: pages.cursor, limit: pageSize }, { placeholderData: (previous) => previous });
  const [creating, setCreating] = useState(false);

  const columns = useMemo<ColumnDef<ApplicationRow>[]>(
    () => [
      selectColumn('applications'),
      {
        id: 'title',
        enableHiding: false,
        header: 'Job',
        cell: ({ row }) => (
          <button
            type="button"
            className="line-clamp-3 text-left font-medium text-foreground outline-none [overflow-wrap:anywhere] hover:underline focus-visible:ring-2 focus-visible:ring-ring"
            title={row.original.title}
            onClick={() => setSearch((prev) => ({ ...prev, app: row.original.id }))}
          >
            {row.original.title}
          </button>
        ),
        meta: { sort: 'title', label: 'Job', className: 'min-w-48 max-w-96' },
      },
      companyColumn(),
      {
        id: 'status',
        enableHiding: false,
        header: 'Status',
        cell: ({ row }) => <Badge tone={statusTones[row.original.status]}>{statusLabels[row.original.status]}</Badge>,
        meta: { sort: 'status', label: 'Status' },
      },
      locationColumn(),
      remoteColumn(),
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

  const { table, selected, clearSelection, resetVisibility } = useListTable('applications', defaultColumns, columns, list.data?.items ?? []);

  const sort: SortState = { sort: search.sort ?? 'createdAt', dir: search.dir ?? 'desc' };
  const setFilters = (next: object) => {
    clearSelection();
    setSearch((prev) => ({ ...withoutFilters(prev), ...next, q: prev.q }));
  };

  const total = list.data?.total ?? 0;
  const filtered = Boolean(search.q) || countFilters(search) > 0;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Applications"
        description="Every application with its stage. Select rows to change their status or delete them together."
        actions={
          <>
            <ExportMenu kind="applications" filters={applicationFilterInput(search)} total={list.data?.total} />
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
      <ApplicationsBulkBar selected={selected} onDone={clearSelection} />
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
                <ImportCsvButton />
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
          <ListPagination pages={pages} list={list} pageSize={pageSize} onMove={clearSelection} />
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
  const bulk = useBulkActions(
    selected,
    () => {
      void utils.tracker.applications.invalidate();
      void utils.tracker.analytics.invalidate();
    },
    onDone,
  );
  const bulkUpdate = trpc.tracker.applications.bulkUpdate.useMutation({
    onSuccess: (result) => {
      bulk.done((n) => `${plural(n, 'application')} moved to ${status ? statusLabels[status] : ''}`, result);
      setStatus('');
    },
    onError: (error) => bulk.failed('Change status', error),
  });
  const bulkDelete = trpc.tracker.applications.bulkDelete.useMutation({
    onSuccess: (result) => bulk.deleted((n) => `${plural(n, 'application')} deleted`, result),
    onError: (error) => bulk.deleteFailed('Delete', error),
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
          onClick={() => {
            if (!status) return;
            expectEcho('application_status_changed', selected.map((a) => applicationLink(a.id)));
            bulkUpdate.mutate({ items: selected.map((a) => ({ id: a.id, changes: { status } })) });
          }}
        >
          Apply
        </Button>
        <Button size="sm" variant="danger" onClick={bulk.askToDelete}>
          <Trash2 aria-hidden="true" />
          Delete
        </Button>
      </BulkBar>
      <BulkDialogs
        bulk={bulk}
        title={`Delete ${selected.length} application${selected.length === 1 ? '' : 's'}?`}
        description="Their history and interviews are deleted too; the jobs stay. This cannot be undone."
        busy={bulkDelete.isPending}
        onConfirm={() => bulkDelete.mutate({ ids: selected.map((a) => a.id) })}
      />
    </>
  );
}
