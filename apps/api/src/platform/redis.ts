import { Redis } from 'ioredis';

/**
 * The shared Redis connection (rate limits, realtime fan-out). Commands fail fast while Redis is
 * down instead of queueing forever, so readiness reports it and requests do not hang.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export type { Redis };
