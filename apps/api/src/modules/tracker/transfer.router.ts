import { exportFileInput, importCsvInput, restoreInput } from '@tessera/validation/tracker';
import type { TRPCRouterRecord } from '@trpc/server';
import { authedProcedure } from '../../trpc';
import { importCsv } from './import.service';
import * as transfer from './transfer.service';

export const transferRouter = {
  /** Dry run (report only), all-or-nothing, or skip bad rows; the answer always carries the report. */
  importCsv: authedProcedure.input(importCsvInput).mutation(({ ctx, input }) => importCsv(ctx, input)),
  /** `{ filename, contentType, encoding: 'utf8' | 'base64', body }`; large CSV/JSON: GET /api/tracker/export. */
  exportFile: authedProcedure.input(exportFileInput).mutation(({ ctx, input }) => transfer.exportFile(ctx, input)),
  backup: authedProcedure.mutation(({ ctx }) => transfer.backup(ctx)),
  restore: authedProcedure.input(restoreInput).mutation(({ ctx, input }) => transfer.restore(ctx, input)),
} satisfies TRPCRouterRecord;
