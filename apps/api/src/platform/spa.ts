import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const apiPrefixes = ['/trpc', '/health', '/metrics'];

/**
 * Production serves the built SPA from the API's port: hashed assets cached forever, index.html
 * never cached, and every unknown GET that wants HTML gets index.html so client routes deep-link.
 * Files the web build compressed (`x.js.br`, `x.js.gz` beside `x.js`) go to browsers that accept
 * them, with `Vary: Accept-Encoding`.
 * Returns false when there is no build (tests, `pnpm dev`, where Vite serves the SPA).
 */
export async function serveSpa(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, path) => {
      void res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const file = path.replace(/^\/+/, '');
    // The compressed twins are chosen by Accept-Encoding, never asked for by name.
    if (file && !file.includes('..') && !/\.(br|gz)$/.test(file) && existsSync(join(distDir, file)) && file !== 'index.html') {
      return reply.sendFile(file);
    }
    if (apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${path}`, requestId: request.id } });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
