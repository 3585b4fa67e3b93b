// The files one command writes, for what it runs or loads later (`echo … > s; . ./s`,
// `printf … > src/Makefile; make -C src`). Compared in canonical case: on a case-insensitive disk
// (macOS and Windows by default) make opens `src/MAKEFILE` as its makefile and `. SRC/s` reads
// `src/s`, and treating two spellings as one file only makes more commands ask (audit 35, YY-5).
import { canonicalCase } from '../match/path.ts';
import { ANY_PLACE } from './link-book.ts';

/**
 * The files a host command itself writes (from `from` up to `to` in the order they were first
 * noted): what runs inside the host (`script -c ls /tmp/log`, `strace -o /tmp/t ls`, whose
 * readings as suffixes start at the log file) is not run from them.
 */
export interface HostWrites {
  from: number;
  to: number;
}

export class WrittenFiles {
  /** Each path in canonical case -> the path as first written (for reasons) and when it was. */
  private readonly paths = new Map<string, { spelled: string; order: number }>();
  /** Set while a view of a host is checked (see HostWrites): those files do not count. */
  skip: HostWrites | null = null;
  /** Whether a path outside the workspace (`/…`, `~/…`) was noted: most commands write none. */
  outside = false;

  /** How many files were noted so far: where the next one is in the order. */
  get size(): number {
    return this.paths.size;
  }

  /** Notes `path` (a place from Folders.placesOf, or ANY_PLACE after an unpacker) as written. */
  add(written: string): void {
    // A folder written into by name (`cp -r src/ bin/`) holds what lands in it: `bin/s`.
    const path = written.length > 1 ? written.replace(/\/+$/, '') || '/' : written;
    const key = canonicalCase(path);
    if (!this.paths.has(key)) this.paths.set(key, { spelled: path, order: this.paths.size });
    if (path.startsWith('/') || path.startsWith('~')) this.outside = true;
  }

  /** An earlier program (`git apply`, `tar -x`) may have put any file in place. */
  get anyPlace(): boolean {
    return this.counts(this.paths.get(ANY_PLACE));
  }

  /** Whether `path` was written, or a folder above it (a folder copied, moved or linked into place). */
  holdsPath(path: string): boolean {
    const p = canonicalCase(path);
    for (let at = p.length; at > 0; at = p.lastIndexOf('/', at - 1)) if (this.counts(this.paths.get(p.slice(0, at)))) return true;
    return false;
  }

  /**
   * Whether an absolute written path ends in `tail` or holds it as a folder (`/root/.gitconfig`,
   * `/home/u/.ssh/config` for `.ssh`): the home folder spelled out, which is not known here.
   */
  holdsTail(tail: string): boolean {
    const t = canonicalCase(tail);
    for (const [w, entry] of this.paths) {
      if (w.startsWith('/') && this.counts(entry) && (w.endsWith(`/${t}`) || w.includes(`/${t}/`))) return true;
    }
    return false;
  }

  /** Whether a written path lies below `folder`; `.` holds every relative one. */
  holdsBelow(folder: string): boolean {
    const f = canonicalCase(folder);
    for (const [w, entry] of this.paths) {
      if (this.counts(entry) && (f === '.' ? !/^[/~]/.test(w) && w !== ANY_PLACE : w.startsWith(`${f}/`))) return true;
    }
    return false;
  }

  /** A written file whose last segment `names` matches (a case-insensitive pattern), as first spelled. */
  named(names: RegExp): string | null {
    for (const entry of this.paths.values()) {
      const { spelled } = entry;
      if (this.counts(entry) && names.test(spelled.slice(spelled.lastIndexOf('/') + 1))) return spelled;
    }
    return null;
  }

  /**
   * Whether the absolute `path` may name a relative written path, or a folder holding one,
   * spelled from the root: where the workspace lies is not known here (audit 34, WW-6).
   */
  mayEndWith(path: string): boolean {
    const trimmed = canonicalCase(path.replace(/\/+$/, ''));
    for (const [w, entry] of this.paths) {
      if (w === ANY_PLACE || /^[/~]/.test(w) || !this.counts(entry)) continue;
      for (let at = w.length; at > 0; at = w.lastIndexOf('/', at - 1)) if (trimmed.endsWith(`/${w.slice(0, at)}`)) return true;
    }
    return false;
  }

  private counts(entry: { order: number } | undefined): boolean {
    if (entry === undefined) return false;
    const skip = this.skip;
    return skip === null || entry.order < skip.from || entry.order >= skip.to;
  }
}
