import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createHeartbeat } from '../src/platform/trpc-transport';
import { sleep } from './realtime-helpers';

/** Enough of a `ws` socket for the heartbeat: events, send, terminate. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  sent: string[] = [];
  terminated = false;
  send(data: string) {
    this.sent.push(data);
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

describe('WebSocket heartbeat (one timer for all sockets)', () => {
  it('pings a silent socket, keeps one that answers and terminates one that does not', async () => {
    const heartbeat = createHeartbeat({ pingMs: 150, pongWaitMs: 150 });
    const answers = new FakeSocket();
    const silent = new FakeSocket();
    const chatty = new FakeSocket();
    for (const socket of [answers, silent, chatty]) heartbeat.watch(socket as unknown as WebSocket);
    answers.send = (data: string) => {
      answers.sent.push(data);
      // wsLink answers PING with PONG (any message counts as a sign of life).
      if (data === 'PING') setTimeout(() => answers.emit('message', Buffer.from('PONG')), 10);
    };
    const talk = setInterval(() => chatty.emit('message', Buffer.from('{}')), 40);
    try {
      await sleep(700);
      expect(answers.sent.filter((m) => m === 'PING').length).toBeGreaterThanOrEqual(2);
      expect(answers.terminated).toBe(false);
      expect(silent.sent).toContain('PING');
      expect(silent.terminated).toBe(true);
      // A socket that keeps sending is never pinged.
      expect(chatty.sent).toHaveLength(0);
      expect(chatty.terminated).toBe(false);
    } finally {
      clearInterval(talk);
      heartbeat.close();
    }
  });
});
