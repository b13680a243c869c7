import type { JSX } from 'react';
import { useNavigate } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { cn } from '@tessera/ui/cn';
import { EmptyState } from '@tessera/ui/empty-state';
import { Select } from '@tessera/ui/select';
import { useToast } from '@tessera/ui/toast';
import { type JobRemote, jobRemoteValues, type JobType, jobTypeValues } from '@tessera/validation/tracker';
import { ArchiveRestore, Briefcase, ExternalLink, FilePlus2, Pencil, Plus, Trash2 } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ApplicationFormDialog } from './application-form-dialog';
import { BulkBar, BulkDialogs, useBulkActions } from './bulk';
import { ColumnPicker, DataTable, PageHeader, type SortState } from './data-table';
import { ExportMenu } from './export-menu';
import { FilterChips, FiltersPopover, SearchBox } from './filters-bar';
import { formatDay, formatSalary, type JobRow, jobTypeLabels, plural, postingLink, remoteLabels } from './format';
import { JobFormDialog } from './job-form-dialog';
import { companyColumn, ImportCsvButton, ListPagination, locationColumn, remoteColumn, selectColumn, useListTable } from './list-page';
import { SavedSearchesMenu } from './saved-searches';
import { countFilters, jobFilterInput, jobListInput, type JobSearch, type JobSort, parseJobSearch, withoutFilters } from './search-params';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useUrlSearch } from './use-url-search';

const pageSize = 25;
const defaultColumns = { location: true, remote: true, jobType: false, salary: true, techStack: true, postedAt: false, source: false, createdAt: true, deletedAt: true };

/** Route `/tracker/jobs`: the jobs you found, and (`?deleted=true`) the bin with restore. */
export function JobsPage(): JSX.Element {
  const [search, setSearch] = useUrlSearch(parseJobSearch);
  const bin = search.deleted === true;
  useDocumentTitle(bin ? 'Deleted jobs · Tracker' : 'Jobs · Tracker');
  const navigate = useNavigate();
  const input = jobListInput(search);
  const pages = useCursorPages(JSON.stringify(input));
  const list = trpc.tracker.jobs.list.useQuery({ ...input, cursor: pages.cursor, limit: pageSize }, { placeholderData: (previous) => previous });
  const [dialog, setDialog] = useState<{ kind: 'job'; id?: string } | { kind: 'application'; jobId: string } | null>(null);
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const restore = trpc.tracker.jobs.restore.useMutation({
    onSuccess: () => {
      void utils.tracker.jobs.invalidate();
      void utils.tracker.applications.invalidate();
      void utils.tracker.analytics.invalidate();
      toast({ tone: 'success', title: 'Job restored', description: 'It is back in your jobs with its applications.' });
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not restore the job', description: error.message }),
  });

  const columns = useMemo<ColumnDef<JobRow>[]>(
    () => [
      selectColumn('jobs'),
      {
        id: 'title',
        enableHiding: false,
        header: 'Title',
        cell: ({ row }) => (
          <span className="flex items-start gap-1.5 font-medium">
            {/* A title may be 300 characters, some without a space: wrapped anywhere, three lines at most (the whole on hover). */}
            <span className="line-clamp-3 min-w-0 [overflow-wrap:anywhere]" title={row.original.title}>
              {row.original.title}
            </span>
            {postingLink(row.original.url) ? (
              <a href={postingLink(row.original.url)!} target="_blank" rel="noreferrer noopener" aria-label={`Open the posting for ${row.original.title}`} className="mt-0.5 shrink-0 text-muted-foreground hover:text-primary">
                <ExternalLink aria-hidden="true" className="size-3.5" />
              </a>
            ) : null}
          </span>
        ),
        meta: { sort: 'title', label: 'Title', className: 'min-w-48 max-w-96' },
      },
      companyColumn(),
      locationColumn(),
      remoteColumn(),
      { id: 'jobType', header: 'Type', cell: ({ row }) => (row.original.jobType ? jobTypeLabels[row.original.jobType] : '—'), meta: { label: 'Job type' } },
      { id: 'salary', header: 'Salary', cell: ({ row }) => formatSalary(row.original) ?? '—', meta: { sort: 'salaryMax', label: 'Salary', className: 'whitespace-nowrap tabular-nums' } },
      {
        id: 'techStack',
        header: 'Tech stack',
        cell: ({ row }) => (
          <span className="flex max-w-64 flex-wrap gap-1">
            {row.original.techStack.slice(0, 4).map((skill) => (
              <Badge key={skill}>{skill}</Badge>
            ))}
            {row.original.techStack.length > 4 ? <Badge>+{row.original.techStack.length - 4}</Badge> : null}
          </span>
        ),
        meta: { label: 'Tech stack' },
      },
      { id: 'postedAt', header: 'Posted', cell: ({ row }) => formatDay(row.original.postedAt), meta: { sort: 'postedAt', label: 'Posted', className: 'whitespace-nowrap' } },
      { id: 'source', header: 'Source', cell: ({ row }) => row.original.source ?? '—', meta: { label: 'Source' } },
      { id: 'createdAt', header: 'Added', cell: ({ row }) => formatDay(row.original.createdAt), meta: { sort: 'createdAt', label: 'Added', className: 'whitespace-nowrap' } },
      ...(bin
        ? [{ id: 'deletedAt', header: 'Deleted', cell: ({ row }) => formatDay(row.original.deletedAt), meta: { label: 'Deleted', className: 'whitespace-nowrap' } } satisfies ColumnDef<JobRow>]
        : []),
      {
        id: 'actions',
        enableHiding: false,
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          bin ? (
            <Button size="sm" variant="secondary" loading={restore.isPending && restore.variables.id === row.original.id} onClick={() => restore.mutate({ id: row.original.id })}>
              <ArchiveRestore aria-hidden="true" />
              Restore
            </Button>
          ) : (
            <span className="flex justify-end gap-1">
              <Button size="icon" variant="ghost" className="size-8" aria-label={`New application for ${row.original.title}`} onClick={() => setDialog({ kind: 'application', jobId: row.original.id })}>
                <FilePlus2 aria-hidden="true" />
              </Button>
              <Button size="icon" variant="ghost" className="size-8" aria-label={`Edit ${row.original.title}`} onClick={() => setDialog({ kind: 'job', id: row.original.id })}>
                <Pencil aria-hidden="true" />
              </Button>
            </span>
          ),
        meta: { className: 'w-24 text-right' },
      },
    ],
    [bin, restore],
  );

  const { table, selected, clearSelection, resetVisibility } = useListTable('jobs', defaultColumns, columns, list.data?.items ?? []);
  const sort: SortState = { sort: search.sort ?? 'createdAt', dir: search.dir ?? 'desc' };
  const setFilters = (next: object) => {
    clearSelection();
    setSearch((prev) => ({ ...withoutFilters(prev), ...next, q: prev.q, deleted: prev.deleted }));
  };
  const total = list.data?.total ?? 0;
  const filtered = Boolean(search.q) || countFilters(search) > 0;
  const applySaved = useCallback(
    (next: JobSearch, options?: { replace?: boolean }) => {
      clearSelection();
      setSearch(next, options);
    },
    [clearSelection, setSearch],
  );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={bin ? 'Deleted jobs' : 'Jobs'}
        description={
          bin
            ? 'Deleted jobs wait here with their applications. Restore one to bring everything back.'
            : 'Jobs you found, applied to or are considering. Select rows to edit or delete them together.'
        }
        actions={
          bin ? null : (
            <>
              <ExportMenu kind="jobs" filters={jobFilterInput(search)} total={list.data?.total} />
              <Button onClick={() => setDialog({ kind: 'job' })}>
                <Plus aria-hidden="true" />
                Add job
              </Button>
            </>
          )
        }
      />
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox label="Search jobs" value={search.q} onChange={(q) => setSearch((prev) => ({ ...prev, q }))} />
        <FiltersPopover value={search} onApply={setFilters} />
        <SavedSearchesMenu search={search} filtered={filtered} onApply={applySaved} />
        <ColumnPicker table={table} onReset={resetVisibility} />
        <div role="group" aria-label="Which jobs" className="ml-auto inline-flex rounded-lg border border-border p-0.5">
          {[
            { label: 'Live', value: undefined },
            { label: 'Deleted', value: true as const },
          ].map((option) => (
            <button
              key={option.label}
              type="button"
              aria-pressed={search.deleted === option.value}
              onClick={() => {
                clearSelection();
                setSearch((prev) => ({ ...prev, deleted: option.value }));
              }}
              className={cn(
                'rounded-md px-3 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring',
                search.deleted === option.value ? 'bg-muted font-medium text-foreground' : 'text-muted-foreground hover:text-foreground',
              )}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      <FilterChips value={search} onChange={setFilters} />
      <JobsBulkBar selected={selected} bin={bin} onDone={clearSelection} />
      {list.error ? <ErrorAlert error={list.error} title="Could not load jobs" onRetry={() => void list.refetch()} /> : null}
      {!list.isPending && !list.error && total === 0 ? (
        filtered ? (
          <EmptyState
            icon={<Briefcase />}
            title="No jobs match these filters"
            description="Try fewer filters or another search."
            action={
              <Button variant="secondary" onClick={() => setSearch({ deleted: search.deleted })}>
                Clear search and filters
              </Button>
            }
          />
        ) : bin ? (
          <EmptyState icon={<Trash2 />} title="Nothing deleted" description="Jobs you delete land here first, so a slip of the finger never loses an application." />
        ) : (
          <EmptyState
            icon={<Briefcase />}
            title="Add your first job"
            description="Save the jobs you find — title, company, salary, tech stack — then track an application for each on the board."
            action={
              <>
                <Button onClick={() => setDialog({ kind: 'job' })}>
                  <Plus aria-hidden="true" />
                  Add your first job
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
            caption={bin ? 'Deleted jobs' : 'Jobs'}
            loading={list.isPending}
            sort={sort}
            onSort={(next) => setSearch((prev) => ({ ...prev, sort: next.sort as JobSort, dir: next.dir }))}
          />
          <ListPagination pages={pages} list={list} pageSize={pageSize} onMove={clearSelection} />
        </>
      )}
      <JobFormDialog open={dialog?.kind === 'job'} jobId={dialog?.kind === 'job' ? dialog.id : undefined} onOpenChange={(open) => !open && setDialog(null)} />
      <ApplicationFormDialog
        open={dialog?.kind === 'application'}
        jobId={dialog?.kind === 'application' ? dialog.jobId : undefined}
        onOpenChange={(open) => !open && setDialog(null)}
        onCreated={(id) => void navigate({ to: '/tracker/applications', search: { app: id } })}
      />
    </div>
  );
}

type BulkEdit = { field: 'remote'; value: JobRemote } | { field: 'jobType'; value: JobType };

function JobsBulkBar({ selected, bin, onDone }: { selected: JobRow[]; bin: boolean; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [edit, setEdit] = useState<string>('');
  const bulk = useBulkActions(
    selected,
    () => {
      void utils.tracker.jobs.invalidate();
      void utils.tracker.applications.invalidate();
      void utils.tracker.analytics.invalidate();
    },
    onDone,
  );
  const bulkUpdate = trpc.tracker.jobs.bulkUpdate.useMutation({
    onSuccess: (result, { items }) => {
      const { remote, jobType } = items[0]?.changes ?? {};
      const change = jobType ? `Job type set to ${jobTypeLabels[jobType]}` : remote ? `Work mode set to ${remoteLabels[remote]}` : 'Changed';
      bulk.done((n) => `${change} on ${plural(n, 'job')}`, result);
      setEdit('');
    },
    onError: (error) => bulk.failed('Edit', error),
  });
  const { toast } = useToast();
  // "Undo" in the result of a delete: the jobs come straight back from the bin, with their applications.
  const undoDelete = trpc.tracker.jobs.bulkDelete.useMutation({
    onSuccess: (result) => {
      bulk.closeOutcome();
      void utils.tracker.jobs.invalidate();
      void utils.tracker.applications.invalidate();
      void utils.tracker.analytics.invalidate();
      toast({ tone: 'success', title: `${plural(result.results.filter((r) => r.ok).length, 'job')} restored` });
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not restore the jobs', description: error.message }),
  });
  const bulkDelete = trpc.tracker.jobs.bulkDelete.useMutation({
    onSuccess: (result, { ids, restore }) =>
      restore
        ? bulk.deleted((n) => `${plural(n, 'job')} restored`, result)
        : bulk.deleted((n) => `${plural(n, 'job')} moved to deleted jobs`, result, { label: 'Undo', run: () => undoDelete.mutate({ ids, restore: true }) }),
    onError: (error) => bulk.deleteFailed(bin ? 'Restore' : 'Delete', error),
  });
  const parsed: BulkEdit | null = edit.startsWith('remote:')
    ? { field: 'remote', value: edit.slice(7) as JobRemote }
    : edit.startsWith('jobType:')
      ? { field: 'jobType', value: edit.slice(8) as JobType }
      : null;
  return (
    <>
      <BulkBar count={selected.length} onClear={onDone}>
        {bin ? (
          <Button size="sm" loading={bulkDelete.isPending} onClick={() => bulkDelete.mutate({ ids: selected.map((j) => j.id), restore: true })}>
            <ArchiveRestore aria-hidden="true" />
            Restore
          </Button>
        ) : (
          <>
            {/* Select's wrapper is full width: size the wrapper, not the <select>, or the chevron drifts right and the buttons wrap. */}
            <div className="w-44">
              <Select aria-label="Change for the selected jobs" value={edit} onChange={(e) => setEdit(e.target.value)} className="h-8">
                <option value="">Edit field…</option>
                <optgroup label="Work mode">
                  {jobRemoteValues.map((v) => (
                    <option key={v} value={`remote:${v}`}>
                      Work mode: {remoteLabels[v]}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Job type">
                  {jobTypeValues.map((v) => (
                    <option key={v} value={`jobType:${v}`}>
                      Job type: {jobTypeLabels[v]}
                    </option>
                  ))}
                </optgroup>
              </Select>
            </div>
            <Button
              size="sm"
              disabled={!parsed}
              loading={bulkUpdate.isPending}
              onClick={() => parsed && bulkUpdate.mutate({ items: selected.map((j) => ({ id: j.id, changes: { [parsed.field]: parsed.value } })) })}
            >
              Apply
            </Button>
            <Button size="sm" variant="danger" onClick={bulk.askToDelete}>
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          </>
        )}
      </BulkBar>
      <BulkDialogs
        bulk={bulk}
        title={`Delete ${selected.length} job${selected.length === 1 ? '' : 's'}?`}
        description="They move to Deleted jobs with their applications, which leave the board and the analytics until you restore them."
        busy={bulkDelete.isPending}
        onConfirm={() => bulkDelete.mutate({ ids: selected.map((j) => j.id) })}
      />
    </>
  );
}
