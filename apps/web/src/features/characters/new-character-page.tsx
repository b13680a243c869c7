import { Link } from '@tanstack/react-router';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { EmptyState } from '@tessera/ui/empty-state';
import { ProgressBar } from '@tessera/ui/progress-bar';
import { ArrowLeft, ArrowRight, Sparkles } from 'lucide-react';
import { useMemo, useRef } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';
import { CharacterCard } from './character-card';
import { CharacterGenerationForm } from './character-form';
import { ErrorAlert } from './error-alert';
import { QuotaNote } from './quota-note';
import { type CardSnapshot, humanize, progressOf, sectionStatuses } from './sheet-state';
import { useCharacterGeneration } from './use-character-generation';

/** `/characters/new`: the form, and the card filling in section by section as the model writes. */
export function NewCharacterPage() {
  useDocumentTitle('New character');
  const { state, start, reset } = useCharacterGeneration();
  const generating = state.phase === 'streaming';
  const resultRef = useRef<HTMLElement>(null);
  const generate = (form: Parameters<typeof start>[0]) => {
    start(form);
    // One column (phones, narrow windows): bring the card into view so the filling-in is seen.
    if (window.matchMedia?.('(max-width: 1023px)').matches) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const snapshot: CardSnapshot | null = useMemo(() => {
    if (state.phase === 'idle') return null;
    return {
      phase: state.phase === 'saved' ? 'saved' : state.phase === 'failed' ? 'failed' : 'streaming',
      sheet: state.sheet,
      completed: state.completed,
      missing: state.character?.missing ?? [],
    };
  }, [state]);
  const statuses = snapshot ? sectionStatuses(snapshot) : null;
  const progress = statuses ? progressOf(statuses) : null;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link
          to="/characters"
          className="inline-flex w-fit items-center gap-1 rounded-md text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          All characters
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">New character</h1>
        <p className="text-sm text-muted-foreground">Describe who you need; the sheet fills in as the model writes it.</p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Inputs</CardTitle>
            <CardDescription>Only the genre is required.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <CharacterGenerationForm onGenerate={generate} generating={generating} />
            <QuotaNote />
          </CardContent>
        </Card>

        <section ref={resultRef} aria-labelledby="generated-heading" className="flex min-w-0 scroll-mt-20 flex-col gap-4">
          <h2 id="generated-heading" className="sr-only">
            Generated character
          </h2>
          {state.phase === 'failed' ? (
            <ErrorAlert error={state.error} action="Generation" onRetry={state.form ? () => generate(state.form!) : undefined} />
          ) : null}
          {progress && state.phase === 'streaming' ? (
            <ProgressBar value={progress.done} max={progress.total} showValue label={`Generating: ${progress.done} of ${progress.total} sections`} />
          ) : null}
          {state.phase === 'saved' && state.character ? (
            <div
              role="status"
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-success/30 bg-success-soft px-4 py-3 text-sm"
            >
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">Saved.</span>
                {state.character.missing.length ? (
                  <Badge tone="warning">{state.character.missing.length} missing — regenerate them on the character page</Badge>
                ) : (
                  <span className="text-muted-foreground">Lock what you like and regenerate the rest on its page.</span>
                )}
              </p>
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={reset}>
                  Start over
                </Button>
                <Button size="sm" asChild>
                  <Link to="/characters/$characterId" params={{ characterId: state.character.id }}>
                    Open character
                    <ArrowRight aria-hidden="true" />
                  </Link>
                </Button>
              </div>
            </div>
          ) : null}
          {snapshot && statuses ? (
            <CharacterCard
              sheet={state.sheet}
              statuses={statuses}
              live
              subtitle={
                state.form ? (
                  <p className="flex flex-wrap gap-1.5">
                    {[state.form.genre, state.form.species, state.form.role, state.form.alignment, state.form.tone]
                      .filter((v): v is string => Boolean(v))
                      .map((value) => (
                        <Badge key={value}>{humanize(value)}</Badge>
                      ))}
                  </p>
                ) : null
              }
            />
          ) : (
            <EmptyState
              icon={<Sparkles />}
              title="Your character appears here"
              description="Pick a genre and anything else you care about, then generate. Name, appearance, backstory, stats and the rest fill in one section at a time."
            />
          )}
        </section>
      </div>
    </div>
  );
}
