import {
  deleteUserInput,
  getUserInput,
  listAuditInput,
  listMailInput,
  listUsersInput,
  setActiveInput,
  setRoleInput,
} from '@tessera/validation/admin';
import type { TRPCRouterRecord } from '@trpc/server';
import { adminProcedure } from '../../trpc';
import { queuesRouter } from './queues';
import * as admin from './service';

export const adminRouter = {
  users: {
    list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => admin.listUsers(ctx, input)),
    get: adminProcedure.input(getUserInput).query(({ ctx, input }) => admin.getUser(ctx, input)),
    setRole: adminProcedure.input(setRoleInput).mutation(({ ctx, input }) => admin.setRole(ctx, input)),
    setActive: adminProcedure.input(setActiveInput).mutation(({ ctx, input }) => admin.setActive(ctx, input)),
    delete: adminProcedure.input(deleteUserInput).mutation(({ ctx, input }) => admin.deleteUser(ctx, input)),
  },
  audit: {
    list: adminProcedure.input(listAuditInput).query(({ ctx, input }) => admin.listAudit(ctx, input)),
  },
  /** The mail outbox: every message sent (the delivery itself when no SMTP server is configured). */
  mail: {
    list: adminProcedure.input(listMailInput).query(({ ctx, input }) => admin.listMail(ctx, input)),
  },
  /** The job queue: depth per queue, failed jobs with their error, retry (see queues.ts). */
  queues: queuesRouter,
} satisfies TRPCRouterRecord;
