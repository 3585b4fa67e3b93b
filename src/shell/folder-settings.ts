// Settings that move where package and build tools write (audit 41, AQ-6): `PIP_TARGET=.github pip
// install x` installs into .github as `pip install --target .github x` does. Such a variable set
// anywhere in the command (before a command, alone, through export/declare or env) names a folder
// the tool writes a tree into, judged as a write there; as for `mkdir`, only rules naming it
// count, since every build writes one. `go env -w NAME=DIR` and `pip config set KEY DIR` store the
// same settings for later commands. A value only known at run time asks. Variables that make a
// tool run or load other code (CARGO_HOME, npm_config_*) are dangerous instead (assignments.ts).
import { contentWrite as content, readWords, ruleOnlyWrite, treeWrite as tree, withValue, type OperandWrite } from './operand-words.ts';
import { assignedName, type Arg } from './words.ts';

/** Variables naming a folder a tool writes into; GOPATH is a list. */
const FOLDER_VARIABLES = new Set([
  'PIP_TARGET', 'PIP_PREFIX', 'PIP_ROOT', 'PIP_SRC', 'PIP_CACHE_DIR',
  'CARGO_TARGET_DIR', 'CARGO_BUILD_TARGET_DIR', 'CARGO_INSTALL_ROOT',
  'GOBIN', 'GOPATH', 'GOMODCACHE', 'GOCACHE',
  'UV_PROJECT_ENVIRONMENT', 'UV_CACHE_DIR', 'UV_TOOL_DIR', 'UV_TOOL_BIN_DIR', 'UV_PYTHON_INSTALL_DIR', 'UV_INSTALL_DIR', 'VIRTUAL_ENV',
  'PIPX_HOME', 'PIPX_BIN_DIR', 'POETRY_VIRTUALENVS_PATH', 'POETRY_CACHE_DIR', 'GEM_HOME', 'BUNDLE_PATH',
  // Coverage data and test reports a run writes (audit 44, BA-4); caches read back as code
  // (NODE_COMPILE_CACHE, CCACHE_DIR) are dangerous instead (assignments.ts).
  'NODE_V8_COVERAGE', 'JEST_JUNIT_OUTPUT_DIR',
]);
/** Variables naming a file a tool writes (pip's log, coverage.py's data file, jest-junit's report). */
const FILE_VARIABLES = new Set(['PIP_LOG', 'PIP_LOG_FILE', 'COVERAGE_FILE', 'JEST_JUNIT_OUTPUT_FILE']);

/** pip settings (`pip config set SECTION.KEY VALUE`) that are such folders or files. */
const PIP_FOLDER_KEY = /^[\w-]+\.(?:target|prefix|root|src|cache-dir)$/;
const PIP_FILE_KEY = /^[\w-]+\.(?:log|log-file)$/;

/**
 * Whether `name` is one of these settings: dangerous as any other (assignments.ts) wherever its
 * value is not judged as a write here (`sudo PIP_TARGET=…`, `make GOBIN=…`, `read PIP_TARGET`,
 * `env -S`: audit 43, AV-8).
 */
export function isFolderSetting(name: string): boolean {
  return FOLDER_VARIABLES.has(name) || FILE_VARIABLES.has(name);
}

/** What setting `name` to `value` (the word `at`) makes tools write, by `by`. */
function settingWrites(name: string, value: string, at: Arg, by: string): OperandWrite[] {
  if (FILE_VARIABLES.has(name)) return value === '' ? [] : [content(withValue(at, value), by)];
  if (!FOLDER_VARIABLES.has(name)) return [];
  const folders = name === 'GOPATH' ? value.split(':') : [value];
  return folders.filter((f) => f !== '').map((f) => ruleOnlyWrite(tree(withValue(at, f), by)));
}

/** The writes a `NAME=VALUE` word (an assignment, or an operand of export or env) leads to. */
export function assignmentWrites(word: Arg): OperandWrite[] {
  const name = assignedName(word.value);
  if (name === null || !isFolderSetting(name)) return [];
  // `NAME+=x` adds to a value not known here.
  const append = word.value[name.length] === '+';
  const value = word.value.slice(word.value.indexOf('=') + 1);
  const at = append ? { ...word, dynamic: word.dynamic ?? 'appended to a value not known here' } : word;
  return settingWrites(name, value, at, `${name}=`);
}

const DECLARES = new Set(['export', 'declare', 'typeset', 'local', 'readonly', 'env']);

/** The folder settings `args` (export, env, `go env -w`, `pip config set`) store or pass on, or null for another program. */
export function folderSettingWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  if (DECLARES.has(name)) return args.slice(1).flatMap(assignmentWrites);
  if (name === 'go') {
    if (args[1]?.value !== 'env' || !args.some((a) => a.value === '-w')) return [];
    return args.slice(2).flatMap(assignmentWrites).map((w) => ({ ...w, by: `go env -w ${w.by}` }));
  }
  if (/^pip[0-9.]*$/.test(name)) {
    const w = readWords(args, 1, { valued: '', long: ['--log', '--cache-dir', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--python', '--editor'] });
    const [verb, action, key, value] = w.operands;
    if (verb?.value !== 'config' || action?.value !== 'set' || key === undefined || value === undefined) return [];
    const by = `pip config set ${key.value}`;
    // A key only known at run time may be any of them.
    if (key.dynamic !== null) return [content(value, by), ruleOnlyWrite(tree(value, by))];
    if (PIP_FILE_KEY.test(key.value)) return [content(value, by)];
    return PIP_FOLDER_KEY.test(key.value) ? [ruleOnlyWrite(tree(value, by))] : [];
  }
  return null;
}
