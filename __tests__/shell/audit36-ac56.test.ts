// Audit 36, AC-5 and AC-6 (the shell evaluator): a script this command writes, run under another
// name. AC-5: through a link the command made before writing it (`ln -s src l; … > src/s; bash
// l/s`). AC-6: copied into a folder named with a trailing slash or as `src/.`, which puts its
// files in the folder itself (`cp -r src/ bin/` makes bin/s when bin did not exist). Every ask
// row was allow before, but `… bash out/l/s`, `make -C l` and `bash bin/src/s`, kept as neighbours.
import { everythingAllowedBut, rowsOf, shellTable } from '../helpers/shell-table.ts';

// Every command and every write allowed, but `rm`.
const policy = everythingAllowedBut(['rm *']);

shellTable(policy, 'audit 36 AC-5: a written file run through a link made before the write', [
  ...rowsOf('ask', 'the run goes through the link to the written file',
    'ln -s src l; echo rm y > src/s; bash l/s',
    'ln -s src l && echo rm y > src/s && . l/s',
    'ln -s . l; echo rm y > s; bash l/s',
    'ln -s src/s l; echo rm y > src/s; bash l',
    'ln src/s l; echo rm y > src/s; bash l',
    'ln -s ../src out/l; echo rm y > src/s; bash out/l/s',
    'ln -s src a; ln -s a b; echo rm y > src/s; bash b/s',
    'ln -s src l; echo rm > src/Makefile; make -C l',
    'ln -s src l; echo "import os" > src/sitecustomize.py; PYTHONPATH=l python3 x.py',
    'mkdir -p src; ln -s src l; printf "rm y" > src/s; sh ./l/s',
  ),
  ...rowsOf('allow', 'the link leads elsewhere, or nothing was written',
    'ln -s src l; echo rm y > out/s; bash l/s',
    'ln -s src l; bash l/s',
    'ln -s src l; cp l/s bin/s; echo rm y > src/s; bash bin/s',
  ),
]);

shellTable(policy, 'audit 36 AC-6: a folder copied into DIR/ or as src/.', [
  ...rowsOf('ask', 'the written file lands in the destination folder itself',
    'echo rm y > src/s; cp -r src/ bin/; bash bin/s',
    'echo rm y > src/s; cp -a src/. bin/; bash bin/s',
    'echo rm y > src/s; rsync -r src/ bin/; bash bin/s',
    'echo rm y > src/s; rsync -a src/. bin/; bash bin/s',
    'echo rm y > src/s; cp -r src/ bin//; bash bin/s',
    'echo rm y > src/s; cp -R src/ bin/ && . bin/s',
    'echo rm y > src/s; cp -r src/ bin/; bash bin/src/s',
  ),
  ...rowsOf('allow', 'nothing written is copied',
    'cp -r src/ bin/; bash bin/s',
    'echo x > out/s; cp -r src/ bin/; bash bin/s',
  ),
]);
