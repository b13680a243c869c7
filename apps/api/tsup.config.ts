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
  noExternal: [/^@tessera\//],
});
