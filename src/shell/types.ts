// What the shell analyser hands to the engine: every piece of a command line that bash would run
// or write, already stripped of quoting. The engine decides; the analyser never does.
import type { TextHoles } from './holes.ts';

/** A simple command that bash would execute (after unwrapping transparent wrappers). */
export interface CommandPart {
  kind: 'command';
  /** argv after quote removal, `$'..'` decoded; no leading assignments, no redirections. */
  argv: string[];
  /** Leading `NAME=value` assignments after quote removal, in source order. */
  assignments: string[];
  /** Text matched by deny/ask rules: argv joined by single spaces. */
  text: string;
  /**
   * The match text and the views, each with the parts only known at run time left open (holes.ts):
   * a deny or ask rule that could match some value of them makes the part ask. Only the texts
   * that have such parts are here; absent when none has.
   */
  holes?: TextHoles[];
  /** Text an allow rule must match: assignments then argv, joined by single spaces. */
  textWithAssignments: string;
  /**
   * Tightening views (SPEC 5.3): other spellings of the same command that may add deny/ask from
   * an explicit rule but never allow. Basename of argv0, lower-cased argv0, git without global
   * options, npm's reading of its command (`npm -s pub` -> `npm publish`), the command inside
   * sudo/doas/su -c/npx/npm exec/env-with-assignments.
   */
  views: string[];
  /**
   * True for a transparent wrapper (`timeout 5 X`, `bash -c '…'`, `find -exec`): the inner command is
   * its own part; the wrapper's own text may only tighten, like a view.
   */
  wrapper: boolean;
  /** Non-null: this part is at least `ask` whatever the rules say (dynamic command word, dangerous assignment, dynamic inner string). */
  forceAsk: string | null;
  /** The source text of this part (for reports). */
  source: string;
  /**
   * For git (bare, or inside a wrapper): the folders it may run in, spelled from the entry's cwd
   * (`.`, where a `cd` went, its `-C` folder). The edges that can read the disk look there for a
   * repository other than the workspace's own, whose config git would obey (CompileOptions.foreignRepository).
   */
  gitFolders?: string[];
}

/** A redirection that writes a file (SPEC 5.5): an fs_write request on `target`. */
export interface WritePart {
  kind: 'write';
  /** Target after quote removal, as written: relative, absolute or `~/`-prefixed; not resolved. */
  target: string;
  operator: string;
  /** Non-null when the target is not static (built from `$`, `$()`, globs…): at least `ask`. */
  forceAsk: string | null;
  source: string;
  /**
   * Folders an earlier `cd` in the command may have moved to, relative to the entry's cwd (or
   * absolute, or `~`-prefixed): a relative target is judged in each of them as well.
   */
  alsoIn?: string[];
  /**
   * Written by a command git starts (an alias, editor, pager, `rebase --exec`): git runs it in the
   * top folder of the work tree, so a relative target is judged from the repository root as well.
   */
  fromTop?: true;
  /**
   * Where the target was before a move or copy earlier in the command put it there
   * (`mv src/keys src/k2; > src/k2/x` was `src/keys/x`): a link on the way there went along.
   */
  carriedFrom?: string[];
  /**
   * The target may be a folder the program writes into rather than a file (`cp a dist`): only a
   * rule that names it counts, so `dist/**` allowing `dist/a` is not undone by "no rule" for `dist`.
   */
  mayBeFolder?: true;
  /** The entry itself is written, not what it links to (what `mv` takes away, a link among them). */
  entryOnly?: true;
  /** Written in a folder that is not followed if it is a link (`ln -sfn x dir` makes `dir/x` only if dir is a real folder). */
  inEntry?: true;
  /** How many trailing segments are not followed through links on disk, past what entryOnly and inEntry say. */
  unfollowed?: number;
  /** It may be a folder whose contents go too (what `mv` takes away): a rule for what lies in it counts. */
  holds?: true;
  /** Written only if this folder is one (`cp a b` writes `b/a` when b is a folder): a deny there asks. */
  ifFolder?: string;
  /**
   * The target is FOLDER/HELD_PROBE: files whose names are only known at run time land in FOLDER
   * (`curl -OJ`): a rule for what the folder holds decides, else ask. 'globbed' when a glob names
   * them, which names no file starting with a dot (`cp src/*.ts dist/`); 'paths' when they may lie
   * in folders made there too (`wget -r`, `cpio -p`); 'tree' for anything below the folder, held
   * to the protected paths there (`rm -r`, `tar -x -C`, `git clone URL DIR`); 'here' for an archive
   * unpacked where the shell stands, held as a tree of the folder a `cd` moved to.
   */
  unknownNames?: 'names' | 'globbed' | 'paths' | 'tree' | 'here';
  /**
   * Reached only after a `cd` (or a wrapper's folder option) surely moved the shell out of the
   * entry's cwd (`cd dist && tar -xf x.tar`): an archive unpacked 'here' does not fill the entry's
   * folder. Without it (`cd dist; tar -xf x.tar`, where a failed cd leaves the shell in place) it may.
   */
  leftEntry?: true;
  /**
   * For 'here': git writes the whole work tree of the repository around the folder (`git checkout
   * BRANCH`), whose top may lie above it: after `cd src`, or from an entry whose cwd is `src`.
   */
  wholeTree?: true;
  /** For 'globbed': the globs' last segments (`*.ts`), which every name landing there matches. */
  nameGlobs?: string[];
  /** With `nameGlobs`: `shopt -s dotglob` may be on, so a glob also names files whose names start with a dot. */
  dotNames?: true;
  /**
   * Removing or making an entry (`rm`, `mkdir`, `touch`, `git rm`): only a rule that names the
   * path counts, so "no rule" does not ask for `rm -rf node_modules`.
   */
  ruleOnly?: true;
  /** Written because an operand names it (operand-writes.ts: `rm x`, `perl -i f`, `tar -C d`). */
  operand?: true;
}

/** A name for "any file in this folder", to judge what a folder holds or receives. */
export const HELD_PROBE = 'agent-gate-probe';

export type ShellPart = CommandPart | WritePart;

/** A link `ln` makes: its path and target as the command spells them, relative to the entry's cwd. */
export interface MadeLink {
  path: string;
  /** Read from the link's folder, as a symlink's target is (a hard link's source is made so). */
  target: string;
}

export interface ShellAnalysis {
  parts: ShellPart[];
  /** Links with static names and targets the command makes, for later commands to go through. */
  links?: MadeLink[];
  /**
   * Folders (from where the command starts) that now hold links nobody knows: what an unpacker or
   * a copy from outside put there. A later command's write below one may land anywhere.
   */
  linkRegions?: string[];
  /** Moves and link-keeping copies (from where the command starts): a link at or below `from` now stands below `to` too. */
  carried?: Array<{ from: string; to: string }>;
  /** Non-null when the input did not parse or passed a bound: the whole command fails closed. */
  failure: string | null;
  /** Non-null when suspicious characters sit outside quotes: the result is capped at `ask`. */
  suspicious: string | null;
  /** True for empty input or a comment alone: `ask`. */
  empty: boolean;
}
