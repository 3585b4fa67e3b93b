// Bundles each entry point into one ESM file under dist/. The output is committed
// (the Action and the hook run it), so the build must be deterministic.
import { build } from 'esbuild';

const banner = [
  "import { createRequire as __agentGateCreateRequire } from 'node:module';",
  'const require = __agentGateCreateRequire(import.meta.url);',
].join('\n');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  charset: 'utf8',
};

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + banner },
});
await build({
  ...common,
  entryPoints: ['src/action/main.ts'],
  outfile: 'dist/index.js',
  banner: { js: banner },
});
