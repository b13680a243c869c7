import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { createDb, type DatabaseHandle } from '@tessera/db';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import type { Config } from './config';
import { registerOAuthRoutes } from './modules/auth/oauth/routes';
import { registerTrackerRoutes } from './modules/tracker/routes';
import { recordInstallation } from './modules/system/service';
import { createAuthRateLimiter } from './platform/auth-rate-limit';
import { readBearer, readCookie, resolveAuth } from './platform/authentication';
import { enforceTrpcBodyLimit } from './platform/body-limit';
import { enforceSameOrigin } from './platform/csrf';
import { createEventBus } from './platform/events';
import { createAiHandle } from './platform/ai';
import { createMailer } from './platform/mail';
import { registerPlatformMaintenance } from './platform/maintenance';
import { createSessionManager } from './platform/sessions';
import { registerTrpcTransport } from './platform/trpc-transport';
import { checkReadiness } from './platform/health';
import { loggerOptions } from './platform/logger';
import { createMetrics } from './platform/metrics';
import { createPushSender, loadVapidKeys } from './platform/push';
import { createJobQueue } from './platform/queue';
import { createRealtimeHub } from './platform/realtime';
import { createSocketGuard } from './platform/socket-guard';
import { registerLiveUpdates } from './modules/live/service';
import { registerNotificationDelivery } from './modules/notifications/delivery';
import { registerSavedSearchMatching } from './modules/tracker/savedSearches.service';
import { createRedis, type Redis } from './platform/redis';
import { requestIdFor } from './platform/request-id';
import { serveSpa } from './platform/spa';
import { appRouter } from './router';
import { type AppDeps, createContextInner } from './trpc';

export interface BuildOptions {
  /** Use this database instead of opening the configured one (tests pass a fresh one). */
  database?: DatabaseHandle;
  /** Where log lines go (tests capture them); stdout otherwise. */
  logStream?: DestinationStream;
  /** Serve the built SPA when it exists. */
  serveWeb?: boolean;
  /** Current time (tests move it forward through lockouts and expiries). */
  clock?: () => Date;
}

export interface TesseraServer {
  app: FastifyInstance;
  deps: AppDeps;
}

const knownProcedures = new Set(Object.keys(appRouter._def.procedures));

/** `/trpc/a.b,c.d?batch=1` → ['a.b', 'c.d'], with names the router does not know as "unknown". */
function proceduresOf(url: string): string[] {
  const path = url.split('?')[0] ?? '';
  if (!path.startsWith('/trpc/')) return [];
  return decodeURIComponent(path.slice('/trpc/'.length))
    .split(',')
    .map((name) => (knownProcedures.has(name) ? name : 'unknown'));
}

/** Build the whole API (not listening). main.ts listens; tests call `app.listen({ port: 0 })`. */
export async function buildServer(config: Config, options: BuildOptions = {}): Promise<TesseraServer> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    genReqId: requestIdFor,
    // Our own onResponse hook writes the one line per request (with the procedure name).
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // Slow clients (slowloris) get cut off; handlers have the same budget.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 5000 },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await createDb({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.databasePoolMax,
      migrationsFolder: config.migrationsFolder,
    }));
  let redis: Redis | undefined;
  try {
    if (ownsDatabase) await database.migrate();
    await recordInstallation(database.db);
    if (config.redisUrl) {
      // Redis being down at start is not fatal: readiness reports it and rate limits fall back
      // to allowing requests until it answers again.
      const connecting = createRedis(config.redisUrl, app.log);
      redis = connecting;
      connecting.connect().catch((error: unknown) => {
        app.log.warn({ err: error }, 'Redis is not reachable yet; retrying in the background');
      });
    }
  } catch (error) {
    if (ownsDatabase) await database.close();
    redis?.disconnect();
    await app.close();
    throw error;
  }

  const metrics = createMetrics();
  const clock = options.clock ?? (() => new Date());
  const sessions = createSessionManager({
    db: database.db,
    clock,
    ttlMs: config.auth.sessionTtlMs,
    idleTimeoutMs: config.auth.idleTimeoutMs,
    maxAgeMs: config.auth.maxAgeMs,
    cookieName: config.auth.cookieName,
    secureCookies: config.auth.secureCookies,
  });
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, logger: app.log });
  const authLimiter = createAuthRateLimiter({ limits: config.auth.limits, redis, keyPrefix: config.redisKeyPrefix });
  const events = createEventBus((error, event) => app.log.error({ err: error, event: event.type }, 'event handler failed'));
  const ai = createAiHandle({ config, db: database.db, logger: app.log, clock });
  const queue = createJobQueue({ database, logger: app.log, metrics, pollingIntervalSeconds: config.queuePollSeconds });
  const realtime = createRealtimeHub({ redis, keyPrefix: config.redisKeyPrefix, logger: app.log });
  const vapid = await loadVapidKeys(database.db, config.push);
  const push = createPushSender({ ...vapid, subject: config.push.subject, restrictToKnownServices: config.isProduction });
  const socketGuard = createSocketGuard({
    db: database.db,
    clock,
    intervalMs: config.realtimeSessionCheckMs,
    idleTimeoutMs: config.auth.idleTimeoutMs,
    maxAgeMs: config.auth.maxAgeMs,
    logger: app.log,
  });
  const deps: AppDeps = {
    config,
    database,
    logger: app.log,
    metrics,
    redis,
    startedAt: new Date(),
    clock,
    sessions,
    mailer,
    authLimiter,
    events,
    ai,
    queue,
    realtime,
    push,
  };

  app.addHook('onClose', async () => {
    socketGuard.close();
    // Jobs in flight get most of the shutdown budget to finish; the rest are released for retry.
    await queue.stop(Math.max(500, Math.floor(config.shutdownTimeoutMs * 0.7)));
    await realtime.close();
    mailer.close();
    if (redis) await redis.quit().catch(() => redis?.disconnect());
    if (ownsDatabase) await database.close();
  });

  registerNotificationDelivery(deps);
  registerLiveUpdates(deps);
  registerSavedSearchMatching(deps);
  registerPlatformMaintenance(deps);
  try {
    await queue.start();
  } catch (error) {
    await app.close();
    throw error;
  }

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // One log line and one histogram sample per request.
  app.addHook('onResponse', async (request, reply) => {
    const durationMs = reply.elapsedTime;
    const procedures = proceduresOf(request.url);
    const status = String(reply.statusCode);
    const labels = procedures.length ? procedures : [request.routeOptions.url ?? 'unmatched'];
    for (const procedure of labels) {
      metrics.requestDuration.observe({ method: request.method, procedure, status }, durationMs / 1000);
    }
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        procedure: procedures.length ? procedures.join(',') : undefined,
        status: reply.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
      },
      'request completed',
    );
  });

  const httpsOnly = config.publicUrl.startsWith('https://');
  // Security headers (CSP, HSTS on https, frame and sniffing guards, …) on every answer, from helmet's
  // middleware built once. @fastify/helmet builds it again on every request (parsing the CSP
  // directives each time): 7 % of the API's CPU in the tRPC benchmark went there.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'connect-src': ["'self'", ...config.allowedOrigins.map((o) => o.replace(/^http/, 'ws'))],
        'upgrade-insecure-requests': httpsOnly ? [] : null,
      },
    },
    strictTransportSecurity: httpsOnly,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
  await app.register(cors, { origin: config.allowedOrigins, credentials: true });
  await app.register(rateLimit, {
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    ...(redis ? { redis, nameSpace: `${config.redisKeyPrefix}rate:` } : {}),
    skipOnError: true,
    allowList: (request) => request.url.startsWith('/health') || request.url === '/metrics',
    errorResponseBuilder: (request, context) => ({
      statusCode: 429,
      error: {
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        message: `Too many requests: try again in ${Math.ceil(context.ttl / 1000)} s.`,
        requestId: request.id,
      },
    }),
  });

  await app.register(websocket, {
    options: {
      maxPayload: 64 * 1024,
      // ws's default, spelled out: a zlib context per socket costs tens of KB, and live frames are tiny.
      perMessageDeflate: false,
      // Browsers always send Origin: a foreign page may not open a socket with the user's cookie.
      verifyClient: (info: { origin?: string }) => !info.origin || config.allowedOrigins.includes(info.origin),
    },
  });

  enforceTrpcBodyLimit(app, {
    bodyBytes: config.bodyLimitBytes,
    uploadBytes: config.uploadBodyLimitBytes,
    uploadProcedures: new Set(['tracker.transfer.importCsv', 'tracker.transfer.restore']),
  });
  enforceSameOrigin(app, { allowedOrigins: config.allowedOrigins, cookieName: config.auth.cookieName });
  await registerTrpcTransport(app, {
    router: appRouter,
    prefix: '/trpc',
    maxBatchSize: config.maxBatchSize,
    // The per-procedure limit is enforced above from Content-Length; this is the hard ceiling.
    maxBodySize: config.uploadBodyLimitBytes,
    keepAlive: { pingMs: 30_000, pongWaitMs: 5_000 },
    // A live change is ~150 bytes: a tab this far behind has stopped reading.
    maxSocketBufferedBytes: 1024 * 1024,
    createContext: async (transport) => {
      const { req } = transport;
      const cookieToken = readCookie(req.headers.cookie, config.auth.cookieName);
      // Browsers' WebSocket API cannot send headers: a token may come in the connection params
      // instead (the typed client sends it there).
      const paramsToken = transport.connectionParams?.token;
      const bearerToken =
        readBearer(req.headers.authorization) ?? (typeof paramsToken === 'string' ? paramsToken : undefined);
      const resolved = await resolveAuth({ db: database.db, sessions, clock }, { cookieToken, bearerToken, ip: req.ip }).catch((error: unknown) => {
        req.log.error({ err: error }, 'could not resolve credentials');
        return { auth: null, refreshCookie: false, clearCookie: false };
      });
      // A socket cannot set cookies; its context (kept as long as it is open) holds no reply.
      const reply = transport.kind === 'http' ? transport.reply : undefined;
      const setCookie = (value: string) => {
        if (reply) void reply.header('set-cookie', value);
      };
      // A socket keeps the context it opened with: the guard closes it when its session ends.
      if (transport.kind === 'ws') socketGuard.watch(transport.socket, resolved.auth);
      if (resolved.clearCookie) setCookie(sessions.blankCookie());
      if (resolved.refreshCookie && cookieToken) setCookie(sessions.sessionCookie(cookieToken));
      return createContextInner(deps, {
        requestId: req.id,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        auth: resolved.auth,
        cookies: reply
          ? {
              set: (token) => setCookie(sessions.sessionCookie(token)),
              clear: () => setCookie(sessions.blankCookie()),
            }
          : undefined,
      });
    },
  });
  await registerOAuthRoutes(app, deps);
  registerTrackerRoutes(app, deps);

  app.get('/health', () => Promise.resolve({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const readiness = await checkReadiness({ ai: () => ai.readiness(), database, redis, queue });
    return reply.code(readiness.status === 'ok' ? 200 : 503).send(readiness);
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  if (options.serveWeb ?? true) await serveSpa(app, config.webDistDir);

  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send({
      error: { code: 'NOT_FOUND', httpStatus: 404, message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id },
    });
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({
      error: {
        code: status === 500 ? 'INTERNAL_SERVER_ERROR' : (error.code ?? 'BAD_REQUEST'),
        httpStatus: status,
        message: status === 500 ? `Something went wrong on our side. Quote request id ${request.id}.` : error.message,
        requestId: request.id,
      },
    });
  });

  return { app, deps };
}
