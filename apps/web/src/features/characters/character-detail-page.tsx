import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@tessera/ui/card';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@tessera/ui/dialog';
import { Skeleton } from '@tessera/ui/skeleton';
import { useToast } from '@tessera/ui/toast';
import { type CharacterSection, characterSections, type StoredCharacterSheet } from '@tessera/validation/characters';
import { ArrowLeft, Copy, Lock, RefreshCw, Trash2 } from 'lucide-react';
import { type ReactElement, type ReactNode, useState } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';
import { CharacterCard } from './character-card';
import { ErrorAlert } from './error-alert';
import { describeError } from './errors';
import { ExportMenu } from './export-menu';
import { QuotaNote } from './quota-note';
import { SectionActions } from './section-actions';
import { SectionEditor } from './section-editor';
import { SharePanel } from './share-panel';
import { canLock, canRegenerateAll, humanize, lockSummary, sectionStatuses, toggleLock } from './sheet-state';
import type { Character } from './use-character-generation';
import {
  useCharacter,
  useDeleteCharacter,
  useDuplicate,
  useRegenerate,
  useRegenerateSection,
  useUpdateCharacter,
} from './use-characters';

/** The route's screen: a fresh page per character (no edit state carried across). */
export function CharacterDetailRoute(): ReactElement {
  // Typed explicitly: the route tree's path types currently resolve loosely (see router.tsx).
  const params: { characterId: string } = useParams({ from: '/characters/$characterId' });
  const { characterId } = params;
  return <CharacterDetailPage key={characterId} characterId={characterId} />;
}

/** `/characters/$characterId`: the full sheet with editing, locks, regeneration, export and sharing. */
export function CharacterDetailPage({ characterId }: { characterId: string }) {
  const character = useCharacter(characterId);
  useDocumentTitle(character.data?.name ?? 'Character');

  if (character.isPending) return <DetailSkeleton />;
  if (character.error) {
    return (
      <div className="mx-auto flex max-w-xl flex-col gap-4 py-6">
        <BackLink />
        <ErrorAlert error={character.error} action="Loading the character" onRetry={() => void character.refetch()} />
      </div>
    );
  }
  return <CharacterSheet character={character.data} />;
}

function BackLink() {
  return (
    <Link
      to="/characters"
      className="inline-flex w-fit items-center gap-1 rounded-md text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      All characters
    </Link>
  );
}

function DetailSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true" aria-label="Loading the character">
      <Skeleton className="h-4 w-28" />
      <div className="flex flex-wrap gap-2">
        <Skeleton className="h-9 w-44" />
        <Skeleton className="h-9 w-28" />
        <Skeleton className="h-9 w-28" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Skeleton className="h-[32rem]" />
        <Skeleton className="h-64" />
      </div>
    </div>
  );
}

function CharacterSheet({ character }: { character: Character }) {
  const navigate = useNavigate();
  const { toast } = useToast();
  const update = useUpdateCharacter(character.id);
  const regenerate = useRegenerate();
  const regenerateSection = useRegenerateSection();
  const duplicate = useDuplicate();
  const remove = useDeleteCharacter();
  const [editing, setEditing] = useState<CharacterSection | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; retry: () => void; action: string } | null>(null);

  const locked = character.lockedSections;
  const statuses = sectionStatuses({ phase: 'saved', sheet: character.sheet, completed: [], missing: character.missing });
  const regeneratingAll = regenerate.isPending;
  const sectionInFlight = regenerateSection.isPending ? regenerateSection.variables.section : null;
  const pendingSections = regeneratingAll ? characterSections.filter((s) => !locked.includes(s)) : [];

  const fail = (action: string, retry: () => void) => (error: unknown) => {
    setFailure({ error, retry, action });
  };

  const setLock = (section: CharacterSection) => {
    const next = toggleLock(locked, section);
    update.mutate(
      { id: character.id, lockedSections: next },
      { onError: (error) => toast({ title: 'The lock was not saved', description: describeError(error).message, tone: 'error' }) },
    );
  };

  const runRegenerate = () => {
    setFailure(null);
    regenerate.mutate(
      { id: character.id },
      {
        onSuccess: () => toast({ title: locked.length ? 'Regenerated everything but the locked sections' : 'Regenerated', tone: 'success' }),
        onError: fail('Regenerating', runRegenerate),
      },
    );
  };

  const runRegenerateSection = (section: CharacterSection) => {
    setFailure(null);
    regenerateSection.mutate({ id: character.id, section }, { onError: fail('Regenerating a section', () => runRegenerateSection(section)) });
  };

  const saveSection = (section: CharacterSection, value: unknown) => {
    update.mutate(
      { id: character.id, sheet: { [section]: value } as Partial<StoredCharacterSheet> as never },
      {
        onSuccess: () => setEditing(null),
        onError: (error) => toast({ title: 'Not saved', description: describeError(error).message, tone: 'error' }),
      },
    );
  };

  const runDuplicate = () => {
    duplicate.mutate(
      { id: character.id },
      {
        onSuccess: (copy) => {
          toast({ title: `Duplicated as “${copy.name}”`, tone: 'success' });
          void navigate({ to: '/characters/$characterId', params: { characterId: copy.id } });
        },
        onError: fail('Duplicating', runDuplicate),
      },
    );
  };

  const runDelete = () => {
    remove.mutate(
      { id: character.id },
      {
        onSuccess: () => {
          setConfirmDelete(false);
          toast({ title: `Deleted “${character.name}”`, tone: 'success' });
          void navigate({ to: '/characters' });
        },
      },
    );
  };

  const inputs = character.inputs;
  const badges = [inputs.genre, inputs.species, inputs.role, inputs.alignment, inputs.tone, inputs.ageRange].filter((v): v is string => Boolean(v));

  return (
    <div className="flex flex-col gap-6">
      <BackLink />
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Character actions">
          <Button onClick={runRegenerate} loading={regeneratingAll} disabled={!canRegenerateAll(locked) || sectionInFlight !== null}>
            <RefreshCw aria-hidden="true" />
            {locked.length ? 'Regenerate unlocked' : 'Regenerate'}
          </Button>
          <Button variant="secondary" onClick={runDuplicate} loading={duplicate.isPending}>
            <Copy aria-hidden="true" />
            Duplicate
          </Button>
          <ExportMenu characterId={character.id} />
          <Button variant="ghost" className="text-error hover:text-error" onClick={() => setConfirmDelete(true)}>
            <Trash2 aria-hidden="true" />
            Delete
          </Button>
        </div>
        <p aria-live="polite" className="flex items-center gap-1.5 text-sm text-muted-foreground" data-testid="lock-summary">
          <Lock aria-hidden="true" className="size-3.5 shrink-0" />
          {lockSummary(locked)}
        </p>
        <QuotaNote />
      </div>
      {character.sheet.name && character.name !== character.sheet.name ? (
        <p className="text-sm text-muted-foreground">
          Saved in your list as <span className="font-medium text-foreground">“{character.name}”</span>. Edit the name to rename both.
        </p>
      ) : null}
      {failure ? <ErrorAlert error={failure.error} action={failure.action} onRetry={failure.retry} /> : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <CharacterCard
          sheet={character.sheet}
          statuses={statuses}
          titleAs="h1"
          pendingSections={pendingSections}
          regenerating={sectionInFlight}
          subtitle={
            <p className="flex flex-wrap gap-1.5">
              {badges.map((value) => (
                <Badge key={value}>{humanize(value)}</Badge>
              ))}
              {character.missing.length ? <Badge tone="warning">{character.missing.length} missing</Badge> : null}
            </p>
          }
          onRegenerate={runRegenerateSection}
          override={(section) =>
            editing === section ? (
              <SectionEditor
                section={section}
                value={character.sheet[section]}
                saving={update.isPending}
                onSave={(value) => saveSection(section, value)}
                onCancel={() => setEditing(null)}
              />
            ) : undefined
          }
          actions={(section) => (
            <SectionActions
              section={section}
              locked={locked.includes(section)}
              missing={!canLock(section, character.missing)}
              busy={sectionInFlight === section || regeneratingAll}
              onToggleLock={() => setLock(section)}
              onEdit={() => setEditing(section)}
              onRegenerate={() => runRegenerateSection(section)}
            />
          )}
        />
        <aside className="flex min-w-0 flex-col gap-6" aria-label="Sharing and details">
          <SharePanel character={character} />
          <GenerationDetails character={character} />
        </aside>
      </div>

      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Delete “{character.name}”?</DialogTitle>
            <DialogDescription>
              The character, its history and {character.share.enabled ? 'its public link' : 'any future share link'} go away for good. Export it
              first if you may want it back.
            </DialogDescription>
          </DialogHeader>
          {remove.error ? <ErrorAlert error={remove.error} action="Deleting" /> : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Keep it</Button>
            </DialogClose>
            <Button variant="danger" onClick={runDelete} loading={remove.isPending}>
              Delete character
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-2 text-sm first:pt-0 last:pb-0">
      <dt className="shrink-0 text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-right break-words text-foreground">{children}</dd>
    </div>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function GenerationDetails({ character }: { character: Character }) {
  const { inputs } = character;
  return (
    <Card>
      <CardHeader>
        <CardTitle>How it was made</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="divide-y divide-border">
          <Fact label="Genre">{humanize(inputs.genre)}</Fact>
          {inputs.setting ? <Fact label="Setting">{inputs.setting}</Fact> : null}
          {inputs.hints ? <Fact label="Hints">{inputs.hints}</Fact> : null}
          <Fact label="Seed">
            <span className="font-mono tabular-nums">{character.seed}</span>
          </Fact>
          <Fact label="Model">
            {character.provider} · {character.model}
          </Fact>
          <Fact label="Generation time">{(character.generationMs / 1000).toFixed(1)} s</Fact>
          <Fact label="Revision">{character.revision}</Fact>
          <Fact label="Created">{dateTime.format(new Date(character.createdAt))}</Fact>
          <Fact label="Updated">{dateTime.format(new Date(character.updatedAt))}</Fact>
        </dl>
      </CardContent>
    </Card>
  );
}
