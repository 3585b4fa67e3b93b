// Programs that load code from files the command may have written just before (audit round 16):
// make reads its makefile's recipes, npm the scripts of package.json, pytest conftest.py, an
// interpreter its script, and git the config of a folder that looks like a repository. A policy
// that trusts `make *` or `npm *` trusts the files in the workspace, which its fs_write rules
// guard; one the same command writes and then loads is judged nowhere, so it asks.
import { isPluginLoaderName, pluginLoads } from './plugin-loaders.ts';
import { PYTHON, pythonPytest } from './pytest.ts';
import type { Arg } from './words.ts';

/** What every Python start reads from site-packages: `.pth` lines that import, sitecustomize. */
const SITE = String.raw`.*\.pth|sitecustomize\.py|usercustomize\.py`;
const SITE_FILES = new RegExp(`^(?:${SITE})$`, 'i');
/** A file-name pattern of `names` (alternatives, as regex source) and of Python's start-up files. */
const withSiteFiles = (names: string): RegExp => new RegExp(`^(?:${names}|${SITE})$`, 'i');

/** What pytest reads before the tests: conftest.py holds code, the settings can load plugins. */
const PYTEST_FILES = withSiteFiles(String.raw`conftest\.py|\.?pytest\.(?:ini|toml)|pyproject\.toml|tox\.ini|setup\.cfg`);

const GRADLE_FILES = /^(?:.*\.gradle(?:\.kts)?|gradle(?:-wrapper)?\.properties)$/i;
const MAVEN_FILES = /^(?:pom\.xml|extensions\.xml|maven\.config|jvm\.config)$/i;
const PIP_FILES = /^(?:setup\.py|setup\.cfg|pyproject\.toml)$/i;
const TERRAFORM_SOURCES = String.raw`.*\.tf|.*\.tf\.json|.*\.tfvars(?:\.json)?`;
const TERRAFORM_FILES = new RegExp(`^(?:${TERRAFORM_SOURCES}|\\.terraformrc|terraform\\.rc)$`, 'i');
const MSBUILD_FILES = /^(?:.*\.(?:cs|fs|vb)proj|.*\.props|.*\.targets|.*\.sln|global\.json|nuget\.config)$/i;
const INVOKE_FILES = /^(?:tasks\.py|invoke\.(?:ya?ml|json|py))$/i;

/**
 * File names each loader reads commands or code from, by the program's name. Matched in any case:
 * a case-insensitive disk opens `src/MAKEFILE` as `src/Makefile` (audit 35, YY-5).
 */
const MAKEFILES = /^(?:GNUmakefile|makefile|.*\.mk)$/i;
const LOADED: ReadonlyMap<string, RegExp> = new Map([
  ['make', MAKEFILES],
  ['gmake', MAKEFILES],
  ['npm', /^(?:package\.json|\.npmrc)$/i],
  ['pnpm', /^(?:package\.json|\.npmrc|\.pnpmfile\.c?js|pnpm-workspace\.yaml)$/i],
  ['yarn', /^(?:package\.json|\.npmrc|\.yarnrc(?:\.yml)?)$/i],
  ['bun', /^(?:package\.json|bunfig\.toml)$/i],
  ['deno', /^deno\.jsonc?$/i],
  ['pytest', PYTEST_FILES],
  ['py.test', PYTEST_FILES],
  // Build tools that run code from the sources and build files they read: cargo compiles and
  // runs build.rs and proc macros (even for `cargo check`), `go run`/`test`/`generate` run Go
  // code and `//go:generate` lines, and the rest run the tasks their build files define.
  ['cargo', /^(?:.*\.rs|cargo\.toml|config(?:\.toml)?|rust-toolchain(?:\.toml)?)$/i],
  ['go', /^(?:.*\.go|go\.mod|go\.work)$/i],
  ['gradle', GRADLE_FILES],
  ['gradlew', GRADLE_FILES],
  ['mvn', MAVEN_FILES],
  ['mvnw', MAVEN_FILES],
  ['rake', /^(?:rakefile(?:\.rb)?|.*\.rake)$/i],
  ['just', /^\.?justfile$/i],
  ['task', /^taskfile(?:\.dist)?\.ya?ml$/i],
  ['cmake', /^(?:cmakelists\.txt|.*\.cmake|cmake(?:user)?presets\.json)$/i],
  ['tox', /^(?:tox\.ini|setup\.cfg|pyproject\.toml)$/i],
  ['nox', /^noxfile\.py$/i],
  // `pip install .` runs setup.py and the build backend pyproject.toml names; bundler reads the
  // Gemfile (Ruby code); pre-commit runs the hooks its settings name.
  ['pip', PIP_FILES],
  ['pip3', PIP_FILES],
  ['bundle', /^(?:gemfile|.*\.gemspec)$/i],
  ['pre-commit', /^\.pre-commit-config\.ya?ml$/i],
  // Audit 37, AF-8: more tools whose build, task or infrastructure files hold code they run:
  // terraform's `external` data source runs a program during `plan`, a ninja rule is a shell
  // command, an MSBuild project has `<Exec>`, composer.json and pyproject.toml have scripts.
  ['terraform', TERRAFORM_FILES],
  ['tofu', TERRAFORM_FILES],
  ['terragrunt', new RegExp(`^(?:terragrunt\\.hcl|${TERRAFORM_SOURCES})$`, 'i')],
  ['packer', /^(?:.*\.pkr\.(?:hcl|json)|.*\.pkrvars\.hcl)$/i],
  ['pulumi', /^(?:pulumi(?:\..+)?\.ya?ml|.*\.(?:ts|js|mjs|cjs|py|go|cs|fs|java))$/i],
  ['ninja', /^(?:.*\.ninja)$/i],
  ['dotnet', MSBUILD_FILES],
  ['msbuild', MSBUILD_FILES],
  ['composer', /^composer\.json$/i],
  ['meson', /^(?:meson\.build|meson_options\.txt|meson\.options)$/i],
  ['mise', /^(?:\.?mise(?:\.[\w-]+)?\.toml|\.tool-versions)$/i],
  ['vagrant', /^vagrantfile$/i],
  ['sbt', /^(?:.*\.sbt|.*\.scala)$/i],
  ['mix', /^(?:mix\.exs|.*\.exs)$/i],
  ['invoke', INVOKE_FILES],
  ['inv', INVOKE_FILES],
  ['hatch', /^(?:pyproject\.toml|hatch\.toml)$/i],
  ['pdm', /^(?:pyproject\.toml|pdm\.toml)$/i],
  ['poe', /^(?:pyproject\.toml|poe_tasks\.(?:toml|ya?ml|json))$/i],
  ['turbo', /^(?:turbo\.json|package\.json)$/i],
  ['nx', /^(?:nx\.json|project\.json|package\.json)$/i],
  // AF-2: package runners run programs from the project's node_modules or virtualenv (below).
  ['npx', /^(?:package\.json|\.npmrc)$/i],
  ['pnpx', /^(?:package\.json|\.npmrc)$/i],
  ['bunx', /^(?:package\.json|bunfig\.toml)$/i],
  ['uv', withSiteFiles(String.raw`pyproject\.toml|uv\.toml`)],
  ['poetry', withSiteFiles(String.raw`pyproject\.toml|poetry\.toml`)],
  ['pipenv', withSiteFiles('pipfile')],
  ['rye', withSiteFiles(String.raw`pyproject\.toml`)],
  // AF-6: direnv sources .envrc (bash), dotenv-cli and node's --env-file read variables from files.
  ['direnv', /^\.env(?:rc)?$/i],
  ['dotenv', /^\.env(?:\..+)?$/i],
  // They read no file by name, only the folder their operand or -e names (envFiles).
  ['envdir', /^(?!)/],
  ['chpst', /^(?!)/],
]);

/**
 * Folders a package runner runs programs from (`npx jest` is node_modules/.bin/jest, `uv run
 * pytest` .venv/bin/pytest, whose interpreter reads the .pth files of .venv's site-packages): a
 * file this command wrote in one is code the runner may run (audit 37, AF-2, AF-11).
 */
const RUNNER_FOLDERS: ReadonlyMap<string, readonly string[]> = new Map([
  ...['npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'bun', 'bunx'].map((n): [string, string[]] => [n, ['node_modules']]),
  ...['uv', 'poetry', 'pdm', 'pipenv', 'hatch', 'rye'].map((n): [string, string[]] => [n, ['.venv', 'venv']]),
  ['bundle', ['bin', 'vendor/bundle', '.bundle']],
]);

/** Sub-commands after which cargo and go run no code from the sources (`cargo fmt`, `go vet`). */
const RUNS_NO_CODE: ReadonlyMap<string, RegExp> = new Map([
  ['cargo', /^(?:fmt|version|help|-V|--version|-h|--help|--list)$/],
  ['go', /^(?!(?:run|test|generate)$)/],
  ['pip', /^(?!(?:install|wheel|download)$)/],
  ['pip3', /^(?!(?:install|wheel|download)$)/],
  ['terraform', /^(?:fmt|version|-version|--version|-help|--help|-h)$/],
  ['tofu', /^(?:fmt|version|-version|--version|-help|--help|-h)$/],
]);

/** The sub-command deno and bun take before the script they run (`deno run -A s.ts`, `bun run s.ts`). */
const RUN_SUBCOMMANDS = /^(?:run|test|bench|serve)$/;

/** Interpreters besides Python (PYTHON) whose operands include the script they run. */
const INTERPRETERS = /^(?:node|nodejs|deno|bun|tsx|ts-node|ruby|perl|php|lua|luajit|Rscript|tclsh[\d.]*|wish[\d.]*|expect|osascript|java|groovy|kotlin|scala|julia|elixir|escript|guile|racket|raku|swift|dart|gjs|qjs|runghc|runhaskell)$/;

/** Whether `loads` knows the program a command word's last segment names. */
export function isLoaderName(name: string): boolean {
  return LOADED.has(name) || INTERPRETERS.test(name) || PYTHON.test(name) || isPluginLoaderName(name);
}

/** The files git reads as a repository's own when it finds a folder holding them. */
export const GIT_DIR_FILE = /^(?:config|HEAD)$/i;

export interface Loads {
  /** The program, for reasons. */
  name: string;
  /** File names it loads from the folder it works in. */
  names: RegExp | null;
  /** Files and folders its operands and options name as code or settings to load. */
  files: string[];
  /** It reads its program from standard input. */
  stdin: boolean;
  /** It is Python, which also imports from the folders PYTHONPATH names. */
  python?: true;
}

interface LoaderOptions {
  /** Short options whose value names code or settings the program loads (`-f FILE`). */
  short: string;
  /** Other short options that take a value, which is then no operand (`-k EXPR`, `-W arg`). */
  skip: string;
  /** Long options whose value names code or settings (any unique prefix of four or more). */
  long: readonly string[];
  /** The short option that changes the folder the program works in (`make -C DIR`). */
  folder?: string;
}

/** Options whose value names code or settings a loader reads, by program. */
const LOADING_OPTIONS: ReadonlyMap<string, LoaderOptions> = new Map([
  ['make', { short: 'f', skip: 'IoW', long: ['--file', '--makefile'], folder: 'C' }],
  ['pytest', { short: 'cp', skip: 'kmorWn', long: ['--config-file'] }],
  ['node', { short: 'r', skip: 'epC', long: ['--require', '--import', '--loader', '--experimental-loader'] }],
  ['python', { short: 'm', skip: 'cWX', long: [] }],
]);

/** Short options that give an interpreter its program (`python3 -c CODE`, `-qm MOD`, `node -e`). */
function programOptions(name: string, python: boolean): string {
  if (python) return 'cm';
  if (name === 'php') return 'r';
  return /^(?:node|nodejs|deno|bun|tsx|ts-node)$/.test(name) ? 'epc' : 'e';
}

/** Whether an option word gives the program (`--eval`, or a short cluster holding one of `program`). */
function givesProgram(word: string, program: string): boolean {
  if (word.charCodeAt(0) !== 0x2d) return false;
  if (word.charCodeAt(1) === 0x2d) return /^--(?:eval|print|check)(?:=|$)/.test(word);
  for (let j = 1; j < word.length; j++) {
    const c = word[j] ?? '';
    if (!/[a-zA-Z]/.test(c)) return false;
    if (program.includes(c)) return true;
  }
  return false;
}

/** `~+/x` is `./x`. */
function tildePlus(path: string): string {
  return path.replace(/^~\+(?=\/|$)/, '.');
}

/**
 * The values of `spec`'s options in `args[from…]` (short ones in a cluster too: `make -sfFILE`,
 * `python3 -qm mod`), the words that are no option's value, and the folder `-C` moves to.
 */
function scan(args: readonly Arg[], from: number, spec: LoaderOptions | undefined): { values: string[]; operands: string[]; folder: string | null } {
  const values: string[] = [];
  const operands: string[] = [];
  let folder: string | null = null;
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null) continue;
    const v = a.value;
    if (v === '--') {
      for (const rest of args.slice(i + 1)) if (rest.dynamic === null) operands.push(rest.value);
      break;
    }
    if (!v.startsWith('-') || v === '-') {
      operands.push(v);
      continue;
    }
    if (spec === undefined) continue;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      const directory = spec.folder !== undefined && name.length >= 4 && '--directory'.startsWith(name);
      if (name.length < 4 || (!directory && !spec.long.some((o) => o.startsWith(name)))) continue;
      const value = eq < 0 ? args[++i]?.value : v.slice(eq + 1);
      if (value !== undefined && directory) folder = tildePlus(value);
      else if (value !== undefined) values.push(tildePlus(value));
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const loads = spec.short.includes(ch);
      if (!loads && !spec.skip.includes(ch) && ch !== spec.folder) continue;
      const value = j + 1 < v.length ? v.slice(j + 1) : args[++i]?.value;
      if (value !== undefined && ch === spec.folder) folder = tildePlus(value);
      else if (value !== undefined && loads) values.push(tildePlus(value));
      break;
    }
  }
  return { values, operands, folder };
}

/** `-p pkg.mod`, `-m pkg.mod`: the module's file and folder (`pkg/mod.py`, `pkg/mod`). */
function modulePaths(name: string): string[] {
  if (name.startsWith('no:') || !/^[\w.]+$/.test(name)) return [];
  const path = name.replace(/\./g, '/');
  return [`${path}.py`, path];
}

/** A first option with which the interpreter prints its version or help and runs nothing. */
const PYTHON_INFO = /^(?:-V+|--version|-h|-\?|--help)$/;
const INTERPRETER_INFO = /^(?:-[vV]|--?version|-h|--?help)$/;

/** What `args` loads, or null for a program that loads nothing this check knows. */
export function loads(args: readonly Arg[]): Loads | null {
  const first = args[0];
  if (first === undefined || first.dynamic !== null) return null;
  const name = first.value.slice(first.value.lastIndexOf('/') + 1);
  // Every other program goes straight back (this runs for each command after a write).
  if (!isLoaderName(name)) return null;
  const plugins = pluginLoads(name, args);
  if (plugins !== null) return plugins.length === 0 ? null : { name, names: null, files: plugins, stdin: false };
  const pytestFrom = PYTHON.test(name) ? pythonPytest(args) : name === 'pytest' || name === 'py.test' ? 1 : -1;
  if (pytestFrom >= 0) {
    const { values } = scan(args, pytestFrom, LOADING_OPTIONS.get('pytest'));
    // `-c FILE` and `-p MODULE` (plugins load as modules).
    // `python -m pytest` imports pytest from the current folder first: a pytest.py, pytest/ or
    // _pytest/ written there is what runs (audit 37, AF-1).
    const own = pytestFrom > 1 ? [...modulePaths('pytest'), ...modulePaths('_pytest')] : [];
    return { name: pytestFrom > 1 ? `${name} -m pytest` : name, names: PYTEST_FILES, files: [...own, ...values.flatMap((v) => [v, ...modulePaths(v)])], stdin: false, python: true };
  }
  const names = LOADED.get(name);
  if (names !== undefined && name.endsWith('make')) {
    // `make -C out -f a` reads out/a.
    const { values, folder } = scan(args, 1, LOADING_OPTIONS.get('make'));
    const inFolder = folder === null ? [] : values.filter((v) => !/^[/~]/.test(v)).map((v) => `${folder}/${v}`);
    return { name, names, files: [...values, ...inFolder], stdin: false };
  }
  if (names !== undefined && RUNS_NO_CODE.get(name)?.test(args[1]?.dynamic === null ? args[1].value : '') === true) return null;
  // Variables files and the folders a runner runs programs from are loaded as code too.
  const alsoLoaded = [...envFiles(name, args), ...RUNNER_FOLDERS.get(name) ?? []];
  if (names !== undefined && !INTERPRETERS.test(name)) return { name, names, files: alsoLoaded, stdin: false };
  const python = PYTHON.test(name);
  const { values, operands } = scan(args, 1, LOADING_OPTIONS.get(python ? 'python' : name === 'node' || name === 'nodejs' ? 'node' : ''));
  // The first operand is the program, unless an option gives it (`-e`, `-c`, `-m`): the rest are
  // the program's own arguments (`python3 -m black src/a.py` formats a file, it does not run it).
  const program = programOptions(name, python);
  const given = args.some((a, i) => i > 0 && a.dynamic === null && givesProgram(a.value, program));
  const at = (name === 'deno' || name === 'bun') && RUN_SUBCOMMANDS.test(operands[0] ?? '') ? 1 : 0;
  const program0 = operands[at];
  const script = given || program0 === undefined || program0 === '-' ? [] : [program0];
  const files = [...script, ...(python ? values.flatMap(modulePaths) : values)];
  // With no program named, the interpreter reads it from standard input (`node < f`, `python3 - < f`),
  // unless it only prints its version or help (`python -V`, `node --version`).
  const stdin = !given && script.length === 0 && at === 0 && !(python ? PYTHON_INFO : INTERPRETER_INFO).test(args[1]?.dynamic === null ? args[1].value : '');
  return python ? { name, names: SITE_FILES, files, stdin, python: true } : { name, names: names ?? null, files: [...files, ...alsoLoaded], stdin };
}

/**
 * Files or folders a program reads environment variables from (`node --env-file=F`, `dotenv -e F`,
 * `envdir DIR`, `chpst -e DIR`): a variable such as NODE_OPTIONS or BASH_ENV set there runs code.
 */
function envFiles(name: string, args: readonly Arg[]): string[] {
  const words = args.slice(1).filter((a) => a.dynamic === null).map((a) => a.value);
  const valuesOf = (options: readonly string[]): string[] => words.flatMap((w, i) => {
    for (const o of options) {
      if (w === o) return words[i + 1] === undefined ? [] : [words[i + 1] as string];
      if (o.startsWith('--') && w.startsWith(`${o}=`)) return [w.slice(o.length + 1)];
    }
    return [];
  });
  switch (name) {
    case 'node':
    case 'nodejs':
      return valuesOf(['--env-file', '--env-file-if-exists']);
    case 'uv':
    case 'bun':
      return valuesOf(['--env-file']);
    case 'dotenv':
      return valuesOf(['-e', '-f']);
    case 'envdir':
      return words.filter((w) => !w.startsWith('-')).slice(0, 1);
    case 'chpst':
      return valuesOf(['-e']);
    default:
      return [];
  }
}
