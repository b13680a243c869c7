import { type Database, schema } from '@tessera/db';
import { and, eq, isNull } from 'drizzle-orm';
import { sha256 } from './secrets';
import type { SessionManager, SessionUser } from './sessions';

export const personalAccessTokenPrefix = 'tsr_pat_';

/** Who is calling, and how they proved it. */
export interface Auth {
  user: SessionUser;
  /** `cookie` (the SPA), `bearer` (a session token from signIn), `token` (a personal access token). */
  via: 'cookie' | 'bearer' | 'token';
  /** The session behind the call; null for personal access tokens. */
  sessionId: string | null;
  tokenId: string | null;
}

export interface Credentials {
  cookieToken?: string;
  bearerToken?: string;
  ip?: string;
}

export interface ResolvedAuth {
  auth: Auth | null;
  /** The cookie's session was extended: send it again. */
  refreshCookie: boolean;
  /** The request carried a session cookie that no longer opens anything: clear it. */
  clearCookie: boolean;
}

/** Turn a request's cookie or Authorization header into an `Auth`, checking everything. */
export async function resolveAuth(
  deps: { db: Database; sessions: SessionManager; clock: () => Date },
  credentials: Credentials,
): Promise<ResolvedAuth> {
  const { bearerToken, cookieToken } = credentials;
  if (bearerToken?.startsWith(personalAccessTokenPrefix)) {
    return { auth: await resolvePersonalAccessToken(deps, bearerToken), refreshCookie: false, clearCookie: false };
  }
  if (bearerToken) {
    const session = await deps.sessions.validate(bearerToken, { ip: credentials.ip });
    return {
      auth: session ? { user: session.user, via: 'bearer', sessionId: session.sessionId, tokenId: null } : null,
      refreshCookie: false,
      clearCookie: false,
    };
  }
  if (cookieToken) {
    const session = await deps.sessions.validate(cookieToken, { ip: credentials.ip });
    if (!session) return { auth: null, refreshCookie: false, clearCookie: true };
    return {
      auth: { user: session.user, via: 'cookie', sessionId: session.sessionId, tokenId: null },
      refreshCookie: session.refreshed,
      clearCookie: false,
    };
  }
  return { auth: null, refreshCookie: false, clearCookie: false };
}

async function resolvePersonalAccessToken(
  deps: { db: Database; clock: () => Date },
  token: string,
): Promise<Auth | null> {
  if (token.length > 200) return null;
  const [row] = await deps.db
    .select({
      tokenId: schema.personalAccessTokens.id,
      expiresAt: schema.personalAccessTokens.expiresAt,
      lastUsedAt: schema.personalAccessTokens.lastUsedAt,
      id: schema.users.id,
      email: schema.users.email,
      name: schema.users.name,
      role: schema.users.role,
      emailVerifiedAt: schema.users.emailVerifiedAt,
      deactivatedAt: schema.users.deactivatedAt,
    })
    .from(schema.personalAccessTokens)
    .innerJoin(schema.users, eq(schema.users.id, schema.personalAccessTokens.userId))
    .where(and(eq(schema.personalAccessTokens.tokenHash, sha256(token)), isNull(schema.personalAccessTokens.revokedAt)));
  const now = deps.clock();
  if (!row || row.deactivatedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= 60_000) {
    await deps.db
      .update(schema.personalAccessTokens)
      .set({ lastUsedAt: now })
      .where(eq(schema.personalAccessTokens.id, row.tokenId));
  }
  const { tokenId, expiresAt: _expiresAt, lastUsedAt: _lastUsedAt, ...user } = row;
  return { user, via: 'token', sessionId: null, tokenId };
}

/** The session token from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The token from `Authorization: Bearer <token>`. */
export function readBearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
