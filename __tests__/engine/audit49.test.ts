// Audit 49, BO-1, BO-3 and BO-5: requests the engine judged more loosely than the same request in
// another spelling. Every deny and ask row was allow before but those with a port written out;
// the allow rows stay allowed.
import { describe, expect, test } from '@jest/globals';
import type { Effect, RequestCapability } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';

type Row = [capability: RequestCapability, resource: string, effect: Effect];

function table(name: string, workspace: string, rows: readonly Row[]): void {
  const policy = policyOf({ workspace }, ['.github/agent-gate.yml']);
  describe(name, () => {
    test.each(rows)('%s %j -> %s', (capability, resource, effect) => {
      expect(judge(policy, capability, resource).effect).toBe(effect);
    });
  });
}

// BO-1: a Windows drive path was matched by relative patterns as if it were a workspace path.
table('BO-1: a Windows drive path is outside the workspace as far as is known', `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
`, [
  ['fs_write', 'C:\\Windows\\System32\\x', 'ask'],
  ['fs_write', 'C:/tmp/x', 'ask'],
  ['fs_write', 'd:\\x', 'ask'],
  ['fs_read', 'C:\\Users\\dev\\.ssh\\id_rsa', 'ask'],
  ['fs_write', 'src/x', 'allow'],
]);

table('BO-1: an allow that names absolute paths still reaches one', `rules:
  - {capability: fs_write, effect: allow, match: ["**", "/**"]}
`, [
  ['fs_write', 'C:\\Windows\\System32\\x', 'allow'],
]);

// BO-5: `Documents and Settings` is a junction to `Users` on every Windows since Vista.
table('BO-5: C:\\Documents and Settings\\NAME is a home folder', `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["~/.ssh/**"]}
`, [
  ['fs_write', 'C:\\Documents and Settings\\dev\\.kiro\\workspace-roots\\abc\\permissions.yaml', 'deny'],
  ['fs_write', 'C:\\Documents and Settings\\dev\\.ssh\\k', 'deny'],
  ['fs_write', 'c:/documents and settings/dev/.ssh/k', 'deny'],
  ['fs_write', 'C:\\Documents and Settings\\dev\\notes.txt', 'ask'],
]);

// BO-3: the request's normal form drops the default port, which a `:*` port never met.
table('BO-3: a wildcard port meets a URL on its default port', `rules:
  - {capability: web_fetch, effect: allow, match: ["*"]}
  - {capability: web_fetch, effect: deny, match: ["http://localhost:*/*", "https://*.internal.corp:*/*", "http://169.254.169.254:*"]}
  - {capability: web_fetch, effect: deny, match: ["https://ports.example:8*/*"]}
`, [
  ['web_fetch', 'http://localhost/x', 'deny'],
  ['web_fetch', 'https://a.internal.corp/x', 'deny'],
  ['web_fetch', 'http://169.254.169.254/latest/meta-data/', 'deny'],
  ['web_fetch', 'http://169.254.169.254', 'deny'],
  ['web_fetch', 'http://localhost:80/x', 'deny'],
  ['web_fetch', 'https://ports.example/x', 'allow'],
  ['web_fetch', 'https://ports.example:8443/x', 'deny'],
  ['web_fetch', 'https://example.com/x', 'allow'],
]);
