import { mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outDir = fileURLToPath(new URL('../../.build/', import.meta.url));

/**
 * Compile a benchmark server entry the way production compiles the API (tsup: esbuild, ESM,
 * node20, workspace packages compiled in, third-party packages left as imports) and return the
 * file to run with plain `node`. Why not `tsx`: it compiles with esbuild's `keepNames`, which gives
 * every function an own `name` property — 256 bytes and a defineProperty per closure created — so a
 * server run under tsx holds ~2.7 KB more per WebSocket and does more work per request than the
 * production bundle. Third-party imports are rewritten to the files they resolve to from the
 * source, so the bundle loads the same packages wherever it is written. The output sits at the
 * same depth below the repository root as apps/api/src (tooling/bench/.build), so paths the API's
 * config resolves from its own location hold.
 */
export async function compileServerEntry(entry: URL): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const outfile = `${outDir}${basename(fileURLToPath(entry)).replace(/\.ts$/, '.mjs')}`;
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // As tsup's banner: CommonJS `require` in a bundled module still works.
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    plugins: [
      {
        name: 'third-party-stays-external',
        setup(compiler) {
          compiler.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.pluginData === 'resolving' || args.path.startsWith('@tessera/') || args.path.startsWith('node:')) return undefined;
            const resolved = await compiler.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
            if (resolved.errors.length) return { errors: resolved.errors };
            return { path: resolved.path, external: true };
          });
        },
      },
    ],
  });
  return outfile;
}
