// A V8 code cache for the CLI bundle. A hook runs on every commit, and most of a cold start is V8
// compiling the bundle; Node 20 has no built-in compile cache (module.enableCompileCache came in
// 22.1), so the launcher keeps one itself through vm.Script's cachedData.
//
// A cache file is private to the user and records the exact source bytes it was made from:
// - it is read only when the user owns it and its folder, and neither is group- or world-writable;
// - it is used only when its recorded source equals the bundle byte for byte (V8 itself compares
//   only the source length);
// - its V8 data is stored twice and both copies must agree (see encodeCacheFile);
// - it is written atomically (temporary file, then rename), so concurrent runs never see half a file.
// The cache only saves compile time: any problem with it means compiling as if it were absent.
// Nothing here may import more than Node's own modules, since it runs before the bundle loads.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** The argv of record --enforce's judge worker (judgeworker.ts), which keeps a cache of its own. */
export const JUDGE_WORKER_ARGV = 'record-judge';

/** Caches are kept per command, so a `check` run does not leave the hook a cache without its code. */
const CACHED_COMMANDS: ReadonlySet<string> = new Set(['check', 'explain', 'policy', 'hook', 'record', JUDGE_WORKER_ARGV, 'import', 'install', 'uninstall']);

/** Where caches live, or null when caching is off or no private folder can be named. */
export function cacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string | undefined): string | null {
  if (env['AGENT_GATE_NO_CACHE'] !== undefined && env['AGENT_GATE_NO_CACHE'] !== '' && env['AGENT_GATE_NO_CACHE'] !== '0') return null;
  const chosen = env['AGENT_GATE_CACHE_DIR'];
  if (chosen !== undefined && chosen !== '') return chosen;
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    return local ? join(local, 'agent-gate', 'Cache') : null;
  }
  const xdg = env['XDG_CACHE_HOME'];
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (xdg !== undefined && xdg.startsWith('/')) return join(xdg, 'agent-gate');
  return home ? join(home, '.cache', 'agent-gate') : null;
}

/** The cache file for one command of one bundle build on this Node, or null when not cached. */
export function cacheFileName(bundleId: string, argv: readonly string[], nodeVersion: string, arch: string): string | null {
  const [command, sub] = argv;
  if (command === undefined || !CACHED_COMMANDS.has(command)) return null;
  const stage = command === 'hook' && sub !== undefined && /^[a-z-]{1,20}$/.test(sub) ? `-${sub}` : '';
  return `cli-${bundleId}-${command}${stage}-${nodeVersion}-${arch}.v8cache`;
}

// File layout: the source length and the V8 data length (4 bytes each, little-endian), the source
// bytes, then V8's data twice. V8 checks only its header: flipped bytes in the data crash Node with a
// fatal error. The second copy catches them with one memcmp; a checksum in JavaScript costs a cold
// process more than that (about 3 ms for 360 KB, and loading node:crypto about as much).
export function encodeCacheFile(source: Buffer, v8Data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(source.length, 0);
  head.writeUInt32LE(v8Data.length, 4);
  return Buffer.concat([head, source, v8Data, v8Data]);
}

/** V8's data from a cache file made from exactly `source`; null when it was made from anything else. */
export function decodeCacheFile(file: Buffer, source: Buffer): Buffer | null {
  if (file.length < 8) return null;
  const sourceLength = file.readUInt32LE(0);
  const dataLength = file.readUInt32LE(4);
  if (sourceLength !== source.length || dataLength === 0 || file.length !== 8 + sourceLength + 2 * dataLength) return null;
  if (!file.subarray(8, 8 + sourceLength).equals(source)) return null;
  const data = file.subarray(8 + sourceLength, 8 + sourceLength + dataLength);
  return data.equals(file.subarray(8 + sourceLength + dataLength)) ? data : null;
}

/** Only the user may have written it: owned by us, not writable by group or others. */
export function isPrivate(st: Stats, uid: number | null): boolean {
  if (uid === null) return true; // Windows: no POSIX owner; the folder is under the user's profile.
  return st.uid === uid && (st.mode & 0o022) === 0;
}

const currentUid = (): number | null => (typeof process.getuid === 'function' ? process.getuid() : null);

/** The cached V8 data for `source` at `file`, or null for any reason at all. */
export function readCache(dir: string, file: string, source: Buffer): Buffer | null {
  const uid = currentUid();
  let fd: number | null = null;
  try {
    if (!isPrivate(statSync(dir), uid)) return null;
    fd = openSync(join(dir, file), 'r');
    if (!isPrivate(fstatSync(fd), uid)) return null;
    return decodeCacheFile(readFileSync(fd), source);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Cache files not written for this long are removed when another is written. */
export const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes cache files (and leftover temporary files) written more than STALE_MS ago, so caches of
 * earlier versions do not pile up. A cache still in use is only rewritten by its next run.
 */
export function pruneStale(dir: string, now: number): void {
  for (const name of readdirSync(dir)) {
    if (!/^cli-.*\.v8cache(?:\.\d+\.tmp)?$/.test(name)) continue;
    try {
      if (now - statSync(join(dir, name)).mtimeMs > STALE_MS) unlinkSync(join(dir, name));
    } catch { /* removed by another run meanwhile */ }
  }
}

/** Stores a cache file; failures are ignored (the next run compiles and tries again). */
export function writeCache(dir: string, file: string, source: Buffer, v8Data: Buffer): void {
  const temp = join(dir, `${file}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivate(statSync(dir), currentUid())) return;
    writeFileSync(temp, encodeCacheFile(source, v8Data), { mode: 0o600, flag: 'wx' });
    renameSync(temp, join(dir, file));
    pruneStale(dir, Date.now());
  } catch {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
  }
}
