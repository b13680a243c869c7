import { Link } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { EmptyState } from '@tessera/ui/empty-state';
import { Input } from '@tessera/ui/input';
import { Pagination } from '@tessera/ui/pagination';
import { Skeleton } from '@tessera/ui/skeleton';
import { Link2, Lock, Plus, Search, Sparkles, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ErrorAlert } from './error-alert';
import { QuotaNote } from './quota-note';
import { humanize } from './sheet-state';
import { useCharacterList } from './use-characters';

const pageSize = 12;
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Waits until typing pauses before searching. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** `/characters`: the history of generated characters, searchable, a page at a time. */
export function CharactersPage() {
  useDocumentTitle('Characters');
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 250);
  // Cursor pagination: the cursors of the pages before this one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => setCursors([undefined]), [query]);
  const list = useCharacterList({ search: query || undefined, cursor, limit: pageSize });
  const page = cursors.length;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const first = (page - 1) * pageSize + 1;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Characters</h1>
          <p className="text-sm text-muted-foreground">Generate characters, lock what you like, regenerate the rest, share them.</p>
        </div>
        <Button asChild>
          <Link to="/characters/new">
            <Plus aria-hidden="true" />
            New character
          </Link>
        </Button>
      </div>

      <div className="flex flex-col gap-2">
        <div className="relative max-w-md">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label="Search characters"
            placeholder="Search by name, genre, species, role…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="pl-9"
          />
        </div>
        <QuotaNote />
      </div>

      {list.error ? (
        <ErrorAlert error={list.error} action="Loading characters" onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <ul aria-busy="true" aria-label="Loading characters" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: 6 }, (_, i) => (
            <li key={i}>
              <Skeleton className="h-36" />
            </li>
          ))}
        </ul>
      ) : items.length === 0 ? (
        query ? (
          <EmptyState
            icon={<Search />}
            title={`No characters match “${query}”`}
            description="Search looks at names, genres, settings, species, roles and tones. Try fewer words."
            action={
              <Button variant="secondary" onClick={() => setSearch('')}>
                Clear search
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<Users />}
            title="No characters yet"
            description="Pick a genre (and anything else you care about) and the generator writes a full sheet: name, appearance, backstory, abilities, stats and plot hooks. Lock the parts you like and regenerate the rest."
            action={
              <Button asChild>
                <Link to="/characters/new">
                  <Sparkles aria-hidden="true" />
                  Generate your first character
                </Link>
              </Button>
            }
          />
        )
      ) : (
        <>
          <ul aria-label="Your characters" aria-busy={list.isFetching || undefined} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((item) => (
              <li key={item.id}>
                <Link
                  to="/characters/$characterId"
                  params={{ characterId: item.id }}
                  className="flex h-full flex-col gap-2 rounded-xl border border-border bg-surface p-4 shadow-xs outline-none transition-colors hover:border-primary/40 focus-visible:ring-2 focus-visible:ring-ring"
                >
                  <span className="flex items-start justify-between gap-2">
                    <span className="min-w-0 text-base font-semibold break-words text-foreground">{item.name}</span>
                    <span className="flex shrink-0 gap-1 text-muted-foreground">
                      {item.lockedCount ? <Lock aria-label={`${item.lockedCount} locked`} className="size-4" /> : null}
                      {item.shared ? <Link2 aria-label="Shared" className="size-4" /> : null}
                    </span>
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {[item.pronouns, item.age !== null ? `${item.age} years` : null].filter(Boolean).join(' · ')}
                  </span>
                  <span className="flex flex-wrap gap-1.5">
                    {[item.genre, item.species, item.role].filter((v): v is string => Boolean(v)).map((value) => (
                      <Badge key={value}>{humanize(value)}</Badge>
                    ))}
                    {item.missingCount ? <Badge tone="warning">{item.missingCount} missing</Badge> : null}
                  </span>
                  {item.summary ? <span className="line-clamp-3 text-sm text-muted-foreground">{item.summary}</span> : null}
                  <span className="mt-auto pt-1 text-xs text-muted-foreground">{date.format(new Date(item.createdAt))}</span>
                </Link>
              </li>
            ))}
          </ul>
          <Pagination
            label="Character pages"
            hasPrevious={page > 1}
            hasNext={Boolean(list.data?.nextCursor)}
            loading={list.isFetching}
            onPrevious={() => setCursors((c) => c.slice(0, -1))}
            onNext={() => {
              const next = list.data?.nextCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
            info={`${first}–${first + items.length - 1} of ${total}`}
          />
        </>
      )}
    </div>
  );
}
