import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobInput } from './tracker';

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
