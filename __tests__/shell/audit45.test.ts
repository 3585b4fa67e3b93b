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

// Runners the evaluator did not know ran their operands here, so a deny behind them went by under a
// policy allowing the runner (`podman *`, `infisical *`, …): `podman unshare` runs its command on
// this machine in a user namespace, and the secret injectors and task runners run theirs with more
// environment.
const runnersPolicy = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "podman *", "infisical *", "chamber *", "envchain *", "flox *", "teller *", "summon *", "berglas *", "bws *", "secrethub *", "tox *", "nx *", "railway *", "heroku *"]}
  - {capability: shell, effect: deny, match: ["rm *", "curl *"]}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
` }, ['.github/agent-gate.yml']);

shellTable(runnersPolicy, 'audit 44 leftover: podman unshare and more secret injectors run their command here', [
  ...rowsOf('deny', 'the command they run is denied, or writes a protected file',
    'podman unshare rm -rf /',
    'podman --log-level=debug unshare rm -rf /',
    'podman unshare <<< "rm -rf /"',
    'podman unshare cp src/a .kiro/settings/cli.json',
    'infisical run -- rm -rf /',
    'infisical run --env=dev --command "rm -rf /"',
    'chamber exec svc -- rm -rf /',
    'envchain ns rm -rf /',
    'flox activate -- rm -rf /',
    'teller run -- rm -rf /',
    'summon rm -rf /',
    'berglas exec -- rm -rf /',
    'bws run -- rm -rf /',
    'secrethub run -- rm -rf /',
    'tox exec -e py -- rm -rf /',
    'nx exec -- rm -rf /',
    'railway run rm -rf /',
    'heroku local:run rm -rf /',
  ),
  ...rowsOf('ask', 'podman unshare with no command starts the user\'s shell, reading a pipe',
    'echo "rm -rf /" | podman unshare',
  ),
  ...rowsOf('allow', 'what they run is allowed, or they run nothing here',
    'podman ps',
    'podman unshare echo hi',
    'infisical run --env=dev -- echo hi',
    'nx run app:build',
    'heroku logs --tail',
    'tox -e py',
  ),
]);
