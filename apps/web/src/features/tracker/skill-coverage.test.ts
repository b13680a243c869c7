import { describe, expect, it } from 'vitest';
import { skillCoverageCopy } from './skill-coverage';

describe('skill coverage copy', () => {
  it('teaches instead of "0% of the 0 skills … Nothing missing" when no job names a skill', () => {
    const copy = skillCoverageCopy({ demandedSkills: 0, coveragePercent: null });
    expect(copy.description).toBe('None of your jobs names a skill yet.');
    expect(copy.empty).toMatch(/^Add a tech stack to your jobs/);
  });

  it('counts one skill in the singular and reports full coverage plainly', () => {
    expect(skillCoverageCopy({ demandedSkills: 1, coveragePercent: 100 })).toEqual({
      description: 'You cover 100% of the 1 skill your jobs name.',
      empty: 'Nothing missing: you list every skill your jobs ask for.',
    });
    expect(skillCoverageCopy({ demandedSkills: 12, coveragePercent: 25 }).description).toBe('You cover 25% of the 12 skills your jobs name.');
  });
});
