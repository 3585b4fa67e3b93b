// Programs that load code from files the command may have written just before (audit round 16):
// make reads its makefile's recipes, npm the scripts of package.json, pytest conftest.py, an
// interpreter its script, and git the config of a folder that looks like a repository. A policy
// that trusts `make *` or `npm *` trusts the files in the workspace, which its fs_write rules
// guard; one the same command writes and then loads is judged nowhere, so it asks.
import { PYTHON, pythonPytest } from './pytest.ts';
import type { Arg } from './words.ts';

/** What pytest reads before the tests: conftest.py holds code, the settings can load plugins. */
const PYTEST_FILES = /^(?:conftest\.py|\.?pytest\.(?:ini|toml)|pyproject\.toml|tox\.ini|setup\.cfg)$/;

/** File names each loader reads commands or code from, by the program's name. */
const LOADED: ReadonlyMap<string, RegExp> = new Map([
  ['make', /^(?:GNUmakefile|[Mm]akefile|.*\.mk)$/],
  ['gmake', /^(?:GNUmakefile|[Mm]akefile|.*\.mk)$/],
  ['npm', /^(?:package\.json|\.npmrc)$/],
  ['pnpm', /^(?:package\.json|\.npmrc|\.pnpmfile\.c?js|pnpm-workspace\.yaml)$/],
  ['yarn', /^(?:package\.json|\.npmrc|\.yarnrc(?:\.yml)?)$/],
  ['bun', /^(?:package\.json|bunfig\.toml)$/],
  ['pytest', PYTEST_FILES],
  ['py.test', PYTEST_FILES],
]);

/** Interpreters whose operands include the script they run. */
const INTERPRETERS = /^(?:node|nodejs|deno|bun|tsx|ts-node|ruby|perl|php|lua|Rscript|python(?:[23](?:\.\d+)?)?)$/;

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
}

/** Options whose value names code or settings a loader reads, by program (long names by unique prefix). */
const LOADING_OPTIONS: ReadonlyMap<string, { short: string; long: readonly string[] }> = new Map([
  ['make', { short: 'f', long: ['--file', '--makefile'] }],
  ['pytest', { short: 'cp', long: ['--config-file'] }],
  ['node', { short: 'r', long: ['--require', '--import', '--loader', '--experimental-loader'] }],
  ['python', { short: 'm', long: [] }],
]);

/** Options after which an interpreter's program is not read from standard input. */
const PROGRAM_OPTIONS = /^-(?:[ecpm]|-eval|-print|-check)/;

/** The values of `spec`'s options in `args[from…]`, and the words that are no option's value. */
function scan(args: readonly Arg[], from: number, spec: { short: string; long: readonly string[] } | undefined): { values: string[]; operands: string[] } {
  const values: string[] = [];
  const operands: string[] = [];
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
      if (name.length < 4 || !spec.long.some((o) => o.startsWith(name))) continue;
      const value = eq < 0 ? args[++i]?.value : v.slice(eq + 1);
      if (value !== undefined) values.push(value);
    } else if (spec.short.includes(v[1] ?? '')) {
      const value = v.length > 2 ? v.slice(2) : args[++i]?.value;
      if (value !== undefined) values.push(value);
    }
  }
  return { values, operands };
}

/** `-p pkg.mod`, `-m pkg.mod`: the module's file and folder (`pkg/mod.py`, `pkg/mod`). */
function modulePaths(name: string): string[] {
  if (name.startsWith('no:') || !/^[\w.]+$/.test(name)) return [];
  const path = name.replace(/\./g, '/');
  return [`${path}.py`, path];
}

/** What `args` loads, or null for a program that loads nothing this check knows. */
export function loads(args: readonly Arg[]): Loads | null {
  const first = args[0];
  if (first === undefined || first.dynamic !== null) return null;
  const name = first.value.split('/').pop() ?? '';
  const pytestFrom = PYTHON.test(name) ? pythonPytest(args) : name === 'pytest' || name === 'py.test' ? 1 : -1;
  if (pytestFrom >= 0) {
    const { values } = scan(args, pytestFrom, LOADING_OPTIONS.get('pytest'));
    // `-c FILE` and `-p MODULE` (plugins load as modules).
    return { name: pytestFrom > 1 ? `${name} -m pytest` : name, names: PYTEST_FILES, files: values.flatMap((v) => [v, ...modulePaths(v)]), stdin: false };
  }
  const names = LOADED.get(name);
  if (names !== undefined) return { name, names, files: name.endsWith('make') ? scan(args, 1, LOADING_OPTIONS.get('make')).values : [], stdin: false };
  if (!INTERPRETERS.test(name)) return null;
  const python = PYTHON.test(name);
  const { values, operands } = scan(args, 1, LOADING_OPTIONS.get(python ? 'python' : name === 'node' || name === 'nodejs' ? 'node' : ''));
  // The first operand is the program, unless an option gives it (`-e`, `-c`, `-m`): the rest are
  // the program's own arguments (`python3 -m black src/a.py` formats a file, it does not run it).
  const given = args.some((a, i) => i > 0 && a.dynamic === null && PROGRAM_OPTIONS.test(a.value));
  const script = given || operands[0] === undefined || operands[0] === '-' ? [] : [operands[0]];
  const files = [...script, ...(python ? values.flatMap(modulePaths) : values)];
  // With no program named, the interpreter reads it from standard input (`node < f`, `python3 - < f`).
  const stdin = !given && script.length === 0;
  return { name, names: null, files, stdin };
}
