import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@tessera/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@tessera/ui/dialog';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Select } from '@tessera/ui/select';
import { Textarea } from '@tessera/ui/textarea';
import { useToast } from '@tessera/ui/toast';
import { type ApplicationStatus, applicationStatusValues, createApplicationInput } from '@tessera/validation/tracker';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { expectEcho } from '../../lib/own-echoes';
import { formatDay, fromDateInput, statusLabels } from './format';
import { useDebounced } from './use-debounced';

type FormInput = z.input<typeof createApplicationInput>;
type FormOutput = z.output<typeof createApplicationInput>;

const nullIfEmpty = (value: unknown) => (value === '' || value == null ? null : value);

/** Start tracking an application for one of your jobs. */
export function ApplicationFormDialog({
  open,
  onOpenChange,
  jobId,
  status,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Preselect a job (from the jobs table). */
  jobId?: string;
  /** Preselect a status (from a board column). */
  status?: ApplicationStatus;
  onCreated?: (id: string) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New application</DialogTitle>
          <DialogDescription>Track where you are with a job: it appears on the board in its stage.</DialogDescription>
        </DialogHeader>
        {open ? (
          <ApplicationForm
            jobId={jobId}
            status={status}
            onCancel={() => onOpenChange(false)}
            onDone={(id) => {
              onOpenChange(false);
              onCreated?.(id);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function ApplicationForm({ jobId, status, onDone, onCancel }: { jobId?: string; status?: ApplicationStatus; onDone: (id: string) => void; onCancel: () => void }) {
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const [jobSearch, setJobSearch] = useState('');
  const search = useDebounced(jobSearch);
  const jobs = trpc.tracker.jobs.list.useQuery({ search: search || undefined, limit: 50, sort: 'updatedAt', direction: 'desc' });
  const [formError, setFormError] = useState<{ message: string | null; error: unknown } | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createApplicationInput),
    defaultValues: { jobId: jobId ?? '', status: status ?? 'applied', appliedAt: null, nextInterviewAt: null, notes: '' },
  });
  const { register, handleSubmit, formState } = form;
  const chosenJob = form.watch('jobId');
  const errors = formState.errors;
  const create = trpc.tracker.applications.create.useMutation({
    // Its "New application" notification echoes the toast below; the id is not known until it answers.
    onMutate: () => expectEcho('application_status_changed', [null]),
    onSuccess: (created) => {
      void utils.tracker.applications.invalidate();
      void utils.tracker.jobs.get.invalidate({ id: created.jobId });
      void utils.tracker.analytics.invalidate();
      toast({ title: 'Application added', description: `${created.title} at ${created.company} · ${statusLabels[created.status]}`, tone: 'success' });
      onDone(created.id);
    },
    onError: (error) =>
      setFormError({ message: applyServerErrors(error, form.setError, ['jobId', 'status', 'appliedAt', 'nextInterviewAt', 'notes']), error }),
  });
  const submit = handleSubmit((values) => {
    setFormError(null);
    create.mutate(values);
  });
  const noJobsAtAll = jobs.data && jobs.data.total === 0 && !search;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      {formError?.message ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
      {noJobsAtAll ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          An application belongs to a job. Add the job first (Jobs → Add job), then come back here.
        </p>
      ) : null}
      <div className="flex flex-col gap-2">
        <FormField label="Find a job" description="Search your jobs by title, company or description">
          <Input type="search" value={jobSearch} onChange={(e) => setJobSearch(e.target.value)} placeholder="Search…" autoFocus={!jobId} />
        </FormField>
        <FormField label="Job" required error={errors.jobId?.message}>
          <Select {...register('jobId')} required>
            <option value="">{jobs.isPending ? 'Loading jobs…' : 'Choose a job'}</option>
            {jobs.data?.items.map((job) => (
              <option key={job.id} value={job.id}>
                {job.title} — {job.company}
              </option>
            ))}
          </Select>
        </FormField>
        <ExistingApplications jobId={chosenJob} />
        {jobs.data && jobs.data.total > jobs.data.items.length ? (
          <p className="text-xs text-muted-foreground">
            Showing {jobs.data.items.length} of {jobs.data.total.toLocaleString()} jobs: search to narrow the list.
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField label="Status" error={errors.status?.message}>
          <Select {...register('status')}>
            {applicationStatusValues.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Applied on" description="Leave empty for today when sent" error={errors.appliedAt?.message}>
          <Input type="date" {...register('appliedAt', { setValueAs: (v: string) => fromDateInput(v ?? '') })} />
        </FormField>
        <FormField label="Next interview" error={errors.nextInterviewAt?.message} className="sm:col-span-2">
          <Input type="datetime-local" {...register('nextInterviewAt', { setValueAs: nullIfEmpty })} />
        </FormField>
      </div>
      <FormField label="Notes" error={errors.notes?.message}>
        <Textarea rows={3} {...register('notes')} placeholder="Who referred you, what they asked…" />
      </FormField>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Add application
        </Button>
      </DialogFooter>
    </form>
  );
}

/** A job that already has an application: said before a second one is added by mistake (re-applying stays possible). */
function ExistingApplications({ jobId }: { jobId: string | undefined }) {
  const valid = Boolean(jobId && /^[0-9a-f-]{36}$/i.test(jobId));
  const job = trpc.tracker.jobs.get.useQuery({ id: jobId ?? '' }, { enabled: valid });
  const existing = valid ? (job.data?.applications ?? []) : [];
  if (!existing.length) return null;
  const latest = existing[0]!;
  return (
    <p className="rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-sm" role="status" data-testid="existing-applications">
      {existing.length === 1 ? 'You already have an application for this job' : `You already have ${existing.length} applications for this job`} (
      {statusLabels[latest.status]}
      {latest.appliedAt ? `, applied ${formatDay(latest.appliedAt)}` : ''}). Add another only if you are applying again.
    </p>
  );
}
