import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from './redis';

/**
 * Per-user realtime fan-out: what open tabs are told. One interface, two implementations —
 * in-process (one API process) and Redis pub/sub (several replicas: a message published on one
 * reaches sockets on every other). Subscriptions (notifications.onNotification, live.onChange)
 * read from `subscribe`; services and workers `publish` after their transaction commits.
 */

export interface NotificationMessage {
  topic: 'notification';
  id: string;
  notification: {
    id: string;
    type: string;
    title: string;
    body: string;
    link: string | null;
    /** ISO time: messages cross Redis as JSON. */
    createdAt: string;
  };
}

export interface LiveChangeMessage {
  topic: 'live';
  /** Which lists a tab should refetch (`applications`, `jobs`, `notifications`, …). */
  entities: string[];
}

export type RealtimeMessage = NotificationMessage | LiveChangeMessage;

export interface RealtimeHub {
  readonly mode: 'in-process' | 'redis';
  /** Deliver to every open subscription of this user, on every replica. Never throws. */
  publish(userId: string, message: RealtimeMessage): Promise<void>;
  /**
   * The user's messages from now on, until `signal` aborts. Registration is synchronous, so a
   * caller that subscribes and then reads a backlog from the database misses nothing in between.
   */
  subscribe(userId: string, signal: AbortSignal): AsyncIterable<RealtimeMessage>;
  /** Open local subscriptions, of one user or of everyone (metrics, tests). */
  subscriberCount(userId?: string): number;
  close(): Promise<void>;
}

/** A subscriber's buffer: bounded, so a stalled socket cannot grow memory without limit. */
const maxBuffered = 500;

interface Subscriber {
  push(message: RealtimeMessage): void;
}

/** Local delivery shared by both implementations. */
function createLocalFanout(hooks: { first?: (userId: string) => void; last?: (userId: string) => void } = {}) {
  const byUser = new Map<string, Set<Subscriber>>();
  let count = 0;

  function deliver(userId: string, message: RealtimeMessage) {
    const set = byUser.get(userId);
    if (!set) return;
    for (const subscriber of set) subscriber.push(message);
  }

  function subscribe(userId: string, signal: AbortSignal): AsyncIterable<RealtimeMessage> {
    const buffer: RealtimeMessage[] = [];
    let wake: (() => void) | undefined;
    let overflowed = false;
    const subscriber: Subscriber = {
      push(message) {
        if (buffer.length >= maxBuffered) {
          // Too far behind: drop the backlog and tell the tab to refetch everything instead.
          buffer.length = 0;
          overflowed = true;
        }
        buffer.push(message);
        wake?.();
      },
    };
    let set = byUser.get(userId);
    if (!set) {
      set = new Set();
      byUser.set(userId, set);
      hooks.first?.(userId);
    }
    set.add(subscriber);
    count++;
    const remove = () => {
      const current = byUser.get(userId);
      if (!current?.delete(subscriber)) return;
      count--;
      if (current.size === 0) {
        byUser.delete(userId);
        hooks.last?.(userId);
      }
      wake?.();
    };
    if (signal.aborted) remove();
    else signal.addEventListener('abort', remove, { once: true });

    return {
      async *[Symbol.asyncIterator]() {
        try {
          while (!signal.aborted) {
            if (overflowed) {
              overflowed = false;
              yield { topic: 'live', entities: ['*'] } satisfies LiveChangeMessage;
            }
            const next = buffer.shift();
            if (next) {
              yield next;
              continue;
            }
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            wake = undefined;
          }
        } finally {
          remove();
        }
      },
    };
  }

  return { deliver, subscribe, count: (userId?: string) => (userId ? (byUser.get(userId)?.size ?? 0) : count) };
}

export function createInProcessHub(): RealtimeHub {
  const local = createLocalFanout();
  return {
    mode: 'in-process',
    publish(userId, message) {
      // A microtask later, like a network hop: publishers never run subscriber code synchronously.
      queueMicrotask(() => local.deliver(userId, message));
      return Promise.resolve();
    },
    subscribe: local.subscribe,
    subscriberCount: local.count,
    close: () => Promise.resolve(),
  };
}

/**
 * Redis pub/sub: one channel per user, subscribed by a replica only while it has a socket of that
 * user open, so each replica receives only what it can deliver. Publishing goes through Redis even
 * for local sockets, so every replica sees one order of messages.
 */
export function createRedisHub(options: { redis: Redis; keyPrefix: string; logger: FastifyBaseLogger }): RealtimeHub {
  const { redis, keyPrefix, logger } = options;
  const channelPrefix = `${keyPrefix}realtime:user:`;
  // A connection in subscriber mode can do nothing else; it queues commands while reconnecting
  // and re-subscribes by itself afterwards.
  const subscriber = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null });
  subscriber.on('error', () => undefined);
  const local = createLocalFanout({
    first: (userId) => {
      subscriber.subscribe(channelPrefix + userId).catch((error: unknown) => logger.warn({ err: error }, 'realtime subscribe failed'));
    },
    last: (userId) => {
      subscriber.unsubscribe(channelPrefix + userId).catch(() => undefined);
    },
  });
  subscriber.on('message', (channel: string, raw: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    try {
      local.deliver(channel.slice(channelPrefix.length), JSON.parse(raw) as RealtimeMessage);
    } catch (error) {
      logger.warn({ err: error }, 'unreadable realtime message');
    }
  });
  return {
    mode: 'redis',
    async publish(userId, message) {
      try {
        await redis.publish(channelPrefix + userId, JSON.stringify(message));
      } catch (error) {
        // The notification itself is stored; the tab catches up when it refetches or reconnects.
        logger.warn({ err: error, userId }, 'realtime publish failed (Redis unreachable)');
      }
    },
    subscribe: local.subscribe,
    subscriberCount: local.count,
    async close() {
      // quit() would wait for a connection that may never come (Redis down): only when connected.
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    },
  };
}

export function createRealtimeHub(options: { redis?: Redis; keyPrefix: string; logger: FastifyBaseLogger }): RealtimeHub {
  return options.redis ? createRedisHub({ redis: options.redis, keyPrefix: options.keyPrefix, logger: options.logger }) : createInProcessHub();
}
