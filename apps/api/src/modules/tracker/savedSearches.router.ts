import { byIdInput } from '@tessera/validation/common';
import { createSavedSearchInput, updateSavedSearchInput } from '@tessera/validation/tracker';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import * as savedSearches from './savedSearches.service';

export const savedSearchesRouter = {
  list: authedProcedure.query(({ ctx }) => savedSearches.listSavedSearches(ctx)),
  create: authedProcedure.input(createSavedSearchInput).mutation(({ ctx, input }) => savedSearches.createSavedSearch(ctx, input)),
  /** Rename, change the filters, or turn notifications on/off. */
  update: authedProcedure.input(updateSavedSearchInput).mutation(({ ctx, input }) => savedSearches.updateSavedSearch(ctx, input)),
  delete: authedProcedure.input(byIdInput).mutation(({ ctx, input }) => savedSearches.deleteSavedSearch(ctx, input)),
} satisfies TRPCRouterRecord;
