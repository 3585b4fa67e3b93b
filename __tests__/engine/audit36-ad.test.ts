// Audit 36, AD-1 and AD-4: paths as the agent's machine spells them. A Windows drive path
// (`C:\…`, `C:/…`, also as an entry's cwd) is absolute there, so it is judged like any absolute
// path outside the workspace: by each of its tails and as `~/…` below `Users\NAME`. macOS's
// `/etc`, `/tmp` and `/var` are links into `/private`, where `record` logs their files. Every
// deny row was allow before.
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

const policy = policyOf({
  workspace: `
rules:
  - capability: fs_write
    effect: deny
    match: ["secrets/**", "~/.ssh/**", "/etc/**", "/tmp/**"]
  - capability: fs_read
    effect: deny
    match: ["~/.aws/**"]
  - capability: all
    effect: allow
`,
}, ['.github/agent-gate.yml']);

const rows: Array<[capability: 'fs_write' | 'fs_read' | 'shell', resource: string, cwd: string, effect: Effect]> = [
  ['fs_write', 'C:\\Users\\dev\\proj\\secrets\\k8', '.', 'deny'],
  ['fs_write', 'C:/Users/dev/proj/secrets/k8b', '.', 'deny'],
  ['fs_write', 'C:\\Users\\dev\\.ssh\\authorized_keys', '.', 'deny'],
  ['fs_write', 'c:\\users\\dev\\.ssh\\authorized_keys', '.', 'deny'],
  ['fs_read', 'C:\\Users\\dev\\.aws\\credentials', '.', 'deny'],
  ['fs_write', 'k8d', 'C:\\Users\\dev\\proj\\secrets', 'deny'],
  ['fs_write', 'k8d', 'C:/Users/dev/proj/secrets/', 'deny'],
  ['shell', 'echo x > C:/Users/dev/proj/secrets/k8e', '.', 'deny'],
  ['fs_write', '/private/etc/hosts', '.', 'deny'],
  ['fs_write', '/private/tmp/x', '.', 'deny'],
  ['shell', 'echo x > /private/etc/hosts', '.', 'deny'],
  ['fs_write', 'D:\\work\\notes.txt', '.', 'allow'],
  ['fs_write', 'notes.txt', 'D:\\work', 'allow'],
  ['fs_write', '/private/var/x', '.', 'allow'],
  ['fs_write', '/privateer/etc/hosts', '.', 'allow'],
  ['fs_write', 'src/a', '.', 'allow'],
];

describe('audit 36 AD-1/AD-4: Windows drive paths and macOS /private paths', () => {
  test.each(rows)('%s %j from %j -> %s', (capability, resource, cwd, effect) => {
    expect(judge(policy, capability, resource, cwd).effect).toBe(effect);
  });
});
