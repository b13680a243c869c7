import { schema } from '@tessera/db';
import type { setSkillsInput } from '@tessera/validation/tracker';
import { asc } from 'drizzle-orm';
import type { z } from 'zod';
import { ownedBy } from '../../platform/ownership';
import { afterWrite, type TrackerContext } from './shared';

const { userSkills } = schema;

export async function listSkills(ctx: TrackerContext) {
  const items = await ctx.db
    .select({ id: userSkills.id, name: userSkills.name, level: userSkills.level })
    .from(userSkills)
    .where(ownedBy(userSkills.userId, ctx.auth))
    .orderBy(asc(userSkills.name));
  return { items, total: items.length };
}

/** Replaces the whole list (the skills page saves it as one form). */
export async function setSkills(ctx: TrackerContext, input: z.output<typeof setSkillsInput>) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(userSkills).where(ownedBy(userSkills.userId, ctx.auth));
    if (input.skills.length) {
      await tx.insert(userSkills).values(input.skills.map((s) => ({ userId: ctx.auth.user.id, name: s.name, level: s.level, createdAt: ctx.clock() })));
    }
  });
  await afterWrite(ctx, ['skills']);
  return listSkills(ctx);
}
