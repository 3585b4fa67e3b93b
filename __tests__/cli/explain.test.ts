// explain run in-process (no built dist needed): where the policy comes from, and how a request
// path given on the command line is read.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatExplanation, formatRule, runExplain } from '../../src/cli/explain.ts';
import { runPolicy } from '../../src/cli/policy.ts';
import type { Io } from '../../src/cli/args.ts';
import type { Explanation } from '../../src/policy/types.ts';
import { tempTree } from '../helpers/cli.ts';

const POLICY = `rules:
  - capability: shell
    effect: deny
    match: ["rm *", "git log *"]
  - capability: fs_write
    effect: deny
    match: ["secrets/**"]
  - capability: fs_write
    effect: allow
    match: ["src/**"]
`;

function repo(): string {
  const dir = tempTree({ '.github/agent-gate.yml': POLICY, 'sub/keep': '' });
  mkdirSync(join(dir, '.git'));
  return dir;
}

function ioIn(cwd: string, sink: (text: string) => void): Io {
  return { out: sink, err: () => undefined, cwd, env: {}, stdin: async () => Buffer.alloc(0) };
}

async function explainJson(args: string[], cwd: string): Promise<Explanation> {
  let out = '';
  expect(await runExplain(['--json', ...args], ioIn(cwd, (t) => { out += t; }))).toBe(0);
  return JSON.parse(out) as Explanation;
}

describe('explain --cwd DIR uses the policy of the repository that holds DIR (as record does)', () => {
  const dir = repo();
  const outside = tempTree();
  test.each([
    [['--cwd', dir, '--shell', 'git log -1'], 'deny', 'workspace', 0],
    [['--cwd', join(dir, 'sub'), '--shell', 'git log -1'], 'deny', 'workspace', 0],
    [['--cwd', dir, '--write', 'secrets/k'], 'deny', 'workspace', 1],
    [['--cwd', join(dir, 'secrets'), '--write', 'k'], 'deny', 'workspace', 1],
    [['--cwd', dir, '--write', 'src/a.ts'], 'allow', 'workspace', 2],
  ])('from outside the repository: %j -> %s', async (args, effect, scope, index) => {
    const r = await explainJson(args, outside);
    expect(r.effect).toBe(effect);
    expect(r.rule).toMatchObject({ scope, file: '.github/agent-gate.yml', index });
  });

  test('a --cwd outside any repository does not take the policy of the repository explain runs in', async () => {
    const r = await explainJson(['--cwd', outside, '--shell', 'git log -1'], dir);
    expect(r).toMatchObject({ effect: 'allow', rule: { scope: 'default' } });
  });
});

// SPEC 4 / 6.2: the canonical form applies to the path as written, before `..` is resolved against
// --cwd; `src\..\x` was denied while `src/../x` was not.
describe('explain --write/--read: a path with an empty, "." or ".." segment is malformed as written', () => {
  const dir = repo();
  test.each([
    ['--write', 'src//a', 'path has an empty segment'],
    ['--write', 'src/../x', 'path has a ".." segment'],
    ['--write', 'src\\..\\x', 'path has a segment that is empty in its canonical form'],
    ['--write', '../x', 'path has a ".." segment'],
    ['--write', 'a//b', 'path has an empty segment'],
    ['--write', './src/a.ts', 'path has a "." segment'],
    ['--write', '.\\src\\a.ts', 'path has a first segment that is empty in its canonical form'],
    ['--write', 'src/', 'path has an empty segment'],
    ['--write', '', 'empty path'],
    ['--read', 'src/../x', 'path has a ".." segment'],
    ['--read', '/etc/../etc/passwd', 'path has a ".." segment'],
    ['--read', '~/../x', 'path has a ".." segment'],
  ])('%s %j -> deny (%s)', async (flag, path, reason) => {
    for (const cwd of [[], ['--cwd', join(dir, 'sub')]]) {
      const r = await explainJson([...cwd, flag, path], dir);
      expect(r).toMatchObject({ effect: 'deny', rule: { scope: 'kiro', index: 5, pattern: 'malformed path' } });
      expect(r.reason).toBe(`${reason}: ${JSON.stringify(path)}`);
    }
  });

  test.each([
    ['--write', 'src/a.ts', 'allow'],
    ['--write', 'secrets/k', 'deny'],
    ['--read', '.', 'allow'],
    ['--read', 'src/.x', 'allow'],
  ])('well formed: %s %j -> %s', async (flag, path, effect) => {
    expect((await explainJson([flag, path], dir)).effect).toBe(effect);
  });

  test('policy test judges its write/read entries the same way', async () => {
    const tests = [
      '  - {write: "../x", expect: deny}',
      '  - {write: "src/../x", expect: deny}',
      '  - {read: "a//b", expect: deny}',
      '  - {write: "src/a.ts", expect: allow}',
      '  - {write: "k", cwd: secrets, expect: deny}',
    ];
    const file = join(tempTree({ 'p.yml': `${POLICY}tests:\n${tests.join('\n')}\n` }), 'p.yml');
    let out = '';
    const code = await runPolicy(['test', file], ioIn(dir, (t) => { out += t; }));
    expect(out).toBe(`${tests.length} passed, 0 failed\n`);
    expect(code).toBe(0);
  });
});

// `--policy=` read a file named "" (an error naming no file) and `--cwd=` quietly meant the current
// folder; a request flag's empty value is a request (`--model ''`: no model known).
describe('explain: empty option values', () => {
  const dir = repo();
  test.each([
    [['--policy=', '--shell', 'rm x'], 'policy'],
    [['--cwd=', '--shell', 'rm x'], 'cwd'],
    [['--admin-policy', '', '--shell', 'rm x'], 'admin-policy'],
  ])('%j -> --%s needs a value', async (args, option) => {
    const io = ioIn(dir, () => undefined);
    await expect(runExplain(args, io)).rejects.toThrow(`explain: --${option} needs a value; see 'agent-gate explain --help'`);
  });

  test('an empty request value is judged', async () => {
    expect((await explainJson(['--shell='], dir)).effect).toBe('ask');
    expect((await explainJson(['--write', ''], dir)).effect).toBe('deny');
  });
});

// Audit L-7: explain printed the deciding pattern raw, so a zero-width character in it was unseen.
test('explain spells out invisible characters in the rule it names and in the reason', () => {
  const rule = { scope: 'workspace', file: 'p.yml', index: 0, effect: 'deny', pattern: 'secr\u200bets/**' } as const;
  expect(formatRule(rule)).toBe('workspace rule #0 (p.yml): deny "secr\\u200bets/**"');
  const text = formatExplanation({ capability: 'fs_write', resource: 'secrets/k', effect: 'deny', rule, reason: 'matches deny pattern "secr\u200bets/**"', parts: [] });
  expect(text).toBe('deny: fs_write "secrets/k"\n  rule:   workspace rule #0 (p.yml): deny "secr\\u200bets/**"\n  reason: matches deny pattern "secr\\u200bets/**"\n');
});
