// Audit round 31 (OO-3): moving a folder takes away what it holds, as rm -r does, but only a rule
// for the folder's contents was consulted: `mv .github x` took the policy file away (allow, or ask
// under a narrower policy) while `rm -r .github` was deny. Every deny row was allow before.
import { rowsOf, shellTable, writesPolicy } from '../helpers/shell-table.ts';

const WIDE = writesPolicy('', ', "**"');

shellTable(WIDE, 'a folder moved takes the protected paths below it along', [
  ...rowsOf('deny', 'the policy file or the kiro settings go with the folder', 'mv .github .github.bak', 'mv .github src/gh', 'mv -t src .github',
    'git mv .github src/gh', 'mv -T .kiro src/k', 'mv .kiro /tmp/k', 'cd .github && mv . ../x', 'mv -f .github/ dist/'),
  ['mv secrets dist/s', 'deny', 'a denied folder, as before'],
  ['rm -r .github', 'deny', 'the same as rm -r, as before'],
  ...rowsOf('allow', 'nothing protected lies below', 'mv src dist/src', 'mv src/a.ts src/b.ts', 'mv .kiro/steering dist/steering', 'mv dist/old dist/new'),
]);
