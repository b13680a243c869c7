import { TRPCError } from '@trpc/server';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from './redis';

export type AuthAction = 'signIn' | 'signUp' | 'reset';

export interface AuthRateLimiter {
  /** Spend one point for this key; throws TOO_MANY_REQUESTS when none are left. */
  consume(action: AuthAction, key: string): Promise<void>;
}

const windows: Record<AuthAction, number> = { signIn: 15 * 60, signUp: 60 * 60, reset: 60 * 60 };

/**
 * Limits per procedure call, not per HTTP request, so 50 sign-ins in one batch are 50 attempts.
 * Counters live in Redis when it is configured (shared by replicas), in memory otherwise; a
 * Redis outage falls back to memory rather than failing sign-in.
 */
export function createAuthRateLimiter(options: {
  limits: Record<AuthAction, number>;
  redis?: Redis;
  keyPrefix: string;
}): AuthRateLimiter {
  const limiters = Object.fromEntries(
    (Object.keys(windows) as AuthAction[]).map((action) => {
      const base = { points: options.limits[action], duration: windows[action], keyPrefix: `${options.keyPrefix}auth:${action}` };
      const memory = new RateLimiterMemory(base);
      const limiter = options.redis
        ? new RateLimiterRedis({ ...base, storeClient: options.redis, insuranceLimiter: memory, useRedisPackage: false })
        : memory;
      return [action, limiter];
    }),
  ) as Record<AuthAction, RateLimiterMemory | RateLimiterRedis>;

  return {
    async consume(action, key) {
      try {
        await limiters[action].consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          throw new TRPCError({
            code: 'TOO_MANY_REQUESTS',
            message: `Too many attempts from your network. Try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
          });
        }
        throw rejection;
      }
    },
  };
}
