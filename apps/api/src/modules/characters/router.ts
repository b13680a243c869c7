import {
  deleteCharacterInput,
  duplicateCharacterInput,
  exportCharacterInput,
  generateCharacterInput,
  getCharacterInput,
  listCharactersInput,
  regenerateCharacterInput,
  regenerateSectionInput,
  shareCharacterInput,
  sharedCharacterInput,
  updateCharacterInput,
} from '@tessera/validation/characters';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure, publicProcedure } from '../../trpc';
import * as characters from './service';

export const charactersRouter = {
  generate: authedProcedure.input(generateCharacterInput).mutation(({ ctx, input }) => characters.generate(ctx, input)),
  /** The same generation, streamed: `partial` events section by section, then `saved`. */
  onGenerate: authedProcedure.input(generateCharacterInput).subscription(({ ctx, input, signal }) => characters.generateStream(ctx, input, signal)),
  list: authedProcedure.input(listCharactersInput).query(({ ctx, input }) => characters.list(ctx, input)),
  get: authedProcedure.input(getCharacterInput).query(({ ctx, input }) => characters.get(ctx, input)),
  update: authedProcedure.input(updateCharacterInput).mutation(({ ctx, input }) => characters.update(ctx, input)),
  regenerate: authedProcedure.input(regenerateCharacterInput).mutation(({ ctx, input }) => characters.regenerate(ctx, input)),
  regenerateSection: authedProcedure.input(regenerateSectionInput).mutation(({ ctx, input }) => characters.regenerateSection(ctx, input)),
  duplicate: authedProcedure.input(duplicateCharacterInput).mutation(({ ctx, input }) => characters.duplicate(ctx, input)),
  delete: authedProcedure.input(deleteCharacterInput).mutation(({ ctx, input }) => characters.remove(ctx, input)),
  export: authedProcedure.input(exportCharacterInput).query(({ ctx, input }) => characters.exportCharacter(ctx, input)),
  /** Generations used this minute and today, with when each frees up. */
  quota: authedProcedure.query(({ ctx }) => characters.quota(ctx)),
  share: {
    enable: authedProcedure.input(shareCharacterInput).mutation(({ ctx, input }) => characters.enableShare(ctx, input)),
    disable: authedProcedure.input(shareCharacterInput).mutation(({ ctx, input }) => characters.disableShare(ctx, input)),
  },
  /** Public and read-only: a shared character, only while its link is enabled. */
  shared: publicProcedure.input(sharedCharacterInput).query(({ ctx, input }) => characters.shared(ctx, input)),
} satisfies TRPCRouterRecord;
