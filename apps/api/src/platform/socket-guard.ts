import { type Database, schema } from '@tessera/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Auth } from './authentication';

/**
 * tRPC builds a WebSocket's context once, when it opens; a session revoked or expired afterwards
 * would keep receiving events. The guard re-checks every open authenticated socket's session (or
 * personal access token) in one query per interval and closes the sockets whose credentials ended.
 */

/** Close code the client sees: 4401 ("unauthorized", in the private 4000–4999 range). */
export const sessionEndedCloseCode = 4401;

interface GuardedSocket {
  close(code?: number, reason?: string): void;
  on(event: 'close', listener: (this: GuardedSocket) => void): unknown;
}

export interface SocketGuard {
  watch(socket: GuardedSocket, auth: Auth | null): void;
  /** Check now (tests; also what the interval runs). */
  sweep(): Promise<void>;
  watchedCount(): number;
  close(): void;
}

export function createSocketGuard(options: {
  db: Database;
  clock: () => Date;
  intervalMs: number;
  idleTimeoutMs: number;
  maxAgeMs: number;
  logger: FastifyBaseLogger;
}): SocketGuard {
  const watched = new Map<GuardedSocket, Auth>();
  let sweeping = false;

  async function validSessionIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await options.db
      .select({
        id: schema.sessions.id,
        expiresAt: schema.sessions.expiresAt,
        createdAt: schema.sessions.createdAt,
        lastSeenAt: schema.sessions.lastSeenAt,
      })
      .from(schema.sessions)
      .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
      .where(and(inArray(schema.sessions.id, ids), isNull(schema.users.deactivatedAt)));
    const now = options.clock().getTime();
    return new Set(
      rows
        .filter(
          (s) =>
            s.expiresAt.getTime() > now &&
            now - s.lastSeenAt.getTime() <= options.idleTimeoutMs &&
            now - s.createdAt.getTime() <= options.maxAgeMs,
        )
        .map((s) => s.id),
    );
  }

  async function validTokenIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await options.db
      .select({ id: schema.personalAccessTokens.id, expiresAt: schema.personalAccessTokens.expiresAt })
      .from(schema.personalAccessTokens)
      .innerJoin(schema.users, eq(schema.users.id, schema.personalAccessTokens.userId))
      .where(and(inArray(schema.personalAccessTokens.id, ids), isNull(schema.personalAccessTokens.revokedAt), isNull(schema.users.deactivatedAt)));
    const now = options.clock().getTime();
    return new Set(rows.filter((t) => !t.expiresAt || t.expiresAt.getTime() > now).map((t) => t.id));
  }

  async function sweep() {
    if (sweeping || watched.size === 0) return;
    sweeping = true;
    try {
      const entries = [...watched];
      const sessionIds = [...new Set(entries.flatMap(([, auth]) => (auth.sessionId ? [auth.sessionId] : [])))];
      const tokenIds = [...new Set(entries.flatMap(([, auth]) => (auth.tokenId ? [auth.tokenId] : [])))];
      // Chunked so a large number of sockets never builds one enormous parameter list.
      const sessions = new Set<string>();
      for (let i = 0; i < sessionIds.length; i += 1000) for (const id of await validSessionIds(sessionIds.slice(i, i + 1000))) sessions.add(id);
      const tokens = new Set<string>();
      for (let i = 0; i < tokenIds.length; i += 1000) for (const id of await validTokenIds(tokenIds.slice(i, i + 1000))) tokens.add(id);
      for (const [socket, auth] of entries) {
        const valid = auth.sessionId ? sessions.has(auth.sessionId) : auth.tokenId ? tokens.has(auth.tokenId) : false;
        if (!valid) {
          watched.delete(socket);
          socket.close(sessionEndedCloseCode, 'Session ended: sign in again');
        }
      }
    } catch (error) {
      options.logger.warn({ err: error }, 'could not re-check socket sessions');
    } finally {
      sweeping = false;
    }
  }

  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();

  // One listener for every socket (`this` is the socket): no closure per connection.
  function unwatch(this: GuardedSocket) {
    watched.delete(this);
  }

  return {
    watch(socket, auth) {
      if (!auth) return;
      watched.set(socket, auth);
      socket.on('close', unwatch);
    },
    sweep,
    watchedCount: () => watched.size,
    close() {
      clearInterval(timer);
      watched.clear();
    },
  };
}
