// Audit 36, AD-6: `record` logs a path in the agent's home as `~/…`, and check replays it on a
// runner whose HOME is another folder. Deny and ask rules naming a home folder absolutely
// (`/Users/dev/.ssh/**`, `/Users/*/.aws/**`) are the agent's own rules for that path, so a
// replayed `~/…` is judged in each of them too. Every deny and ask row was allow before.
import { describe, expect, test } from '@jest/globals';
import { compilePolicy } from '../../src/engine/compile.ts';
import { explain } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect, RequestCapability } from '../../src/policy/types.ts';

const POLICY = `
rules:
  - {capability: fs_read, effect: deny, match: ["/Users/*/.aws/**"]}
  - {capability: fs_write, effect: deny, match: ["/Users/dev/.ssh/**", "/{root,home/ci}/.docker/**"]}
  - {capability: fs_write, effect: ask, match: ["/var/root/.netrc"]}
  - {capability: fs_write, effect: allow, match: ["/home/*/.cache/**"]}
  - {capability: all, effect: allow}
`;
const files = [loadPolicy(POLICY, '.github/agent-gate.yml', 'workspace')];
const replayed = compilePolicy(files, { home: '/github/home', root: '/work/repo', replayedPaths: true });
const live = compilePolicy(files, { home: '/github/home', root: '/work/repo' });

const rows: Array<[capability: RequestCapability, resource: string, effect: Effect]> = [
  ['fs_read', '~/.aws/credentials', 'deny'],
  ['fs_write', '~/.ssh/authorized_keys', 'deny'],
  ['fs_write', '~/.docker/config.json', 'deny'],
  ['fs_write', '~/.netrc', 'ask'],
  ['shell', 'echo k >> ~/.ssh/authorized_keys', 'deny'],
  ['shell', 'cd ~ && echo k > .ssh/authorized_keys', 'deny'],
  // Elsewhere in the home, and allow rules naming home folders, change nothing.
  ['fs_write', '~/notes.txt', 'allow'],
  ['fs_write', '~/.cache/x', 'allow'],
  ['fs_read', '~/.ssh/authorized_keys', 'allow'],
  ['fs_write', 'src/a.ts', 'allow'],
];

describe('audit 36 AD-6: a replayed ~/… path in the home folders rules name', () => {
  test.each(rows)('%s %j -> %s', (capability, resource, effect) => {
    const d = explain(replayed, { capability, resource, cwd: '.' });
    expect(d.effect).toBe(effect);
    if (effect !== 'allow') expect(d.reason).toContain("on the agent's machine");
  });

  // On the agent's own machine HOME is the home folder, so `~` is only that.
  test.each(rows.filter(([, , effect]) => effect !== 'allow'))('not replayed: %s %j is allow', (capability, resource) => {
    expect(explain(live, { capability, resource, cwd: '.' }).effect).toBe('allow');
  });
});
