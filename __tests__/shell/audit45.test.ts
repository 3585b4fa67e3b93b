// Audit 45 and what audit 44 left: writes the shell evaluator did not see. Every deny and ask row
// was allow before; the allow rows are the same programs writing nothing, or writing where writes
// are allowed. The workspace is /work/repo and the home folder /home/dev (helpers/policy.ts).
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "parallel *", "sem *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
` }, ['.github/agent-gate.yml']);

// GNU parallel's own report files: `--results DIR`, `--joblog FILE` and `--tmpdir DIR` (by any
// unique prefix and their aliases) were not fs_write requests, so `parallel --joblog
// .kiro/settings/cli.json echo ::: a` was allowed under `parallel *`.
shellTable(policy, 'audit 44 leftover: where GNU parallel writes its results, job log and temporary files', [
  ...rowsOf('deny', 'the file or folder is protected',
    'parallel --results secrets/out echo ::: a',
    'parallel --res secrets echo ::: a',
    'parallel --result=secrets/r.csv echo ::: a',
    'parallel --joblog .kiro/settings/cli.json echo ::: a',
    'parallel --jl=secrets/log echo ::: a',
    'parallel --joblo secrets/log echo ::: a',
    'parallel --tmpdir secrets echo ::: a',
    'parallel --tempdir=.kiro/settings --files echo ::: a',
    'parallel -j4 --results=.kiro/settings echo ::: a',
    'parallel -j 4 --joblog secrets/j echo ::: a',
    'sem --joblog secrets/j echo a',
  ),
  ...rowsOf('allow', 'parallel writes where writes are allowed, or the option is the job command\'s',
    'parallel --results out/r echo ::: a',
    'parallel -j 2 --joblog out/j echo ::: a',
    'parallel echo --joblog secrets/x ::: a',
    'parallel echo ::: --results secrets',
  ),
]);
