import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@tessera/ui/dialog';
import { CheckCircle2, XCircle } from 'lucide-react';
import { type ReactNode, useEffect, useState } from 'react';
import { serverFieldErrors } from '../../lib/form-errors';
import { requestIdOf } from '../../lib/trpc';

export interface BulkItemResult {
  label: string;
  ok: boolean;
  message?: string;
}

export interface BulkOutcome {
  /** What happened ("3 applications moved to Interviewing"), or on failure what was tried ("Change status"). */
  action: string;
  items: BulkItemResult[];
  /** Set when nothing was written (the API validates everything before writing anything). */
  error?: string;
  requestId?: string | null;
  /** A way back from what was just done (jobs moved to the bin can be restored from here). */
  undo?: { label: string; run: () => void };
}

type BulkResult = { results: { index: number; ok: boolean }[] };

/** Per-item results of a bulk operation that succeeded; `summary` says what happened to how many. */
export function bulkOutcome(summary: (changed: number) => string, labels: string[], result: BulkResult): BulkOutcome {
  const okIndexes = new Set(result.results.filter((r) => r.ok).map((r) => r.index));
  return {
    action: summary(okIndexes.size),
    items: labels.map((label, i) => ({ label, ok: okIndexes.has(i), message: okIndexes.has(i) ? undefined : 'Not changed' })),
  };
}

/**
 * Per-item results of a refused bulk operation: the API wrote nothing and named the bad items by
 * index (`items.3.id`, `ids.3`); the others are listed as "not changed" so the person sees exactly
 * what happened to each.
 */
export function bulkFailure(action: string, labels: string[], error: unknown): BulkOutcome {
  const problems = new Map<number, string[]>();
  for (const [key, messages] of Object.entries(serverFieldErrors(error) ?? {})) {
    const match = /^(?:items|ids)\.(\d+)/.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    problems.set(index, [...(problems.get(index) ?? []), ...messages]);
  }
  return {
    action,
    error: error instanceof Error ? error.message : 'The operation failed.',
    requestId: requestIdOf(error),
    items: labels.map((label, i) => ({ label, ok: false, message: problems.get(i)?.join(' ') ?? 'Not changed (nothing was saved)' })),
  };
}

export function BulkResultDialog({ outcome, onClose }: { outcome: BulkOutcome | null; onClose: () => void }) {
  const done = outcome?.items.filter((i) => i.ok).length ?? 0;
  const [undoing, setUndoing] = useState(false);
  useEffect(() => setUndoing(false), [outcome]);
  return (
    <Dialog open={Boolean(outcome)} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{outcome?.error ? `${outcome.action}: nothing was changed` : outcome?.action}</DialogTitle>
          <DialogDescription>
            {outcome?.error
              ? 'One or more items could not be changed, so none were (all or nothing).'
              : done === outcome?.items.length
                ? `${done === 1 ? 'It is' : 'They are'} listed below.`
                : `${done} of ${outcome?.items.length ?? 0} were changed; the others are marked below.`}
          </DialogDescription>
        </DialogHeader>
        {outcome?.error ? (
          <Alert tone="error">
            <p>{outcome.error}</p>
            {outcome.requestId ? <p className="mt-1 text-xs">Request id: <code className="font-mono">{outcome.requestId}</code></p> : null}
          </Alert>
        ) : null}
        <ul className="flex max-h-72 flex-col divide-y divide-border overflow-y-auto rounded-md border border-border text-sm" aria-label="Results per item">
          {outcome?.items.map((item, i) => (
            <li key={i} className="flex items-start gap-2 px-3 py-2">
              {item.ok ? (
                <CheckCircle2 aria-label="Done" className="mt-0.5 size-4 shrink-0 text-success" />
              ) : (
                <XCircle aria-label="Failed" className="mt-0.5 size-4 shrink-0 text-error" />
              )}
              <span className="min-w-0">
                <span className="block truncate">{item.label}</span>
                {item.message ? <span className="block text-xs text-muted-foreground">{item.message}</span> : null}
              </span>
            </li>
          ))}
        </ul>
        <DialogFooter>
          {outcome?.undo && !outcome.error ? (
            <Button
              variant="secondary"
              loading={undoing}
              onClick={() => {
                setUndoing(true);
                outcome.undo?.run();
              }}
            >
              {outcome.undo.label}
            </Button>
          ) : null}
          <Button onClick={onClose}>Close</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The bar shown while rows are selected. */
export function BulkBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  if (!count) return null;
  return (
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg border border-primary/30 bg-primary/5 px-3 py-2">
      <p className="text-sm font-medium" aria-live="polite">
        {count} selected
      </p>
      <Button variant="ghost" size="sm" onClick={onClear}>
        Clear selection
      </Button>
      <div className="ml-auto flex flex-wrap items-center gap-2">{children}</div>
    </div>
  );
}

/** Asks before a destructive bulk action. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirm,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  description: ReactNode;
  confirm: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onCancel()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" loading={busy} onClick={onConfirm}>
            {confirm}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/**
 * What the Applications and Jobs bulk bars share around their own controls: the selected rows'
 * labels, the delete confirmation, and after each bulk call the per-item results dialog, fresh
 * lists (`refresh`) and a cleared selection (`onDone`). Render `<BulkDialogs>` with it.
 */
export function useBulkActions(selected: { title: string; company: string }[], refresh: () => void, onDone: () => void) {
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const labels = selected.map((row) => `${row.title} — ${row.company}`);
  /** A bulk call answered: refresh the lists, show each item's result (and a way back, if any), clear the selection. */
  const done = (summary: (changed: number) => string, result: BulkResult, undo?: BulkOutcome['undo']) => {
    refresh();
    setOutcome({ ...bulkOutcome(summary, labels, result), undo });
    onDone();
  };
  /** A bulk call was refused: nothing was written; show why, item by item. */
  const failed = (action: string, error: unknown) => setOutcome(bulkFailure(action, labels, error));
  return {
    confirming,
    outcome,
    askToDelete: () => setConfirming(true),
    cancelDelete: () => setConfirming(false),
    closeOutcome: () => setOutcome(null),
    done,
    failed,
    /** `done` and `failed` for the confirmed delete, which also close its confirmation. */
    deleted: (summary: (changed: number) => string, result: BulkResult, undo?: BulkOutcome['undo']) => {
      setConfirming(false);
      done(summary, result, undo);
    },
    deleteFailed: (action: string, error: unknown) => {
      setConfirming(false);
      failed(action, error);
    },
  };
}

/** The delete confirmation and the results dialog of a bulk bar (state from `useBulkActions`). */
export function BulkDialogs({
  bulk,
  title,
  description,
  busy,
  onConfirm,
}: {
  bulk: ReturnType<typeof useBulkActions>;
  title: string;
  description: ReactNode;
  busy: boolean;
  onConfirm: () => void;
}) {
  return (
    <>
      <ConfirmDialog open={bulk.confirming} title={title} description={description} confirm="Delete" busy={busy} onConfirm={onConfirm} onCancel={bulk.cancelDelete} />
      <BulkResultDialog outcome={bulk.outcome} onClose={bulk.closeOutcome} />
    </>
  );
}
