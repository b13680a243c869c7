import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { schema } from '@tessera/db';
import { type WebSocket, WebSocketServer } from 'ws';
import { hostApi } from '../lib/api-host';

// Measuring memory per connection needs a full collection before each reading.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const now = () => performance.timeOrigin + performance.now();

/**
 * Routes the fan-out benchmark drives: people with sessions in bulk (signing up 5,000 people
 * through argon2 would take minutes and measure the wrong thing), a broadcast through the real
 * realtime hub (in-process, or Redis when REDIS_URL is set), and a memory reading after GC.
 */
hostApi((app, database, deps) => {
  app.post<{ Body: { count: number } }>('/bench/people', async (request) => {
    const run = randomBytes(4).toString('hex');
    const people: { userId: string; token: string }[] = [];
    for (let offset = 0; offset < request.body.count; offset += 500) {
      const size = Math.min(500, request.body.count - offset);
      const users = await database.db
        .insert(schema.users)
        .values(Array.from({ length: size }, (_, i) => ({ email: `bench-${run}-${offset + i}@bench.test`, name: `Bench ${offset + i}` })))
        .returning({ id: schema.users.id });
      const at = new Date();
      const sessions = users.map((user) => ({ userId: user.id, token: randomBytes(32).toString('base64url') }));
      // The session id is the token's SHA-256, as the API's session manager stores it.
      await database.db.insert(schema.sessions).values(
        sessions.map((s) => ({
          id: createHash('sha256').update(s.token).digest('hex'),
          userId: s.userId,
          expiresAt: new Date(at.getTime() + 7 * 86_400_000),
          createdAt: at,
          lastSeenAt: at,
        })),
      );
      people.push(...sessions);
    }
    return { people };
  });

  app.post<{ Body: { userIds: string[]; round: number } }>('/bench/broadcast', async (request) => {
    const started = now();
    const round = String(request.body.round);
    // One publish per person: per-user channels are how the API fans out (on Redis too). The
    // subscriber processes read the round and this send time out of the frame.
    await Promise.all(request.body.userIds.map((userId) => deps.realtime.publish(userId, { topic: 'live', entities: ['bench', round, String(now())] })));
    return { publishMs: now() - started };
  });

  // The floor: a plain `ws` server in this same process, no tRPC, no hub, no authentication. It
  // answers a subscription like tRPC does and a floor broadcast writes each socket the very frame
  // tRPC writes for a live change (same fields, same size), built per socket as tRPC builds it.
  // What a broadcast costs here is what the sockets alone cost on this machine.
  const bareSockets = new Set<WebSocket>();
  const bare = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 64 * 1024 });
  const frame = (id: unknown, entities: string[]) => JSON.stringify({ id, result: { type: 'data', id: 'f00d.1-1', data: { json: { id: 'f00d.1-1', data: { entities } } } } });
  bare.on('connection', (socket) => {
    bareSockets.add(socket);
    socket.on('close', () => bareSockets.delete(socket));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { id?: unknown; method?: string };
      if (message.method === 'subscription') socket.send(frame(message.id, []));
    });
  });
  app.addHook('onClose', (_app, done) => bare.close(() => done()));
  app.get('/bench/bare', () => {
    const address = bare.address();
    return { wsUrl: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, subscribers: bareSockets.size };
  });
  app.post<{ Body: { round: number } }>('/bench/bare-broadcast', (request) => {
    const started = now();
    const round = String(request.body.round);
    // One send time for the whole broadcast, as the API's publishes all start at once.
    const sentAt = String(started);
    for (const socket of bareSockets) socket.send(frame(1, ['bench', round, sentAt]));
    return { publishMs: now() - started };
  });

  app.get('/bench/clock', () => ({ now: now() }));

  // BENCH_CPU_PROFILE: a profile of the broadcasts only (not the connection phase).
  let profiler: Session | undefined;
  app.post('/bench/profile/start', async () => {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
    return {};
  });
  app.post<{ Body: { file: string } }>('/bench/profile/stop', async (request) => {
    if (!profiler) return {};
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    await writeFile(request.body.file, JSON.stringify(profile));
    return {};
  });

  app.get('/bench/memory', () => {
    gc();
    gc();
    const memory = process.memoryUsage();
    return { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, subscribers: deps.realtime.subscriberCount() + bareSockets.size, mode: deps.realtime.mode };
  });
});
