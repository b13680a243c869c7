import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@tessera/ui/alert';
import { Button } from '@tessera/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@tessera/ui/dialog';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { Textarea } from '@tessera/ui/textarea';
import { useToast } from '@tessera/ui/toast';
import { jobInput, jobRemoteValues, jobTypeValues } from '@tessera/validation/tracker';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { formatDay, jobTypeLabels, remoteLabels, statusLabels } from './format';
import { useDebounced } from './use-debounced';

type JobFormInput = z.input<typeof jobInput>;
type JobFormOutput = z.output<typeof jobInput>;

const jobFormFields = [
  'title',
  'company',
  'description',
  'location',
  'remote',
  'jobType',
  'salaryMin',
  'salaryMax',
  'salaryCurrency',
  'techStack',
  'url',
  'source',
  'postedAt',
] as const;
/** The API names fields `title` on create and `changes.title` on update. */
const serverFieldMap = Object.fromEntries(jobFormFields.flatMap((f) => [[f, f], [`changes.${f}`, f]]));

export interface EditableJob {
  id: string;
  title: string;
  company: string;
  description?: string | null;
  location: string | null;
  remote: JobFormInput['remote'];
  jobType: JobFormInput['jobType'];
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  techStack: string[];
  url: string | null;
  source: string | null;
  postedAt: string | null;
}

function defaultsOf(job: EditableJob | undefined): JobFormInput {
  return {
    title: job?.title ?? '',
    company: job?.company ?? '',
    description: job?.description ?? '',
    location: job?.location ?? '',
    remote: job?.remote ?? null,
    jobType: job?.jobType ?? null,
    salaryMin: job?.salaryMin ?? null,
    salaryMax: job?.salaryMax ?? null,
    salaryCurrency: job?.salaryCurrency ?? null,
    techStack: job?.techStack.join(', ') ?? '',
    url: job?.url ?? '',
    source: job?.source ?? '',
    postedAt: job?.postedAt ?? null,
  };
}

/** Suggestions for the currency field (any ISO code is accepted). */
const commonCurrencies = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'CNY', 'INR', 'SEK', 'NOK', 'DKK', 'PLN', 'BRL', 'MXN', 'SGD', 'NZD', 'ZAR'];
const emptyToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const toAmount = (value: unknown) => (value === '' || value == null ? null : Number(value));

/** Add or edit a job: validated with the API's own schema, the API's field errors land on the fields. */
export function JobFormDialog({
  open,
  onOpenChange,
  jobId,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this job (loaded with its description); add a new one when absent. */
  jobId?: string;
  onSaved?: (job: { id: string; title: string; company: string }) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{jobId ? 'Edit job' : 'Add a job'}</DialogTitle>
          <DialogDescription>
            {jobId ? 'Changes apply to every application for this job.' : 'A job you found: apply to it now or save it for later.'}
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so each opening starts from the job's current values. */}
        {open ? (
          <JobFormLoader
            jobId={jobId}
            onDone={(saved) => {
              onOpenChange(false);
              onSaved?.(saved);
            }}
            onCancel={() => onOpenChange(false)}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function JobFormLoader({ jobId, onDone, onCancel }: { jobId?: string; onDone: (job: { id: string; title: string; company: string }) => void; onCancel: () => void }) {
  const job = trpc.tracker.jobs.get.useQuery({ id: jobId ?? '' }, { enabled: Boolean(jobId), staleTime: 0 });
  if (!jobId) return <JobForm onDone={onDone} onCancel={onCancel} />;
  if (job.error) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  if (!job.data) {
    return (
      <div className="grid grid-cols-2 gap-4" aria-busy="true" aria-label="Loading the job">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-14" />
        ))}
      </div>
    );
  }
  return <JobForm job={job.data} onDone={onDone} onCancel={onCancel} />;
}

function JobForm({ job, onDone, onCancel }: { job?: EditableJob; onDone: (job: { id: string; title: string; company: string }) => void; onCancel: () => void }) {
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const [formError, setFormError] = useState<{ message: string | null; error: unknown } | null>(null);
  const form = useForm<JobFormInput, unknown, JobFormOutput>({ resolver: zodResolver(jobInput), defaultValues: defaultsOf(job) });
  const { register, handleSubmit, formState } = form;
  const errors = formState.errors;

  const onSuccess = (saved: { id: string; title: string; company: string }) => {
    void utils.tracker.jobs.invalidate();
    void utils.tracker.applications.invalidate();
    void utils.tracker.analytics.invalidate();
    toast({ title: job ? 'Job saved' : 'Job added', description: `${saved.title} at ${saved.company}`, tone: 'success' });
    onDone(saved);
  };
  const onError = (error: unknown) => setFormError({ message: applyServerErrors(error, form.setError, serverFieldMap), error });
  const create = trpc.tracker.jobs.create.useMutation({ onSuccess, onError });
  const update = trpc.tracker.jobs.update.useMutation({ onSuccess, onError });
  const sameUrl = useTrackedPosting(useWatch({ control: form.control, name: 'url' }), job?.id);

  const submit = handleSubmit((values) => {
    setFormError(null);
    // Only what was edited: a concurrent change to another field (another tab) is not undone.
    if (job) {
      const dirty = form.formState.dirtyFields as Partial<Record<keyof JobFormOutput, unknown>>;
      const changes = Object.fromEntries(Object.entries(values).filter(([key]) => dirty[key as keyof JobFormOutput]));
      update.mutate({ id: job.id, changes });
    }
    else create.mutate(values);
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      {formError?.message ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField label="Title" required error={errors.title?.message}>
          <Input {...register('title')} autoComplete="off" autoFocus placeholder="Senior frontend engineer" required />
        </FormField>
        <FormField label="Company" required error={errors.company?.message}>
          <Input {...register('company')} autoComplete="organization" placeholder="Acme" required />
        </FormField>
        <FormField label="Location" error={errors.location?.message}>
          <Input {...register('location')} placeholder="Berlin" />
        </FormField>
        <FormField label="Work mode" error={errors.remote?.message}>
          <Select {...register('remote', { setValueAs: emptyToNull })}>
            <option value="">Not specified</option>
            {jobRemoteValues.map((v) => (
              <option key={v} value={v}>
                {remoteLabels[v]}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Job type" error={errors.jobType?.message}>
          <Select {...register('jobType', { setValueAs: emptyToNull })}>
            <option value="">Not specified</option>
            {jobTypeValues.map((v) => (
              <option key={v} value={v}>
                {jobTypeLabels[v]}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Posted on" error={errors.postedAt?.message}>
          <Input type="date" {...register('postedAt', { setValueAs: emptyToNull })} />
        </FormField>
        <div className="grid grid-cols-[1fr_1fr_5.5rem] gap-2 sm:col-span-2">
          <FormField label="Salary from" error={errors.salaryMin?.message}>
            <Input type="number" inputMode="numeric" min={0} step={1000} {...register('salaryMin', { setValueAs: toAmount })} />
          </FormField>
          <FormField label="Salary to" error={errors.salaryMax?.message}>
            <Input type="number" inputMode="numeric" min={0} step={1000} {...register('salaryMax', { setValueAs: toAmount })} />
          </FormField>
          <FormField label="Currency" error={errors.salaryCurrency?.message}>
            {/* No maxLength: "dollars" cut to "DOL" saved a made-up code; the schema now says what to type. */}
            <Input {...register('salaryCurrency', { setValueAs: emptyToNull })} placeholder="EUR" list="tracker-currencies" autoComplete="off" className="uppercase" />
          </FormField>
          <datalist id="tracker-currencies">
            {commonCurrencies.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
        </div>
        <FormField label="Tech stack" description="Separate skills with commas: React, TypeScript, Postgres" error={errors.techStack?.message} className="sm:col-span-2">
          <Input {...register('techStack')} placeholder="React, TypeScript" />
        </FormField>
        <FormField label="Job posting URL" error={errors.url?.message}>
          <Input type="url" inputMode="url" {...register('url')} placeholder="https://" />
        </FormField>
        <FormField label="Source" description="Where you found it" error={errors.source?.message}>
          <Input {...register('source')} placeholder="LinkedIn, referral…" />
        </FormField>
        {sameUrl.length ? <AlreadyTracked jobs={sameUrl} editing={Boolean(job)} /> : null}
        <FormField label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={4} {...register('description')} />
        </FormField>
      </div>
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending || update.isPending}>
          {job ? 'Save job' : 'Add job'}
        </Button>
      </DialogFooter>
    </form>
  );
}

type TrackedPosting = { id: string; title: string; company: string; createdAt: Date | string; latestStatus: keyof typeof statusLabels | null };

/** The person's other jobs at the posting the URL field names (checked once typing pauses). */
function useTrackedPosting(url: string | null | undefined, excludeId: string | undefined): TrackedPosting[] {
  const typed = useDebounced((url ?? '').trim(), 400);
  const posting = /^https?:\/\/[^\s]+$/i.test(typed) ? typed : null;
  const found = trpc.tracker.jobs.findByUrl.useQuery({ url: posting ?? '', excludeId }, { enabled: posting !== null, staleTime: 30_000 });
  return posting && found.data ? found.data.jobs : [];
}

/** A warning, not a refusal: the same posting can be worth a second job (another team, a re-post). */
function AlreadyTracked({ jobs, editing }: { jobs: TrackedPosting[]; editing: boolean }) {
  return (
    <Alert tone="warning" title="You already track this posting" className="sm:col-span-2" data-testid="already-tracked">
      <ul className="flex flex-col gap-0.5">
        {jobs.map((tracked) => (
          <li key={tracked.id}>
            <span className="font-medium text-foreground">{tracked.title}</span> at {tracked.company} — added {formatDay(tracked.createdAt)},{' '}
            {tracked.latestStatus ? statusLabels[tracked.latestStatus].toLowerCase() : 'no application yet'}
          </li>
        ))}
      </ul>
      <p className="mt-1">{editing ? 'Saving keeps both jobs.' : 'Adding it again makes a second job for the same posting.'}</p>
    </Alert>
  );
}
