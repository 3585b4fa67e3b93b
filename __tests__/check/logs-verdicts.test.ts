// The replay judges every entry on its own. Verdicts are reused between identical requests, and
// two different requests must never share one (audit round 7: a NUL in `cwd` or `resource` made
// `{cwd: ".\0rm -rf /", resource: "npm test"}` and `{cwd: ".", resource: "rm -rf /\0npm test"}`
// the same request, so the second, denied one was replayed as the first one's allow).
import { judgeNote } from '../../src/check/logs.ts';
import { appendEntries, type EntryDraft } from '../../src/logs/index.ts';
import { policyOf } from '../helpers/policy.ts';

const policy = policyOf({ workspace: `
rules:
  - {capability: shell, effect: allow, match: ["npm *"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
` });

const draft = (resource: string, cwd: string): EntryDraft => ({
  ts: '2026-11-21T10:00:00Z', agent: 'kiro', model: null, capability: 'shell', resource, cwd,
});

function deniedResources(drafts: EntryDraft[]): string[] {
  const log = Buffer.from(appendEntries(null, drafts, 's'));
  return judgeNote(policy, 'c'.repeat(40), 'refs/notes/agent-gate', log).findings
    .filter((f) => f.effect === 'deny').map((f) => f.resource);
}

test.each<[string, EntryDraft[]]>([
  ['a NUL in the earlier entry\'s cwd', [draft('npm test', '.\u0000rm -rf /'), draft('rm -rf /\u0000npm test', '.')]],
  ['a NUL in the later entry\'s cwd', [draft('A\u0000rm -rf /', '.'), draft('rm -rf /', '.\u0000A')]],
])('%s: the denied entry is still denied', (_name, drafts) => {
  expect(deniedResources(drafts)).toContain(drafts[1]?.resource);
});

test('identical requests still share one verdict, and both are findings', () => {
  expect(deniedResources([draft('rm -rf /', '.'), draft('rm -rf /', '.')])).toEqual(['rm -rf /', 'rm -rf /']);
});
