import type { Stats } from 'node:fs';
import { cacheDir, cacheFileName, decodeCacheFile, encodeCacheFile, isPrivate } from '../../src/cli/codecache.ts';

describe('cacheDir', () => {
  test.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, string | undefined, string | null]>([
    ['~/.cache by default', {}, 'linux', '/home/u', '/home/u/.cache/agent-gate'],
    ['an absolute XDG_CACHE_HOME', { XDG_CACHE_HOME: '/var/c' }, 'linux', '/home/u', '/var/c/agent-gate'],
    ['not a relative XDG_CACHE_HOME (the XDG spec says ignore it)', { XDG_CACHE_HOME: 'rel' }, 'linux', '/home/u', '/home/u/.cache/agent-gate'],
    ['AGENT_GATE_CACHE_DIR first', { AGENT_GATE_CACHE_DIR: '/x', XDG_CACHE_HOME: '/var/c' }, 'darwin', '/Users/u', '/x'],
    ['nowhere without a home', {}, 'linux', undefined, null],
    ['off with AGENT_GATE_NO_CACHE=1', { AGENT_GATE_NO_CACHE: '1', AGENT_GATE_CACHE_DIR: '/x' }, 'linux', '/home/u', null],
    ['on with AGENT_GATE_NO_CACHE=0', { AGENT_GATE_NO_CACHE: '0' }, 'linux', '/home/u', '/home/u/.cache/agent-gate'],
    ['on with AGENT_GATE_NO_CACHE empty', { AGENT_GATE_NO_CACHE: '' }, 'linux', '/home/u', '/home/u/.cache/agent-gate'],
    ['LOCALAPPDATA on Windows', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u', 'C:\\Users\\u\\AppData\\Local/agent-gate/Cache'],
    ['nowhere on Windows without LOCALAPPDATA', {}, 'win32', 'C:\\Users\\u', null],
  ])('%s', (_name, env, platform, home, expected) => {
    expect(cacheDir(env, platform, home)).toBe(expected);
  });
});

describe('cacheFileName', () => {
  test.each<[string[], string | null]>([
    [['hook', 'pre-commit'], 'cli-abc-hook-pre-commit-v20.1.0-x64.v8cache'],
    [['hook', 'commit-msg', 'MSG'], 'cli-abc-hook-commit-msg-v20.1.0-x64.v8cache'],
    [['hook', '../../x'], 'cli-abc-hook-v20.1.0-x64.v8cache'],
    [['check', '--base', 'main'], 'cli-abc-check-v20.1.0-x64.v8cache'],
    [['record', '--enforce'], 'cli-abc-record-v20.1.0-x64.v8cache'],
    [['demo'], null],
    [['--help'], null],
    [['../evil'], null],
    [[], null],
  ])('%j -> %s', (argv, expected) => {
    expect(cacheFileName('abc', argv, 'v20.1.0', 'x64')).toBe(expected);
  });
});

describe('cache file', () => {
  const source = Buffer.from('(function(){ return 1; })');
  const data = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const file = encodeCacheFile(source, data);

  test('gives back the V8 data for the same source', () => {
    expect(decodeCacheFile(file, source)).toEqual(data);
  });

  const flip = (at: number): Buffer => { const b = Buffer.from(file); b[at] = (b[at] as number) ^ 0xff; return b; };
  test.each<[string, Buffer, Buffer]>([
    ['another source of the same length', file, Buffer.from('(function(){ return 2; })')],
    ['another source length', file, Buffer.from('(function(){ return 10; })')],
    ['a flipped byte in the first copy of the data', flip(8 + source.length + 2), source],
    ['a flipped byte in the second copy of the data', flip(file.length - 1), source],
    ['a flipped byte in the recorded source', flip(9), source],
    ['a truncated file', file.subarray(0, file.length - 1), source],
    ['a file with bytes appended', Buffer.concat([file, Buffer.from([0])]), source],
    ['an empty file', Buffer.alloc(0), source],
    ['no data at all', encodeCacheFile(source, Buffer.alloc(0)), source],
  ])('refuses %s', (_name, bytes, src) => {
    expect(decodeCacheFile(bytes, src)).toBeNull();
  });
});

describe('isPrivate', () => {
  const st = (uid: number, mode: number): Stats => ({ uid, mode } as Stats);
  test.each<[string, Stats, number | null, boolean]>([
    ['ours, 0600', st(1000, 0o100600), 1000, true],
    ['ours, 0700 folder', st(1000, 0o040700), 1000, true],
    ['ours, 0644 (others may read, not write)', st(1000, 0o100644), 1000, true],
    ['group-writable', st(1000, 0o100660), 1000, false],
    ['world-writable', st(1000, 0o100606), 1000, false],
    ['someone else\'s', st(0, 0o100600), 1000, false],
    ['no POSIX owner (Windows)', st(0, 0o100666), null, true],
  ])('%s', (_name, stats, uid, expected) => {
    expect(isPrivate(stats, uid)).toBe(expected);
  });
});
