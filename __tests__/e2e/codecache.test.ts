// The launcher's code cache, through real runs of dist/cli.js: it is written once, read after, and
// anything wrong with it means compiling as if it were absent, with the same answer.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, utimesSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, DIST_CLI, runCli, tempTree } from '../helpers/cli.ts';

const ARGS = ['explain', '--json', '--shell', 'npm test && rm -rf build'];

function setup(): { cwd: string; cache: string; env: NodeJS.ProcessEnv } {
  const cwd = tempTree({ '.github/agent-gate.yml': 'rules:\n  - {capability: shell, effect: allow, match: ["npm *"]}\n' });
  mkdirSync(join(cwd, '.git'));
  const cache = join(cwd, 'cache');
  return { cwd, cache, env: { AGENT_GATE_NO_CACHE: '', AGENT_GATE_CACHE_DIR: cache } };
}

const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
const expected = runCli(ARGS, { cwd: setup().cwd });

describe('code cache', () => {
  test('the answer without a cache: the rm is not allowed', () => {
    expect(expected.code).toBe(0);
    expect(JSON.parse(expected.stdout).effect).toBe('ask');
  });

  test('the first run writes a private cache for its command; later runs read it and give the same answer', () => {
    const { cwd, cache, env } = setup();
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    const [name] = files(cache);
    expect(files(cache)).toEqual([expect.stringMatching(/^cli-[0-9a-f]{16}-explain-v\d+\.\d+\.\d+-\w+\.v8cache$/)]);
    const path = join(cache, name as string);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const before = statSync(path);
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    const after = statSync(path);
    // Read, not rewritten.
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(files(cache)).toEqual([name]);
  });

  test.each<[string, (b: Buffer) => void]>([
    // Without the second copy, V8 aborts the process on this ("Fatal error ... unreachable code").
    ['flipped bytes in the V8 data', (b) => { const start = 8 + b.readUInt32LE(0); for (let i = start + 64; i < start + b.readUInt32LE(4); i += 997) b[i] = (b[i] as number) ^ 0x5a; }],
    ['a recorded source that is not the bundle', (b) => { b[20] = (b[20] as number) ^ 0x01; }],
  ])('%s: the cache is ignored and replaced', (_name, corrupt) => {
    const { cwd, cache, env } = setup();
    runCli(ARGS, { cwd, env });
    const path = join(cache, files(cache)[0] as string);
    const bad = readFileSync(path);
    corrupt(bad);
    writeFileSync(path, bad);
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    expect(readFileSync(path).equals(bad)).toBe(false);
    // The replacement is whole again: it is read, not rewritten, by the next run.
    const replaced = statSync(path);
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    expect(statSync(path).mtimeMs).toBe(replaced.mtimeMs);
  });

  test('a cache that others may write is not read, and is replaced by a private one', () => {
    const { cwd, cache, env } = setup();
    runCli(ARGS, { cwd, env });
    const path = join(cache, files(cache)[0] as string);
    chmodSync(path, 0o666);
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('a cache folder that others may write is neither read nor written', () => {
    const { cwd, cache, env } = setup();
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    expect(files(cache)).toEqual([]);
  });

  test('AGENT_GATE_NO_CACHE=1 writes nothing', () => {
    const { cwd, cache, env } = setup();
    expect(runCli(ARGS, { cwd, env: { ...env, AGENT_GATE_NO_CACHE: '1' } })).toEqual(expected);
    expect(existsSync(cache)).toBe(false);
  });

  test('a run that could not judge (exit 2) leaves no cache', () => {
    const { cwd, cache, env } = setup();
    const r = runCli(['explain', '--json', '--nonsense'], { cwd, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^agent-gate: /);
    expect(files(cache)).toEqual([]);
  });

  test('an unwritable cache folder changes nothing', () => {
    const { cwd, env } = setup();
    const blocker = join(cwd, 'file');
    writeFileSync(blocker, '');
    expect(runCli(ARGS, { cwd, env: { ...env, AGENT_GATE_CACHE_DIR: join(blocker, 'cache') } })).toEqual(expected);
  });

  test('a launcher without its bundle says so in one line and exits 2', () => {
    const dir = tempTree();
    copyFileSync(DIST_CLI, join(dir, 'cli.js'));
    const r = spawnSync(process.execPath, [join(dir, 'cli.js'), 'check'], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^agent-gate: cannot start: ENOENT[^\n]*main\.js'\n$/);
  });

  test('writing a cache removes cache files not written for 30 days, and nothing else', () => {
    const { cwd, cache, env } = setup();
    mkdirSync(cache, { mode: 0o700 });
    const old = join(cache, 'cli-0123456789abcdef-check-v20.0.0-x64.v8cache');
    const recent = join(cache, 'cli-0123456789abcdef-hook-v20.0.0-x64.v8cache');
    const foreign = join(cache, 'notes.txt');
    for (const f of [old, recent, foreign]) writeFileSync(f, 'x');
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(foreign, longAgo, longAgo);
    expect(runCli(ARGS, { cwd, env })).toEqual(expected);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(files(cache)).toHaveLength(3);
  });
});
