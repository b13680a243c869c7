import WebSocket from 'ws';

/**
 * A share of the fan-out benchmark's subscribers, in a process of its own (forked by
 * realtime-fanout.ts): the sockets' frames are parsed here, not on the API's event loop and not all
 * on one client event loop. It reports, per broadcast, when each of its sockets received the frame.
 * Timestamps are `performance.timeOrigin + performance.now()` (wall-clock milliseconds with
 * sub-millisecond resolution): comparable across processes on one machine, and the parent checks
 * the skew with a ping before trusting them.
 */

export type ToClients =
  /** `wsUrl`: the API's `ws://…/trpc?connectionParams=1`, or the bare floor server's URL. */
  | { type: 'open'; wsUrl: string; tokens: string[] }
  | { type: 'clock' }
  | { type: 'collect'; round: number }
  | { type: 'close' };
export type FromClients =
  | { type: 'opened'; count: number }
  | { type: 'clock'; now: number }
  | { type: 'received'; round: number; count: number }
  /** Per delivery: [sentAt (server clock), receivedAt (this process's clock)]. */
  | { type: 'collected'; round: number; deliveries: [number, number][] }
  | { type: 'error'; message: string };

const now = () => performance.timeOrigin + performance.now();
const send = (message: FromClients) => process.send?.(message);

const sockets: WebSocket[] = [];
const rounds = new Map<number, [number, number][]>();

/** The tRPC WebSocket protocol spoken directly (the typed client is too heavy for thousands). */
function subscribe(wsUrl: string, token: string): Promise<void> {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
  sockets.push(socket);
  return new Promise<void>((resolve, reject) => {
    socket.on('open', () => {
      socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
      socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'live.onChange', input: { json: {} } } }));
    });
    socket.on('message', (raw: Buffer) => {
      // The receipt time first, before any parsing.
      const receivedAt = now();
      const text = raw.toString();
      if (text === 'PING') return socket.send('PONG');
      // A bench frame carries `"entities":["bench","<round>","<sentAt>"]`: read it without parsing
      // the whole frame. The round comes in the frame, so no message from the parent can race it.
      const marker = text.indexOf('"bench","');
      if (marker !== -1) {
        const [roundText, sentAtText] = text.slice(marker + 9, text.indexOf(']', marker)).split('","');
        const round = Number(roundText);
        let rows = rounds.get(round);
        if (!rows) rounds.set(round, (rows = []));
        rows.push([Number(sentAtText?.replace('"', '')), receivedAt]);
        if (rows.length === sockets.length) send({ type: 'received', round, count: rows.length });
        return;
      }
      const message = JSON.parse(text) as { result?: { type: string; data?: { json?: { data?: { entities?: string[] } } } }; error?: unknown };
      if (message.error) return reject(new Error(JSON.stringify(message.error)));
      if (message.result?.type === 'data' && message.result.data?.json?.data?.entities) resolve();
    });
    socket.on('error', reject);
  });
}

process.on('message', (message: ToClients) => {
  switch (message.type) {
    case 'open':
      void (async () => {
        // Batches, so the handshakes do not all land in the same tick.
        for (let i = 0; i < message.tokens.length; i += 100) {
          await Promise.all(message.tokens.slice(i, i + 100).map((token) => subscribe(message.wsUrl, token)));
        }
        send({ type: 'opened', count: sockets.length });
      })().catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
      break;
    case 'clock':
      send({ type: 'clock', now: now() });
      break;
    case 'collect':
      send({ type: 'collected', round: message.round, deliveries: rounds.get(message.round) ?? [] });
      break;
    case 'close':
      for (const socket of sockets) socket.terminate();
      process.exit(0);
  }
});
