import { tracked, type TrackedEnvelope } from '@trpc/server';
import { type PushObserver, type PushStream, pushStream } from '../../platform/push-stream';
import { compareLiveIds, type LiveChangeMessage, type RealtimeHub } from '../../platform/realtime';
import type { AppDeps, Context } from '../../trpc';

type AuthedContext = Context & { auth: NonNullable<Context['auth']> };

export interface LiveChange {
  entities: string[];
}

/**
 * The caller's live changes, each `tracked(id, { entities })` with the hub's per-person change id.
 * A fresh subscription starts with `{ entities: [] }` tracked with the newest id (the socket is up;
 * something to resume from). A resumed one (wsLink sends the last id it saw) first receives the
 * changes it missed from the hub's bounded buffer, or `{ entities: ['*'] }` once when they are no
 * longer all there (see README.md), then continues live. A push stream: the WebSocket handler
 * writes each change straight to the socket (platform/push-stream.ts).
 */
export function liveChanges(ctx: AuthedContext, lastEventId: string | null | undefined): PushStream<TrackedEnvelope<LiveChange>> {
  // The stream holds the hub and the id, not the request context (kept per open subscription).
  const { realtime } = ctx;
  const userId = ctx.auth.user.id;
  return pushStream((observer) => startLiveChanges(realtime, userId, lastEventId || null, observer));
}

function startLiveChanges(realtime: RealtimeHub, userId: string, lastEventId: string | null, observer: PushObserver<TrackedEnvelope<LiveChange>>) {
  const resumed = lastEventId !== null;
  let lastId = '';
  /** Live changes that arrive while the backlog is read wait here, then follow it in order. */
  let waiting: LiveChangeMessage[] | null = [];
  const forward = (message: LiveChangeMessage) => {
    const order = message.id ? compareLiveIds(message.id, lastId) : null;
    if (message.id && order !== null && order <= 0) {
      // Published while this subscription was starting: already replayed (or covered by '*') on a
      // resumed one; on a fresh one it may postdate the tab's data, so pass it on without moving
      // the id backwards.
      if (!resumed) observer.next(tracked(lastId, { entities: message.entities }));
      return;
    }
    if (message.id) lastId = message.id;
    observer.next(tracked(lastId, { entities: message.entities }));
  };
  // Registered before the backlog is read: nothing published in between is lost.
  const listener = realtime.listen(userId, (message) => {
    if (message.topic !== 'live') return;
    if (waiting) waiting.push(message);
    else forward(message);
  });
  listener.ready
    .then(() => realtime.liveBacklog(userId, lastEventId))
    .then((backlog) => {
      lastId = backlog.head;
      if (!resumed) observer.next(tracked(lastId, { entities: [] }));
      else if (backlog.missed === null) observer.next(tracked(lastId, { entities: ['*'] }));
      else for (const change of backlog.missed) observer.next(tracked(change.id ?? lastId, { entities: change.entities }));
      const pending = waiting ?? [];
      waiting = null;
      for (const message of pending) forward(message);
    })
    .catch((error: unknown) => observer.error(error));
  return () => listener.stop();
}

/** Domain events that change what a person's open tabs show, relayed as live changes. */
export function registerLiveUpdates(deps: AppDeps) {
  deps.events.subscribe('tracker.changed', (event) => deps.realtime.publish(event.userId, { topic: 'live', entities: event.entities }));
  deps.events.subscribe('characters.changed', (event) => deps.realtime.publish(event.userId, { topic: 'live', entities: ['characters'] }));
}
