import type { DatabaseHandle } from '@tessera/db';
import type { Redis } from './redis';

export interface DependencyCheck {
  status: 'ok' | 'error';
  latencyMs: number;
  error?: string;
}

export interface Readiness {
  status: 'ok' | 'error';
  checks: Record<string, DependencyCheck>;
  /** Reported but never failing readiness: without the provider the app still answers (AI calls fail cleanly). */
  ai?: AiReadiness;
}

export interface AiReadiness {
  status: 'ok' | 'error';
  provider: string;
  model: string;
  configured: boolean;
  reachable: boolean;
  latencyMs: number;
  error?: string;
}

async function timed(check: () => Promise<unknown>, timeoutMs: number): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'error',
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness: every configured dependency answers. The failing ones are named in `checks`. */
export async function checkReadiness(deps: {
  database: DatabaseHandle;
  redis?: Redis;
  ai?: () => Promise<AiReadiness>;
  /** The job queue: running, and its tables answer. */
  queue?: { ping(): Promise<void> };
  timeoutMs?: number;
}): Promise<Readiness> {
  const timeoutMs = deps.timeoutMs ?? 2000;
  const checks: Record<string, DependencyCheck> = {
    database: await timed(() => deps.database.ping(), timeoutMs),
  };
  if (deps.redis) {
    const redis = deps.redis;
    checks.redis = await timed(() => redis.ping(), timeoutMs);
  }
  if (deps.queue) {
    const queue = deps.queue;
    checks.queue = await timed(() => queue.ping(), timeoutMs);
  }
  const status = Object.values(checks).every((c) => c.status === 'ok') ? 'ok' : 'error';
  // The AI provider is informational: its outage must not take the API out of the load balancer.
  const ai = deps.ai ? await deps.ai() : undefined;
  return { status, checks, ...(ai ? { ai } : {}) };
}
