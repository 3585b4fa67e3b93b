// How the programs of operand-writes.ts and unpack-writes.ts read their words, and what they write.
import { scanOptions } from './options.ts';
import type { Arg } from './words.ts';

/**
 * One file an operand names. `content`: written like a redirection's target; `entry`: made or
 * removed, which only a rule naming it decides (`rm`, `mkdir`, `touch`; `follows` when the
 * program writes through a link there); `tree`: the folder and everything below it may be
 * written (`rm -r`, `tar -x -C DIR`); `removeTree`: the same, removed, held only to the rules.
 */
export interface OperandWrite {
  file: Arg;
  by: string;
  kind: 'content' | 'entry' | 'tree' | 'removeTree' | 'here';
  follows?: true;
  /** The path may be a folder (`git checkout main -- src/`): only a rule that names it counts for it. */
  mayBeFolder?: true;
  /**
   * git writes it across the repository's work tree, whose top is where git stands or a folder
   * above it (`git checkout BRANCH`, `git am`), not only below where it stands.
   */
  wholeTree?: true;
  /** Only explicit deny and ask rules count for it, as for `touch`: a write every run of the program makes (`node_modules`). */
  ruleOnly?: true;
  /** The program takes the file away (`rm`, `git rm`, `tar --remove-files`): a hook script so removed turns its hook off. */
  removes?: true;
}

/** A word no command line holds as such (a default name, a value cut out of a word); `dynamic` when only known at run time. */
export const madeArg = (value: string, dynamic: string | null = null): Arg => ({ value, dynamic, split: false, pos: -1, end: -1 });
/** The folder the shell stands in, where an archive unpacks without a folder option. */
export const HERE: Arg = madeArg('.');
/** The root folder: what an archive that keeps absolute or `..` member names may fill. */
export const ROOT: Arg = madeArg('/');

/** How a program's writes are worked out from its words (the program's name for reasons). */
export type ProgramWrites = (args: readonly Arg[], name: string) => OperandWrite[];
export const contentWrite = (file: Arg, by: string): OperandWrite => ({ file, by, kind: 'content' });
export const treeWrite = (file: Arg, by: string): OperandWrite => ({ file, by, kind: 'tree' });
export const hereWrite = (by: string): OperandWrite => ({ file: HERE, by, kind: 'here' });
/** `write` counted only for rules that name its file (see OperandWrite.ruleOnly). */
export const ruleOnlyWrite = (write: OperandWrite): OperandWrite => ({ ...write, ruleOnly: true });
/** The text a word surely starts with: all of it when static, else what comes before its first expansion. */
export function knownPrefix(a: Arg): string {
  if (a.dynamic === null) return a.value;
  const at = a.value.search(/[$`]/);
  return at < 0 ? a.value : a.value.slice(0, at);
}

/** Standard input or output, not a file. */
export const isStdio = (a: Arg): boolean => a.dynamic === null && a.value === '-';

/** `a` with another value (part of the word, or a name derived from it), so no longer its source text. */
export const withValue = (a: Arg, value: string): Arg => ({ ...a, value, pos: -1 });

export interface Options {
  /** Short options that take a value: the rest of the word, or the next one. */
  valued: string;
  /** Long options that take the next word as value when written without `=`. */
  long: readonly string[];
  /** Short options whose value can only be attached (`script -tFILE`): alone, they take none. */
  attached?: string;
  /** Long flags a valued option's name starts with (`--pre`, `--prefix`), so an abbreviation is not taken for the valued one. */
  flags?: readonly string[];
}

export interface Words {
  operands: Arg[];
  /** Short letters and long names seen (`-r`, `--recursive`). */
  flags: Set<string>;
  values: Map<string, Arg[]>;
}

/**
 * A program's words, read by the shared getopt scanner (options anywhere, values taken, long
 * options abbreviated, all operands after `--`): the options seen and their values, and the
 * operands. A word only known at run time that the scanner took for an option may be a file too.
 */
export function readWords(args: readonly Arg[], from: number, options: Options): Words {
  const scan = scanOptions(args, from, { shortWithValue: options.valued, longWithValue: options.long, shortAttached: options.attached ?? '', longFlags: options.flags ?? [], abbreviations: true, permute: true });
  const out: Words = { operands: [...scan.operands], flags: new Set(), values: new Map() };
  for (const { name, value } of scan.options) {
    out.flags.add(name);
    if (value === null) continue;
    const list = out.values.get(name);
    if (list === undefined) out.values.set(name, [value]);
    else list.push(value);
  }
  if (scan.dynamic) for (const a of args.slice(from)) if (a.dynamic !== null && a.value.startsWith('-') && !out.operands.includes(a)) out.operands.push(a);
  return out;
}

/** `git clone`'s options that take a value (also what `gh repo clone … -- FLAGS` hands to it). */
export const GIT_CLONE_OPTIONS: Options = {
  valued: 'bocuj',
  long: ['--branch', '--origin', '--config', '--upload-pack', '--depth', '--reference', '--reference-if-able', '--template', '--separate-git-dir', '--filter', '--jobs', '--shallow-since', '--shallow-exclude', '--server-option', '--bundle-uri', '--ref-format'],
};

/** The values of every spelling of one option (`-d`, `--directory`), in order. */
export const valuesOf = (w: Words, ...names: string[]): Arg[] => names.flatMap((n) => w.values.get(n) ?? []);
export const has = (w: Words, ...names: string[]): boolean => names.some((n) => w.flags.has(n));
/** A long option in any unique abbreviation GNU getopt takes (`--r` for `--recursive`), from `min` characters. */
export const hasLong = (w: Words, name: string, min: number): boolean => [...w.flags].some((f) => f.length >= min && name.startsWith(f));

