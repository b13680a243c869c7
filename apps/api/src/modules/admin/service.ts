import { type DbOrTx, schema } from '@tessera/db';
import type { z } from 'zod';
import type { listAuditInput, listMailInput, listUsersInput } from '@tessera/validation/admin';
import type { UserRole } from '@tessera/validation/auth';
import { TRPCError } from '@trpc/server';
import { aliasedTable, and, count, desc, eq, gt, gte, ilike, isNotNull, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit';
import { afterCursor, pageOf } from '../../platform/pagination';
import { findPublicUser, publicUserColumns } from '../../platform/users';
import type { Context } from '../../trpc';

type AdminContext = Context & { auth: NonNullable<Context['auth']> };

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listUsers(ctx: AdminContext, input: z.output<typeof listUsersInput>) {
  const filters: (SQL | undefined)[] = [
    input.search ? or(ilike(schema.users.email, likePattern(input.search)), ilike(schema.users.name, likePattern(input.search))) : undefined,
    input.role ? eq(schema.users.role, input.role) : undefined,
    input.status === 'active' ? isNull(schema.users.deactivatedAt) : undefined,
    input.status === 'deactivated' ? isNotNull(schema.users.deactivatedAt) : undefined,
  ];
  const where = and(...filters);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select(publicUserColumns)
      .from(schema.users)
      .where(and(where, afterCursor(input.cursor, schema.users.createdAt, schema.users.id)))
      .orderBy(desc(schema.users.createdAt), desc(schema.users.id))
      .limit(input.limit + 1),
    ctx.db.select({ total: count() }).from(schema.users).where(where),
  ]);
  return { ...pageOf(rows, input.limit), total };
}

async function requireUser(db: DbOrTx, id: string) {
  const user = await findPublicUser(db, id);
  if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No user with that id.' });
  return user;
}

export async function getUser(ctx: AdminContext, input: { id: string }) {
  const user = await requireUser(ctx.db, input.id);
  const now = ctx.clock();
  const [sessions, tokens, events] = await Promise.all([
    ctx.db
      .select({
        id: schema.sessions.id,
        device: schema.sessions.device,
        ipAddress: schema.sessions.ipAddress,
        createdAt: schema.sessions.createdAt,
        lastSeenAt: schema.sessions.lastSeenAt,
        expiresAt: schema.sessions.expiresAt,
      })
      .from(schema.sessions)
      .where(and(eq(schema.sessions.userId, user.id), gt(schema.sessions.expiresAt, now)))
      .orderBy(desc(schema.sessions.lastSeenAt)),
    ctx.db
      .select({
        id: schema.personalAccessTokens.id,
        name: schema.personalAccessTokens.name,
        prefix: schema.personalAccessTokens.prefix,
        createdAt: schema.personalAccessTokens.createdAt,
        lastUsedAt: schema.personalAccessTokens.lastUsedAt,
        expiresAt: schema.personalAccessTokens.expiresAt,
      })
      .from(schema.personalAccessTokens)
      .where(and(eq(schema.personalAccessTokens.userId, user.id), isNull(schema.personalAccessTokens.revokedAt)))
      .orderBy(desc(schema.personalAccessTokens.createdAt)),
    ctx.db
      .select({
        id: schema.auditEvents.id,
        type: schema.auditEvents.type,
        ipAddress: schema.auditEvents.ipAddress,
        createdAt: schema.auditEvents.createdAt,
        metadata: schema.auditEvents.metadata,
      })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.targetUserId, user.id))
      .orderBy(desc(schema.auditEvents.createdAt), desc(schema.auditEvents.id))
      .limit(50),
  ]);
  return { user: { ...user, emailVerified: user.emailVerifiedAt !== null }, sessions, tokens, events };
}

/** Refuses any change that would leave the installation without an active admin. */
async function assertNotLastAdmin(db: DbOrTx, user: { id: string; role: UserRole; deactivatedAt: Date | null }, action: string) {
  if (user.role !== 'admin' || user.deactivatedAt) return;
  const [{ others } = { others: 0 }] = await db
    .select({ others: count() })
    .from(schema.users)
    .where(and(eq(schema.users.role, 'admin'), isNull(schema.users.deactivatedAt), ne(schema.users.id, user.id)));
  if (others === 0) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `Cannot ${action} the last active admin. Make someone else an admin first.`,
    });
  }
}

export async function setRole(ctx: AdminContext, input: { id: string; role: UserRole }) {
  return ctx.db.transaction(async (tx) => {
    const user = await requireUser(tx, input.id);
    if (user.role === input.role) return { user: { ...user, emailVerified: user.emailVerifiedAt !== null } };
    if (input.role !== 'admin') await assertNotLastAdmin(tx, user, 'demote');
    const [updated] = await tx
      .update(schema.users)
      .set({ role: input.role, updatedAt: ctx.clock() })
      .where(eq(schema.users.id, user.id))
      .returning(publicUserColumns);
    await recordAudit(tx, ctx, {
      type: 'admin.role_changed',
      actorId: ctx.auth.user.id,
      targetUserId: user.id,
      targetEmail: user.email,
      metadata: { from: user.role, to: input.role },
    });
    return { user: { ...updated!, emailVerified: updated!.emailVerifiedAt !== null } };
  });
}

export async function setActive(ctx: AdminContext, input: { id: string; active: boolean }) {
  return ctx.db.transaction(async (tx) => {
    const user = await requireUser(tx, input.id);
    if (!input.active && user.id === ctx.auth.user.id) {
      throw new TRPCError({ code: 'CONFLICT', message: 'You cannot deactivate your own account.' });
    }
    if (input.active === (user.deactivatedAt === null)) return { user: { ...user, emailVerified: user.emailVerifiedAt !== null }, sessionsEnded: 0 };
    if (!input.active) await assertNotLastAdmin(tx, user, 'deactivate');
    const [updated] = await tx
      .update(schema.users)
      .set({ deactivatedAt: input.active ? null : ctx.clock(), updatedAt: ctx.clock() })
      .where(eq(schema.users.id, user.id))
      .returning(publicUserColumns);
    // A deactivated user's sessions end now; their tokens stop working (checked on every use).
    const ended = input.active
      ? []
      : await tx.delete(schema.sessions).where(eq(schema.sessions.userId, user.id)).returning({ id: schema.sessions.id });
    await recordAudit(tx, ctx, {
      type: input.active ? 'admin.user_reactivated' : 'admin.user_deactivated',
      actorId: ctx.auth.user.id,
      targetUserId: user.id,
      targetEmail: user.email,
      metadata: input.active ? {} : { sessionsEnded: ended.length },
    });
    return { user: { ...updated!, emailVerified: updated!.emailVerifiedAt !== null }, sessionsEnded: ended.length };
  });
}

/**
 * Deleting a user removes the account and everything it owns (sessions, tokens, email links,
 * linked OAuth accounts, and every module's records through ON DELETE CASCADE). The audit log
 * keeps its rows: links to the user are cut, the email address stays for accountability.
 */
export async function deleteUser(ctx: AdminContext, input: { id: string }) {
  return ctx.db.transaction(async (tx) => {
    const user = await requireUser(tx, input.id);
    await assertNotLastAdmin(tx, user, 'delete');
    await recordAudit(tx, ctx, {
      type: 'admin.user_deleted',
      actorId: ctx.auth.user.id === user.id ? null : ctx.auth.user.id,
      targetUserId: user.id,
      targetEmail: user.email,
      metadata: { role: user.role, deletedBy: ctx.auth.user.email },
    });
    await tx.delete(schema.users).where(eq(schema.users.id, user.id));
    return { ok: true as const, deletedUserId: user.id };
  });
}

export async function listAudit(ctx: AdminContext, input: z.output<typeof listAuditInput>) {
  const actor = aliasedTable(schema.users, 'actor');
  const filters = and(
    input.userId ? or(eq(schema.auditEvents.targetUserId, input.userId), eq(schema.auditEvents.actorId, input.userId)) : undefined,
    input.type ? eq(schema.auditEvents.type, input.type) : undefined,
    input.from ? gte(schema.auditEvents.createdAt, input.from) : undefined,
    input.to ? lte(schema.auditEvents.createdAt, input.to) : undefined,
  );
  const rows = await ctx.db
    .select({
      id: schema.auditEvents.id,
      type: schema.auditEvents.type,
      actorId: schema.auditEvents.actorId,
      actorEmail: actor.email,
      targetUserId: schema.auditEvents.targetUserId,
      targetEmail: schema.auditEvents.targetEmail,
      ipAddress: schema.auditEvents.ipAddress,
      userAgent: schema.auditEvents.userAgent,
      requestId: schema.auditEvents.requestId,
      metadata: schema.auditEvents.metadata,
      createdAt: schema.auditEvents.createdAt,
    })
    .from(schema.auditEvents)
    .leftJoin(actor, eq(actor.id, schema.auditEvents.actorId))
    .where(and(filters, afterCursor(input.cursor, schema.auditEvents.createdAt, schema.auditEvents.id)))
    .orderBy(desc(schema.auditEvents.createdAt), desc(schema.auditEvents.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit);
}

export async function listMail(ctx: AdminContext, input: z.output<typeof listMailInput>) {
  const rows = await ctx.db
    .select()
    .from(schema.mailOutbox)
    .where(afterCursor(input.cursor, schema.mailOutbox.createdAt, schema.mailOutbox.id))
    .orderBy(desc(schema.mailOutbox.createdAt), desc(schema.mailOutbox.id))
    .limit(input.limit + 1);
  return { ...pageOf(rows, input.limit), transport: ctx.mailer.transport };
}
