import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { cn } from '@tessera/ui/cn';
import { ConfirmDialog } from '@tessera/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@tessera/ui/dialog';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Popover, PopoverContent, PopoverTrigger } from '@tessera/ui/popover';
import { useToast } from '@tessera/ui/toast';
import { createSavedSearchInput } from '@tessera/validation/tracker';
import { Bell, BellOff, Bookmark, BookmarkPlus, ChevronDown, Pencil, Trash2 } from 'lucide-react';
import { type JSX, useEffect, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { jobTypeLabels, remoteLabels } from './format';
import { jobFilterInput, type JobSearch, parseJobSearch } from './search-params';

export type SavedSearch = RouterOutputs['tracker']['savedSearches']['list']['items'][number];
type SavedFilters = SavedSearch['filters'];

/** A local calendar day (the table's date filters are local days, like the date inputs). */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The URL search that shows a saved search's filters: the inverse of `jobFilterInput`, and
 * parsed like a URL so the page sees exactly what a typed address would give.
 */
export function savedFiltersToSearch(filters: SavedFilters): JobSearch {
  const tech = filters.techAll?.length ? filters.techAll : filters.techAny;
  return parseJobSearch({
    q: filters.search,
    location: filters.location,
    remote: filters.remote,
    jobType: filters.jobType,
    salaryFrom: filters.salaryFrom,
    salaryTo: filters.salaryTo,
    tech,
    techMode: filters.techAll?.length ? 'all' : undefined,
    from: filters.from ? localDay(filters.from) : undefined,
    to: filters.to ? localDay(filters.to) : undefined,
    deleted: filters.deleted ? true : undefined,
  });
}

/** The filters of a URL search, as saved (and as compared: same filters = same saved search). */
export function searchFilters(search: JobSearch) {
  return jobFilterInput(search);
}

const sameFilters = (a: JobSearch, b: JobSearch) => JSON.stringify(searchFilters(a)) === JSON.stringify(searchFilters(b));

/** "Remote · Rust or Go · 80,000+": what a saved search shows, in a line. */
export function describeFilters(filters: SavedFilters): string {
  const parts: string[] = [];
  if (filters.search) parts.push(`“${filters.search}”`);
  if (filters.location) parts.push(filters.location);
  if (filters.remote?.length) parts.push(filters.remote.map((r) => remoteLabels[r]).join(' or '));
  if (filters.jobType?.length) parts.push(filters.jobType.map((t) => jobTypeLabels[t]).join(' or '));
  if (filters.salaryFrom !== undefined || filters.salaryTo !== undefined) {
    parts.push(filters.salaryTo === undefined ? `${filters.salaryFrom!.toLocaleString()}+` : `${(filters.salaryFrom ?? 0).toLocaleString()}–${filters.salaryTo.toLocaleString()}`);
  }
  if (filters.techAll?.length) parts.push(filters.techAll.join(' and '));
  else if (filters.techAny?.length) parts.push(filters.techAny.join(' or '));
  if (filters.from || filters.to) parts.push(`posted ${filters.from ? localDay(filters.from) : '…'} → ${filters.to ? localDay(filters.to) : '…'}`);
  if (filters.deleted) parts.push('deleted jobs');
  return parts.join(' · ') || 'All jobs';
}

const rowButton = 'rounded-md outline-none hover:bg-muted focus-visible:bg-muted focus-visible:ring-2 focus-visible:ring-ring';

/**
 * The jobs table's saved searches: save the URL's filters under a name, apply one (its filters
 * go into the URL), rename, turn its new-match notifications on or off, delete. A notification
 * link `/tracker/jobs?saved=<id>` applies that search here too.
 */
export function SavedSearchesMenu({
  search,
  filtered,
  onApply,
}: {
  search: JobSearch;
  /** The URL has a search or filters worth saving. */
  filtered: boolean;
  onApply: (next: JobSearch, options?: { replace?: boolean }) => void;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<{ kind: 'save' } | { kind: 'rename'; item: SavedSearch } | { kind: 'delete'; item: SavedSearch } | null>(null);
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const list = trpc.tracker.savedSearches.list.useQuery();
  const items = list.data?.items ?? [];
  const current = items.find((item) => sameFilters(savedFiltersToSearch(item.filters), search));

  const update = trpc.tracker.savedSearches.update.useMutation({
    onSuccess: (item) => {
      void utils.tracker.savedSearches.list.invalidate();
      if (dialog?.kind !== 'rename') {
        toast({ tone: 'success', title: item.notify ? `Notifications on for “${item.name}”` : `Notifications off for “${item.name}”` });
      }
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not change the saved search', description: error.message }),
  });
  const remove = trpc.tracker.savedSearches.delete.useMutation({
    onSuccess: () => {
      void utils.tracker.savedSearches.list.invalidate();
      if (dialog?.kind === 'delete') toast({ tone: 'success', title: `Deleted “${dialog.item.name}”` });
      setDialog(null);
    },
  });

  // `?saved=<id>` (the link of a new-match notification): apply that search once the list is in.
  const handledLink = useRef<string | null>(null);
  useEffect(() => {
    if (!search.saved) {
      handledLink.current = null;
      return;
    }
    if (!list.data || handledLink.current === search.saved) return;
    handledLink.current = search.saved;
    const target = list.data.items.find((item) => item.id === search.saved);
    if (!target) toast({ tone: 'error', title: 'That saved search no longer exists', description: 'It may have been deleted. Showing all jobs.' });
    onApply(target ? { ...savedFiltersToSearch(target.filters), sort: search.sort, dir: search.dir } : { ...search, saved: undefined }, { replace: true });
  }, [search, list.data, onApply, toast]);

  const apply = (item: SavedSearch) => {
    setOpen(false);
    onApply({ ...savedFiltersToSearch(item.filters), sort: search.sort, dir: search.dir });
  };

  return (
    <>
      <Popover
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          // Another tab may have changed the list.
          if (next) void list.refetch();
        }}
      >
        <PopoverTrigger asChild>
          <Button variant="secondary" aria-label={current ? `Saved searches (showing ${current.name})` : 'Saved searches'}>
            <Bookmark aria-hidden="true" className={current ? 'fill-current' : undefined} />
            <span className="max-w-40 truncate">{current ? current.name : 'Saved searches'}</span>
            {items.length ? <span className="rounded-full bg-muted px-1.5 text-xs tabular-nums">{items.length}</span> : null}
            <ChevronDown aria-hidden="true" />
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label="Saved searches" className="w-96 p-1.5">
          <div className="flex items-center justify-between gap-2 px-1 pb-1.5">
            <p className="text-xs text-muted-foreground">{filtered ? 'Keep the current search and filters under a name.' : 'Search or filter the table to save a search.'}</p>
            <Button
              size="sm"
              disabled={!filtered || Boolean(current)}
              title={current ? `Already saved as “${current.name}”` : undefined}
              onClick={() => {
                setOpen(false);
                setDialog({ kind: 'save' });
              }}
            >
              <BookmarkPlus aria-hidden="true" />
              Save this search
            </Button>
          </div>
          <div role="separator" className="my-1 h-px bg-border" />
          {list.isPending ? (
            <p className="px-2 py-3 text-sm text-muted-foreground">Loading…</p>
          ) : items.length === 0 ? (
            <div className="flex flex-col gap-1 px-2 py-3 text-sm">
              <p className="font-medium">No saved searches yet</p>
              <p className="text-muted-foreground">
                Filter the jobs — say, remote roles with Rust paying 80,000 or more — then choose “Save this search”. It comes back here in one click, and
                with notifications on you hear about every new job that matches it.
              </p>
            </div>
          ) : (
            <ul aria-label="Your saved searches" className="flex max-h-80 flex-col gap-0.5 overflow-y-auto">
              {items.map((item) => (
                <li key={item.id} className={cn('flex items-center gap-1 rounded-md', current?.id === item.id && 'bg-muted')}>
                  <button
                    type="button"
                    className={cn(rowButton, 'flex min-w-0 flex-1 flex-col px-2 py-1.5 text-left')}
                    aria-current={current?.id === item.id ? 'true' : undefined}
                    aria-label={`Apply saved search ${item.name}`}
                    onClick={() => apply(item)}
                  >
                    <span className="truncate text-sm font-medium">{item.name}</span>
                    <span className="truncate text-xs text-muted-foreground">{describeFilters(item.filters)}</span>
                  </button>
                  <Button
                    size="icon"
                    variant="ghost"
                    className="size-8"
                    aria-pressed={item.notify}
                    aria-label={`Notify about new jobs matching ${item.name}`}
                    title={item.notify ? 'Notifications on: click to turn off' : 'Notifications off: click to turn on'}
                    onClick={() => update.mutate({ id: item.id, changes: { notify: !item.notify } })}
                  >
                    {item.notify ? <Bell aria-hidden="true" /> : <BellOff aria-hidden="true" className="text-muted-foreground" />}
                  </Button>
                  <Button
                    size="icon"
                    variant="ghost"
                    className="size-8"
                    aria-label={`Rename ${item.name}`}
                    onClick={() => {
                      setOpen(false);
                      setDialog({ kind: 'rename', item });
                    }}
                  >
                    <Pencil aria-hidden="true" />
                  </Button>
                  <Button
                    size="icon"
                    variant="ghost"
                    className="size-8"
                    aria-label={`Delete ${item.name}`}
                    onClick={() => {
                      setOpen(false);
                      remove.reset();
                      setDialog({ kind: 'delete', item });
                    }}
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </PopoverContent>
      </Popover>
      <SaveSearchDialog
        open={dialog?.kind === 'save' || dialog?.kind === 'rename'}
        item={dialog?.kind === 'rename' ? dialog.item : null}
        search={search}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog?.kind === 'delete'}
        onOpenChange={(next) => !next && setDialog(null)}
        title={dialog?.kind === 'delete' ? `Delete “${dialog.item.name}”?` : 'Delete saved search?'}
        description="The search and its notifications go; your jobs stay as they are."
        confirmLabel="Delete"
        tone="danger"
        loading={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => dialog?.kind === 'delete' && remove.mutate({ id: dialog.item.id })}
      />
    </>
  );
}

/** The dialog's fields, validated with the API's own rules (name trimmed, 1–80 characters). */
const saveSearchForm = createSavedSearchInput.pick({ name: true, notify: true });
type SaveSearchInput = z.input<typeof saveSearchForm>;
type SaveSearchOutput = z.output<typeof saveSearchForm>;
/** The API names the field `name` on create (and for a taken name) and `changes.name` on rename. */
const serverFieldMap = { name: 'name', 'changes.name': 'name', notify: 'notify', 'changes.notify': 'notify' } as const;

/** Save the URL's filters under a name (with notify), or rename an existing saved search. */
function SaveSearchDialog({ open, item, search, onClose }: { open: boolean; item: SavedSearch | null; search: JobSearch; onClose: () => void }) {
  const filters = item?.filters;
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{item ? 'Rename saved search' : 'Save this search'}</DialogTitle>
          <DialogDescription>
            {item && filters ? describeFilters(filters) : `Filters: ${describeFilters(savedFiltersFromSearch(search))}`}
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so each opening starts from the item's current name. */}
        {open ? <SaveSearchForm item={item} search={search} onClose={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function SaveSearchForm({ item, search, onClose }: { item: SavedSearch | null; search: JobSearch; onClose: () => void }) {
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const [formError, setFormError] = useState<{ message: string | null; error: unknown } | null>(null);
  const form = useForm<SaveSearchInput, unknown, SaveSearchOutput>({
    resolver: zodResolver(saveSearchForm),
    defaultValues: { name: item?.name ?? '', notify: item?.notify ?? true },
  });
  const errors = form.formState.errors;
  const onError = (error: unknown) => setFormError({ message: applyServerErrors(error, form.setError, serverFieldMap), error });
  const create = trpc.tracker.savedSearches.create.useMutation({
    onSuccess: (saved) => {
      void utils.tracker.savedSearches.list.invalidate();
      toast({
        tone: 'success',
        title: `Saved “${saved.name}”`,
        description: saved.notify ? 'You will be notified when a new job matches it.' : 'Find it under Saved searches.',
      });
      onClose();
    },
    onError,
  });
  const rename = trpc.tracker.savedSearches.update.useMutation({
    onSuccess: (saved) => {
      void utils.tracker.savedSearches.list.invalidate();
      toast({ tone: 'success', title: `Renamed to “${saved.name}”` });
      onClose();
    },
    onError,
  });
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    if (item) rename.mutate({ id: item.id, changes: { name: values.name } });
    else create.mutate({ name: values.name, notify: values.notify, filters: searchFilters(search) });
  });
  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" noValidate>
      {formError?.message ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
      <FormField label="Name" error={errors.name?.message} required>
        <Input {...form.register('name')} maxLength={80} placeholder="Remote Rust roles" autoFocus required />
      </FormField>
      {item ? null : (
        // The Controller wraps the field: FormField hands its id and ARIA wiring to its direct child.
        <Controller
          control={form.control}
          name="notify"
          render={({ field }) => (
            <FormField
              label="Notify me when a new job matches"
              inline
              description="One notification per batch of new jobs, in the bell (and by email or push if you turned those on)."
              error={errors.notify?.message}
            >
              <Checkbox ref={field.ref} name={field.name} checked={field.value ?? true} onBlur={field.onBlur} onCheckedChange={(on) => field.onChange(on === true)} />
            </FormField>
          )}
        />
      )}
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending || rename.isPending}>
          {item ? 'Rename' : 'Save search'}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** The saved-search shape of the URL's filters, for describing them before they are saved. */
function savedFiltersFromSearch(search: JobSearch): SavedFilters {
  const input = searchFilters(search);
  return { ...input, deleted: input.deleted ?? false };
}
