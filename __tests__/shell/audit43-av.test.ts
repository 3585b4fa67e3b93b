// Audit 43, findings AV-1 to AV-8 (what round 42's fixes and the tree writes missed). Every ask and
// deny row was allow in the round-42 build, except the neighbours that already held, which each
// table names; the allow rows are the ordinary neighbours that stay allowed. The workspace is /work/repo and the home folder /home/dev (helpers/policy.ts).
import { everythingAllowedBut, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = everythingAllowedBut(['rm -rf /*', 'curl *'], ['secrets/**', '**/.env', 'config/prod.yml']);

// Neighbours that held before: `//.github`, `/work/repo/secrets`, `mv` onto the folder, and `chmod`
// or `cp -r` after `cd src`.
shellTable(policy, 'audit 43 AV-7: a folder named absolutely or from another folder holds what is protected below it', [
  ...rowsOf('deny', 'the policy file or a denied file goes with the folder',
    'rm -r /work/repo/.github',
    'rm -r /work/repo/.github/',
    'rm -rf /work/repo//.github',
    'cd src && rm -r ../.github',
    'cd .. && rm -r repo/.github',
    'cd /tmp && rm -r /work/repo/config',
    'cd src && rm -r ../config',
    'rm -r /work/repo/secrets',
    'cd src && mv ../.github /tmp/x',
  ),
  ...rowsOf('ask', 'what is put there, or a mode change, may replace a protected file',
    'mv /tmp/e /work/repo/.github',
    'cp -r /tmp/evil/. /work/repo/.github',
    'rsync -a --delete /tmp/evil/ /work/repo/.github/',
    'chmod 000 /work/repo/.github',
    'ln -s /tmp/evil /work/repo/.github',
    'pip install --target /work/repo/.github x',
    'cd src && chmod 000 ../.github',
    'cd src && cp -r /tmp/evil/. ../config',
  ),
  ...rowsOf('allow', 'folders holding nothing protected',
    'rm -r /work/repo/src',
    'cd src && rm -r ../build',
    'cd .. && rm -r repo/dist',
    'rm -r /work/repository/.github',
    'cp -r /tmp/evil/. /work/repo/docs',
  ),
]);
