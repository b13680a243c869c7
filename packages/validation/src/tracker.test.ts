import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApplicationInput, interviewSchema, jobInput, setApplicationStatusInput } from './tracker';

describe('tracker job schema messages', () => {
  it('says a salary must be a number, not zod’s "expected number, received string"', () => {
    const result = jobInput.safeParse({ title: 'Engineer', company: 'Acme', salaryMin: 'abc' });
    expect(result.success).toBe(false);
    if (!result.success) expect(z.flattenError(result.error).fieldErrors.salaryMin).toEqual(['Must be a number, such as 85000']);
  });

  it('keeps the other salary messages', () => {
    const result = jobInput.safeParse({ title: 'Engineer', company: 'Acme', salaryMin: 1.5, salaryMax: -1 });
    expect(result.success).toBe(false);
    if (!result.success) {
      const fields = z.flattenError(result.error).fieldErrors;
      expect(fields.salaryMin).toEqual(['Must be a whole number']);
      expect(fields.salaryMax).toEqual(['Must be 0 or more']);
    }
  });

  it('puts a too-long skill on the tech stack field itself, naming it (a form shows the field’s own error)', () => {
    const long = 'VeryLongSkillNameWithoutAnySpaces'.repeat(2);
    const result = jobInput.safeParse({ title: 'Engineer', company: 'Acme', techStack: `Rust, ${long}` });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues.map((issue) => issue.path)).toEqual([['techStack']]);
      expect(z.flattenError(result.error).fieldErrors.techStack).toEqual(['Each skill must be at most 60 characters: “VeryLongSkillNameWithout…” has 66']);
    }
    expect(jobInput.safeParse({ title: 'Engineer', company: 'Acme', techStack: 'x'.repeat(60) }).success).toBe(true);
  });
});

describe('tracker salary currency', () => {
  it('takes ISO codes in any case and refuses made-up ones ("dollars" used to be cut to "DOL" by the form)', () => {
    const currency = (salaryCurrency: string) => {
      const result = jobInput.safeParse({ title: 'Engineer', company: 'Acme', salaryCurrency });
      return result.success ? result.data.salaryCurrency : z.flattenError(result.error).fieldErrors.salaryCurrency;
    };
    expect(currency('usd')).toBe('USD');
    expect(currency(' chf ')).toBe('CHF');
    expect(currency('dol')).toEqual(['DOL is not a currency code (e.g. USD)']);
    expect(currency('dollars')).toEqual(['Use a 3-letter code such as USD']);
  });
});

describe('tracker application dates', () => {
  const day = 24 * 60 * 60 * 1000;
  const jobId = '00000000-0000-4000-8000-000000000001';

  it('refuses an applied date or a status date in the future (a typo such as 2062), with a day of slack for time zones ahead of UTC', () => {
    const future = new Date(Date.now() + 3 * day).toISOString();
    const created = createApplicationInput.safeParse({ jobId, status: 'applied', appliedAt: future, statusChangedAt: future });
    expect(created.success).toBe(false);
    if (!created.success) {
      const fields = z.flattenError(created.error).fieldErrors;
      expect(fields.appliedAt).toEqual(["The applied date can't be in the future"]);
      expect(fields.statusChangedAt).toEqual(["The date of the status change can't be in the future"]);
    }
    expect(setApplicationStatusInput.safeParse({ id: jobId, status: 'offer', at: future }).success).toBe(false);
    // Tomorrow in UTC is today in Auckland; last year's date is kept as given.
    const tomorrow = new Date(Date.now() + day / 2).toISOString().slice(0, 10);
    expect(createApplicationInput.safeParse({ jobId, appliedAt: tomorrow }).success).toBe(true);
    expect(createApplicationInput.safeParse({ jobId, appliedAt: '2025-03-01' }).success).toBe(true);
  });

  it('says to choose a job when none was chosen', () => {
    const result = createApplicationInput.safeParse({ jobId: '', status: 'applied' });
    expect(result.success ? [] : z.flattenError(result.error).fieldErrors.jobId).toEqual(['Choose a job']);
    const garbage = createApplicationInput.safeParse({ jobId: 'nope', status: 'applied' });
    expect(garbage.success ? [] : z.flattenError(garbage.error).fieldErrors.jobId).toEqual(['Must be a valid id']);
  });

  it('says an interview needs its date when the field is empty, and that garbage is not a date', () => {
    const messages = (at: unknown) => {
      const result = interviewSchema.safeParse({ at, kind: 'video' });
      return result.success ? [] : z.flattenError(result.error).fieldErrors.at;
    };
    expect(messages('')).toEqual(["Pick the interview's date and time"]);
    expect(messages(undefined)).toEqual(["Pick the interview's date and time"]);
    expect(messages('next tuesday')).toEqual(['Must be a date']);
    // Interviews are usually ahead: a future date is fine.
    expect(messages(new Date(Date.now() + 7 * day).toISOString())).toEqual([]);
  });
});
