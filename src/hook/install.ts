// `agent-gate install` / `uninstall`: write the pre-commit and commit-msg hooks where git will run
// them (core.hooksPath, husky), keep whatever hook was there, and undo exactly that.
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { firstLine } from '../git/errors.ts';
import type { Git } from '../git/exec.ts';
import { textOf } from '../git/exec.ts';
import { hasBlock, HOOKS, isFolder, taken } from './block.ts';
import { installHusky, planHusky, uninstallHusky, type HuskyPlan } from './husky.ts';
import { installPlain, planPlain, planUninstallPlain, type PlainPlan } from './plain.ts';

export interface HookTarget {
  dir: string;
  /** husky keeps hooks as shell snippets in .husky/, which its own wrappers in .husky/_ run. */
  husky: boolean;
}

export interface HookPlaces {
  /** Where install writes: the folder git runs hooks from, first. */
  targets: HookTarget[];
  /** Where an earlier install may have written while git ran hooks elsewhere: uninstall looks there too. */
  others: HookTarget[];
  notice?: string;
  /** husky v9's wrapper folder: git runs nothing unless a wrapper for each hook is there. */
  wrappers?: string;
}

async function gitPath(git: Git, args: string[], what: string, command: string): Promise<string> {
  const r = await git.exec(args);
  if (r.exitCode !== 0) throw new GateError(`${command}: git cannot resolve ${what}: ${firstLine(r.stderr) || `exit code ${r.exitCode}`}`);
  return resolve(git.cwd, textOf(r.stdout).trim());
}

export async function findHookPlaces(git: Git, command: 'install' | 'uninstall' = 'install'): Promise<HookPlaces> {
  const top = await git.exec(['rev-parse', '--show-toplevel']);
  if (top.exitCode !== 0) {
    // git also stops here when the repository's own configuration is unusable (a core.hooksPath
    // of `~nosuchuser/...`); "not inside a work tree" would send the user looking in the wrong place.
    const why = firstLine(top.stderr);
    if (why === '' || /not a git repository|must be run in a work tree/.test(why)) throw new GateError(`${command}: not inside a git work tree; run it from your repository`);
    throw new GateError(`${command}: git cannot read this repository (${why})`);
  }
  const root = textOf(top.stdout).trim();
  // git itself resolves core.hooksPath here (`~/`, relative to the work tree, absolute), so the
  // folder is the one git runs hooks from; a lookup of our own would drift from git's rules.
  const [dir, common] = await Promise.all([
    gitPath(git, ['rev-parse', '--git-path', 'hooks'], 'its hooks folder (check core.hooksPath)', command),
    gitPath(git, ['rev-parse', '--git-common-dir'], 'its common folder', command),
  ]);
  // An empty core.hooksPath (`git config core.hooksPath "$UNSET"`) makes git look for `/pre-commit`,
  // while --git-path answers the work tree: nothing there would ever run.
  const configured = await git.exec(['config', '--get', 'core.hooksPath']);
  if (configured.exitCode === 0 && textOf(configured.stdout).trim() === '') {
    throw new GateError(`${command}: core.hooksPath is set but empty, so git runs no hook from this repository; unset it (git config --unset core.hooksPath) or give it a folder, and rerun`);
  }
  const defaultDir = join(common, 'hooks');
  const huskyDir = join(root, '.husky');
  const plain = (d: string): HookTarget => ({ dir: d, husky: false });
  const husky: HookTarget = { dir: huskyDir, husky: true };
  if (dir === huskyDir || dir === join(huskyDir, '_')) {
    const places: HookPlaces = { targets: [husky], others: [plain(defaultDir)] };
    return dir === huskyDir ? places : { ...places, wrappers: dir };
  }
  // husky in a folder of the user's choosing (`husky .config/husky`): v9 points core.hooksPath at
  // DIR/_, which holds its `h`; v8 at DIR, whose `_` holds husky.sh. Its wrappers are rewritten
  // on every `npm install`, so agent-gate goes into DIR's snippets as for .husky.
  if (basename(dir) === '_' && taken(join(dir, 'h'))) {
    return { targets: [{ dir: dirname(dir), husky: true }], others: [plain(defaultDir), husky], wrappers: dir };
  }
  if (taken(join(dir, '_', 'husky.sh'))) return { targets: [{ dir, husky: true }], others: [plain(defaultDir), husky] };
  if (dir === defaultDir && isFolder(huskyDir)) {
    // A fresh clone of a husky project has .husky/ but no core.hooksPath until husky's own install
    // runs: git runs .git/hooks now and .husky/ from then on, so agent-gate goes into both.
    return {
      targets: [plain(dir), husky], others: [],
      notice: `husky is not set up in this clone yet (core.hooksPath is unset): agent-gate runs from ${dir} now and from .husky/ once husky is set up`,
    };
  }
  const others = [husky, plain(defaultDir)].filter((t) => t.dir !== dir);
  // A relative core.hooksPath is taken in each work tree: linked worktrees run hooks from their
  // own copy of the folder, which holds no agent-gate hook unless it is put there too.
  const value = configured.exitCode === 0 ? textOf(configured.stdout).trim() : '';
  if (value === '' || isAbsolute(value) || value.startsWith('~')) return { targets: [plain(dir)], others };
  const worktrees = (await otherWorktrees(git, root)).map((w) => plain(resolve(w, value)));
  return {
    targets: [plain(dir), ...worktrees], others,
    notice: `core.hooksPath ${value} is relative, so each worktree runs hooks from its own ${value}: agent-gate went into ${worktrees.length === 0 ? 'this one' : `the ${worktrees.length + 1} there are now`}; run agent-gate install in a worktree added later, or make core.hooksPath absolute`,
  };
}

/** The folders of the repository's other work trees that exist (`git worktree list`). */
async function otherWorktrees(git: Git, root: string): Promise<string[]> {
  const r = await git.exec(['worktree', 'list', '--porcelain', '-z']);
  if (r.exitCode !== 0) return [];
  const here = resolve(root);
  return textOf(r.stdout).split('\0').filter((f) => f.startsWith('worktree ')).map((f) => f.slice('worktree '.length))
    .filter((w) => resolve(w) !== here && isFolder(w));
}

function checkHuskyWrapper(wrapper: string): void {
  let runnable = false;
  try { const st = lstatSync(wrapper); runnable = !st.isDirectory() && (st.mode & 0o111) !== 0; } catch { runnable = false; }
  if (!runnable) throw new GateError(`install: core.hooksPath is husky's ${dirname(wrapper)} but its wrapper ${wrapper} is missing or not executable, so git would run no hook; set husky up first (npx husky), then rerun agent-gate install`);
}

/**
 * Refuses a hooks folder that is not one (`core.hooksPath=/dev/null`, a file, a link to nowhere)
 * with the setting at fault; a folder that is missing is made later.
 */
function checkHooksFolder(dir: string): void {
  if (dir === '/dev/null') throw new GateError('install: core.hooksPath is /dev/null, so git runs no hooks in this repository; unset it (git config --unset core.hooksPath) and rerun');
  let st: Stats | null = null;
  try { st = statSync(dir); } catch { st = null; }
  if (st !== null && !st.isDirectory()) throw new GateError(`install: the hooks folder ${dir} (core.hooksPath) is not a folder; point core.hooksPath at a folder, or unset it, and rerun`);
  if (st === null && taken(dir)) {
    let target = '';
    try { target = readlinkSync(dir); } catch { target = '?'; }
    throw new GateError(`install: the hooks folder ${dir} is a symbolic link to ${target}, which does not exist; create that folder or remove the link, then rerun`);
  }
}

function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new GateError(`install: cannot create the hooks folder ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

export interface InstallReport { lines: string[] }

export function install(places: HookPlaces, cliPath: string, force: boolean): InstallReport {
  // Every refusal happens before the first change, so a refused install leaves nothing behind.
  // husky v9 runs .husky/<hook> from its wrapper in .husky/_; without the wrapper git runs nothing.
  if (places.wrappers !== undefined) for (const hook of HOOKS) checkHuskyWrapper(join(places.wrappers, hook));
  for (const t of places.targets) checkHooksFolder(t.dir);
  const plans = places.targets.map((t) => HOOKS.map((hook): PlainPlan | HuskyPlan => (t.husky ? planHusky(join(t.dir, hook), force) : planPlain(t.dir, hook, force))));
  const lines: string[] = [];
  places.targets.forEach((t, i) => {
    makeFolder(t.dir);
    HOOKS.forEach((hook, j) => {
      const plan = plans[i]?.[j];
      if (t.husky) installHusky(join(t.dir, hook), hook, cliPath, plan as HuskyPlan, lines);
      else installPlain(t.dir, hook, cliPath, plan as PlainPlan, lines);
    });
  });
  return { lines };
}

/** The hook's text, through a link as git would run it; nothing for a missing file or a folder. */
function readIfFile(path: string): string {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

export function uninstall(places: HookPlaces): InstallReport {
  // Every refusal happens before the first change, as for install.
  const steps: ((out: string[]) => void)[] = [];
  const seen = new Set<string>();
  for (const [k, t] of [...places.targets, ...places.others].entries()) {
    if (seen.has(t.dir)) continue;
    seen.add(t.dir);
    for (const hook of HOOKS) {
      const file = join(t.dir, hook);
      const text = readIfFile(file);
      if (!hasBlock(text)) {
        // Folders git does not run hooks from are only mentioned when there was something to undo.
        if (k < places.targets.length) steps.push((out) => out.push(`${file}: no agent-gate hook`));
        continue;
      }
      steps.push(t.husky ? (out) => uninstallHusky(file, text, out) : planUninstallPlain(t.dir, hook, text));
    }
  }
  const lines: string[] = [];
  for (const step of steps) step(lines);
  return { lines };
}
