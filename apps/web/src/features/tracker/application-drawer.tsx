import { zodResolver } from '@hookform/resolvers/zod';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { ConfirmDialog } from '@tessera/ui/confirm-dialog';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@tessera/ui/dialog';
import { Drawer, DrawerContent, DrawerDescription, DrawerHeader, DrawerTitle } from '@tessera/ui/drawer';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { Textarea } from '@tessera/ui/textarea';
import { useToast } from '@tessera/ui/toast';
import { type ApplicationStatus, applicationChanges, applicationStatusValues, interviewKindValues, interviewSchema } from '@tessera/validation/tracker';
import { CalendarClock, CalendarPlus, ExternalLink, Pencil, Plus, Trash2 } from 'lucide-react';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { applicationLink, expectEcho } from '../../lib/own-echoes';
import { interviewCalendarFile } from './calendar';
import { saveFile } from './download';
import {
  type ApplicationDetail,
  formatDay,
  formatRelativeDays,
  fromDateInput,
  type Interview,
  postingLink,
  statusLabels,
  statusTones,
  toDateInput,
  toDateTimeInput,
} from './format';

const kindLabels: Record<(typeof interviewKindValues)[number], string> = {
  phone: 'Phone',
  video: 'Video',
  onsite: 'On-site',
  technical: 'Technical',
  behavioral: 'Behavioral',
  panel: 'Panel',
  other: 'Other',
};

/**
 * Forms in the open drawer report edits not saved yet (`section` → dirty), so closing it (Escape,
 * the overlay, ×) asks before throwing them away: Escape used to drop typed notes without a word.
 */
const UnsavedEdits = createContext<(section: string, dirty: boolean) => void>(() => undefined);

function useReportUnsaved(section: string, dirty: boolean) {
  const report = useContext(UnsavedEdits);
  useEffect(() => {
    report(section, dirty);
    return () => report(section, false);
  }, [report, section, dirty]);
}

/** The application in `id` (from the URL), with its history and interviews; closes when `id` is unset. */
export function ApplicationDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const unsaved = useRef(new Set<string>());
  const [askingToDiscard, setAskingToDiscard] = useState(false);
  const report = useCallback((section: string, dirty: boolean) => {
    if (dirty) unsaved.current.add(section);
    else unsaved.current.delete(section);
  }, []);
  const close = () => {
    unsaved.current.clear();
    setAskingToDiscard(false);
    onClose();
  };
  return (
    <UnsavedEdits.Provider value={report}>
      <Drawer open={Boolean(id)} onOpenChange={(open) => !open && (unsaved.current.size > 0 ? setAskingToDiscard(true) : close())}>
        <DrawerContent className="w-full max-w-xl sm:w-[36rem]" aria-describedby={undefined}>
          {id ? <ApplicationDetails id={id} onClose={close} /> : null}
        </DrawerContent>
      </Drawer>
      <ConfirmDialog
        open={askingToDiscard}
        onOpenChange={setAskingToDiscard}
        title="Discard your changes?"
        description="What you typed in this application is not saved yet."
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        tone="danger"
        onConfirm={close}
      />
    </UnsavedEdits.Provider>
  );
}

function useApplicationInvalidation(id: string) {
  const utils = trpc.useUtils();
  return () => {
    void utils.tracker.applications.get.invalidate({ id });
    void utils.tracker.applications.list.invalidate();
    void utils.tracker.analytics.invalidate();
  };
}

function ApplicationDetails({ id, onClose }: { id: string; onClose: () => void }) {
  const query = trpc.tracker.applications.get.useQuery({ id });
  if (query.error) {
    return (
      <>
        <DrawerHeader>
          <DrawerTitle>Application</DrawerTitle>
        </DrawerHeader>
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  if (!query.data) {
    return (
      <div className="flex flex-col gap-3" aria-busy="true" aria-label="Loading the application">
        <DrawerTitle className="sr-only">Loading the application</DrawerTitle>
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-4 w-1/3" />
        <Skeleton className="h-32 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  return <Details application={query.data} onClose={onClose} />;
}

function Details({ application, onClose }: { application: ApplicationDetail; onClose: () => void }) {
  const { toast } = useToast();
  const invalidate = useApplicationInvalidation(application.id);
  const setStatus = trpc.tracker.applications.setStatus.useMutation({
    onMutate: ({ id }) => expectEcho('application_status_changed', [applicationLink(id)]),
    onSuccess: (result) => {
      invalidate();
      toast({ tone: 'success', title: `Moved to ${statusLabels[result.status]}` });
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not change the status', description: error.message }),
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const upcoming = application.nextInterviewAt && new Date(application.nextInterviewAt).getTime() > Date.now();

  return (
    <div className="flex flex-col gap-6">
      <DrawerHeader>
        <DrawerTitle className="text-lg">{application.title}</DrawerTitle>
        <DrawerDescription>
          {application.company}
          {application.location ? ` · ${application.location}` : ''}
        </DrawerDescription>
        {postingLink(application.jobUrl) ? (
          <a href={postingLink(application.jobUrl)!} target="_blank" rel="noreferrer noopener" className="inline-flex w-fit items-center gap-1 text-sm text-primary hover:underline">
            Job posting <ExternalLink aria-hidden="true" className="size-3.5" />
          </a>
        ) : null}
      </DrawerHeader>

      <div className="flex flex-wrap items-end gap-3">
        <FormField label="Status" className="min-w-44 flex-1">
          <Select
            value={setStatus.isPending ? setStatus.variables.status : application.status}
            disabled={setStatus.isPending}
            onChange={(e) => setStatus.mutate({ id: application.id, status: e.target.value as ApplicationStatus })}
          >
            {applicationStatusValues.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </Select>
        </FormField>
        <Badge tone={statusTones[application.status]} className="mb-2">
          Since {formatDay(application.statusChangedAt)}
        </Badge>
      </div>

      {upcoming ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-warning/30 bg-warning-soft p-3 text-sm">
          <CalendarClock aria-hidden="true" className="size-5 shrink-0 text-warning" />
          <p className="flex-1">
            <span className="font-medium">Next interview {formatRelativeDays(application.nextInterviewAt!)}</span>
            <span className="block text-muted-foreground">{formatDateTime(application.nextInterviewAt)}</span>
          </p>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              interviewCalendarFile({ ...application, nextInterviewAt: application.nextInterviewAt! }, window.location.origin).then(
                (file) => saveFile({ ...file, contentType: 'text/calendar; charset=utf-8', encoding: 'utf8' }),
                (error: unknown) => toast({ tone: 'error', title: 'Could not make the calendar file', description: error instanceof Error ? error.message : undefined }),
              );
            }}
          >
            <CalendarPlus aria-hidden="true" />
            Add to calendar
          </Button>
        </div>
      ) : null}

      <DetailsForm application={application} />
      <Interviews application={application} />
      <History application={application} />

      <div className="border-t border-border pt-4">
        <Button variant="ghost" className="text-error" onClick={() => setConfirmDelete(true)}>
          <Trash2 aria-hidden="true" />
          Delete application
        </Button>
      </div>
      <DeleteApplicationDialog application={application} open={confirmDelete} onOpenChange={setConfirmDelete} onDeleted={onClose} />
    </div>
  );
}

type ChangesInput = z.input<typeof applicationChanges>;
type ChangesOutput = z.output<typeof applicationChanges>;

function DetailsForm({ application }: { application: ApplicationDetail }) {
  const { toast } = useToast();
  const invalidate = useApplicationInvalidation(application.id);
  const [formError, setFormError] = useState<{ message: string | null; error: unknown } | null>(null);
  const form = useForm<ChangesInput, unknown, ChangesOutput>({
    resolver: zodResolver(applicationChanges),
    values: {
      appliedAt: toDateInput(application.appliedAt) || null,
      nextInterviewAt: toDateTimeInput(application.nextInterviewAt) || null,
      notes: application.notes ?? '',
    },
    resetOptions: { keepDirtyValues: true },
  });
  useReportUnsaved('details', form.formState.isDirty);
  const update = trpc.tracker.applications.update.useMutation({
    onSuccess: () => {
      invalidate();
      form.reset(undefined, { keepValues: true });
      toast({ tone: 'success', title: 'Application saved' });
    },
    onError: (error) =>
      setFormError({
        message: applyServerErrors(error, form.setError, { 'changes.appliedAt': 'appliedAt', 'changes.nextInterviewAt': 'nextInterviewAt', 'changes.notes': 'notes' }),
        error,
      }),
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    update.mutate({ id: application.id, changes: { appliedAt: values.appliedAt ?? null, nextInterviewAt: values.nextInterviewAt ?? null, notes: values.notes ?? null } });
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-3" aria-label="Application details">
      {formError?.message ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <FormField label="Applied on" error={errors.appliedAt?.message}>
          <Input type="date" {...form.register('appliedAt', { setValueAs: (v: string | null) => (v ? fromDateInput(v.slice(0, 10)) : null) })} />
        </FormField>
        <FormField label="Next interview" error={errors.nextInterviewAt?.message}>
          <Input type="datetime-local" {...form.register('nextInterviewAt', { setValueAs: (v: string | null) => v || null })} />
        </FormField>
      </div>
      <FormField label="Notes" error={errors.notes?.message}>
        <Textarea rows={4} {...form.register('notes')} placeholder="Contacts, questions they asked, what to prepare…" />
      </FormField>
      <div className="flex justify-end">
        <Button type="submit" size="sm" variant="secondary" loading={update.isPending} disabled={!form.formState.isDirty}>
          Save details
        </Button>
      </div>
    </form>
  );
}

type InterviewInput = z.input<typeof interviewSchema>;
type InterviewOutput = z.output<typeof interviewSchema>;

function Interviews({ application }: { application: ApplicationDetail }) {
  const { toast } = useToast();
  const invalidate = useApplicationInvalidation(application.id);
  /** Index being edited, 'new', or null. */
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const update = trpc.tracker.applications.update.useMutation({
    onSuccess: () => {
      invalidate();
      setEditing(null);
    },
    onError: (error) => toast({ tone: 'error', title: 'Could not save the interview', description: error.message }),
  });
  const save = (list: (InterviewOutput | Interview)[]) =>
    update.mutate({ id: application.id, changes: { interviews: list.map((i) => ({ at: i.at, kind: i.kind, feedback: i.feedback ?? null })) } });
  const interviews = application.interviews;

  return (
    <section aria-labelledby="interviews-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h3 id="interviews-heading" className="text-sm font-semibold">
          Interviews
        </h3>
        {editing === null ? (
          <Button size="sm" variant="ghost" onClick={() => setEditing('new')}>
            <Plus aria-hidden="true" />
            Add interview
          </Button>
        ) : null}
      </div>
      {interviews.length === 0 && editing === null ? (
        <p className="text-sm text-muted-foreground">No interviews recorded. Add one to keep its date, kind and how it went.</p>
      ) : null}
      <ol className="flex flex-col gap-2">
        {interviews.map((interview, index) =>
          editing === index ? (
            <li key={`${interview.at}-${index}`}>
              <InterviewForm
                interview={interview}
                saving={update.isPending}
                onCancel={() => setEditing(null)}
                onSave={(value) => save(interviews.map((old, i) => (i === index ? value : old)))}
              />
            </li>
          ) : (
            <li key={`${interview.at}-${index}`} className="flex items-start justify-between gap-3 rounded-md border border-border p-3 text-sm">
              <div className="flex min-w-0 flex-col gap-1">
                <p className="font-medium">
                  {kindLabels[interview.kind]} · {formatDateTime(interview.at)}
                </p>
                {interview.feedback ? <p className="whitespace-pre-line text-muted-foreground">{interview.feedback}</p> : null}
              </div>
              <div className="flex shrink-0 gap-1">
                <Button size="icon" variant="ghost" className="size-7" aria-label={`Edit the ${kindLabels[interview.kind]} interview of ${formatDateTime(interview.at)}`} onClick={() => setEditing(index)}>
                  <Pencil aria-hidden="true" />
                </Button>
                <Button
                  size="icon"
                  variant="ghost"
                  className="size-7"
                  aria-label={`Remove the ${kindLabels[interview.kind]} interview of ${formatDateTime(interview.at)}`}
                  onClick={() => save(interviews.filter((_, i) => i !== index))}
                >
                  <Trash2 aria-hidden="true" />
                </Button>
              </div>
            </li>
          ),
        )}
        {editing === 'new' ? (
          <li>
            <InterviewForm saving={update.isPending} onCancel={() => setEditing(null)} onSave={(value) => save([...interviews, value])} />
          </li>
        ) : null}
      </ol>
    </section>
  );
}

function InterviewForm({ interview, saving, onSave, onCancel }: { interview?: Interview; saving: boolean; onSave: (value: InterviewOutput) => void; onCancel: () => void }) {
  const form = useForm<InterviewInput, unknown, InterviewOutput>({
    resolver: zodResolver(interviewSchema),
    defaultValues: { at: toDateTimeInput(interview?.at) || '', kind: interview?.kind ?? 'video', feedback: interview?.feedback ?? '' },
  });
  useReportUnsaved('interview', form.formState.isDirty);
  const errors = form.formState.errors;
  return (
    <form
      onSubmit={(e) => void form.handleSubmit(onSave)(e)}
      noValidate
      aria-label={interview ? 'Edit interview' : 'New interview'}
      className="flex flex-col gap-3 rounded-md border border-border bg-subtle p-3"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <FormField label="Date and time" required error={errors.at?.message}>
          <Input type="datetime-local" {...form.register('at')} required />
        </FormField>
        <FormField label="Kind" error={errors.kind?.message}>
          <Select {...form.register('kind')}>
            {interviewKindValues.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <FormField label="Feedback" error={errors.feedback?.message}>
        <Textarea rows={3} {...form.register('feedback')} placeholder="How it went, who you met, next steps" />
      </FormField>
      <div className="flex justify-end gap-2">
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" loading={saving}>
          Save interview
        </Button>
      </div>
    </form>
  );
}

function History({ application }: { application: ApplicationDetail }) {
  const history = application.history;
  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3">
      <h3 id="history-heading" className="text-sm font-semibold">
        History
      </h3>
      <ol className="relative flex flex-col gap-4 border-l border-border pl-5">
        {history.map((change, index) => {
          const next = history[index + 1];
          const days = Math.max(0, Math.round(((next ? new Date(next.at).getTime() : Date.now()) - new Date(change.at).getTime()) / 86_400_000));
          return (
            <li key={change.id} className="relative text-sm">
              <span aria-hidden="true" className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-surface bg-primary" />
              <p>
                {change.from ? (
                  <>
                    {statusLabels[change.from]} → <span className="font-medium">{statusLabels[change.to]}</span>
                  </>
                ) : (
                  <>
                    Started as <span className="font-medium">{statusLabels[change.to]}</span>
                  </>
                )}
              </p>
              <p className="text-xs text-muted-foreground">
                <time dateTime={new Date(change.at).toISOString()}>{formatDateTime(change.at)}</time> · {days} {days === 1 ? 'day' : 'days'} in this stage
                {next ? '' : ' so far'}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function DeleteApplicationDialog({
  application,
  open,
  onOpenChange,
  onDeleted,
}: {
  application: ApplicationDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted: () => void;
}) {
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const remove = trpc.tracker.applications.delete.useMutation({
    onSuccess: () => {
      void utils.tracker.applications.list.invalidate();
      void utils.tracker.analytics.invalidate();
      toast({ tone: 'success', title: 'Application deleted' });
      onOpenChange(false);
      onDeleted();
    },
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete this application?</DialogTitle>
          <DialogDescription>
            {application.title} at {application.company}: its history and interviews are deleted too. The job stays.
          </DialogDescription>
        </DialogHeader>
        {remove.error ? <ErrorAlert error={remove.error} /> : null}
        <DialogFooter>
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate({ id: application.id })}>
            Delete
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
