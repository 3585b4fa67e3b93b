// Audit 36, findings AE-2 and AE-4(b): a link made at a protected path's missing ancestor
// (`ln -s /tmp/evil .github` plants the agent's own policy file), and `chmod`/`chown`/`chgrp`,
// which change a mode or owner (a write, SPEC 6.1) and can hide the policy or turn the hook off.
// Every deny and ask row was allow before.
import { rowsOf, shellTable } from '../helpers/shell-table.ts';
import { policyOf } from '../helpers/policy.ts';

const policy = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow, match: ["ln *", "chmod *", "chown *", "chgrp *", "cmake *", "busybox *"]}
  - {capability: fs_write, effect: allow, match: ["**", "~/**", "/tmp/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
`,
}, ['.github/agent-gate.yml']);

shellTable(policy, 'audit 36 AE-2: a link made above a protected path', [
  ...rowsOf('ask', 'the link puts what its target holds at the protected path below it',
    'ln -s /tmp/evil .github',
    'ln -s /tmp/evil .kiro',
    'ln -s /tmp/evil ~/.kiro',
    'ln -s ../evil .github',
    'ln -sT /tmp/evil .github',
    'ln -sr /tmp/evil .kiro',
    'ln -fs /tmp/evil .github',
    'ln --symbolic /tmp/evil .github',
    'ln -s /tmp/evil/.kiro ~/',
    'ln -s /tmp/evil/.github .',
    'ln -st . /tmp/evil/.github',
    'ln -s /tmp/evil ~/.cache',
    'cmake -E create_symlink /tmp/evil .kiro',
    'busybox ln -s /tmp/evil .kiro',
  ),
  ...rowsOf('allow', 'a link where writes are allowed', 'ln -s ../lib src/l', 'ln -s /tmp/x src/l', 'ln src/a src/b'),
]);

shellTable(policy, 'audit 36 AE-4: chmod, chown and chgrp write the mode or owner of what they name', [
  ...rowsOf('deny', 'a denied path or the policy file',
    'chown nobody .github/agent-gate.yml',
    'chgrp -R x secrets',
    'chmod --reference src/a secrets/k',
    'chmod 000 ~/.kiro/settings',
    'chmod 600 .github/agent-gate.yml',
  ),
  ...rowsOf('ask', 'a folder above a protected path, or a path no rule allows',
    'chmod 000 .github',
    'chmod -x .github',
    'chmod -R 000 .kiro',
    'chmod -x .git/hooks/pre-commit',
    'chmod 755 "$f"',
  ),
  ...rowsOf('allow', 'paths where writes are allowed',
    'chmod 755 src/a',
    'chmod +x src/a src/b',
    'chmod -x src/a',
    'chmod u+x,g-w src/a',
    'chmod --reference=src/a src/b',
    'chown -R me:me src',
    'chmod -- -x src/a',
    'chmod +x scripts/build.sh',
  ),
]);
