import { randomUUID } from 'node:crypto';
import { tracked } from '@trpc/server';
import type { AppDeps, Context } from '../../trpc';

type AuthedContext = Context & { auth: NonNullable<Context['auth']> };

export interface LiveChange {
  entities: string[];
}

/**
 * Changes are not stored, so a missed one cannot be replayed: a client that reconnects with a
 * `lastEventId` is told to refetch everything once, which is what it would have needed anyway.
 */
export async function* liveChanges(ctx: AuthedContext, lastEventId: string | null | undefined, signal: AbortSignal | undefined) {
  const controller = new AbortController();
  signal?.addEventListener('abort', () => controller.abort(), { once: true });
  // Ids only need to be unique per stream: the client echoes the last one back on reconnect.
  const stream = randomUUID().slice(0, 8);
  let sequence = 0;
  const nextId = () => `${stream}-${++sequence}`;
  try {
    const messages = ctx.realtime.subscribe(ctx.auth.user.id, controller.signal);
    // The first event gives the client an id to resume from: empty on a fresh subscription,
    // "everything" on a resumed one.
    yield tracked(nextId(), { entities: lastEventId ? ['*'] : [] } satisfies LiveChange);
    for await (const message of messages) {
      if (message.topic !== 'live') continue;
      yield tracked(nextId(), { entities: message.entities } satisfies LiveChange);
    }
  } finally {
    controller.abort();
  }
}

/** Domain events that change what a person's open tabs show, relayed as live changes. */
export function registerLiveUpdates(deps: AppDeps) {
  deps.events.subscribe('tracker.changed', (event) => deps.realtime.publish(event.userId, { topic: 'live', entities: event.entities }));
  deps.events.subscribe('characters.changed', (event) => deps.realtime.publish(event.userId, { topic: 'live', entities: ['characters'] }));
}
