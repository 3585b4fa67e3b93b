// Lexical path forms for command words and script operands: `/bin//sh`, `/bin/./sh` and
// `/usr/bin/../bin/sh` name the same program as `/bin/sh`.

/**
 * Folders whose `..` is known without looking at the disk: system folders, which are real
 * folders (or, as `/bin` on a merged /usr, links to another system folder), never links into a
 * user's folder. `''` is the root.
 */
const SYSTEM_FOLDER = /^(?:\/usr(?:\/local)?|\/opt(?:\/homebrew)?)?(?:\/s?bin)?$/;

/** A program in a system folder (`/bin`, `/usr/bin`, `/usr/local/sbin`, `/opt/homebrew/bin`, …): its name. */
const SYSTEM_DIR = /^\/(?:usr\/(?:local\/)?|opt\/homebrew\/)?s?bin\/([^/]+)$/;

/**
 * The name of the program an absolute path names when it lies in a system folder, in any
 * spelling of that path (`/bin//sh`, `/usr/bin/../bin/sh`), or null: anything else could be a
 * program the agent wrote.
 */
export function systemProgram(path: string): string | null {
  const direct = SYSTEM_DIR.exec(path);
  if (direct !== null) return direct[1] ?? null;
  if (path.charCodeAt(0) !== 0x2f || !mayCollapse(path)) return null;
  return SYSTEM_DIR.exec(lexicalPath(path).path)?.[1] ?? null;
}

/** True when `path` may have another lexical form (`//`, `/./`, `/../`, a trailing `/.`). */
export function mayCollapse(path: string): boolean {
  return path.includes('//') || path.includes('/.');
}

export interface LexicalPath {
  path: string;
  /**
   * A `..` left a folder that is not a system folder: if that folder is a link, the program
   * the path names on disk is not the one its lexical form names.
   */
  linked: boolean;
}

/** The lexical form of an absolute path: `//` and `.` segments dropped, `..` resolved. */
export function lexicalPath(path: string): LexicalPath {
  const segments: string[] = [];
  let linked = false;
  let folder = '';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (!SYSTEM_FOLDER.test(folder)) linked = true;
      segments.pop();
      folder = segments.length === 0 ? '' : `/${segments.join('/')}`;
      continue;
    }
    segments.push(segment);
    folder += `/${segment}`;
  }
  return { path: `/${segments.join('/')}`, linked };
}

/**
 * The lexical form of a relative path: `//` and `.` segments dropped, `name/..` folded. `up`
 * counts the `..` segments left at its start (it climbs out of the folder it starts in);
 * `folded` says a `..` took away a name (`bin/..`), which a plain `../x/y` does not.
 */
export function relativeLexical(path: string): { path: string; up: number; folded: boolean } {
  const segments: string[] = [];
  let up = 0;
  let folded = false;
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') {
      segments.push(segment);
    } else if (segments.length > up) {
      segments.pop();
      folded = true;
    } else {
      segments.push('..');
      up++;
    }
  }
  return { path: segments.join('/') || '.', up, folded };
}

/**
 * The absolute path a relative path that climbs out names if it climbs to the root (`..` there
 * stays there): `./x/../../../bin/sh` is `/bin/sh` from a folder at most two deep. Null when it
 * does not climb out.
 */
export function rootedGuess(path: string): string | null {
  const r = relativeLexical(path);
  if (r.up === 0) return null;
  return `/${r.path.split('/').slice(r.up).join('/')}`;
}

/**
 * Why a command word does not name the program its match text starts with, or null. bash runs a
 * word holding a `/` as a path, and looks a word up whole, whitespace and all: the word
 * `'echo /../../bin/sh'` runs /bin/sh through a folder named `echo `, while its text reads as
 * `echo` with an argument. A relative path that folds a name away and climbs out
 * (`./scripts/../../../bin/sh`) runs a program outside the folder its text names.
 */
export function commandWordDoubt(word: string): string | null {
  if (/\s/.test(word)) return `the command word ${JSON.stringify(word)} holds whitespace, so the program it runs is not the one its text starts with`;
  if (word.startsWith('/') || !word.includes('/')) return null;
  const r = relativeLexical(word);
  return r.up > 0 && r.folded ? `${word} climbs out of the folder it starts in, so it runs a program outside it` : null;
}

/**
 * `/proc/self/cwd` and `/proc/self/root` (also under `thread-self` and `self/task/N`) are links
 * the kernel resolves for the process that opens them: the folder the shell (or the program it
 * starts, which inherits it) is in, and `/`. Another process's are only known at run time.
 */
const PROC_FOLDER = /^\/+proc\/+([^/]+)\/+(?:task\/+[^/]+\/+)?(cwd|root)(?=\/|$)/;

/**
 * What a path through a process's folder link names: a path relative to the working folder for
 * `cwd`, an absolute one for `root`; a doubt for another process's. Null for any other path.
 */
export function procFolderPath(path: string): { path: string; doubt: string | null } | null {
  if (!path.startsWith('/') || !path.includes('proc')) return null;
  const m = PROC_FOLDER.exec(path);
  if (m === null) {
    // `/proc/./self/cwd`, `/proc/self/../self/cwd`: the same link, spelled in a way not followed here.
    const lexical = mayCollapse(path) ? lexicalPath(path).path : path;
    return /^\/proc\/[^/]+\/(?:task\/[^/]+\/)?(?:cwd|root)(?:\/|$)/.test(lexical)
      ? { path, doubt: `${path} names a process's folder in a spelling that is not followed here` }
      : null;
  }
  const process = m[1] ?? '';
  if (process !== 'self' && process !== 'thread-self') return { path, doubt: `${path} goes through the folder of process ${process}, which is only known at run time` };
  const rest = path.slice(m[0].length).replace(/^\/+/, '');
  if (m[2] === 'root') return { path: `/${rest}`, doubt: null };
  return { path: rest === '' ? '.' : `./${rest}`, doubt: null };
}
