// Audit 41, findings AQ-3 and AQ-8 (the shell evaluator's writes). Every deny row was allow before;
// the allow rows are the ordinary neighbours that stay allowed, under a policy that allows no write
// but below src/, since these writes count only for rules that name them.
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = policyOf({
  workspace: `rules:
  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**", "**/.env", ".github/**"]}
`,
});

shellTable(policy, 'audit 41 AQ-3: python -m venv and virtualenv make (and with --clear empty) their folder', [
  ...rowsOf('deny', 'a denied or protected folder',
    'python3 -m venv --clear .github',
    'python -m venv .kiro/settings',
    'python3.12 -Im venv secrets/env',
    'python3 -mvenv --prompt x secrets',
    'python3 -W ignore -m venv secrets',
    'virtualenv secrets/v',
    'virtualenv -p python3 .github',
    'virtualenv --prompt p .kiro',
  ),
  ...rowsOf('allow', 'a folder no rule names, and python running something else',
    'python3 -m venv .venv',
    'virtualenv .venv',
    'python3 -m pip --version',
    'python3 script.py .github',
    'python3 -c "print(1)" -m venv .github',
  ),
]);

shellTable(policy, 'audit 41 AQ-8: a package manager installs where the shell stands', [
  ...rowsOf('deny', 'node_modules, package.json and lock files in a denied folder',
    'cd .kiro/settings && npm install',
    'cd secrets && yarn add x',
    'cd secrets && yarn',
    'cd .github && pnpm i',
    'cd secrets && bun install',
    'env -C secrets npm install',
    'cd secrets && npm init -y',
    'cd secrets && npm pkg set x=y',
    'pushd .github && npm ci',
  ),
  ...rowsOf('allow', 'installs at the top or in an allowed folder, and commands that install nothing',
    'npm install',
    'npm i lodash',
    'yarn',
    'pnpm add x',
    'bun install',
    'cd src && npm install',
    // What npm writes at every install is not a script it wrote: npm test runs the same scripts.
    'npm install && npm test',
    'yarn && yarn test',
    'cd secrets && npm test',
    'cd .github && npm run lint',
  ),
]);
