import { Badge } from '@tessera/ui/badge';
import { Button } from '@tessera/ui/button';
import { Checkbox } from '@tessera/ui/checkbox';
import { FormField } from '@tessera/ui/form-field';
import { Input } from '@tessera/ui/input';
import { Popover, PopoverContent, PopoverTrigger } from '@tessera/ui/popover';
import { Select } from '@tessera/ui/select';
import { type ApplicationStatus, applicationStatusValues, jobRemoteValues, jobTypeValues } from '@tessera/validation/tracker';
import { Search, SlidersHorizontal, X } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { jobTypeLabels, remoteLabels, statusLabels } from './format';
import { countFilters, type FilterSearch } from './search-params';
import { useDebounced } from './use-debounced';

export type Filters = FilterSearch & { status?: ApplicationStatus[] };

/** Search as you type: the URL follows once typing pauses. */
export function SearchBox({ value, onChange, label }: { value: string | undefined; onChange: (q: string | undefined) => void; label: string }) {
  const [text, setText] = useState(value ?? '');
  const debounced = useDebounced(text, 300);
  useEffect(() => {
    if ((debounced.trim() || undefined) !== value) onChange(debounced.trim() || undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing drives this
  }, [debounced]);
  return (
    <div className="relative w-full sm:max-w-xs">
      <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
      <Input type="search" aria-label={label} placeholder="Search title, company, description…" className="pl-9" value={text} onChange={(e) => setText(e.target.value)} />
    </div>
  );
}

function toggle<T>(list: T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = on ? [...(list ?? []), value] : (list ?? []).filter((v) => v !== value);
  return next.length ? next : undefined;
}

function CheckboxGroup<T extends string>({ legend, values, labels, selected, onChange }: { legend: string; values: readonly T[]; labels: Record<T, string>; selected: T[] | undefined; onChange: (next: T[] | undefined) => void }) {
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="grid grid-cols-2 gap-1.5">
        {values.map((value) => {
          const id = `filter-${legend}-${value}`.replace(/\s+/g, '-');
          return (
            <div key={value} className="flex items-center gap-2">
              <Checkbox id={id} checked={selected?.includes(value) ?? false} onCheckedChange={(on) => onChange(toggle(selected, value, on === true))} />
              <label htmlFor={id} className="text-sm">
                {labels[value]}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

const numberOrUndefined = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Math.max(0, Math.round(Number(text))));

/**
 * Every filter of the lists in one popover. Changes are drafted and applied together, so the
 * table does not reload on every keystroke; "Clear" empties them all.
 */
export function FiltersPopover({ value, onApply, withStatus }: { value: Filters; onApply: (next: Filters) => void; withStatus?: boolean }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Filters>(value);
  const [techText, setTechText] = useState((value.tech ?? []).join(', '));
  const count = countFilters(value);
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const tech = techText.split(/[,|]/).map((s) => s.trim()).filter(Boolean);
    onApply({ ...draft, tech: tech.length ? tech : undefined, techMode: tech.length ? draft.techMode : undefined });
    setOpen(false);
  };
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setDraft(value);
          setTechText((value.tech ?? []).join(', '));
        }
      }}
    >
      <PopoverTrigger asChild>
        <Button variant="secondary">
          <SlidersHorizontal aria-hidden="true" />
          Filters
          {count ? <Badge tone="primary">{count}</Badge> : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Filters" align="start" className="max-h-[min(36rem,var(--radix-popover-content-available-height))] w-[22rem] overflow-y-auto p-4">
        <form onSubmit={apply} className="flex flex-col gap-4">
          {withStatus ? (
            <CheckboxGroup legend="Status" values={applicationStatusValues} labels={statusLabels} selected={draft.status} onChange={(status) => set({ status })} />
          ) : null}
          <FormField label="Location">
            <Input value={draft.location ?? ''} onChange={(e) => set({ location: e.target.value || undefined })} placeholder="Berlin" />
          </FormField>
          <CheckboxGroup legend="Work mode" values={jobRemoteValues} labels={remoteLabels} selected={draft.remote} onChange={(remote) => set({ remote })} />
          <CheckboxGroup legend="Job type" values={jobTypeValues} labels={jobTypeLabels} selected={draft.jobType} onChange={(jobType) => set({ jobType })} />
          <fieldset className="grid grid-cols-2 gap-2">
            <legend className="mb-1 text-sm font-medium">Salary range</legend>
            <Input type="number" min={0} step={1000} aria-label="Salary at least" placeholder="From" value={draft.salaryFrom ?? ''} onChange={(e) => set({ salaryFrom: numberOrUndefined(e.target.value) })} />
            <Input type="number" min={0} step={1000} aria-label="Salary at most" placeholder="To" value={draft.salaryTo ?? ''} onChange={(e) => set({ salaryTo: numberOrUndefined(e.target.value) })} />
          </fieldset>
          <div className="grid grid-cols-[1fr_6.5rem] items-end gap-2">
            <FormField label="Tech stack" description="Comma-separated">
              <Input value={techText} onChange={(e) => setTechText(e.target.value)} placeholder="React, Go" />
            </FormField>
            {/* The margin goes on a wrapper: on the <select> it pushes the chevron off centre. */}
            <div className="mb-5">
              <Select aria-label="Match" value={draft.techMode ?? 'any'} onChange={(e) => set({ techMode: e.target.value === 'all' ? 'all' : undefined })}>
                <option value="any">Any of</option>
                <option value="all">All of</option>
              </Select>
            </div>
          </div>
          <fieldset className="grid grid-cols-2 gap-2">
            <legend className="mb-1 text-sm font-medium">{withStatus ? 'Applied between' : 'Posted between'}</legend>
            <Input type="date" aria-label="From" value={draft.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
            <Input type="date" aria-label="To" value={draft.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
          </fieldset>
          <div className="flex justify-between gap-2 border-t border-border pt-3">
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                onApply({});
                setOpen(false);
              }}
            >
              Clear all
            </Button>
            <Button type="submit">Apply filters</Button>
          </div>
        </form>
      </PopoverContent>
    </Popover>
  );
}

/** The active filters as removable chips, so the table says what it is showing. */
export function FilterChips({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const chips: { key: string; label: string; clear: Partial<Filters> }[] = [];
  if (value.status) chips.push({ key: 'status', label: `Status: ${value.status.map((s) => statusLabels[s]).join(', ')}`, clear: { status: undefined } });
  if (value.location) chips.push({ key: 'location', label: `Location: ${value.location}`, clear: { location: undefined } });
  if (value.remote) chips.push({ key: 'remote', label: value.remote.map((r) => remoteLabels[r]).join(', '), clear: { remote: undefined } });
  if (value.jobType) chips.push({ key: 'jobType', label: value.jobType.map((t) => jobTypeLabels[t]).join(', '), clear: { jobType: undefined } });
  if (value.salaryFrom !== undefined || value.salaryTo !== undefined) {
    chips.push({ key: 'salary', label: `Salary ${value.salaryFrom?.toLocaleString() ?? '0'}–${value.salaryTo?.toLocaleString() ?? '∞'}`, clear: { salaryFrom: undefined, salaryTo: undefined } });
  }
  if (value.tech) chips.push({ key: 'tech', label: `${value.techMode === 'all' ? 'All of' : 'Any of'}: ${value.tech.join(', ')}`, clear: { tech: undefined, techMode: undefined } });
  if (value.from || value.to) chips.push({ key: 'dates', label: `${value.from ?? '…'} → ${value.to ?? '…'}`, clear: { from: undefined, to: undefined } });
  if (!chips.length) return null;
  return (
    <ul className="flex flex-wrap items-center gap-2" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.key}>
          <button
            type="button"
            onClick={() => onChange({ ...value, ...chip.clear })}
            className="inline-flex items-center gap-1 rounded-full border border-border bg-muted px-2.5 py-1 text-xs outline-none hover:bg-secondary-hover focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Remove filter ${chip.label}`}
          >
            {chip.label}
            <X aria-hidden="true" className="size-3" />
          </button>
        </li>
      ))}
    </ul>
  );
}
