import type { JSX } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@tessera/ui/card';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Select } from '@tessera/ui/select';
import { Skeleton } from '@tessera/ui/skeleton';
import { useToast } from '@tessera/ui/toast';
import { setSkillsInput, skillLevelValues } from '@tessera/validation/tracker';
import { Plus, Sparkles, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ErrorAlert } from '../../lib/error-alert';
import { applyServerErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PageHeader } from './data-table';
import { levelLabels, plural } from './format';
import { skillCoverageCopy } from './skill-coverage';

type SkillsInput = z.input<typeof setSkillsInput>;
type SkillsOutput = z.output<typeof setSkillsInput>;

/** Route `/tracker/skills`: the skills you have, compared with what your jobs ask for. */
export function SkillsPage(): JSX.Element {
  useDocumentTitle('Skills · Tracker');
  const skills = trpc.tracker.skills.list.useQuery();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Your skills" description="List what you can do and how well: the skill gap in Analytics compares it with what your jobs ask for." />
      {skills.error ? <ErrorAlert error={skills.error} onRetry={() => void skills.refetch()} /> : null}
      {skills.data ? (
        <SkillsForm key={skills.dataUpdatedAt} initial={skills.data.items.map((s) => ({ name: s.name, level: s.level }))} />
      ) : skills.isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading skills">
          {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-10" />)}
        </div>
      ) : null}
    </div>
  );
}

function SkillsForm({ initial }: { initial: SkillsOutput['skills'] }) {
  const { toast } = useToast();
  const utils = trpc.useUtils();
  const gap = trpc.tracker.analytics.skillGap.useQuery({ limit: 12 });
  const [formError, setFormError] = useState<{ message: string | null; error: unknown } | null>(null);
  const form = useForm<SkillsInput, unknown, SkillsOutput>({ resolver: zodResolver(setSkillsInput), defaultValues: { skills: initial } });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'skills' });
  const save = trpc.tracker.skills.set.useMutation({
    onSuccess: (result) => {
      void utils.tracker.skills.invalidate();
      void utils.tracker.analytics.invalidate();
      toast({ tone: 'success', title: 'Skills saved', description: `${result.total} skill${result.total === 1 ? '' : 's'}` });
    },
    onError: (error) => {
      const fieldMap = Object.fromEntries(fields.flatMap((_, i) => [[`skills.${i}.name`, `skills.${i}.name`], [`skills.${i}.level`, `skills.${i}.level`]]));
      setFormError({ message: applyServerErrors(error, form.setError, fieldMap as Record<string, `skills.${number}.name`>), error });
    },
  });
  const submit = form.handleSubmit((values) => {
    setFormError(null);
    save.mutate(values);
  });
  const names = new Set((form.watch('skills') ?? []).map((s) => s.name.trim().toLowerCase()));
  const suggestions = (gap.data?.missing ?? []).filter((m) => !names.has(m.skill.toLowerCase()));
  const errors = form.formState.errors;
  const coverage = gap.data ? skillCoverageCopy(gap.data) : null;

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[1fr_20rem]">
      <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4" aria-label="Your skills">
        {formError?.message ? <ErrorAlert error={formError.error} message={formError.message} /> : null}
        {errors.skills?.message ? <ErrorAlert message={errors.skills.message} /> : null}
        {errors.skills?.root?.message ? <ErrorAlert message={errors.skills.root.message} /> : null}
        {fields.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed border-border px-6 py-10 text-center">
            <Sparkles aria-hidden="true" className="size-5 text-muted-foreground" />
            <p className="text-sm font-medium">No skills yet</p>
            <p className="max-w-sm text-sm text-muted-foreground">Add the skills you have — or pick from what your jobs ask for — to see how well you cover them.</p>
          </div>
        ) : (
          <ul className="flex flex-col gap-2">
            {fields.map((field, index) => (
              <li key={field.id} className="grid grid-cols-[1fr_9.5rem_auto] items-start gap-2">
                <FormField label={<span className="sr-only">Skill {index + 1}</span>} error={errors.skills?.[index]?.name?.message}>
                  <Input {...form.register(`skills.${index}.name`)} placeholder="TypeScript" />
                </FormField>
                <FormField label={<span className="sr-only">Level of skill {index + 1}</span>} error={errors.skills?.[index]?.level?.message}>
                  <Select {...form.register(`skills.${index}.level`)}>
                    {skillLevelValues.map((l) => <option key={l} value={l}>{levelLabels[l]}</option>)}
                  </Select>
                </FormField>
                <Button type="button" variant="ghost" size="icon" aria-label={`Remove skill ${index + 1}`} onClick={() => remove(index)} className="mt-1.5">
                  <Trash2 aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap justify-between gap-2">
          <Button type="button" variant="secondary" onClick={() => append({ name: '', level: 'intermediate' })}>
            <Plus aria-hidden="true" />
            Add skill
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>
            Save skills
          </Button>
        </div>
      </form>
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>Asked for by your jobs</CardTitle>
          <CardDescription>
            {coverage ? coverage.description : 'The skills your jobs name that you do not list.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {suggestions.length ? (
            <ul className="flex flex-wrap gap-2">
              {suggestions.map((m) => (
                <li key={m.skill}>
                  <button
                    type="button"
                    onClick={() => append({ name: m.skill, level: 'beginner' }, { shouldFocus: false })}
                    className="inline-flex items-center gap-1 rounded-full border border-border px-2.5 py-1 text-xs outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring"
                    title={`Add ${m.skill} to your skills (${plural(m.jobs, 'job')} ask for it)`}
                  >
                    <Plus aria-hidden="true" className="size-3" />
                    <span className="sr-only">Add </span>
                    {m.skill}{' '}
                    <Badge className="ml-0.5">
                      {m.jobs.toLocaleString()}
                      <span className="sr-only"> {m.jobs === 1 ? 'job' : 'jobs'}</span>
                    </Badge>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{coverage ? coverage.empty : '…'}</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
