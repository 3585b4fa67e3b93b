// Audit 34, finding WW-6: a script the command writes and then runs by its absolute path
// (`echo … > src/s.sh; . /repo/src/s.sh`) was allow, since the walker does not know where the
// workspace lies. An absolute path ending in a written file's path, or a folder holding one, now
// asks. Every ask row was allow before.
import { auditPolicy, rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = auditPolicy();

shellTable(policy, 'audit 34 WW-6: a written file run by its absolute path', [
  ...rowsOf('ask', 'the absolute path may name the file written',
    "echo 'rm x' > src/s.sh; . /work/repo/src/s.sh",
    "echo 'rm x' > src/s.sh; source /work/repo/src/s.sh",
    "echo 'rm x' > src/s.sh; bash /work/repo/src/s.sh",
    "echo 'x' > src/a.js; node /work/repo/src/a.js",
    "echo 'import os' > src/m.py; python3 /work/repo/src/m.py",
    "echo 'x' > src/out/index.js; node /work/repo/src/out",
    "cd src && echo 'rm x' > s.sh; . /work/repo/src/s.sh",
  ),
  ...rowsOf('allow', 'nothing written, or another file',
    '. /work/repo/src/s.sh',
    "echo x > src/notes.txt; . /work/repo/src/s.sh",
    "echo x > src/a.txt; /usr/bin/env node src/b.js",
    "echo 'x' > src/a.js; node src/b.js",
  ),
]);
