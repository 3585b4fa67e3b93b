// Which redirections write a file (SPEC 5.5). Input redirections, heredocs, here-strings, fd
// duplication and the terminal-like device files are not writes.
import type { Redirect, RedirectDescriptor } from 'unbash';
import type { WritePart } from './types.ts';
import { procFolderPath } from './paths.ts';
import type { Arg } from './words.ts';

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const FD_DUP = /^(?:\d+-?|-)$/;

/**
 * `-` (standard output to these programs) and `/dev/null`: no file is written. `/dev/stdout`,
 * `/dev/fd/N` and the like are not among them: opening one opens again the file that descriptor
 * points at (audit WW-2), which the walker judges (see descriptorPath).
 */
export function namesNoFile(path: string): boolean {
  return path === '-' || path === '/dev/null';
}

export function writesNoFile(target: Arg): boolean {
  return target.pipe === true || (target.dynamic === null && namesNoFile(target.value));
}

/**
 * The write a redirection performs, or null. `target` is the redirection's word; a target that
 * is only a process substitution (`> >(cmd)`) feeds a command, which the walker judges. A write
 * to `/dev/fd/N` and the like is returned too: the walker turns it into the file N points at.
 */
export function redirectWrite(r: Redirect, target: Arg, procSubOnly: boolean, source: string): WritePart | null {
  const op = r.operator;
  if (op === '>&') {
    if (target.dynamic === null && FD_DUP.test(target.value)) return null;
  } else if (!WRITE_OPERATORS.has(op)) {
    return null;
  }
  if (procSubOnly) return null;
  if (target.dynamic === null && target.value === '/dev/null') return null;
  return fileWrite(r, target, source, '');
}

/** The fs_write request for the file `target` names; `note` says why a non-write redirection counts. */
function fileWrite(r: Redirect, target: Arg, source: string, note: string): WritePart {
  const op = r.operator;
  const tilde = tildePath(target, source, 'redirection target');
  return {
    kind: 'write',
    target: writtenPath(target, tilde.path),
    operator: descriptorText(r.descriptor) + op + note,
    forceAsk: target.dynamic === null ? tilde.doubt : `redirection target is not static (${target.dynamic})`,
    source: r.pos >= 0 && r.end <= source.length ? source.slice(r.pos, r.end) : `${op}${target.value}`,
  };
}

/** A file a program writes because an option names it (`time -o FILE`): judged as a redirection target is. */
export function optionWrite(target: Arg, option: string, source: string): WritePart {
  const tilde = tildePath(target, source, `${option} file`);
  return {
    kind: 'write',
    target: writtenPath(target, tilde.path),
    operator: option,
    forceAsk: target.dynamic === null ? tilde.doubt : `${option} file is not static (${target.dynamic})`,
    source: `${option} ${target.value}`,
  };
}

/**
 * The path a write request names. Bytes that are not valid UTF-8 (`$'\xff'`) are kept as a lone
 * surrogate, which no UTF-8 spells either, so the request is a malformed path (kiro rule #5), as
 * check judges the file once it is committed; U+FFFD would name another, valid file.
 */
function writtenPath(target: Arg, path: string): string {
  return target.invalidUtf8 === true ? path.replaceAll('\uFFFD', '\uDCFF') : path;
}

/**
 * Bash's tilde expansion of a path word (`what` names it in reasons): only an unquoted `~` at the
 * start expands. `~` and `~/` are the home folder, which rules match as `~/`; `~+` is the working
 * folder; `~-` (OLDPWD), `~N`, `~+N`, `~-N` (the directory stack) and `~user` are only known at
 * run time. A quoted `~` is a folder of that name. `/proc/self/cwd/…` and `/proc/self/root/…`
 * read as the working folder and `/`.
 */
export function tildePath(target: Arg, source: string, what: string): { path: string; doubt: string | null } {
  const v = target.value;
  // `/proc/self/cwd/…` is the working folder, as `~+/…` is (audit JJ-12).
  if (!v.startsWith('~')) return (target.dynamic === null ? procFolderPath(v) : null) ?? { path: v, doubt: null };
  if (target.pos < 0 || target.pos >= source.length) return { path: v, doubt: `${what} starts with a ~ whose quoting is unknown` };
  if (source.charCodeAt(target.pos) !== 0x7e) return { path: `./${v}`, doubt: null };
  const slash = v.indexOf('/');
  const prefix = slash < 0 ? v : v.slice(0, slash);
  if (prefix === '~') return { path: v, doubt: null };
  if (prefix === '~+') return { path: `.${slash < 0 ? '' : v.slice(slash)}`, doubt: null };
  return { path: v, doubt: `${what} ${prefix} names a folder only known at run time` };
}

function descriptorText(d: RedirectDescriptor | undefined): string {
  if (d === undefined) return '';
  return d.type === 'FileDescriptor' ? String(d.value) : `{${d.name}}`;
}

/**
 * `N<&M`, `N>&M` and `N<&M-` make N point where M points: the descriptors it copies, or
 * `'unknown'` when either side is only known at run time; null for anything else.
 */
export function duplicatedFd(r: Redirect, target: Arg): { from: number; to: number } | 'unknown' | null {
  if (r.operator !== '<&' && r.operator !== '>&') return null;
  const d = r.descriptor;
  if (target.dynamic !== null) return 'unknown';
  const m = /^(\d+)-?$/.exec(target.value);
  if (m === null) return null;
  if (d !== undefined && d.type !== 'FileDescriptor') return 'unknown';
  return { from: Number(m[1]), to: d === undefined ? (r.operator === '<&' ? 0 : 1) : d.value };
}

/**
 * `/dev/stdout`, `/dev/stderr`, `/dev/stdin`, `/dev/fd/N` and `/proc/self/fd/N` open again the
 * file that descriptor N points to: `echo x 2<secrets/x >/dev/stderr` and `cp f /dev/fd/3` after
 * `exec 3<secrets/x` overwrite secrets/x. The descriptor an absolute path reaches that way, with
 * the path below it (`/dev/fd/3/k` is `k` in the folder 3 points at), or null. Followed as the
 * kernel follows it, so `/dev//fd/3`, `/dev/./fd/3`, `//dev/fd/3`, `/dev/fd/../fd/3` and
 * `/proc/self/fd/../fd/3` count too (/dev/fd is a link to /proc/self/fd).
 */
export function descriptorPath(v: string): { fd: number; rest: string } | null {
  if (!v.startsWith('/') || (!v.includes('dev') && !v.includes('proc'))) return null;
  const segments = v.split('/');
  const at: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] ?? '';
    if (s === '' || s === '.') continue;
    if (s === '..') {
      at.pop();
      continue;
    }
    at.push(s);
    const link = DESCRIPTOR_LINKS.get(at.join('/'));
    if (link !== undefined) at.splice(0, at.length, ...link);
    if (at.length === 4 && at[0] === 'proc' && at[1] === 'self' && at[2] === 'fd' && /^\d+$/.test(at[3] ?? '')) {
      return { fd: Number(at[3]), rest: segments.slice(i + 1).filter((x) => x !== '' && x !== '.').join('/') };
    }
  }
  return null;
}

/** The descriptor a path names itself (`/dev/stdout`, `/dev/fd/3`), or null. */
function specialFd(v: string): number | null {
  const d = descriptorPath(v);
  return d !== null && d.rest === '' ? d.fd : null;
}

/** The links on the way to a descriptor's entry, as segments from `/`. */
const DESCRIPTOR_LINKS: ReadonlyMap<string, readonly string[]> = new Map([
  ['dev/fd', ['proc', 'self', 'fd']],
  ['dev/stdin', ['proc', 'self', 'fd', '0']],
  ['dev/stdout', ['proc', 'self', 'fd', '1']],
  ['dev/stderr', ['proc', 'self', 'fd', '2']],
  // A thread shares the process's descriptors.
  ['proc/thread-self', ['proc', 'self']],
]);

/**
 * `3</dev/fd/4`, `3>/dev/stdout`: the descriptor a redirection points at whatever another one
 * points at (a reopen, like the copy `3<&4`), or null.
 */
export function reopenedInto(r: Redirect, target: Arg): { from: number; to: number[] } | 'unknown' | null {
  const op = r.operator;
  if (target.dynamic !== null || op === '<&' || (op === '>&' && FD_DUP.test(target.value))) return null;
  const from = specialFd(target.value);
  if (from === null) return null;
  const d = r.descriptor;
  if (d !== undefined) return d.type === 'FileDescriptor' ? { from, to: [d.value] } : 'unknown';
  return { from, to: op === '&>' || op === '&>>' || op === '>&' ? [1, 2] : op === '<' || op === '<>' ? [0] : [1] };
}

/**
 * Stands for the descriptor of `{NAME}>file`: bash picks the lowest free one of 10 or above,
 * which a loop can push as high as it likes, so any reopened descriptor from 10 up may be it.
 */
export const VARIABLE_FD = -1;

/**
 * The descriptors a redirection points at a file (any operator, reading too), with that file as
 * the write it becomes once a special file reopens the descriptor; null when the target is no
 * file (a descriptor duplicate, a special file, a process substitution).
 */
export function fdFile(r: Redirect, target: Arg, procSubOnly: boolean, source: string): { fds: number[]; write: WritePart } | null {
  const op = r.operator;
  // `<&N` and `>&N` copy a descriptor: what it points to was recorded where it was opened.
  if (procSubOnly || op === '<&' || (op === '>&' && (target.dynamic !== null || FD_DUP.test(target.value)))) return null;
  if (target.dynamic === null && (target.value === '/dev/null' || specialFd(target.value) !== null)) return null;
  const d = r.descriptor;
  let fds: number[];
  if (d !== undefined) {
    fds = [d.type === 'FileDescriptor' ? d.value : VARIABLE_FD];
  } else if (op === '&>' || op === '&>>' || op === '>&') {
    fds = [1, 2];
  } else {
    fds = op === '<' || op === '<>' ? [0] : [1];
  }
  return { fds, write: fileWrite(r, target, source, ' (reopened through a /dev/fd path)') };
}
