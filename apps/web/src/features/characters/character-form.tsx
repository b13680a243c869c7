import { zodResolver } from '@hookform/resolvers/zod';
import { Button } from '@tessera/ui/button';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Select } from '@tessera/ui/select';
import { Textarea } from '@tessera/ui/textarea';
import {
  type CharacterForm,
  type CharacterFormInput,
  characterAgeRanges,
  characterAlignments,
  characterFormSchema,
  characterGenres,
  characterTones,
  roleSuggestions,
  speciesSuggestions,
} from '@tessera/validation/characters';
import { Dices, Sparkles } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { humanize } from './sheet-state';

/** Empty selects and inputs mean "let the model choose". */
const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const seedValue = (value: unknown) => {
  if (value === '' || value === null || value === undefined) return undefined;
  return typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
};

export const defaultCharacterForm: CharacterFormInput = { genre: 'fantasy' };

export interface CharacterFormProps {
  onGenerate: (form: CharacterForm) => void;
  generating: boolean;
  defaultValues?: CharacterFormInput;
}

/** The generation form, validated inline by the same zod schema the API uses. */
export function CharacterGenerationForm({ onGenerate, generating, defaultValues = defaultCharacterForm }: CharacterFormProps) {
  const form = useForm<CharacterFormInput, unknown, CharacterForm>({
    resolver: zodResolver(characterFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const { register, formState, watch, setValue } = form;
  const errors = formState.errors;
  const genre = watch('genre') ?? 'fantasy';
  const hints = watch('hints') ?? '';

  return (
    <form
      aria-label="Character generation"
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => void form.handleSubmit(onGenerate)(event)}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Genre" required error={errors.genre?.message}>
          <Select {...register('genre')} required>
            {characterGenres.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Setting" description="A place or era, e.g. “a drowned port city”." error={errors.setting?.message}>
          <Input {...register('setting')} autoComplete="off" maxLength={220} />
        </FormField>
        <FormField label="Species" error={errors.species?.message}>
          <Input {...register('species')} list="character-species-suggestions" autoComplete="off" placeholder="Any" />
        </FormField>
        <FormField label="Role or class" error={errors.role?.message}>
          <Input {...register('role')} list="character-role-suggestions" autoComplete="off" placeholder="Any" />
        </FormField>
        <FormField label="Alignment" error={errors.alignment?.message}>
          <Select {...register('alignment', { setValueAs: emptyToUndefined })}>
            <option value="">Any</option>
            {characterAlignments.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Tone" error={errors.tone?.message}>
          <Select {...register('tone', { setValueAs: emptyToUndefined })}>
            <option value="">Any</option>
            {characterTones.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField label="Age range" error={errors.ageRange?.message}>
          <Select {...register('ageRange', { setValueAs: emptyToUndefined })}>
            <option value="">Any</option>
            {characterAgeRanges.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </Select>
        </FormField>
        <div className="relative">
          <FormField label="Seed" description="Optional. The same inputs and seed give the same character." error={errors.seed?.message}>
            <Input {...register('seed', { setValueAs: seedValue })} inputMode="numeric" autoComplete="off" placeholder="Random" className="pr-10" />
          </FormField>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="absolute top-[30px] right-1 size-7"
            aria-label="Pick a random seed"
            title="Pick a random seed"
            onClick={() => setValue('seed', Math.floor(Math.random() * 2_147_483_647), { shouldValidate: true })}
          >
            <Dices aria-hidden="true" />
          </Button>
        </div>
      </div>
      <FormField
        label="Hints"
        description={`Anything the character must have: a secret, a rival, a trade. ${hints.length} / 1000`}
        error={errors.hints?.message}
      >
        <Textarea {...register('hints')} rows={3} placeholder="e.g. raised by smugglers, afraid of deep water" />
      </FormField>
      <datalist id="character-species-suggestions">
        {speciesSuggestions[genre].map((value) => <option key={value} value={value} />)}
      </datalist>
      <datalist id="character-role-suggestions">
        {roleSuggestions[genre].map((value) => <option key={value} value={value} />)}
      </datalist>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={generating}>
          <Sparkles aria-hidden="true" />
          {generating ? 'Generating…' : 'Generate character'}
        </Button>
        <p className="text-xs text-muted-foreground">Fields left on “Any” are up to the model.</p>
      </div>
    </form>
  );
}
