// Programs that load code from files the command may have written just before (audit round 16):
// make reads its makefile's recipes, npm the scripts of package.json, pytest conftest.py, an
// interpreter its script, and git the config of a folder that looks like a repository. A policy
// that trusts `make *` or `npm *` trusts the files in the workspace, which its fs_write rules
// guard; one the same command writes and then loads is judged nowhere, so it asks.
import { PYTHON, pythonPytest } from './pytest.ts';
import type { Arg } from './words.ts';

/** What pytest reads before the tests: conftest.py holds code, the settings can load plugins. */
const PYTEST_FILES = /^(?:conftest\.py|pytest\.ini|\.pytest\.ini|pyproject\.toml|tox\.ini|setup\.cfg)$/;

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
  /** Whether its operands may be scripts it runs. */
  operands: boolean;
}

/** What `args` loads, or null for a program that loads nothing this check knows. */
export function loads(args: readonly Arg[]): Loads | null {
  const first = args[0];
  if (first === undefined || first.dynamic !== null) return null;
  const name = first.value.split('/').pop() ?? '';
  const names = LOADED.get(name);
  if (names !== undefined) return { name, names, operands: false };
  if (PYTHON.test(name) && pythonPytest(args) >= 0) return { name: `${name} -m pytest`, names: PYTEST_FILES, operands: false };
  if (INTERPRETERS.test(name)) return { name, names: null, operands: true };
  return null;
}
