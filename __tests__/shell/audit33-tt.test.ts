// Audit round 33 (TT-1): a symlink made earlier in the same command was lost once a copy that
// keeps links (`cp -P`/`-d`/`-a`/`-R`, `rsync -l`/`-a`) took it elsewhere, so a write through the
// copy was allowed where a write through the link itself asks. Every ask row was allow before the
// fix; the allow rows are everyday copies that must stay allowed.
import { describe, expect, test } from '@jest/globals';
import { analyzeShell } from '../../src/shell/analyze.ts';
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable, writesPolicy } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
/** The finding's policy: every write allowed but secrets/ (and the policy file, by the built-in scope). */
const FINDING = policyOf({
  workspace: `
rules:
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: shell, effect: allow, match: ["*"]}
`,
}, ['.github/agent-gate.yml']);

shellTable(FINDING, 'TT-1: the finding\'s reproductions', [
  ...rowsOf('ask', 'a write through a copy of a link made here asks, as one through the link does',
    'ln -s secrets a; cp -P a b; echo x > b/k',
    'ln -s .kiro/settings a; cp -P a b; echo x > b/cli.json',
    "ln -s .github/agent-gate.yml a; cp -P a b; echo 'rules: []' > b",
    'ln -s secrets a; cp -a a b; echo x > b/k',
    'ln -s secrets a; cp -d a b; echo x > b/k',
    'ln -s secrets a; cp -R a b; echo x > b/k',
    'ln -s secrets a; rsync -a a b; echo x > b/k',
    'ln -s secrets a; rsync -l a b; echo x > b/k',
    'cp -s secrets/s a; cp -P a b; echo x > b',
    'cmake -E create_symlink secrets a; cp -P a b; echo x > b/k',
    'ln -s secrets a; mkdir d; cp -P a d/; echo x > d/a/k',
    'ln -s secrets a; cp -P a b; tee b/k < /dev/null'),
  ...rowsOf('allow', 'a copy of a file that is no link made here', 'cp -P a b; echo x > b/k', 'touch a; cp -a a b; echo x > b/k'),
]);

shellTable(POLICY, 'TT-1: a copy that keeps links carries a link the command made', [
  ...rowsOf('ask', 'the copy leads where the link does',
    'ln -s secrets src/a; cp -P src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; cp -d src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; cp --no-dereference src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; cp -a src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; cp -R src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; cp -r src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; cp --archive src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; rsync -l src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a; rsync -a src/a src/b; echo x > src/b/k',
    'ln -s secrets src/a && cp -P src/a src/b && printf x >> src/b/k',
    'ln -s secrets src/a; cp -P src/a src/b; tee src/b/k < /dev/null',
    'ln -s secrets src/a; cp -P src/a dist/b; echo x > dist/b/k'),
  ...rowsOf('ask', 'the copy itself is the link, and a write to it lands where it leads',
    'ln -s s src/a; cp -P src/a src/b; echo x > src/b',
    'ln -sf s src/a && cp -P src/a src/b && echo x >> src/b'),
  ...rowsOf('ask', 'links made by cp -s and cmake -E create_symlink go along too',
    'cp -s secrets/s src/a; cp -P src/a src/b; echo x > src/b',
    'cmake -E create_symlink secrets src/a; cp -P src/a src/b; echo x > src/b/k'),
  ...rowsOf('ask', 'a copy into a folder puts the link under its own name there',
    'ln -s secrets src/a; mkdir src/d; cp -P src/a src/d/; echo x > src/d/a/k',
    'ln -s secrets src/a; cp -P -t src/d src/a; echo x > src/d/a/k',
    'ln -s secrets src/a; cp -P src/a src/x dist; echo x > dist/a/k'),
  ...rowsOf('ask', 'a copied folder holding a fresh link brings it',
    'ln -s secrets src/d/l; cp -a src/d src/e; echo x > src/e/l/k',
    'ln -s secrets src/d/l; cp -a src/d dist/; echo x > dist/d/l/k',
    'ln -s secrets src/d/l; cp -r src/d/. dist/e; echo x > dist/e/l/k',
    'ln -s secrets src/d/l; rsync -a src/d/ dist/; echo x > dist/l/k',
    'ln -s secrets src/d/l; cp -P src/d/* dist/; echo x > dist/l/k'),
  ...rowsOf('ask', 'copies chain, and a source only known at run time may be the link',
    'ln -s secrets src/a; cp -P src/a src/b; cp -P src/b src/c; echo x > src/c/k',
    'ln -s secrets src/a; cp -P "$x" src/b; echo x > src/b/k'),
  ...rowsOf('ask', 'a copy in code that runs later takes a link made further on',
    'f(){ cp -P src/a src/b; }; ln -s secrets src/a; f; echo x > src/b/k',
    "trap 'echo x > src/b/k' EXIT; ln -s secrets src/a; cp -P src/a src/b"),
  ...rowsOf('allow', 'everyday copies',
    'cp -a src/x dist/', 'cp -r src dist', 'cp -a src/. dist/', 'rsync -a src/ dist/',
    'ln -s ../src dist/l; ls dist/l',
    'ln -s ../src dist/l; cp -a src/x dist/; echo x > dist/y',
    'ln -s x src/a; cp -a src/d dist/; echo x > dist/d/k'),
  ...rowsOf('allow', 'a copy that follows links, or one made before the link, takes no link along',
    'ln -s ../secrets/s src/a; cp src/a src/b; echo x > src/b',
    'ln -s ../secrets/s src/a; cp -L src/a src/b; echo x > src/b',
    'ln -s ../secrets/s src/a; install src/a src/b; echo x > src/b',
    'cp -P src/a src/b; ln -s secrets src/a; echo x > src/b/k'),
]);

describe('TT-1: check follows a copied link in later entries', () => {
  test.each([
    ['ln -s secrets src/a; cp -P src/a src/b', { path: 'src/b', target: 'secrets' }],
    ['ln -s secrets src/a; cp -P src/a src/d/', { path: 'src/d/a', target: 'secrets' }],
    ['ln -s ../secrets src/d/l; cp -a src/d dist/', { path: 'dist/d/l', target: '../secrets' }],
    ['cmake -E create_symlink secrets src/a; rsync -a src/a dist/b', { path: 'dist/b', target: 'secrets' }],
  ])('%j', (source, link) => {
    expect(analyzeShell(source).links).toContainEqual(link);
  });
});
