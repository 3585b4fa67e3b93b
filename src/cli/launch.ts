// dist/cli.js: loads the CLI bundle (dist/main.js) through a code cache, so that a hook run does not
// pay for compiling the bundle on every commit. See codecache.ts for why the cache can be trusted.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir, cacheFileName, readCache, writeCache } from './codecache.ts';

// Set by scripts/build.mjs: a digest of dist/main.js, so that builds do not share cache files.
declare const MAIN_BUNDLE_ID: string;

// The CommonJS wrapper, spelled out rather than taken from the undocumented Module.wrap.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

type BundleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

function safeHome(): string | undefined {
  try { return homedir(); } catch { return undefined; }
}

function launch(): void {
  const mainPath = join(__dirname, 'main.js');
  const source = readFileSync(mainPath);
  const dir = cacheDir(process.env, process.platform, safeHome());
  const file = cacheFileName(MAIN_BUNDLE_ID, process.argv.slice(2), process.version, process.arch);
  const cached = dir !== null && file !== null ? readCache(dir, file, source) : null;
  const script = new Script(WRAPPER_HEAD + source.toString('utf8') + WRAPPER_TAIL, { filename: mainPath, ...(cached !== null ? { cachedData: cached } : {}) });
  if (dir !== null && file !== null && (cached === null || script.cachedDataRejected === true)) {
    // Made at exit, so the cache also holds every function this command compiled while it ran.
    // Only a run that judged (exit 0 or 1) is typical enough to be worth keeping.
    process.once('exit', (code) => {
      if (code !== 0 && code !== 1) return;
      let data: Buffer;
      // A throw in an exit listener would print a stack trace and change the exit code.
      try { data = script.createCachedData(); } catch { return; }
      writeCache(dir, file, source, data);
    });
  }
  const run = script.runInThisContext() as BundleFunction;
  const module = { exports: {} };
  run(module.exports, createRequire(mainPath), module, mainPath, __dirname);
}

try {
  launch();
} catch (e) {
  // The bundle reports its own failures; this is only for one that cannot be loaded (a partial
  // install without dist/main.js, say): one line and exit 2, as for anything that cannot judge.
  process.stderr.write(`agent-gate: cannot start: ${e instanceof Error ? e.message : String(e)}`.replace(/\s*\n\s*/g, ' ') + '\n');
  process.exitCode = 2;
}
