// explain run in-process (no built dist needed): where the policy comes from, and how a request
// path given on the command line is read.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runExplain } from '../../src/cli/explain.ts';
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

