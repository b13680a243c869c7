import { Link, useParams } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { EmptyState } from '@tessera/ui/empty-state';
import { Skeleton } from '@tessera/ui/skeleton';
import { Link2Off } from 'lucide-react';
import type { ReactElement } from 'react';
import { isTrpcError, trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { CharacterCard } from './character-card';
import { ErrorAlert } from './error-alert';
import { humanize, sectionStatuses } from './sheet-state';

export function SharedCharacterRoute(): ReactElement {
  // Typed explicitly: the route tree's path types currently resolve loosely (see router.tsx).
  const params: { shareId: string } = useParams({ from: '/shared/characters/$shareId' });
  const { shareId } = params;
  return <SharedCharacterPage shareId={shareId} />;
}

/** `/shared/characters/$shareId`: the public, read-only page behind a share link. No sign-in. */
export function SharedCharacterPage({ shareId }: { shareId: string }) {
  const shared = trpc.characters.shared.useQuery({ shareId }, { retry: false });
  useDocumentTitle(shared.data?.name ?? 'Shared character');

  if (shared.isPending) {
    return (
      <div className="mx-auto flex max-w-4xl flex-col gap-4" aria-busy="true" aria-label="Loading the character">
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-[28rem]" />
      </div>
    );
  }
  if (shared.error) {
    const gone = isTrpcError(shared.error) && (shared.error.data?.code === 'NOT_FOUND' || shared.error.data?.code === 'BAD_REQUEST');
    return gone ? (
      <div className="mx-auto max-w-xl py-6">
        <EmptyState
          icon={<Link2Off />}
          title={<span className="text-base">This link does not work</span>}
          description="The owner may have turned sharing off, or the address is incomplete. Ask them for a new link."
          action={
            <Button asChild variant="secondary">
              <Link to="/">Go home</Link>
            </Button>
          }
        />
      </div>
    ) : (
      <div className="mx-auto max-w-xl py-6">
        <ErrorAlert error={shared.error} action="Loading the character" onRetry={() => void shared.refetch()} />
      </div>
    );
  }
  const character = shared.data;
  const statuses = sectionStatuses({ phase: 'saved', sheet: character.sheet, completed: [], missing: character.missing });
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <p className="text-xs text-muted-foreground">A character shared from Tessera · read only</p>
      <CharacterCard
        sheet={character.sheet}
        statuses={statuses}
        titleAs="h1"
        subtitle={
          <p className="flex flex-wrap gap-1.5">
            {[character.genre, character.species, character.role].filter((v): v is string => Boolean(v)).map((value) => (
              <Badge key={value}>{humanize(value)}</Badge>
            ))}
          </p>
        }
      />
    </div>
  );
}
