import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// Production build: one ESM bundle per entry, at the same folder depth as src/ so paths that
// config.ts resolves from the repository root (migrations, the web build) hold in both.
// Workspace packages (TypeScript source) are compiled in; third-party dependencies stay in
// node_modules.
export default defineConfig({
  entry: { main: 'src/main.ts', 'admin-create': 'src/cli/admin-create.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // A worker thread's entry, plain JavaScript, loaded by path beside the bundle (excel.ts).
  onSuccess: () => copyFile('src/modules/tracker/excel.worker.mjs', 'dist/excel.worker.mjs'),
  noExternal: [/^@tessera\//],
  // Workspace packages' own third-party dependencies must also be listed in this package's
  // dependencies so they stay external (and `pnpm deploy --prod` installs them). Should one slip
  // into the bundle anyway, CommonJS `require` calls still work through this shim.
  banner: { js: "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);" },
});
