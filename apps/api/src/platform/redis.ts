import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * The shared Redis connection (rate limits, realtime fan-out). While Redis is down commands fail
 * at once (no offline queue), so readiness reports it quickly and requests never wait on it;
 * the client keeps reconnecting in the background.
 */
export function createRedis(url: string, logger: FastifyBaseLogger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let reported = false;
  redis.on('error', (error: Error) => {
    // One warning per outage, not one per reconnect attempt.
    if (!reported) logger.warn({ err: error }, 'Redis connection error');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) logger.info('Redis connection restored');
    reported = false;
  });
  return redis;
}

export type { Redis };
