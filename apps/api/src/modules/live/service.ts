import { tracked } from '@trpc/server';
import { compareLiveIds, type RealtimeHub } from '../../platform/realtime';
import type { AppDeps, Context } from '../../trpc';

type AuthedContext = Context & { auth: NonNullable<Context['auth']> };

export interface LiveChange {
  entities: string[];
}

const neverAborted = new AbortController().signal;

/**
 * The caller's live changes, each `tracked(id, { entities })` with the hub's per-person change id.
 * A fresh subscription starts with `{ entities: [] }` tracked with the newest id (the socket is up;
 * something to resume from). A resumed one (wsLink sends the last id it saw) first receives the
 * changes it missed from the hub's bounded buffer, or `{ entities: ['*'] }` once when they are no
 * longer all there (see README.md), then continues live.
 */
export function liveChanges(ctx: AuthedContext, lastEventId: string | null | undefined, signal: AbortSignal | undefined) {
  // The stream holds the hub and the id, not the request context (kept per open subscription).
  return changeStream(ctx.realtime, ctx.auth.user.id, lastEventId || null, signal ?? neverAborted);
}

async function* changeStream(realtime: RealtimeHub, userId: string, lastEventId: string | null, signal: AbortSignal) {
  // Registered before the backlog is read: nothing published in between is lost. Ending the
  // iteration (return, abort) unregisters it.
  const subscription = realtime.subscribe(userId, signal);
  await subscription.ready;
  const resumed = lastEventId !== null;
  const backlog = await realtime.liveBacklog(userId, lastEventId);
  let lastId = backlog.head;
  if (!resumed) yield tracked(lastId, { entities: [] } satisfies LiveChange);
  else if (backlog.missed === null) yield tracked(lastId, { entities: ['*'] } satisfies LiveChange);
  else for (const change of backlog.missed) yield tracked(change.id ?? lastId, { entities: change.entities } satisfies LiveChange);

  for await (const message of subscription) {
    if (message.topic !== 'live') continue;
    const order = message.id ? compareLiveIds(message.id, lastId) : null;
    if (message.id && order !== null && order <= 0) {
      // Published while this subscription was starting: already replayed (or covered by '*') on a
      // resumed one; on a fresh one it may postdate the tab's data, so pass it on without moving
      // the id backwards.
      if (!resumed) yield tracked(lastId, { entities: message.entities } satisfies LiveChange);
      continue;
    }
    if (message.id) lastId = message.id;
    yield tracked(lastId, { entities: message.entities } satisfies LiveChange);
  }
}

/** Domain events that change what a person's open tabs show, relayed as live changes. */
export function registerLiveUpdates(deps: AppDeps) {
  deps.events.subscribe('tracker.changed', (event) => deps.realtime.publish(event.userId, { topic: 'live', entities: event.entities }));
  deps.events.subscribe('characters.changed', (event) => deps.realtime.publish(event.userId, { topic: 'live', entities: ['characters'] }));
}
