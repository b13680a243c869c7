import { type Database, schema } from '@tessera/db';
import { and, count, eq, sql } from 'drizzle-orm';
import { type AuditRequest, recordAudit } from '../../../platform/audit';
import type { SessionManager } from '../../../platform/sessions';
import { OAuthError, type OAuthProfile, type OAuthProviderId } from './providers';

/**
 * Must equal `firstAccountLock` in ../service.ts: the same lock serialises password sign-ups and
 * OAuth account creation, so two simultaneous first accounts cannot both become admin. Taking it
 * for every OAuth resolution also keeps two callbacks for one new person from racing to create
 * two links or two users.
 */
const firstAccountLock = 7_243_001;

export interface OAuthServiceDeps {
  db: Database;
  clock: () => Date;
  sessions: SessionManager;
}

type Resolution =
  | { ok: true; userId: string; email: string }
  | { ok: false; reason: 'deactivated' | 'email_not_verified'; userId: string | null; email: string };

/**
 * Find (or link, or create) the Tessera user behind a provider profile. Links and new accounts
 * are written with their audit events in one transaction.
 */
async function resolveUser(
  deps: OAuthServiceDeps,
  request: AuditRequest,
  provider: OAuthProviderId,
  profile: OAuthProfile,
): Promise<Resolution> {
  const now = deps.clock();
  return deps.db.transaction(async (tx): Promise<Resolution> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${firstAccountLock})`);

    // (1) This provider account is already linked: that user, whatever their email is now.
    const [linked] = await tx
      .select({ id: schema.users.id, email: schema.users.email, deactivatedAt: schema.users.deactivatedAt })
      .from(schema.oauthAccounts)
      .innerJoin(schema.users, eq(schema.users.id, schema.oauthAccounts.userId))
      .where(and(eq(schema.oauthAccounts.provider, provider), eq(schema.oauthAccounts.providerUserId, profile.providerUserId)));
    if (linked) {
      if (linked.deactivatedAt) return { ok: false, reason: 'deactivated', userId: linked.id, email: linked.email };
      return { ok: true, userId: linked.id, email: linked.email };
    }

    if (!profile.email) throw new OAuthError('no_email', `${provider} gave no email address`);

    // (2) An account with this email exists. Linking hands that account to whoever controls the
    // provider account, so only an address the provider has verified may do it.
    const [existing] = await tx
      .select({ id: schema.users.id, email: schema.users.email, deactivatedAt: schema.users.deactivatedAt })
      .from(schema.users)
      .where(eq(schema.users.email, profile.email));
    if (existing) {
      if (!profile.emailVerified) return { ok: false, reason: 'email_not_verified', userId: existing.id, email: existing.email };
      if (existing.deactivatedAt) return { ok: false, reason: 'deactivated', userId: existing.id, email: existing.email };
      await tx.insert(schema.oauthAccounts).values({ provider, providerUserId: profile.providerUserId, userId: existing.id, createdAt: now });
      // The provider has just proven the address, as a confirmation link would.
      await tx
        .update(schema.users)
        .set({ emailVerifiedAt: sql`coalesce(${schema.users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
        .where(eq(schema.users.id, existing.id));
      await recordAudit(tx, request, {
        type: 'auth.oauth_linked',
        actorId: existing.id,
        targetUserId: existing.id,
        targetEmail: existing.email,
        metadata: { provider, newAccount: false },
        at: now,
      });
      return { ok: true, userId: existing.id, email: existing.email };
    }

    // (3) Nobody has this email: a new account without a password; the very first one is admin.
    // Only for an address the provider verified: otherwise someone could claim another person's
    // address before they sign up, and keep an OAuth way in after the owner resets the password.
    if (!profile.emailVerified) return { ok: false, reason: 'email_not_verified', userId: null, email: profile.email };
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(schema.users);
    const [created] = await tx
      .insert(schema.users)
      .values({
        email: profile.email,
        name: profile.name,
        passwordHash: null,
        role: total === 0 ? 'admin' : 'user',
        emailVerifiedAt: profile.emailVerified ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: schema.users.id, email: schema.users.email, role: schema.users.role });
    await tx.insert(schema.oauthAccounts).values({ provider, providerUserId: profile.providerUserId, userId: created!.id, createdAt: now });
    await recordAudit(tx, request, {
      type: 'auth.sign_up',
      actorId: created!.id,
      targetUserId: created!.id,
      targetEmail: created!.email,
      metadata: { role: created!.role, provider },
      at: now,
    });
    await recordAudit(tx, request, {
      type: 'auth.oauth_linked',
      actorId: created!.id,
      targetUserId: created!.id,
      targetEmail: created!.email,
      metadata: { provider, newAccount: true },
      at: now,
    });
    return { ok: true, userId: created!.id, email: created!.email };
  });
}

/**
 * Sign in with a provider profile: resolve the user, open a new session and return its token.
 * Refusals are audited and thrown as OAuthError so the route can name the reason.
 */
export async function signInWithOAuth(
  deps: OAuthServiceDeps,
  request: AuditRequest,
  provider: OAuthProviderId,
  profile: OAuthProfile,
): Promise<{ token: string; userId: string }> {
  const resolution = await resolveUser(deps, request, provider, profile);
  if (!resolution.ok) {
    await recordAudit(deps.db, request, {
      type: 'auth.sign_in_failed',
      targetUserId: resolution.userId,
      targetEmail: resolution.email,
      metadata: { reason: resolution.reason, provider },
      at: deps.clock(),
    });
    throw new OAuthError(resolution.reason);
  }
  const session = await deps.sessions.create(resolution.userId, { ip: request.ip, userAgent: request.userAgent });
  await recordAudit(deps.db, request, {
    type: 'auth.sign_in',
    actorId: resolution.userId,
    targetUserId: resolution.userId,
    targetEmail: resolution.email,
    metadata: { transport: 'cookie', provider },
    at: deps.clock(),
  });
  return { token: session.token, userId: resolution.userId };
}
