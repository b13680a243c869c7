import { Button } from '@tessera/ui/button';
import { cn } from '@tessera/ui/cn';
import { type CharacterSection, characterSectionLabels } from '@tessera/validation/characters';
import { Lock, LockOpen, Pencil, RefreshCw } from 'lucide-react';

export interface SectionActionsProps {
  section: CharacterSection;
  locked: boolean;
  missing: boolean;
  busy: boolean;
  onToggleLock: () => void;
  onEdit: () => void;
  onRegenerate: () => void;
}

/** Lock toggle, edit and regenerate for one section of the sheet. */
export function SectionActions({ section, locked, missing, busy, onToggleLock, onEdit, onRegenerate }: SectionActionsProps) {
  const label = characterSectionLabels[section].toLowerCase();
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className={cn('size-8', locked && 'bg-primary/10 text-primary hover:bg-primary/15 hover:text-primary')}
        aria-label={`Lock ${label}`}
        aria-pressed={locked}
        disabled={missing}
        title={missing ? 'A missing section cannot be locked' : locked ? `Locked: regenerating keeps the ${label}` : `Lock the ${label} to keep it when regenerating`}
        onClick={onToggleLock}
      >
        {locked ? <Lock aria-hidden="true" /> : <LockOpen aria-hidden="true" />}
      </Button>
      <Button variant="ghost" size="icon" className="size-8" aria-label={`Edit ${label}`} title={`Edit ${label}`} onClick={onEdit}>
        <Pencil aria-hidden="true" />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        className="size-8"
        aria-label={`Regenerate ${label}`}
        title={locked ? `Unlock the ${label} to regenerate it` : `Regenerate the ${label}`}
        disabled={locked || busy}
        onClick={onRegenerate}
      >
        <RefreshCw aria-hidden="true" className={cn(busy && 'animate-spin')} />
      </Button>
    </>
  );
}
