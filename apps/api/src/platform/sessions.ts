import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle';
import { type Database, schema } from '@tessera/db';
import { and, eq, inArray, isNotNull, lt, lte, ne, or } from 'drizzle-orm';
import { Lucia, TimeSpan } from 'lucia';
import { describeDevice } from './device';
import { constantTimeEqual, generateSecret, sha256 } from './secrets';

/**
 * The one session module. Lucia v3 (no longer developed upstream) stays behind this interface,
 * so it can be replaced without touching routers or services.
 *
 * The client holds a random 256-bit token; the database holds only its SHA-256 as the session id.
 */

export type UserRole = (typeof schema.userRole.enumValues)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  emailVerifiedAt: Date | null;
  deactivatedAt: Date | null;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
  /** The expiry was extended: send the cookie again. */
  refreshed: boolean;
}

export interface SessionOptions {
  db: Database;
  clock: () => Date;
  ttlMs: number;
  idleTimeoutMs: number;
  maxAgeMs: number;
  cookieName: string;
  secureCookies: boolean;
}

interface SessionAttributes {
  createdAt: Date;
  lastSeenAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  device: string | null;
}

function createLucia(options: SessionOptions) {
  const adapter = new DrizzlePostgreSQLAdapter(options.db, schema.sessions, schema.users);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(Math.round(options.ttlMs / 1000), 's'),
    sessionCookie: {
      name: options.cookieName,
      expires: true,
      attributes: { secure: options.secureCookies, sameSite: 'lax', path: '/' },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      emailVerifiedAt: attributes.emailVerifiedAt,
      deactivatedAt: attributes.deactivatedAt,
    }),
  });
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: Omit<SessionUser, 'id'>;
  }
}

/** Written at most once a minute per session, so reads stay reads. */
const lastSeenGranularityMs = 60_000;

export function createSessionManager(options: SessionOptions) {
  const lucia = createLucia(options);
  const { db, clock } = options;

  /**
   * The one rule for a dead session, read by `validate` and by `deleteExpired`: its sliding expiry
   * passed, or it was last seen or created before these instants.
   */
  const cutoffs = (now: number) => ({
    lastSeenBefore: now - options.idleTimeoutMs,
    createdBefore: now - options.maxAgeMs,
  });

  return {
    cookieName: options.cookieName,

    /** A new session (never reused: every sign-in gets a fresh token). */
    async create(userId: string, request: { ip?: string; userAgent?: string }) {
      const token = generateSecret();
      const now = clock();
      const session = await lucia.createSession(
        userId,
        {
          createdAt: now,
          lastSeenAt: now,
          ipAddress: request.ip ?? null,
          userAgent: request.userAgent?.slice(0, 512) ?? null,
          device: describeDevice(request.userAgent),
        },
        { sessionId: sha256(token) },
      );
      return { token, sessionId: session.id, expiresAt: session.expiresAt };
    },

    /**
     * The session a token opens, or null when it is unknown, expired (sliding 30 days),
     * idle too long, past its absolute lifetime, or its user is deactivated. Dead sessions are
     * deleted on sight.
     */
    async validate(token: string, request: { ip?: string } = {}): Promise<ValidSession | null> {
      if (!token || token.length > 200) return null;
      const sessionId = sha256(token);
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session || !user || !constantTimeEqual(session.id, sessionId)) return null;
      const now = clock().getTime();
      const { lastSeenBefore, createdBefore } = cutoffs(now);
      const dead =
        user.deactivatedAt !== null ||
        session.expiresAt.getTime() <= now ||
        session.lastSeenAt.getTime() < lastSeenBefore ||
        session.createdAt.getTime() < createdBefore;
      if (dead) {
        await lucia.invalidateSession(session.id);
        return null;
      }
      if (now - session.lastSeenAt.getTime() >= lastSeenGranularityMs) {
        await db
          .update(schema.sessions)
          .set({ lastSeenAt: new Date(now), ...(request.ip ? { ipAddress: request.ip } : {}) })
          .where(eq(schema.sessions.id, session.id));
      }
      return {
        sessionId: session.id,
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          emailVerifiedAt: user.emailVerifiedAt,
          deactivatedAt: user.deactivatedAt,
        },
        expiresAt: session.expiresAt,
        refreshed: session.fresh,
      };
    },

    invalidate: (sessionId: string) => lucia.invalidateSession(sessionId),

    /**
     * Delete every session `validate` would refuse (the platform.cleanup job): a session nobody
     * presents again is otherwise never deleted. Returns how many.
     */
    async deleteExpired(): Promise<number> {
      const now = clock();
      const { lastSeenBefore, createdBefore } = cutoffs(now.getTime());
      const deactivated = db
        .select({ id: schema.users.id })
        .from(schema.users)
        .where(isNotNull(schema.users.deactivatedAt));
      const ended = await db
        .delete(schema.sessions)
        .where(
          or(
            lte(schema.sessions.expiresAt, now),
            lt(schema.sessions.lastSeenAt, new Date(lastSeenBefore)),
            lt(schema.sessions.createdAt, new Date(createdBefore)),
            inArray(schema.sessions.userId, deactivated),
          ),
        )
        .returning({ id: schema.sessions.id });
      return ended.length;
    },

    /** End every session of a user, or every one but `exceptSessionId`. Returns how many ended. */
    async invalidateAllForUser(userId: string, exceptSessionId?: string | null): Promise<number> {
      const ended = await db
        .delete(schema.sessions)
        .where(
          exceptSessionId
            ? and(eq(schema.sessions.userId, userId), ne(schema.sessions.id, exceptSessionId))
            : eq(schema.sessions.userId, userId),
        )
        .returning({ id: schema.sessions.id });
      return ended.length;
    },

    /** `Set-Cookie` value carrying the token (HttpOnly, SameSite=Lax, Secure over https). */
    sessionCookie: (token: string) => lucia.createSessionCookie(token).serialize(),
    blankCookie: () => lucia.createBlankSessionCookie().serialize(),
  };
}

export type SessionManager = ReturnType<typeof createSessionManager>;
