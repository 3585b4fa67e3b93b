// Where the shell may be when a redirection runs (SPEC 5.5): the entry's cwd, every folder a
// `cd`/`pushd` in the command may have moved to, and doubts when that is only known at run time.
// Code that runs later than where it stands (function bodies, loops, traps) is judged against
// every folder the whole command reaches.
import { posix } from 'node:path';
import { tildePath } from './redirects.ts';
import type { ShellPart, WritePart } from './types.ts';
import { literalText, type Arg } from './words.ts';
import type { Unwrapped } from './wrappers.ts';

const MAX_CWDS = 16;
/** What posix.normalize would change: `.`/`..` segments, doubled or trailing slashes, an empty path. */
const NOT_NORMAL = /^$|(?:^|\/)\.{1,2}(?:\/|$)|\/\/|\/$/;
const MAX_CWD_LENGTH = 4096;
/** A path's home-folder prefix other than `~`: `$HOME`, `${HOME}`, `~NAME` (also read as `~`, where stricter). */
export const HOME_SPELLING = /^(?:\$HOME|\$\{HOME\}|~[A-Za-z_][\w.-]*)(?=\/|$)/;

/** The folders the shell may be in, saved while a wrapper's command is walked in another one. */
export interface FolderState {
  cwds: string[];
  cwdDoubt: string | null;
  inTopFolder: boolean;
  left: boolean;
}

export class Folders {
  /** Folders a `cd` earlier in the command may have moved to; `.` is the entry's own cwd. */
  private cwds: string[] = ['.'];
  /** Set when a `cd` went somewhere only known at run time. */
  private cwdDoubt: string | null = null;
  /** Inside what git starts in the top folder of the work tree, wherever the shell is. */
  private inTopFolder = false;
  /**
   * Above 0 while walking code that runs later than where it stands, maybe after a `cd` further
   * on: function bodies, loops, trap and alias strings.
   */
  deferred = 0;
  /** Relative writes of such code: once the walk ends they are judged in every folder a `cd` reached. */
  private laterWrites: WritePart[] | null = null;
  /** Set when `shopt -s cdable_vars` may be on: `cd NAME` may then go to the folder held in $NAME. */
  private cdable: string | null = null;
  /** Set when `shopt -s dotglob` may be on: a glob's `*` then also names files whose names start with a dot. */
  private dotglob = false;
  /** How many times a `cd` or a wrapper's folder moved the shell (or its command) so far. */
  private moveCount = 0;
  /**
   * Set while walking what runs only once a move succeeded (`cd dist && …`, `env -C dist …`): the
   * shell has then surely left the entry's cwd. The statement walker keeps it.
   */
  left = false;
  /** Set once `enable` was met: it may turn the `cd` builtin off, so that `cd` is a program that moves nothing. */
  private builtinsChanged = false;

  /**
   * Where a path may be from every folder the shell may be in now, normalised (`out//s`,
   * `out/./s` and `s` after `cd out` are all `out/s`): how a file written is met when it runs.
   */
  placesOf(path: string): string[] {
    // Most paths are already normal (`out/1.log`): normalize only what could change.
    if (this.cwds.length === 1 && this.cwds[0] === '.' && !NOT_NORMAL.test(path)) return [path];
    if (path.startsWith('/') || path.startsWith('~')) return [posix.normalize(path)];
    return this.cwds.map((c) => posix.normalize(c === '.' ? path : `${c}/${path}`));
  }

  /** Whether an earlier `cd` may have moved the shell out of the entry's cwd. */
  moved(): boolean {
    return this.cwds.length > 1 || this.cwdDoubt !== null;
  }

  /** Settles what is only known once the whole command has been walked. */
  finish(parts: readonly ShellPart[]): void {
    const reached = this.cwds.length > 1 ? this.cwds.slice(1) : null;
    for (const w of this.laterWrites ?? []) {
      if (reached !== null) w.alsoIn = w.alsoIn === undefined ? reached : [...new Set([...w.alsoIn, ...reached])];
      if (this.cwdDoubt !== null) w.forceAsk ??= this.cwdDoubt;
    }
    // With dotglob on at some point, any glob in the command may have named `.env`.
    if (this.dotglob) for (const p of parts) if (p.kind === 'write' && p.nameGlobs !== undefined) p.dotNames = true;
    if (this.cdable === null) return;
    // With cdable_vars on at some point, any `cd` may have gone elsewhere.
    for (const p of parts) if (p.kind === 'write' && p.alsoIn !== undefined) p.forceAsk ??= this.cdable;
  }

  /**
   * Judges a relative redirection target in every folder the shell may be in now, and, for code
   * that runs later, in every folder the command reaches by its end.
   */
  place(write: WritePart): void {
    if (write.target.startsWith('/') || write.target.startsWith('~')) return;
    if (this.cwds.length > 1) write.alsoIn = this.cwds.slice(1);
    if (this.cwdDoubt !== null) write.forceAsk ??= this.cwdDoubt;
    if (this.inTopFolder) write.fromTop = true;
    if (this.deferred > 0) (this.laterWrites ??= []).push(write);
    // Code that runs later may run before the move, or after a failed one.
    else if (this.left && this.cwds.length > 1) write.leftEntry = true;
  }

  /** The folders the shell may be in now, as one key: two walks of a command from the same state find the same. */
  stateKey(): string {
    return `${this.cwds.join('\u0000')}\u0001${this.cwdDoubt ?? ''}\u0001${String(this.inTopFolder)}\u0001${String(this.left)}\u0001${this.deferred}`;
  }

  /** How many moves were noted so far: a walker compares it around a command to see whether that command moved. */
  moves(): number {
    return this.moveCount;
  }

  /** Whether a `cd` that returns success surely moved the shell (no `enable` may have turned the builtin off). */
  cdIsBuiltin(): boolean {
    return !this.builtinsChanged;
  }

  /**
   * `env -C DIR`, `sudo -D DIR`, `find -execdir`: what the wrapper runs works in another folder,
   * so its relative writes are judged there too (or ask when that folder is not known). The
   * wrapped program is a child process: the folder the shell is in does not change.
   */
  enter(u: Pick<Unwrapped, 'folder' | 'folderDoubt' | 'topFolder'>, source: string): FolderState {
    const saved: FolderState = { cwds: this.cwds, cwdDoubt: this.cwdDoubt, inTopFolder: this.inTopFolder, left: this.left };
    if (u.folderDoubt !== undefined) this.cwdDoubt ??= u.folderDoubt;
    if (u.topFolder === true) this.inTopFolder = true;
    if (u.folder !== undefined) {
      const to = this.folderOf(u.folder, source, 'the folder a wrapper runs its command in');
      // The wrapper runs nothing when it cannot enter the folder.
      if (to !== null && this.moveTo(to)) this.left = true;
    }
    return saved;
  }

  leave(saved: FolderState): void {
    this.cwds = saved.cwds;
    this.cwdDoubt = saved.cwdDoubt;
    this.inTopFolder = saved.inTopFolder;
    this.left = saved.left;
  }

  /** Records where `cd`/`pushd`/`popd` may move the shell, for the redirections after it. */
  noteCd(args: readonly Arg[], source: string): void {
    const name = args[0];
    if (name === undefined || name.dynamic !== null) return;
    const n = name.value;
    if (n === 'enable') this.builtinsChanged = true;
    if (n === 'shopt') {
      this.noteShopt(args);
      return;
    }
    if (n !== 'cd' && n !== 'pushd' && n !== 'popd') return;
    let target: Arg | undefined;
    for (let i = 1; i < args.length && target === undefined; i++) {
      const a = args[i];
      if (a === undefined) continue;
      if (a.dynamic === null && (a.value === '--' || /^-[LPe@]+$/.test(a.value))) continue;
      // `pushd -n DIR` only puts DIR on the stack.
      if (n === 'pushd' && a.dynamic === null && a.value === '-n') return;
      target = a;
    }
    // popd, `pushd` alone (it swaps the top two), `pushd +N` and `cd -` go to a folder of the
    // stack or OLDPWD.
    if (n === 'popd' || (n === 'pushd' && target === undefined) ||
      (target !== undefined && target.dynamic === null && (target.value === '-' || /^[+-]\d+$/.test(target.value)))) {
      this.cwdDoubt ??= `${n} moves to a folder only known at run time, so where a later redirection writes is not known`;
      return;
    }
    const to = target === undefined ? '~' : this.folderOf(target, source, `${n} target`);
    if (to !== null) this.moveTo(to);
  }

  /**
   * The folder a path word names after tilde expansion, relative to the folder it is used in;
   * null (and a doubt for later redirections) when it is only known at run time.
   */
  private folderOf(target: Arg, source: string, what: string): string | null {
    if (target.dynamic !== null) {
      this.cwdDoubt ??= `${what} is not static (${target.dynamic}), so where a later redirection writes is not known`;
      return homeReading(target, source);
    }
    const tilde = tildePath(target, source, what);
    if (tilde.doubt !== null) {
      this.cwdDoubt ??= `${tilde.doubt}, so where a later redirection writes is not known`;
      return homeReading(target, source);
    }
    return tilde.path;
  }

  /** Adds the folders `to` leads to from each folder the shell may be in; false when it gave up following them. */
  private moveTo(to: string): boolean {
    const next = new Set(this.cwds);
    for (const c of this.cwds) next.add(to.startsWith('/') || to.startsWith('~') || c === '.' ? to : `${c}/${to}`);
    if (next.size > MAX_CWDS) {
      this.cwdDoubt ??= 'too many `cd`s to follow, so where a later redirection writes is not known';
      return false;
    }
    // Every later write is resolved against each folder: one that grows without bound
    // (`cd ../../..` again and again) would make each of them slower than the last.
    if ([...next].some((c) => c.length > MAX_CWD_LENGTH)) {
      this.cwdDoubt ??= `a \`cd\` path longer than ${MAX_CWD_LENGTH} characters, so where a later redirection writes is not followed`;
      return false;
    }
    // `cd /dev/fd/3 && echo x > k` writes k in whatever descriptor 3 points at (audit WW-2).
    for (const c of next) if (!this.cwds.includes(c) && mayReachDescriptors(c)) this.cwdDoubt ??= `${c} may lie in /dev or /proc, where a relative path may name what a file descriptor points at, so where a later redirection writes is not known`;
    this.cwds = [...next];
    this.moveCount++;
    return true;
  }

  /** `shopt -s cdable_vars` lets `cd NAME` go to the folder held in $NAME; `shopt -s dotglob` lets globs name dot files. */
  private noteShopt(args: readonly Arg[]): void {
    let setting = false;
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a === undefined) continue;
      if (a.dynamic !== null) {
        this.dotglob = true;
        this.cdable ??= 'shopt sets an option only known at run time (cdable_vars would let cd NAME go to the folder in $NAME), so where a redirection after a cd writes is not known';
        return;
      }
      const v = a.value;
      if (v.startsWith('-')) setting ||= v.includes('s');
      else if (setting && v === 'dotglob') this.dotglob = true;
      else if (setting && v === 'cdable_vars') {
        this.cdable ??= 'shopt -s cdable_vars lets cd NAME go to the folder held in $NAME, so where a redirection after a cd writes is not known';
        return;
      }
    }
  }
}

/**
 * Whether a folder may pass through /dev or /proc (`/dev/fd/3`, `//dev/./fd`, `/x/../proc/self`,
 * or `../../dev` from a folder at a depth only known here at run time), where a relative path
 * may name a file descriptor, which opens again what it points at.
 */
function mayReachDescriptors(path: string): boolean {
  if (!path.includes('dev') && !path.includes('proc')) return false;
  const absolute = path.startsWith('/');
  let depth = 0;
  let escaped = false;
  const segments = path.split('/');
  // `~` and `~NAME` are a folder at a depth only known at run time, as the entry's cwd is.
  for (let i = segments[0]?.startsWith('~') === true ? 1 : 0; i < segments.length; i++) {
    const s = segments[i] ?? '';
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (depth > 0) depth--;
      else if (!absolute) escaped = true;
      continue;
    }
    depth++;
    // Only a folder right below `/` (or below where `..` may have climbed to it) counts.
    if ((s === 'dev' || s === 'proc') && depth === 1 && (absolute || escaped)) return true;
  }
  return false;
}

/**
 * A folder only known at run time that starts with an expanded `$HOME`/`${HOME}` (quoted or not)
 * or an unquoted `~NAME`: the home folder, unless the command changed HOME or NAME is someone
 * else, so it is also followed as `~/…` (the doubt stays: later writes ask unless that reading
 * denies), as a write target spelled so is (SPEC 5.5); null for any other folder.
 */
function homeReading(target: Arg, source: string): string | null {
  const v = target.value;
  const first = v.charCodeAt(0);
  if (first !== 0x24 && first !== 0x7e) return null;
  const home = HOME_SPELLING.exec(v);
  if (home === null) return null;
  // The expansion itself, not a quoted '$HOME' followed by one; a `~` bash expands.
  const expanded = first === 0x24 ? target.dynamic !== null && literalText(target).charCodeAt(0) === 0
    : target.pos >= 0 && target.pos < source.length && source.charCodeAt(target.pos) === 0x7e;
  return expanded ? `~${v.slice(home[0].length)}` : null;
}
