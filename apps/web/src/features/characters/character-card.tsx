import { Button } from '@tessera/ui/button';
import { cn } from '@tessera/ui/cn';
import { Skeleton } from '@tessera/ui/skeleton';
import { type CharacterSection, characterSectionLabels } from '@tessera/validation/characters';
import { CircleDashed, RefreshCw } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  type PartialSheet,
  readAbilities,
  readAppearance,
  readList,
  readNumber,
  readStats,
  readText,
  type SectionStatus,
  statLabels,
  statModifier,
  statNames,
} from './sheet-state';

/** The body sections below the name line, in reading order, with the layout each takes. */
const bodySections: { section: CharacterSection; wide?: boolean }[] = [
  { section: 'appearance', wide: true },
  { section: 'stats', wide: true },
  { section: 'personalityTraits' },
  { section: 'ideals' },
  { section: 'bonds' },
  { section: 'flaws' },
  { section: 'backstory', wide: true },
  { section: 'abilities', wide: true },
  { section: 'equipment' },
  { section: 'quotes' },
  { section: 'plotHooks', wide: true },
];

export interface CharacterCardProps {
  sheet: PartialSheet;
  statuses: Record<CharacterSection, SectionStatus>;
  /** Streaming: the card is a polite live region and busy until complete. */
  live?: boolean;
  /** Extra lines under the name (genre, species, role badges). */
  subtitle?: ReactNode;
  /** Controls beside each section heading (lock toggle, edit, regenerate). */
  actions?: (section: CharacterSection) => ReactNode;
  /** Replaces a section's content (an inline editor); return undefined to show the value. */
  override?: (section: CharacterSection) => ReactNode | undefined;
  /** Offered on missing sections. */
  onRegenerate?: (section: CharacterSection) => void;
  /** A section being regenerated shows as pending. */
  regenerating?: CharacterSection | null;
  /** Sections shown as pending regardless of their value (a whole regeneration in flight). */
  pendingSections?: readonly CharacterSection[];
  /** The name is the page's title (h1) on the detail and shared pages. */
  titleAs?: 'h1' | 'h2';
  className?: string;
}

/** The character sheet as a card: name first, then the sections, each labelled for assistive tech. */
export function CharacterCard({
  sheet,
  statuses,
  live,
  subtitle,
  actions,
  override,
  onRegenerate,
  regenerating,
  pendingSections,
  titleAs,
  className,
}: CharacterCardProps) {
  const statusOf = (section: CharacterSection): SectionStatus =>
    regenerating === section || pendingSections?.includes(section) ? 'pending' : statuses[section];
  const streaming = live && Object.values(statuses).some((s) => s === 'pending' || s === 'streaming');
  const common = { sheet, actions, override, onRegenerate };
  return (
    <article
      aria-label={readText(sheet.name) ? `Character: ${readText(sheet.name)}` : 'Character'}
      aria-live={live ? 'polite' : undefined}
      aria-busy={streaming ? true : undefined}
      data-testid="character-card"
      className={cn('min-w-0 rounded-xl border border-border bg-surface text-surface-foreground shadow-xs', className)}
    >
      <header className="flex flex-col gap-3 border-b border-border p-4 sm:p-6">
        <SectionBlock {...common} section="name" status={statusOf('name')} variant="title" titleAs={titleAs} />
        {subtitle}
        <div className="grid gap-3 sm:grid-cols-2">
          <SectionBlock {...common} section="pronouns" status={statusOf('pronouns')} variant="fact" />
          <SectionBlock {...common} section="age" status={statusOf('age')} variant="fact" />
        </div>
      </header>
      <div className="grid gap-x-6 gap-y-6 p-4 sm:p-6 md:grid-cols-2">
        {bodySections.map(({ section, wide }) => (
          <SectionBlock
            key={section}
            {...common}
            section={section}
            status={statusOf(section)}
            variant="block"
            className={wide ? 'md:col-span-2' : undefined}
          />
        ))}
      </div>
    </article>
  );
}

interface SectionBlockProps {
  section: CharacterSection;
  status: SectionStatus;
  sheet: PartialSheet;
  variant: 'title' | 'fact' | 'block';
  titleAs?: 'h1' | 'h2';
  actions?: (section: CharacterSection) => ReactNode;
  override?: (section: CharacterSection) => ReactNode | undefined;
  onRegenerate?: (section: CharacterSection) => void;
  className?: string;
}

function SectionBlock({ section, status, sheet, variant, titleAs, actions, override, onRegenerate, className }: SectionBlockProps) {
  const label = characterSectionLabels[section];
  const headingId = `character-section-${section}`;
  const edited = override?.(section);
  const controls = actions?.(section);
  const busy = status === 'pending' || status === 'streaming' ? true : undefined;
  if (variant === 'title') {
    const Title = titleAs ?? 'h2';
    const body =
      edited !== undefined ? (
        edited
      ) : status === 'pending' ? (
        <SectionSkeleton section={section} />
      ) : status === 'missing' ? (
        <MissingSection section={section} onRegenerate={onRegenerate} />
      ) : (
        <Title className="text-2xl font-semibold tracking-tight break-words text-foreground sm:text-3xl">{readText(sheet.name)}</Title>
      );
    return (
      <section aria-label={label} aria-busy={busy} data-section={section} data-status={status} className={cn('flex min-w-0 items-start gap-2', className)}>
        <div className="min-w-0 flex-1">{body}</div>
        {controls ? <div className="flex shrink-0 items-center gap-1 pt-1">{controls}</div> : null}
      </section>
    );
  }
  return (
    <section
      aria-labelledby={headingId}
      aria-busy={busy}
      data-section={section}
      data-status={status}
      className={cn('flex min-w-0 flex-col gap-2', className)}
    >
      <div className="flex min-h-8 items-center justify-between gap-2">
        <h3 id={headingId} className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          {label}
        </h3>
        {controls ? <div className="flex shrink-0 items-center gap-1">{controls}</div> : null}
      </div>
      {edited !== undefined ? edited : <SectionValue section={section} status={status} sheet={sheet} onRegenerate={onRegenerate} />}
    </section>
  );
}

function SectionValue({
  section,
  status,
  sheet,
  onRegenerate,
}: {
  section: CharacterSection;
  status: SectionStatus;
  sheet: PartialSheet;
  onRegenerate?: (section: CharacterSection) => void;
}) {
  if (status === 'pending') return <SectionSkeleton section={section} />;
  if (status === 'missing') return <MissingSection section={section} onRegenerate={onRegenerate} />;
  return (
    <div className={cn('min-w-0', status === 'streaming' && '-ml-2.5 border-l-2 border-primary/60 pl-2')}>
      <SectionContent section={section} value={sheet[section]} />
    </div>
  );
}

function MissingSection({ section, onRegenerate }: { section: CharacterSection; onRegenerate?: (section: CharacterSection) => void }) {
  const label = characterSectionLabels[section];
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-dashed border-warning/40 bg-warning-soft px-3 py-2 text-sm">
      <CircleDashed aria-hidden="true" className="size-4 shrink-0 text-warning" />
      <p className="min-w-0 flex-1 text-foreground">
        <span className="font-medium">Missing.</span> <span className="text-muted-foreground">The model left this section out.</span>
      </p>
      {onRegenerate ? (
        <Button size="sm" variant="secondary" onClick={() => onRegenerate(section)} aria-label={`Regenerate ${label.toLowerCase()}`}>
          <RefreshCw aria-hidden="true" />
          Regenerate
        </Button>
      ) : null}
    </div>
  );
}

function SectionSkeleton({ section }: { section: CharacterSection }) {
  switch (section) {
    case 'name':
      return <Skeleton className="h-8 w-2/3 max-w-sm" />;
    case 'pronouns':
    case 'age':
      return <Skeleton className="h-5 w-24" />;
    case 'stats':
      return (
        <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
          {statNames.map((name) => (
            <Skeleton key={name} className="h-16" />
          ))}
        </div>
      );
    case 'backstory':
    case 'appearance':
      return (
        <div className="flex flex-col gap-2">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-11/12" />
          <Skeleton className="h-4 w-3/4" />
        </div>
      );
    default:
      return (
        <div className="flex flex-col gap-2">
          <Skeleton className="h-4 w-5/6" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      );
  }
}

function BulletList({ items }: { items: string[] }) {
  return (
    <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-foreground marker:text-muted-foreground">
      {items.map((item, index) => (
        <li key={index} className="break-words">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** Renders one section's value, partial or complete; anything unexpected renders as nothing. */
export function SectionContent({ section, value }: { section: CharacterSection; value: unknown }) {
  switch (section) {
    case 'name':
      return <p className="text-2xl font-semibold tracking-tight break-words text-foreground">{readText(value)}</p>;
    case 'pronouns':
      return <p className="text-sm text-foreground">{readText(value)}</p>;
    case 'age': {
      const age = readNumber(value);
      return <p className="text-sm text-foreground">{age === null ? '' : `${age} ${age === 1 ? 'year' : 'years'}`}</p>;
    }
    case 'backstory':
      return (
        <div className="flex flex-col gap-3 text-sm leading-relaxed text-foreground">
          {readText(value)
            .split(/\n{2,}/)
            .filter(Boolean)
            .map((paragraph, index) => (
              <p key={index} className="break-words whitespace-pre-line">
                {paragraph}
              </p>
            ))}
        </div>
      );
    case 'appearance': {
      const appearance = readAppearance(value);
      return (
        <div className="flex flex-col gap-3 text-sm text-foreground">
          {appearance.description ? <p className="leading-relaxed break-words">{appearance.description}</p> : null}
          {appearance.distinguishingFeatures.length ? (
            <div>
              <p className="mb-1 text-xs font-medium text-muted-foreground">Distinguishing features</p>
              <BulletList items={appearance.distinguishingFeatures} />
            </div>
          ) : null}
        </div>
      );
    }
    case 'abilities':
      return (
        <dl className="grid gap-3 sm:grid-cols-2">
          {readAbilities(value).map((ability, index) => (
            <div key={index} className="rounded-md border border-border bg-subtle p-3">
              <dt className="text-sm font-medium text-foreground">{ability.name}</dt>
              <dd className="mt-1 text-sm break-words text-muted-foreground">{ability.description}</dd>
            </div>
          ))}
        </dl>
      );
    case 'stats': {
      const stats = readStats(value);
      return (
        <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
          {statNames.map((name) => {
            const score = stats[name];
            return (
              <div key={name} className="flex flex-col items-center rounded-md border border-border bg-subtle px-2 py-2">
                <dt className="text-[11px] font-semibold tracking-wide text-muted-foreground">
                  <abbr title={statLabels[name].long} className="no-underline">
                    {statLabels[name].short}
                  </abbr>
                </dt>
                <dd className="flex flex-col items-center">
                  <span className="text-xl font-semibold text-foreground tabular-nums">{score ?? '–'}</span>
                  <span className="text-xs text-muted-foreground tabular-nums">
                    {score === null ? ' ' : statModifier(score)}
                  </span>
                </dd>
              </div>
            );
          })}
        </dl>
      );
    }
    case 'quotes':
      return (
        <div className="flex flex-col gap-2">
          {readList(value).map((quote, index) => (
            <blockquote key={index} className="border-l-2 border-primary/50 pl-3 text-sm italic break-words text-foreground">
              “{quote}”
            </blockquote>
          ))}
        </div>
      );
    default:
      return <BulletList items={readList(value)} />;
  }
}
