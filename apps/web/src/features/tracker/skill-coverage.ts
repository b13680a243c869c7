/**
 * The Skills page's side card copy. With no skills named by any job there is nothing to cover,
 * so "You cover 0% of the 0 skills… Nothing missing." would mislead: say how to get a comparison.
 */
export function skillCoverageCopy(gap: { demandedSkills: number; coveragePercent: number | null }): { description: string; empty: string } {
  if (gap.demandedSkills === 0) {
    return {
      description: 'None of your jobs names a skill yet.',
      empty: 'Add a tech stack to your jobs (React, Go…) and the skills they ask for that you lack appear here.',
    };
  }
  const skills = gap.demandedSkills === 1 ? 'the 1 skill' : `the ${gap.demandedSkills.toLocaleString()} skills`;
  return { description: `You cover ${gap.coveragePercent ?? 0}% of ${skills} your jobs name.`, empty: 'Nothing missing: you list every skill your jobs ask for.' };
}
