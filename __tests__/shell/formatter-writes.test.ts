// Formatters and fixers that rewrite files in place (note19's left-alone list): every deny and ask
// row was allow before formatter-writes.ts; the allow rows are everyday uses that must stay allowed.
import { rowsOf, shellTable, writesPolicy, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = writesPolicy();
const table = (name: string, rows: readonly ShellRow[]): void => shellTable(POLICY, name, rows);
const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);

table('formatters rewrite the files they are given', [
  ['black secrets/a.py', 'deny', 'black writes in place by default'],
  ['black -l 100 src/a.py secrets/b.py', 'deny', 'every source, after a valued option'],
  ['python3 -m black secrets/a.py', 'deny', 'python -m black is black'],
  ['black secrets', 'deny', 'a folder is rewritten whole'],
  ['black .', 'ask', 'the folder here holds the policy file'],
  ['ruff format secrets/a.py', 'deny', 'ruff format'],
  ['ruff format', 'ask', 'no files: the folder here'],
  ['ruff check --fix secrets/a.py', 'deny', 'ruff check --fix'],
  ['ruff --fix secrets/a.py', 'deny', 'the old ruff --fix'],
  ['ruff check --fix-only --select I secrets', 'deny', '--fix-only fixes too'],
  ['ruff check -o .env src', 'deny', 'the report file'],
  ['isort secrets/a.py', 'deny', 'isort writes in place'],
  ['python -m isort secrets/a.py', 'deny', 'python -m isort'],
  ['autopep8 -i secrets/a.py', 'deny', 'autopep8 -i'],
  ['autopep8 --in-place -r secrets', 'deny', 'autopep8 --in-place on a folder'],
  ['yapf -i --style pep8 secrets/a.py', 'deny', 'yapf -i after a valued option'],
  ['shfmt -w secrets/a.sh', 'deny', 'shfmt -w'],
  ['shfmt -i 2 -w secrets', 'deny', 'shfmt -w on a folder'],
  ['dos2unix .env', 'deny', 'dos2unix rewrites in place'],
  ['unix2dos -n src/a .env', 'deny', 'dos2unix -n IN OUT writes OUT'],
  ['rustfmt secrets/a.rs', 'deny', 'rustfmt writes in place'],
  ['eslint --fix secrets/a.js', 'deny', 'eslint --fix'],
  ['eslint --fix', 'ask', 'eslint 9 without files lints the folder here'],
  ['eslint -o .env src', 'deny', 'the report file'],
  ["stylelint --fix 'secrets/**/*.css'", 'deny', 'a pattern stylelint expands'],
  ['rubocop -A secrets/a.rb', 'deny', 'rubocop -A'],
  ['gofumpt -w secrets/a.go', 'deny', 'gofumpt -w is gofmt -w'],
  ...allows('checks, diffs and output to standard output write nothing',
    'black --check secrets/a.py', 'black --diff .', "black -c 'x=1'", 'ruff format --check .', 'ruff check secrets', 'ruff check .',
    'isort --check-only secrets/a.py', 'isort --diff .', 'autopep8 secrets/a.py', 'yapf secrets/a.py', 'shfmt secrets/a.sh',
    'dos2unix -i .env', 'rustfmt --check secrets/a.rs', 'rustfmt --emit stdout secrets/a.rs', 'eslint secrets', 'eslint .',
    'stylelint secrets/a.css', 'rubocop .', 'black -', 'gofumpt -l .'),
  ...allows('rewrites the files an allow names', 'black src', 'ruff format src/a.py', 'ruff check --fix src', 'isort src/a.py',
    'autopep8 -i src/a.py', 'shfmt -w src', 'dos2unix src/a.txt', 'rustfmt src/main.rs', 'eslint --fix src', 'rubocop -a src',
    'python3 -m black src'),
]);
