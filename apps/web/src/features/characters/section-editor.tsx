import { Button } from '@tessera/ui/button';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Textarea } from '@tessera/ui/textarea';
import { type CharacterSection, characterSectionLabels } from '@tessera/validation/characters';
import { Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { draftOf, parseDraft, type SectionDraft } from './section-draft';
import { statLabels, statNames } from './sheet-state';

export interface SectionEditorProps {
  section: CharacterSection;
  value: unknown;
  saving: boolean;
  onSave: (value: unknown) => void;
  onCancel: () => void;
}

/** Inline editor for one section; validates with the section's schema before saving. */
export function SectionEditor({ section, value, saving, onSave, onCancel }: SectionEditorProps) {
  const [draft, setDraft] = useState<SectionDraft>(() => draftOf(section, value));
  const [errors, setErrors] = useState<string[]>([]);
  const errorId = useId();
  const label = characterSectionLabels[section];
  const invalid = errors.length > 0;
  const described = invalid ? errorId : undefined;
  const many = (text: string) => `${text} One per line.`;

  const submit = () => {
    const result = parseDraft(section, draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    onSave(result.value);
  };

  const field = (() => {
    switch (draft.kind) {
      case 'text':
        return draft.multiline ? (
          <Textarea
            aria-label={label}
            aria-invalid={invalid || undefined}
            aria-describedby={described}
            autoFocus
            rows={10}
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
        ) : (
          <Input
            aria-label={label}
            aria-invalid={invalid || undefined}
            aria-describedby={described}
            autoFocus
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
        );
      case 'number':
        return (
          <Input
            aria-label={label}
            aria-invalid={invalid || undefined}
            aria-describedby={described}
            autoFocus
            inputMode="numeric"
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            className="max-w-40"
          />
        );
      case 'list':
        return (
          <FormField label={label} description="One entry per line.">
            <Textarea autoFocus rows={5} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
          </FormField>
        );
      case 'appearance':
        return (
          <div className="flex flex-col gap-3">
            <FormField label="Description">
              <Textarea autoFocus rows={4} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
            </FormField>
            <FormField label="Distinguishing features" description={many('Up to 6.')}>
              <Textarea rows={3} value={draft.features} onChange={(e) => setDraft({ ...draft, features: e.target.value })} />
            </FormField>
          </div>
        );
      case 'abilities':
        return (
          <fieldset className="flex flex-col gap-3">
            <legend className="sr-only">{label}</legend>
            {draft.rows.map((row, index) => (
              <div key={index} className="flex flex-col gap-2 rounded-md border border-border p-3">
                <div className="flex items-end gap-2">
                  <FormField label={`Ability ${index + 1} name`} className="min-w-0 flex-1">
                    <Input
                      autoFocus={index === 0}
                      value={row.name}
                      onChange={(e) => setDraft({ ...draft, rows: draft.rows.map((r, i) => (i === index ? { ...r, name: e.target.value } : r)) })}
                    />
                  </FormField>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove ability ${index + 1}`}
                    onClick={() => setDraft({ ...draft, rows: draft.rows.filter((_, i) => i !== index) })}
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </div>
                <FormField label={`Ability ${index + 1} description`}>
                  <Textarea
                    rows={2}
                    value={row.description}
                    onChange={(e) => setDraft({ ...draft, rows: draft.rows.map((r, i) => (i === index ? { ...r, description: e.target.value } : r)) })}
                  />
                </FormField>
              </div>
            ))}
            {draft.rows.length < 8 ? (
              <Button
                type="button"
                variant="secondary"
                size="sm"
                className="self-start"
                onClick={() => setDraft({ ...draft, rows: [...draft.rows, { name: '', description: '' }] })}
              >
                <Plus aria-hidden="true" />
                Add ability
              </Button>
            ) : null}
          </fieldset>
        );
      case 'stats':
        return (
          <fieldset className="grid grid-cols-3 gap-2 sm:grid-cols-6">
            <legend className="sr-only">{label}</legend>
            {statNames.map((name, index) => (
              <FormField key={name} label={<abbr title={statLabels[name].long}>{statLabels[name].short}</abbr>}>
                <Input
                  autoFocus={index === 0}
                  aria-label={statLabels[name].long}
                  inputMode="numeric"
                  value={draft.values[name]}
                  onChange={(e) => setDraft({ ...draft, values: { ...draft.values, [name]: e.target.value } })}
                />
              </FormField>
            ))}
          </fieldset>
        );
    }
  })();

  return (
    <form
      aria-label={`Edit ${label.toLowerCase()}`}
      noValidate
      className="flex flex-col gap-3 rounded-lg border border-primary/40 bg-subtle p-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
      }}
    >
      {field}
      {invalid ? (
        <ul id={errorId} role="alert" className="flex flex-col gap-0.5 text-xs font-medium text-error">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" loading={saving}>
          Save
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
