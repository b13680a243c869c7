import type { JSX } from 'react';
import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useNavigate } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { cn } from '@tessera/ui/cn';
import { EmptyState } from '@tessera/ui/empty-state';
import { Input } from '@tessera/ui/input';
import { Skeleton } from '@tessera/ui/skeleton';
import { useToast } from '@tessera/ui/toast';
import { type ApplicationStatus, applicationStatusValues } from '@tessera/validation/tracker';
import { CalendarClock, KanbanSquare, MapPin, Plus, Search } from 'lucide-react';
import { type KeyboardEvent, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ErrorAlert } from '../../lib/error-alert';
import { boardColumnInput, boardPageSize } from '../../lib/page-queries';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { applicationLink, expectEcho } from '../../lib/own-echoes';
import { ApplicationDrawer } from './application-drawer';
import { ApplicationFormDialog } from './application-form-dialog';
import { arrangeColumns, type BoardColumn, boardReducer, type BoardState } from './board-state';
import { PageHeader } from './data-table';
import { type ApplicationRow, asSentence, formatDay, formatRelativeDays, remoteLabels, statusLabels } from './format';
import { JobFormDialog } from './job-form-dialog';
import { ImportCsvButton } from './list-page';
import { parseBoardSearch } from './search-params';
import { useDebounced } from './use-debounced';
import { useUrlSearch } from './use-url-search';

const statuses = applicationStatusValues;
const pageSize = boardPageSize;
const maxPerColumn = 100;

/** Pointer first (what is under the mouse), else the largest overlap (keyboard drags have no pointer). */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

/** Brings a column into the board's view by scrolling the board sideways, never the page. */
function revealColumn(board: HTMLElement | null, status: ApplicationStatus) {
  const column = board?.querySelector(`[data-testid="column-${status}"]`);
  if (!board || !column) return;
  const inner = board.getBoundingClientRect();
  const box = column.getBoundingClientRect();
  if (box.left < inner.left) board.scrollBy({ left: box.left - inner.left });
  else if (box.right > inner.right) board.scrollBy({ left: box.right - inner.right });
}

/** Route `/tracker`: the pipeline board, one column per status; drag (or lift with space) to move. */
export function BoardPage(): JSX.Element {
  useDocumentTitle('Board · Tracker');
  const [search, setSearch] = useUrlSearch(parseBoardSearch);
  const navigate = useNavigate();
  const [query, setQuery] = useState(search.q ?? '');
  const q = useDebounced(query.trim());
  const [limits, setLimits] = useState<Partial<Record<ApplicationStatus, number>>>({});
  const { toast } = useToast();
  const utils = trpc.useUtils();

  const results = trpc.useQueries((t) =>
    statuses.map((status) =>
      t.tracker.applications.list(boardColumnInput(status, q, limits[status])),
    ),
  );
  const anyJobs = trpc.tracker.jobs.list.useQuery({ limit: 1 });
  const [pending, dispatch] = useReducer(boardReducer<ApplicationRow>, {} as BoardState<ApplicationRow>);
  const server = useMemo(() => {
    const columns: Partial<Record<ApplicationStatus, BoardColumn<ApplicationRow>>> = {};
    statuses.forEach((status, i) => {
      const data = results[i]?.data;
      if (data) columns[status] = { items: data.items, total: data.total };
    });
    return columns;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the results array is new every render; its data identities are what matter
  }, results.map((r) => r.data));
  const columns = useMemo(() => arrangeColumns(server, pending, statuses), [server, pending]);

  const setStatus = trpc.tracker.applications.setStatus.useMutation();
  const move = (card: ApplicationRow, to: ApplicationStatus) => {
    const from = card.status;
    if (from === to) return;
    dispatch({ type: 'move', card, from, to });
    expectEcho('application_status_changed', [applicationLink(card.id)]);
    setStatus.mutate(
      { id: card.id, status: to },
      {
        onSuccess: () => {
          // Keep the optimistic card until the refetched columns show it where it now is.
          void utils.tracker.applications.list.invalidate().finally(() => dispatch({ type: 'settle', id: card.id }));
          void utils.tracker.applications.get.invalidate({ id: card.id });
          void utils.tracker.analytics.invalidate();
        },
        onError: (error) => {
          dispatch({ type: 'rollback', id: card.id });
          toast({
            tone: 'error',
            title: `Could not move “${card.title}”`,
            description: `${asSentence(error.message)} It is back in ${statusLabels[from]}.`,
          });
        },
      },
    );
  };

  const [dragging, setDragging] = useState<ApplicationRow | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  // A drag auto-scrolls the board sideways only. dnd-kit also scrolled the window while the pointer
  // was in the bottom fifth of the screen, so a card dropped low in a column left the page scrolled
  // a little; the columns stretch to the board's full height, so a drop never needs the page to move.
  const autoScroll = useMemo(() => ({ canScroll: (element: Element) => element === boardRef.current }), []);
  // Pointer drags go through dnd-kit; keyboard moves are handled by the cards themselves (below),
  // which jump a whole stage per arrow key instead of nudging the card by pixels.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const [lifted, setLifted] = useState<{ card: ApplicationRow; target: ApplicationStatus } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // A card moved with the keyboard gets the focus back once it is in its new column's DOM (the old
  // element unmounts, and the render may come after the next frame on a busy machine).
  const [refocus, setRefocus] = useState<{ id: string; status: ApplicationStatus } | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const moved = document.querySelector<HTMLElement>(`[data-testid="column-${refocus.status}"] [data-card-id="${refocus.id}"]`);
    if (!moved) return;
    moved.focus();
    setRefocus(null);
  }, [refocus, columns]);
  const keyboard = {
    lifted,
    lift: (card: ApplicationRow) => {
      setLifted({ card, target: card.status });
      setAnnouncement(`Picked up ${card.title} at ${card.company}, in ${statusLabels[card.status]}. Use the arrow keys to choose a stage, space to drop, escape to cancel.`);
    },
    step: (delta: number) => {
      if (!lifted) return;
      const index = statuses.indexOf(lifted.target);
      const target = statuses[Math.min(statuses.length - 1, Math.max(0, index + delta))]!;
      setLifted({ ...lifted, target });
      setAnnouncement(`${lifted.card.title} is over ${statusLabels[target]}.`);
      // Not scrollIntoView: its vertical 'nearest' scrolled the page when the column's end was off screen.
      revealColumn(boardRef.current, target);
    },
    drop: () => {
      if (!lifted) return;
      setLifted(null);
      if (lifted.target === lifted.card.status) {
        setAnnouncement(`${lifted.card.title} stays in ${statusLabels[lifted.card.status]}.`);
        return;
      }
      setAnnouncement(`Moved ${lifted.card.title} at ${lifted.card.company} to ${statusLabels[lifted.target]}.`);
      move(lifted.card, lifted.target);
      // The card is about to render in another column: keep the keyboard on it (effect below).
      setRefocus({ id: lifted.card.id, status: lifted.target });
    },
    cancel: () => {
      if (!lifted) return;
      setLifted(null);
      setAnnouncement(`Move cancelled. ${lifted.card.title} stays in ${statusLabels[lifted.card.status]}.`);
    },
  };
  const cardOf = (id: unknown) => statuses.flatMap((s) => columns[s].items).find((c) => c.id === id);
  const describe = (id: unknown) => {
    const card = cardOf(id);
    return card ? `${card.title} at ${card.company}` : 'The application';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${describe(active.id)}, in ${statusLabels[cardOf(active.id)?.status ?? 'saved']}. Use the arrow keys to choose a stage, space to drop, escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `${describe(active.id)} is over ${statusLabels[over.id as ApplicationStatus]}.` : `${describe(active.id)} is not over a stage.`),
    onDragEnd: ({ active, over }) => (over ? `Moved ${describe(active.id)} to ${statusLabels[over.id as ApplicationStatus]}.` : `${describe(active.id)} was dropped outside the board and stays where it was.`),
    onDragCancel: ({ active }) => `Move cancelled. ${describe(active.id)} stays where it was.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => setDragging(cardOf(active.id) ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const card = cardOf(active.id);
    if (card && over) move(card, over.id as ApplicationStatus);
  };

  const [dialog, setDialog] = useState<{ kind: 'job' } | { kind: 'application'; status?: ApplicationStatus } | null>(null);
  const openApplication = (id: string) => setSearch((prev) => ({ ...prev, app: id }));

  const error = results.find((r) => r.error)?.error;
  const loading = results.some((r) => r.isPending);
  const totalCards = statuses.reduce((sum, s) => sum + columns[s].total, 0);
  const firstVisit = !loading && !q && totalCards === 0;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Pipeline"
        description="Drag a card to another stage — or focus it, press space, choose a stage with the arrow keys and press space again. Enter opens it."
        actions={
          <>
            <Button variant="secondary" onClick={() => setDialog({ kind: 'job' })}>
              <Plus aria-hidden="true" />
              Add job
            </Button>
            <Button onClick={() => setDialog({ kind: 'application' })}>
              <Plus aria-hidden="true" />
              New application
            </Button>
          </>
        }
      />
      <div className="relative max-w-sm">
        <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          aria-label="Search the board"
          placeholder="Search title, company, description…"
          value={query}
          className="pl-9"
          onChange={(e) => {
            setQuery(e.target.value);
            setSearch((prev) => ({ ...prev, q: e.target.value.trim() || undefined }), { replace: true });
          }}
        />
      </div>
      {error ? <ErrorAlert error={error} title="Could not load the board" onRetry={() => results.forEach((r) => void r.refetch())} /> : null}
      {/* A search that matches nothing left nine empty "Drop here" columns and no word about why. */}
      {!loading && !error && q && totalCards === 0 ? (
        <p role="status" className="flex flex-wrap items-center gap-x-2 text-sm text-muted-foreground">
          No applications match “{q}”.
          <Button
            variant="link"
            size="sm"
            className="h-auto p-0"
            onClick={() => {
              setQuery('');
              setSearch((prev) => ({ ...prev, q: undefined }), { replace: true });
            }}
          >
            Clear the search
          </Button>
        </p>
      ) : null}
      {firstVisit ? (
        <FirstVisit hasJobs={(anyJobs.data?.total ?? 0) > 0} onAddJob={() => setDialog({ kind: 'job' })} onAddApplication={() => setDialog({ kind: 'application' })} />
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          autoScroll={autoScroll}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable: 'To move this application, press space. Use the arrow keys to choose a stage, space to drop it there, or escape to cancel. Press enter to open it.',
            },
          }}
        >
          <div
            ref={boardRef}
            className="-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-4 sm:mx-0 sm:px-0 md:snap-none"
            aria-busy={loading || undefined}
            data-testid="board"
          >
            {statuses.map((status, i) => (
              <Column
                key={status}
                status={status}
                column={columns[status]}
                loading={results[i]?.isPending ?? true}
                onOpen={openApplication}
                keyboard={keyboard}
                highlighted={lifted?.target === status}
                onAdd={() => setDialog({ kind: 'application', status })}
                canShowMore={(limits[status] ?? pageSize) < maxPerColumn && columns[status].items.length < columns[status].total}
                onShowMore={() => setLimits((l) => ({ ...l, [status]: Math.min(maxPerColumn, (l[status] ?? pageSize) + pageSize) }))}
                onOpenTable={() => void navigate({ to: '/tracker/applications', search: { status: [status] } })}
              />
            ))}
          </div>
          <DragOverlay>{dragging ? <CardBody card={dragging} lifted /> : null}</DragOverlay>
        </DndContext>
      )}
      <div aria-live="assertive" aria-atomic="true" className="sr-only" data-testid="board-announcer">
        {announcement}
      </div>
      <JobFormDialog open={dialog?.kind === 'job'} onOpenChange={(open) => !open && setDialog(null)} />
      <ApplicationFormDialog
        open={dialog?.kind === 'application'}
        status={dialog?.kind === 'application' ? dialog.status : undefined}
        onOpenChange={(open) => !open && setDialog(null)}
      />
      <ApplicationDrawer id={search.app} onClose={() => setSearch((prev) => ({ ...prev, app: undefined }))} />
    </div>
  );
}

function FirstVisit({ hasJobs, onAddJob, onAddApplication }: { hasJobs: boolean; onAddJob: () => void; onAddApplication: () => void }) {
  return (
    <EmptyState
      icon={<KanbanSquare />}
      title={hasJobs ? 'No applications yet' : 'Your pipeline starts with a job'}
      description={
        hasJobs
          ? 'Create an application for one of your jobs and it appears here in its stage. Drag it along as you hear back.'
          : 'Add a job you are interested in — or bring your spreadsheet over with a CSV import — then track each application from saved to offer.'
      }
      action={
        hasJobs ? (
          <Button onClick={onAddApplication}>
            <Plus aria-hidden="true" />
            New application
          </Button>
        ) : (
          <>
            <Button onClick={onAddJob}>
              <Plus aria-hidden="true" />
              Add your first job
            </Button>
            <ImportCsvButton />
          </>
        )
      }
    />
  );
}

function Column({
  status,
  column,
  loading,
  onOpen,
  keyboard,
  highlighted,
  onAdd,
  canShowMore,
  onShowMore,
  onOpenTable,
}: {
  status: ApplicationStatus;
  column: BoardColumn<ApplicationRow>;
  loading: boolean;
  onOpen: (id: string) => void;
  keyboard: KeyboardMoves;
  highlighted: boolean;
  onAdd: () => void;
  canShowMore: boolean;
  onShowMore: () => void;
  onOpenTable: () => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const headingId = `board-column-${status}`;
  const more = column.total - column.items.length;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      data-testid={`column-${status}`}
      className={cn(
        'flex w-64 shrink-0 snap-start flex-col gap-2 rounded-lg border border-border bg-subtle p-2 transition-colors',
        (isOver || highlighted) && 'border-primary bg-primary/5 ring-2 ring-primary/30',
      )}
    >
      <header className="flex items-center justify-between gap-2 px-1 pt-1">
        <h2 id={headingId} className="flex items-center gap-2 text-sm font-semibold">
          {statusLabels[status]}
          {/* No count until the column's list answers: a "0" there made a full pipeline look empty. */}
          {loading ? <span aria-hidden="true" data-testid="column-count-loading" className="inline-block h-5 w-6 animate-pulse rounded-full bg-muted" /> : <Badge aria-label={`${column.total} applications`}>{column.total}</Badge>}
        </h2>
        <Button variant="ghost" size="icon" className="size-7" aria-label={`New application in ${statusLabels[status]}`} onClick={onAdd}>
          <Plus aria-hidden="true" />
        </Button>
      </header>
      <ul className="flex min-h-24 flex-col gap-2" aria-label={`${statusLabels[status]} applications`}>
        {loading && !column.items.length ? (
          <>
            <li><Skeleton className="h-20 w-full" /></li>
            <li><Skeleton className="h-20 w-full" /></li>
          </>
        ) : column.items.length ? (
          column.items.map((card) => (
            <li key={card.id}>
              <DraggableCard card={card} onOpen={onOpen} keyboard={keyboard} />
            </li>
          ))
        ) : (
          <li className="flex h-20 items-center justify-center rounded-md border border-dashed border-border text-xs text-muted-foreground">
            Drop here
          </li>
        )}
      </ul>
      {more > 0 ? (
        canShowMore ? (
          <Button variant="ghost" size="sm" onClick={onShowMore}>
            Show more ({more})
          </Button>
        ) : (
          <Button variant="link" size="sm" onClick={onOpenTable}>
            All {column.total} in the table
          </Button>
        )
      ) : null}
    </section>
  );
}

interface KeyboardMoves {
  lifted: { card: ApplicationRow; target: ApplicationStatus } | null;
  lift: (card: ApplicationRow) => void;
  step: (delta: number) => void;
  drop: () => void;
  cancel: () => void;
}

function DraggableCard({ card, onOpen, keyboard }: { card: ApplicationRow; onOpen: (id: string) => void; keyboard: KeyboardMoves }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, data: { status: card.status } });
  const lifted = keyboard.lifted?.card.id === card.id;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === ' ') {
      event.preventDefault();
      if (lifted) keyboard.drop();
      else keyboard.lift(card);
    } else if (lifted && ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'].includes(event.key)) {
      event.preventDefault();
      keyboard.step(event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1);
    } else if (lifted && event.key === 'Escape') {
      event.preventDefault();
      keyboard.cancel();
    } else if (event.key === 'Enter' && !lifted) {
      event.preventDefault();
      onOpen(card.id);
    }
  };
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      onKeyDown={onKeyDown}
      onBlur={() => lifted && keyboard.cancel()}
      aria-roledescription="application card"
      aria-pressed={lifted || undefined}
      data-testid="board-card"
      data-card-id={card.id}
      onClick={() => onOpen(card.id)}
      className={cn(
        'cursor-grab touch-manipulation rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring active:cursor-grabbing',
        isDragging && 'opacity-40',
      )}
    >
      <CardBody card={card} lifted={lifted} />
    </div>
  );
}

function CardBody({ card, lifted }: { card: ApplicationRow; lifted?: boolean }) {
  const upcoming = card.nextInterviewAt && new Date(card.nextInterviewAt).getTime() > Date.now() ? card.nextInterviewAt : null;
  return (
    // `relative`: the stage's sr-only text is positioned inside the card, not at the far end of the
    // sideways-scrolling board, where it would widen the page.
    <article className={cn('relative flex flex-col gap-1.5 rounded-md border border-border bg-surface p-3 text-left shadow-xs', lifted && 'rotate-1 shadow-lg ring-2 ring-primary/40')}>
      <h3 className="text-sm leading-snug font-medium text-foreground">{card.title}</h3>
      {/* Screen readers hear the stage with the card; sighted people see it in the column. */}
      <span className="sr-only">{statusLabels[card.status]},</span>
      <p className="truncate text-xs text-muted-foreground">{card.company}</p>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        {card.location ? (
          <span className="inline-flex items-center gap-1">
            <MapPin aria-hidden="true" className="size-3" />
            {card.location}
          </span>
        ) : null}
        {card.remote ? <Badge>{remoteLabels[card.remote]}</Badge> : null}
      </div>
      {upcoming ? (
        <Badge tone="warning" className="w-fit">
          <CalendarClock aria-hidden="true" />
          Interview {formatRelativeDays(upcoming)}
        </Badge>
      ) : card.appliedAt ? (
        <p className="text-xs text-muted-foreground">Applied {formatDay(card.appliedAt)}</p>
      ) : null}
    </article>
  );
}
