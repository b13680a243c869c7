import { createHash, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from './redis';

/**
 * Per-user realtime fan-out: what open tabs are told. One interface, two implementations —
 * in-process (one API process) and Redis pub/sub (several replicas: a message published on one
 * reaches sockets on every other). Subscriptions (notifications.onNotification, live.onChange)
 * `listen`; services and workers `publish` after their transaction commits.
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
  /**
   * Set by the hub when it publishes: `<epoch>-<sequence>`, increasing per person, the same on
   * every replica (the sequence lives in Redis in Redis mode). What `live.onChange` tracks, and what
   * a reconnecting client resumes from. Publishers leave it out.
   */
  id?: string;
}

export type RealtimeMessage = NotificationMessage | LiveChangeMessage;

/** What a (re)subscribing `live.onChange` reads before it goes live. */
export interface LiveBacklog {
  /** The person's newest change id now: where a fresh subscription starts. */
  head: string;
  /**
   * The changes after the requested id, oldest first; `null` when they cannot all be replayed
   * (older than the buffer, or from before the buffer expired): the client must refetch everything.
   */
  missed: LiveChangeMessage[] | null;
}

/** One open subscription's registration with the hub. */
export interface RealtimeListener {
  /** Settles once it receives everything published from now on (Redis: SUBSCRIBE acknowledged). */
  ready: Promise<void>;
  /** Unregisters (idempotent). */
  stop(): void;
}

export interface RealtimeHub {
  readonly mode: 'in-process' | 'redis';
  /** Deliver to every open subscription of this user, on every replica. Never throws. */
  publish(userId: string, message: RealtimeMessage): Promise<void>;
  /**
   * Calls `onMessage` with each of the user's messages from now on, until `stop()`. Registration is
   * synchronous, so a caller that listens, awaits `ready` and then reads a backlog misses nothing
   * in between. Delivery is a plain call per message (no queue, no promise): a broadcast to
   * thousands of sockets is that many calls; the socket is where a slow reader's backlog waits.
   */
  listen(userId: string, onMessage: (message: RealtimeMessage) => void): RealtimeListener;
  /**
   * The user's recent live changes after `afterId` (null: none wanted, only the head). Bounded per
   * person: `liveBufferSize` changes, dropped when none came for `liveRetentionMs`. Never throws:
   * with Redis unreachable the answer is "resync".
   */
  liveBacklog(userId: string, afterId: string | null): Promise<LiveBacklog>;
  /** Open local subscriptions, of one user or of everyone (metrics, tests). */
  subscriberCount(userId?: string): number;
  close(): Promise<void>;
}

/** Recent live changes kept per person for replay (see modules/live/README.md). */
export const liveBufferSize = 100;
/** …until this long passes without a change. */
export const liveRetentionMs = 60 * 60 * 1000;
/** A person's sequence (and its epoch) is forgotten after this long without changes or subscriptions. */
const liveEpochTtlMs = 24 * 60 * 60 * 1000;

/** `<epoch>-<sequence>` → parts; null for anything else (an old or foreign id means "resync"). */
export function parseLiveId(id: string): { epoch: string; seq: number } | null {
  const dash = id.lastIndexOf('-');
  const seq = Number(id.slice(dash + 1));
  if (dash <= 0 || !Number.isSafeInteger(seq) || seq < 0) return null;
  return { epoch: id.slice(0, dash), seq };
}

/** >0: `a` is newer than `b`; ≤0: not newer; null: different epochs (not comparable). */
export function compareLiveIds(a: string, b: string): number | null {
  const x = parseLiveId(a);
  const y = parseLiveId(b);
  if (!x || !y || x.epoch !== y.epoch) return null;
  return x.seq - y.seq;
}

const newEpoch = () => randomBytes(4).toString('hex');

interface LiveLog {
  epoch: string;
  seq: number;
  /** Oldest first, at most liveBufferSize. */
  entries: { seq: number; message: LiveChangeMessage }[];
}

/** The replay decision, the same for both hubs. */
function backlogOf(log: LiveLog, afterId: string | null): LiveBacklog {
  const head = `${log.epoch}-${log.seq}`;
  if (afterId === null) return { head, missed: [] };
  const after = parseLiveId(afterId);
  if (!after || after.epoch !== log.epoch || after.seq > log.seq) return { head, missed: null };
  if (after.seq === log.seq) return { head, missed: [] };
  // Buffers are trimmed from the front: the change right after `after` must still be there.
  const oldest = log.entries[0]?.seq ?? log.seq + 1;
  if (oldest > after.seq + 1) return { head, missed: null };
  return { head, missed: log.entries.filter((entry) => entry.seq > after.seq).map((entry) => entry.message) };
}

const settled = Promise.resolve();

/** Local delivery shared by both implementations. */
function createLocalFanout(hooks: { first?: (userId: string) => Promise<void>; last?: (userId: string) => void } = {}) {
  const byUser = new Map<string, { listeners: Set<(message: RealtimeMessage) => void>; ready: Promise<void> }>();
  let count = 0;

  function deliver(userId: string, message: RealtimeMessage) {
    const entry = byUser.get(userId);
    if (!entry) return;
    for (const onMessage of entry.listeners) {
      try {
        onMessage(message);
      } catch {
        // One listener's failure (its socket, its stream) is its own: the others still get the message.
      }
    }
  }

  function listen(userId: string, onMessage: (message: RealtimeMessage) => void): RealtimeListener {
    let entry = byUser.get(userId);
    if (!entry) {
      entry = { listeners: new Set(), ready: settled };
      byUser.set(userId, entry);
      entry.ready = hooks.first?.(userId) ?? settled;
    }
    // Each registration brings its own function (a closure per stream), so the set holds one per listener.
    entry.listeners.add(onMessage);
    count++;
    return {
      ready: entry.ready,
      stop() {
        const current = byUser.get(userId);
        if (!current?.listeners.delete(onMessage)) return;
        count--;
        if (current.listeners.size === 0) {
          byUser.delete(userId);
          hooks.last?.(userId);
        }
      },
    };
  }

  return { deliver, listen, count: (userId?: string) => (userId ? (byUser.get(userId)?.listeners.size ?? 0) : count) };
}

export function createInProcessHub(): RealtimeHub {
  const local = createLocalFanout();
  // Each person's log gets its own epoch (this hub's id and a generation), so an id from before a
  // restart or from a forgotten log never matches a newer one.
  const hubEpoch = newEpoch();
  let generation = 0;
  const logs = new Map<string, LiveLog & { changedAt: number; touchedAt: number }>();
  /** A person's log, made when they first subscribe or change something (as in Redis). */
  const logOf = (userId: string) => {
    let log = logs.get(userId);
    const now = Date.now();
    if (!log) {
      log = { epoch: `${hubEpoch}.${++generation}`, seq: 0, entries: [], changedAt: now, touchedAt: now };
      logs.set(userId, log);
    }
    if (now - log.changedAt > liveRetentionMs) log.entries = [];
    log.touchedAt = now;
    return log;
  };
  // People without changes or subscriptions for a day are forgotten (their next id is a new epoch).
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [userId, log] of logs) if (now - log.touchedAt > liveEpochTtlMs) logs.delete(userId);
  }, 10 * 60 * 1000);
  sweeper.unref();
  return {
    mode: 'in-process',
    publish(userId, message) {
      let delivered = message;
      if (message.topic === 'live') {
        const log = logOf(userId);
        log.seq++;
        log.changedAt = log.touchedAt;
        delivered = { topic: 'live', entities: message.entities, id: `${log.epoch}-${log.seq}` };
        log.entries.push({ seq: log.seq, message: delivered });
        if (log.entries.length > liveBufferSize) log.entries.shift();
      }
      // A microtask later, like a network hop: publishers never run subscriber code synchronously.
      queueMicrotask(() => local.deliver(userId, delivered));
      return Promise.resolve();
    },
    listen: local.listen,
    liveBacklog: (userId, afterId) => Promise.resolve(backlogOf(logOf(userId), afterId)),
    subscriberCount: local.count,
    close: () => {
      clearInterval(sweeper);
      return Promise.resolve();
    },
  };
}

/**
 * Publishing live changes in Redis, atomically per change: the person's next sequence number (epoch
 * made on first use), the change appended to their bounded list — so every replica sees the same id
 * and any of them can replay from the list — and, once per call, the call's changes PUBLISHed
 * together on the shared live channel as `[[userId, message], …]`. Redis runs a script's commands one
 * after another, so each change costs as few as it can: the head (`<epoch>-<seq>`) is one string read
 * and rewritten with its TTL in one SET; the list is trimmed only once it holds twice the buffer
 * (readers take the newest `size`).
 * KEYS: head and change list of each change, in pairs. ARGV: buffer size, head TTL ms, list TTL ms,
 * live channel, then per change: new epoch (used when the person has none), entities JSON, user id JSON.
 */
const publishLiveScript = `
local size, headTtl, listTtl, channel = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local published = {}
for i = 1, #KEYS / 2 do
  local headKey, list = KEYS[2 * i - 1], KEYS[2 * i]
  local at = 4 + 3 * (i - 1)
  local head = redis.call('GET', headKey)
  local epoch, seq = ARGV[at + 1], 1
  if head then
    local dash = string.find(head, '-[^-]*$')
    epoch, seq = string.sub(head, 1, dash - 1), tonumber(string.sub(head, dash + 1)) + 1
  end
  local id = epoch .. '-' .. seq
  redis.call('SET', headKey, id, 'PX', headTtl)
  local message = '{"topic":"live","entities":' .. ARGV[at + 2] .. ',"id":"' .. id .. '"}'
  if redis.call('RPUSH', list, seq .. '|' .. message) > 2 * size then redis.call('LTRIM', list, -size, -1) end
  redis.call('PEXPIRE', list, listTtl)
  published[i] = '[' .. ARGV[at + 3] .. ',' .. message .. ']'
end
redis.call('PUBLISH', channel, '[' .. table.concat(published, ',') .. ']')
return #KEYS / 2
`;
/**
 * Changes per script call: bounds how long one call holds Redis, and lets the first changes reach
 * subscribers while later chunks still run.
 */
const publishChunk = 100;

const shas = new Map<string, string>();
function sha1(source: string) {
  let sha = shas.get(source);
  if (!sha) shas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
  return sha;
}

/** The person's head (made with epoch ARGV[1] when absent) and, when ARGV[3] is "1", their newest ARGV[4] changes. */
const liveBacklogScript = `
local head = redis.call('GET', KEYS[1])
if not head then head = ARGV[1] .. '-0' end
redis.call('SET', KEYS[1], head, 'PX', ARGV[2])
local entries = {}
if ARGV[3] == '1' then entries = redis.call('LRANGE', KEYS[2], -tonumber(ARGV[4]), -1) end
return { head, entries }
`;

/**
 * Redis pub/sub. Notifications go on one channel per user, subscribed by a replica only while it has
 * a socket of that user open. Live changes go on one channel every replica subscribes to, a script
 * call's changes (up to `publishChunk` people) in one message: a burst of changes — a broadcast, a
 * job touching many people — costs Redis and each replica one message per hundred changes instead of
 * one each (in the fan-out benchmark that was most of what Redis added). Every replica then reads
 * every live change (an id and list names, ~100 bytes) and delivers those it has sockets for; with
 * many replicas, split the channel by a hash of the user id. Publishing goes through Redis even for
 * local sockets, so every replica sees one order of messages. Live changes are also kept in a short
 * per-person list in Redis, so a client that reconnects to any replica gets what it missed.
 */
export function createRedisHub(options: { redis: Redis; keyPrefix: string; logger: FastifyBaseLogger }): RealtimeHub {
  const { redis, keyPrefix, logger } = options;
  const channelPrefix = `${keyPrefix}realtime:user:`;
  const liveChannel = `${keyPrefix}realtime:live`;
  // Hash tags keep a person's two keys in one cluster slot (scripts touch both).
  const headKey = (userId: string) => `${keyPrefix}live:{${userId}}:head`;
  const listKey = (userId: string) => `${keyPrefix}live:{${userId}}:changes`;
  // A connection in subscriber mode can do nothing else; it queues commands while reconnecting
  // and re-subscribes by itself afterwards.
  const subscriber = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null });
  subscriber.on('error', () => undefined);
  const subscribed = (channel: string) =>
    subscriber.subscribe(channel).then(
      () => undefined,
      (error: unknown) => logger.warn({ err: error }, 'realtime subscribe failed'),
    );
  const liveSubscribed = subscribed(liveChannel);
  const local = createLocalFanout({
    // Redis down: do not hold subscriptions back for ever; their backlog read then says "resync".
    first: (userId) => Promise.race([Promise.all([liveSubscribed, subscribed(channelPrefix + userId)]).then(() => undefined), delay(2000)]),
    last: (userId) => {
      subscriber.unsubscribe(channelPrefix + userId).catch(() => undefined);
    },
  });
  subscriber.on('message', (channel: string, raw: string) => {
    try {
      if (channel === liveChannel) {
        for (const [userId, message] of JSON.parse(raw) as [string, LiveChangeMessage][]) local.deliver(userId, message);
      } else if (channel.startsWith(channelPrefix)) {
        local.deliver(channel.slice(channelPrefix.length), JSON.parse(raw) as RealtimeMessage);
      }
    } catch (error) {
      logger.warn({ err: error }, 'unreadable realtime message');
    }
  });
  /** EVALSHA (Redis hashes a script sent with EVAL on every call), loading the script when Redis lacks it. */
  async function runScript(source: string, keyCount: number, keysThenArgs: string[]): Promise<unknown> {
    try {
      return await redis.evalsha(sha1(source), keyCount, keysThenArgs);
    } catch (error) {
      if (!String(error).includes('NOSCRIPT')) throw error;
      return redis.eval(source, keyCount, keysThenArgs);
    }
  }

  // Live changes published in the same tick go to Redis together (one script call per
  // `publishChunk`), not one round trip each: a job that touches many people's lists publishes in
  // a burst, and a script call costs Redis about as much as the work inside it.
  let batch: { userId: string; entities: string[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  function publishLive(userId: string, entities: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      if (batch.length === 0) queueMicrotask(() => void flush());
      batch.push({ userId, entities, resolve, reject });
    });
  }
  const settings = [String(liveBufferSize), String(liveEpochTtlMs), String(liveRetentionMs), liveChannel];
  async function flush() {
    const items = batch;
    batch = [];
    const base = newEpoch();
    await Promise.all(
      Array.from({ length: Math.ceil(items.length / publishChunk) }, async (_, c) => {
        const chunk = items.slice(c * publishChunk, (c + 1) * publishChunk);
        // Keys first, then the settings and three arguments per change, in one array.
        const keysThenArgs = new Array<string>(chunk.length * 5 + settings.length);
        let k = 0;
        for (const item of chunk) {
          keysThenArgs[k++] = headKey(item.userId);
          keysThenArgs[k++] = listKey(item.userId);
        }
        for (const setting of settings) keysThenArgs[k++] = setting;
        for (let i = 0; i < chunk.length; i++) {
          const item = chunk[i]!;
          // Epochs differ per person (base + position), so two people's ids never compare.
          keysThenArgs[k++] = `${base}.${c * publishChunk + i}`;
          keysThenArgs[k++] = JSON.stringify(item.entities);
          keysThenArgs[k++] = JSON.stringify(item.userId);
        }
        try {
          await runScript(publishLiveScript, chunk.length * 2, keysThenArgs);
          for (const item of chunk) item.resolve();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error('realtime publish failed', { cause: error });
          for (const item of chunk) item.reject(failure);
        }
      }),
    );
  }

  return {
    mode: 'redis',
    async publish(userId, message) {
      try {
        if (message.topic === 'live') await publishLive(userId, message.entities);
        else await redis.publish(channelPrefix + userId, JSON.stringify(message));
      } catch (error) {
        // The notification itself is stored; the tab catches up when it refetches or reconnects.
        logger.warn({ err: error, userId }, 'realtime publish failed (Redis unreachable)');
      }
    },
    listen: local.listen,
    async liveBacklog(userId, afterId) {
      try {
        const [head, raw] = (await runScript(liveBacklogScript, 2, [headKey(userId), listKey(userId), newEpoch(), String(liveEpochTtlMs), afterId === null ? '0' : '1', String(liveBufferSize)])) as [string, string[]];
        const { epoch, seq } = parseLiveId(head) ?? { epoch: 'unreadable', seq: 0 };
        const entries = raw.map((line) => {
          const bar = line.indexOf('|');
          return { seq: Number(line.slice(0, bar)), message: JSON.parse(line.slice(bar + 1)) as LiveChangeMessage };
        });
        return backlogOf({ epoch, seq, entries }, afterId);
      } catch (error) {
        logger.warn({ err: error, userId }, 'realtime backlog unavailable (Redis unreachable)');
        return { head: `unavailable-0`, missed: afterId === null ? [] : null };
      }
    },
    subscriberCount: local.count,
    async close() {
      // quit() would wait for a connection that may never come (Redis down): only when connected.
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
      else subscriber.disconnect();
    },
  };
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function createRealtimeHub(options: { redis?: Redis; keyPrefix: string; logger: FastifyBaseLogger }): RealtimeHub {
  return options.redis ? createRedisHub({ redis: options.redis, keyPrefix: options.keyPrefix, logger: options.logger }) : createInProcessHub();
}
