// Homebrew (and the BSDs' ports) install the GNU tools beside the system's own under a `g` prefix:
// `gsed`, `gtimeout`, `gxargs`, `gfind`, `gtar`. Each is the GNU program its name ends with, so
// what that program runs or writes is judged for the prefixed name too. Only names from this list
// are read so: `git`, `go`, `gh`, `gcc` and `grep` are programs of their own.
import { NO_RUNS, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

const GNU_PROGRAMS = [
  // coreutils
  '[', 'b2sum', 'base32', 'base64', 'basename', 'basenc', 'cat', 'chcon', 'chgrp', 'chmod', 'chown', 'chroot', 'cksum', 'comm',
  'cp', 'csplit', 'cut', 'date', 'dd', 'df', 'dir', 'dircolors', 'dirname', 'du', 'echo', 'env', 'expand', 'expr', 'factor',
  'false', 'fmt', 'fold', 'groups', 'head', 'hostid', 'id', 'install', 'join', 'kill', 'link', 'ln', 'logname', 'ls', 'md5sum',
  'mkdir', 'mkfifo', 'mknod', 'mktemp', 'mv', 'nice', 'nl', 'nohup', 'nproc', 'numfmt', 'od', 'paste', 'pathchk', 'pinky', 'pr',
  'printenv', 'printf', 'ptx', 'pwd', 'readlink', 'realpath', 'rm', 'rmdir', 'runcon', 'seq', 'sha1sum', 'sha224sum',
  'sha256sum', 'sha384sum', 'sha512sum', 'shred', 'shuf', 'sleep', 'sort', 'split', 'stat', 'stdbuf', 'stty', 'sum', 'sync',
  'tac', 'tail', 'tee', 'test', 'timeout', 'touch', 'tr', 'true', 'truncate', 'tsort', 'tty', 'uname', 'unexpand', 'uniq',
  'unlink', 'uptime', 'users', 'vdir', 'wc', 'who', 'whoami', 'yes',
  // findutils, sed, grep, tar, GNU time, diffutils, patch, which, indent, m4, libtool
  'find', 'xargs', 'locate', 'updatedb', 'sed', 'grep', 'egrep', 'fgrep', 'tar', 'time', 'diff', 'cmp', 'diff3', 'sdiff',
  'patch', 'which', 'indent', 'm4', 'libtool', 'libtoolize',
];

/** `gsed` -> `sed`: the prefixed names, and the one-true-awk's Debian name. */
const RENAMED: ReadonlyMap<string, string> = new Map([...GNU_PROGRAMS.map((p): [string, string] => [`g${p}`, p]), ['original-awk', 'awk']]);

/** The program a (lower-cased) command name is another name of, or null. */
export function gnuProgram(name: string): string | null {
  return RENAMED.get(name) ?? null;
}

/**
 * `gsed -i …` is judged as the host itself (a rule for `gsed *` allows it) with `sed -i …` as a
 * view, so whatever sed runs or writes is found and only tightens.
 */
export function renamedRuns(args: readonly Arg[], program: string): Unwrapped {
  const first = args[0];
  if (first === undefined) return NO_RUNS;
  return { ...NO_RUNS, views: [[{ ...first, value: program }, ...args.slice(1)]] };
}
