import { setSkillsInput } from '@tessera/validation/tracker';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import * as skills from './skills.service';

export const skillsRouter = {
  list: authedProcedure.query(({ ctx }) => skills.listSkills(ctx)),
  /** Replaces the whole list. */
  set: authedProcedure.input(setSkillsInput).mutation(({ ctx, input }) => skills.setSkills(ctx, input)),
} satisfies TRPCRouterRecord;
