import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverProcessEnv } from '../config';
import { compileServerEntry } from './compile';

/** Messages between the benchmark (parent) and the API it loads (a child process). */
export type ToServer =
  | { type: 'start'; databaseUrl: string | undefined; env?: Record<string, string> }
  | { type: 'rss' }
  | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; port: number; rssBytes: number }
  | { type: 'rss'; rssBytes: number }
  | { type: 'error'; message: string };

export interface ServerProcess {
  url: string;
  /** Resident memory of the server process right after it started listening. */
  startRssBytes: number;
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

const benchPackageDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Start a benchmark's API host in its own process: the load generator then never competes with
 * the server for one event loop, and the RSS we report is the server's alone. The entry is compiled
 * as production compiles the API (compile.ts) and runs on plain `node`.
 */
export async function startServerProcess(entry: URL, databaseUrl: string | undefined, env?: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = fork(await compileServerEntry(entry), [], {
    cwd: benchPackageDir,
    env: serverProcessEnv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FromServer) => {
        if (message.type === type) {
          cleanup();
          resolve(message as Extract<FromServer, { type: T }>);
        } else if (message.type === 'error') {
          cleanup();
          reject(new Error(`benchmark server: ${message.message}`));
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`benchmark server exited with code ${code ?? 'null'} before answering`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const send = (message: ToServer) => child.send(message);

  const ready = next('ready');
  send({ type: 'start', databaseUrl, env });
  const { port, rssBytes } = await ready.catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    startRssBytes: rssBytes,
    rssBytes: async () => {
      const answer = next('rss');
      send({ type: 'rss' });
      return (await answer).rssBytes;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        send({ type: 'stop' });
      }),
  };
}
