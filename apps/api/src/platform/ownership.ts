import { TRPCError } from '@trpc/server';
import { type AnyColumn, eq, type SQL } from 'drizzle-orm';

/**
 * Ownership is structural: every per-user query in every module filters with `ownedBy`, and a
 * record that is missing or someone else's answers `notFound` — the same answer, so ids of other
 * people's records reveal nothing.
 */
export function ownedBy(ownerColumn: AnyColumn, actor: { user: { id: string } }): SQL {
  return eq(ownerColumn, actor.user.id);
}

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found.` });
}
