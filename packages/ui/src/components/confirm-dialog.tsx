import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from '../cn';
import { Button } from './button';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** What will happen, in plain words. */
  description: ReactNode;
  /** The confirming button's text: say the action ("Delete account"), not "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` for destructive actions (red button). */
  tone?: 'primary' | 'danger';
  /** The action is running: the confirm button spins and the dialog stays open. */
  loading?: boolean;
  /** Runs on confirm. The dialog does not close by itself: close it on success, keep it open to show `error`. */
  onConfirm: () => void;
  /** Why the action failed (shown inside the dialog, announced). */
  error?: ReactNode;
  /** Extra content between the description and the buttons. */
  children?: ReactNode;
  className?: string;
}

/**
 * Asks before an action that cannot be undone (Radix AlertDialog: focus starts on Cancel, Escape
 * cancels, the overlay does not dismiss it).
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'primary',
  loading = false,
  onConfirm,
  error,
  children,
  className,
}: ConfirmDialogProps) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (loading ? undefined : onOpenChange(next))}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-overlay backdrop-blur-[2px] data-[state=open]:animate-fade-in" />
        <AlertDialog.Content
          className={cn(
            'fixed top-1/2 left-1/2 z-50 grid max-h-[85vh] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto',
            'rounded-lg border border-border bg-surface p-6 text-surface-foreground shadow-xl outline-none data-[state=open]:animate-scale-in',
            className,
          )}
        >
          <div className="flex flex-col gap-1.5">
            <AlertDialog.Title className="text-base font-semibold text-foreground">{title}</AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="text-sm text-muted-foreground">{description}</div>
            </AlertDialog.Description>
          </div>
          {children}
          {error ? (
            <p role="alert" className="rounded-md border border-error/25 bg-error-soft px-3 py-2 text-sm text-foreground">
              {error}
            </p>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={loading}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before the outcome is known. */}
            <Button variant={tone === 'danger' ? 'danger' : 'primary'} loading={loading} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
