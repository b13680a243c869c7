import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per server instance (tests build several servers in one process).
 * Label values are bounded: procedures come from the router, unknown paths collapse to "unknown".
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tessera_' });

  const requestDuration = new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'HTTP request duration, labelled by tRPC procedure (or route) and status code',
    labelNames: ['method', 'procedure', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const procedureErrors = new Counter({
    name: 'tessera_trpc_errors_total',
    help: 'tRPC errors by procedure and error code',
    labelNames: ['procedure', 'code'] as const,
    registers: [registry],
  });

  return { registry, requestDuration, procedureErrors };
}

export type Metrics = ReturnType<typeof createMetrics>;
