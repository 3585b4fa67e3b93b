// What a command that runs other commands hands on (SPEC 5.3, 5.4), as wrappers.ts and its
// helpers classify it for the walker.
import type { Arg } from './words.ts';

export interface Unwrapped {
  /** The host only wraps (`timeout 5 X`, `bash -c …`): its own text may only tighten. */
  wrapper: boolean;
  /** Commands the host runs; each is its own part. */
  commands: Arg[][];
  /** The command inside sudo/doas/npx/npm exec/env with assignments: a view of the host. */
  views: Arg[][];
  /** Strings the host hands to a shell (`sh -c`, `eval`, git aliases); parsed as scripts. */
  scripts: ScriptArg[];
  forceAsk: string | null;
  /** The wrapped command gets more words at run time (`xargs CMD` appends what it reads). */
  appendsWords?: true;
  /** The folder the wrapped command runs in (`env -C DIR`), relative to the shell's. */
  folder?: Arg;
  /** Why the folder the wrapped command runs in is not known (`find -execdir`, `sudo -D`). */
  folderDoubt?: string;
  /** What the host runs works in the top folder of the repository (git's aliases, editors…). */
  topFolder?: true;
  /**
   * Strings the host expands again as shell words (`compgen -W '$(cmd)'`): the substitutions in
   * them run, whatever quotes surround them.
   */
  expanded?: Arg[];
  /** Files the host itself writes because an option names them (`time -o FILE`), with that option. */
  writes?: Array<{ file: Arg; option: string }>;
}

export interface ScriptArg {
  arg: Arg;
  /** Who runs it, for reasons (`bash -c`, `eval`, `git -c core.pager`). */
  by: string;
  /** It runs later than where it stands (a trap, an alias), maybe after a `cd` further on. */
  later?: true;
  /** The user's shell runs it (`su -c`, `script -c`, `$SHELL -c`), which may be zsh (see zsh.ts). */
  userShell?: true;
}

/** A command that runs nothing of its own. */
export const NO_RUNS: Unwrapped = Object.freeze({ wrapper: false, commands: [], views: [], scripts: [], forceAsk: null });

/** Nothing run, but at least `ask` when there is a reason. */
export function askingOrNone(reason: string | null): Unwrapped {
  return reason === null ? NO_RUNS : { ...NO_RUNS, forceAsk: reason };
}
