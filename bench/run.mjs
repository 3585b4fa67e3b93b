// npm run bench: every SPEC 13 target, each printed as a ratio to its floor measured in the same run.
// Benchmarks, not timed tests: nothing here fails the test suite.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.agent-gate-bench');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'bench/engine.ts')],
  outfile: join(out, 'engine.mjs'),
  bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const only = process.argv[2];
const results = [];
const engine = await import(pathToFileURL(join(out, 'engine.mjs')).href);
if (!only || only === 'shell') results.push(engine.benchShell());
if (!only || only === 'paths') results.push(engine.benchPaths());
if (!only || only === 'check') results.push((await import('./check.mjs')).benchCheck(out));
if (!only || only === 'hook') {
  const hook = await import('./hook.mjs').catch(() => null);
  if (hook) results.push(hook.benchHook(out));
}
console.log('\nSPEC 13 targets');
for (const r of results) console.log(`  ${r.name.padEnd(6)} ${r.ok ? 'met ' : 'MISS'}  ${r.summary}`);
