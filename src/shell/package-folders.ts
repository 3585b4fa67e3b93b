// The folders package managers write into that an option names (audit 38, AI-3): where packages
// are installed (`npm --prefix`, `yarn --cwd`/`--modules-folder`, `pnpm -C`/`--dir`/
// `--modules-dir`), and their caches, stores and logs (`npm --cache`, `--logs-dir`, `yarn
// --cache-folder`, `pnpm --store-dir`). A package published by anyone lands in DIR, so DIR is
// judged as a tree write: `yarn add workflows --modules-folder=.github` writes `.github/workflows/`.
import { npmOptionName } from './npm.ts';
import { contentWrite as content, madeArg, ruleOnlyWrite, treeWrite as tree, withValue, type OperandWrite } from './operand-words.ts';
import type { Arg } from './words.ts';

interface PackageManager {
  /** Options naming the project folder (long names without dashes, and `-C`): packages land below it when the command installs. */
  project: readonly string[];
  /** Options naming a folder written whatever the command (modules, store, cache, logs). */
  always: readonly string[];
  /** The commands that install or remove packages. */
  installers: ReadonlySet<string>;
  /** Whether the bare command (no sub-command) installs, as `yarn` does. */
  bareInstalls: boolean;
  /** The lock files it writes beside package.json. */
  lockFiles: readonly string[];
}

/** npm commands that install or remove packages (and their aliases and typos npm accepts). */
const NPM_INSTALLERS = new Set([
  'install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'ic',
  'install-clean', 'isntall-clean', 'install-test', 'it', 'install-ci-test', 'cit', 'update', 'up', 'upgrade', 'udpate', 'uninstall',
  'remove', 'rm', 'r', 'un', 'unlink', 'link', 'ln', 'dedupe', 'ddp', 'prune', 'rebuild', 'rb', 'init', 'create', 'innit', 'pkg',
  // They rewrite package.json or the lock files: `npm version patch`, `npm shrinkwrap`.
  'shrinkwrap', 'version', 'verison',
]);

const MANAGERS: ReadonlyMap<string, PackageManager> = new Map([
  ['npm', { project: ['prefix', '-C'], always: ['cache', 'logs-dir'], installers: NPM_INSTALLERS, bareInstalls: false, lockFiles: ['package-lock.json', 'npm-shrinkwrap.json'] }],
  ['yarn', {
    project: ['cwd'], always: ['modules-folder', 'cache-folder', 'global-folder', 'link-folder', 'prefix'],
    installers: new Set(['add', 'install', 'remove', 'upgrade', 'up', 'upgrade-interactive', 'init', 'import', 'link', 'unlink', 'dedupe', 'global', 'create', 'dlx', 'version']),
    bareInstalls: true,
    lockFiles: ['yarn.lock', '.pnp.cjs', '.pnp.loader.mjs', '.yarnrc.yml'],
  }],
  ['pnpm', {
    project: ['dir', 'prefix', '-C'],
    always: ['modules-dir', 'virtual-store-dir', 'store-dir', 'cache-dir', 'global-dir', 'global-bin-dir', 'lockfile-dir', 'state-dir'],
    installers: new Set(['add', 'install', 'i', 'install-test', 'it', 'remove', 'rm', 'uninstall', 'un', 'update', 'up', 'upgrade', 'init', 'link', 'ln', 'unlink', 'dedupe', 'import', 'prune', 'rebuild', 'rb', 'fetch', 'create', 'dlx', 'patch-commit']),
    bareInstalls: false,
    lockFiles: ['pnpm-lock.yaml', 'pnpm-workspace.yaml'],
  }],
  ['bun', { project: ['cwd'], always: ['cache-dir'], installers: new Set(['install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'link', 'unlink', 'init', 'create', 'c', 'pm']), bareInstalls: false, lockFiles: ['bun.lockb', 'bun.lock'] }],
]);

/** A long option as a package manager reads it (`--NAME`, `--NAME=V`, pnpm's `--config.NAME=V`): its name lower-cased, and the value attached. */
export function packageLongOption(word: string): { written: string; value: string | null } | null {
  const long = /^--(?:config\.)?([^=]+)(?:=([\s\S]*))?$/.exec(word);
  return long === null ? null : { written: (long[1] ?? '').toLowerCase(), value: long[2] ?? null };
}

/**
 * The first of `names` a written option name stands for. npm and pnpm read options with nopt,
 * any unique prefix included (`--prefi`, `--modules-d`, pnpm's `--store`): a written name of four
 * letters or more that starts one counts, ambiguous or not. `--global` is a flag of its own, not
 * the start of `--global-dir` or `--global-pnpmfile`.
 */
export function packageOptionNamed(written: string, names: readonly string[], full = written): string | undefined {
  return names.find((o) => o === full || (written.length >= 4 && written !== 'global' && o.startsWith(written)));
}

/**
 * The folder option a word is, and its value when attached (`=DIR`), or null: a long name as
 * packageOptionNamed reads it, `-C=DIR` and a cluster ending in C (`-gC DIR`).
 */
function folderOption(pm: PackageManager, name: string, v: string): { option: string; list: 'project' | 'always'; value: string | null } | null {
  const short = /^-([A-Za-z]*C)(?:=([\s\S]*))?$/.exec(v);
  if (short !== null && pm.project.includes('-C')) return { option: '-C', list: 'project', value: short[2] ?? null };
  const long = packageLongOption(v);
  if (long === null) return null;
  const full = name === 'npm' ? npmOptionName(long.written) : long.written;
  const project = packageOptionNamed(long.written, pm.project, full);
  if (project !== undefined) return { option: `--${project}`, list: 'project', value: long.value };
  const always = packageOptionNamed(long.written, pm.always, full);
  return always === undefined ? null : { option: `--${always}`, list: 'always', value: long.value };
}

/**
 * The folders the package manager `name` writes that its options name. The command is taken to
 * install when any word before `--` is one of its installing commands: an option's value read as
 * the command (`npm --registry URL install`) must not hide the install.
 */
export function packageFolderWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const pm = MANAGERS.get(name);
  if (pm === undefined) return [];
  const project: OperandWrite[] = [];
  const always: OperandWrite[] = [];
  let installs = false;
  let words = 0;
  let audits = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') break;
    const found = v.startsWith('-') ? folderOption(pm, name, v) : null;
    if (found !== null) {
      const value = found.value === null ? args[++i] : withValue(a, found.value);
      if (value !== undefined) (found.list === 'project' ? project : always).push(tree(value, `${name} ${found.option}`));
      continue;
    }
    // `npm audit fix`, `pnpm audit --fix` install the fixed versions.
    if (audits && (v === 'fix' || v === '--fix')) installs = true;
    if (v.startsWith('-')) continue;
    words++;
    if (pm.installers.has(v)) installs = true;
    audits ||= v === 'audit';
  }
  if (words === 0 && pm.bareInstalls) installs = true;
  if (!installs) return always;
  // Without a project folder it installs where the shell stands: node_modules, package.json and
  // the lock files there (`cd .kiro/settings && npm install`: audit 41, AQ-8). Every install makes
  // them, so only rules naming them count, as for touch.
  const here = project.length > 0 ? [] : [
    ruleOnlyWrite(tree(madeArg('node_modules'), name)),
    ...['package.json', ...pm.lockFiles].map((f) => ruleOnlyWrite(content(madeArg(f), name))),
  ];
  return [...project, ...always, ...here];
}
