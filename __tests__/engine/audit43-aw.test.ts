// Audit 43, findings AW-1 to AW-3. Every deny and ask row was allow in the round-42 build; the
// allow rows are the ordinary neighbours that stay allowed.
import { effectOf, policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

// AW-1: `--no-list` undoes `git branch --list`, which then deletes, renames or creates.
shellTable(policyOf(), 'audit 43 AW-1: the default scope\'s git branch --list', [
  ...rowsOf('ask', 'a negated --list makes git branch change branches',
    'git branch --list --no-list -D main',
    'git branch --list --no-l -f main HEAD~3',
    'git branch --list --no-list -m main evil',
    'git branch --list x --no-lis --edit-description',
  ),
  ...rowsOf('allow', 'listing', 'git branch --list', 'git branch --list "feat*"', 'git branch -a', 'git log --oneline'),
]);

// AW-2: Windows reads `C:name` as `name` in the drive's current folder; an allow's exclude holds there too.
describe('audit 43 AW-2: an allow rule\'s exclude holds for the drive-relative reading', () => {
  const policy = policyOf({ workspace: 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"], exclude: ["secrets/**", ".env"]}\n' });
  test.each([
    ['C:secrets/a', 'ask'],
    ['C:secrets\\a', 'ask'],
    ['C:./secrets/a', 'ask'],
    ['c:.env', 'ask'],
    ['SECRETS/a', 'ask'],
    ['C:src/a', 'allow'],
    ['src/a', 'allow'],
  ])('%j -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });
});

// AW-3: agent-gate's own output options write the file they name.
const trustsAgentGate = policyOf({
  workspace: 'rules:\n  - {capability: shell, effect: allow, match: ["npx agent-gate *", "agent-gate *"]}\n  - {capability: fs_write, effect: allow, match: ["reports/**"]}\n',
}, ['.github/agent-gate.yml']);
shellTable(trustsAgentGate, 'audit 43 AW-3: agent-gate check --output, record/import --log and install write files', [
  ...rowsOf('deny', 'a file the kiro scope protects',
    'npx agent-gate check --format json --output .kiro/settings/mcp.json',
    'npx agent-gate check --output=.github/agent-gate.yml',
    'npx agent-gate import t.jsonl --log ~/.kiro/settings/permissions.yaml',
    'agent-gate record --log .github/agent-gate.yml',
  ),
  ...rowsOf('ask', 'git\'s hooks, a file no rule names, or an option only known at run time',
    'agent-gate install --force',
    'agent-gate uninstall',
    'npx agent-gate check --output report.json',
    'agent-gate check "$OPT" x',
  ),
  ...rowsOf('allow', 'a report where writes are allowed, or no file',
    'npx agent-gate check --output reports/r.json',
    'agent-gate check',
    'agent-gate explain --shell ls',
  ),
]);
