// Which redirections write a file (SPEC 5.5). Input redirections, heredocs, here-strings, fd
// duplication and the terminal-like device files are not writes.
import type { Redirect, RedirectDescriptor } from 'unbash';
import type { WritePart } from './types.ts';
import type { Arg } from './words.ts';

const WRITE_OPERATORS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const NOT_FILES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);
const FD_DUP = /^(?:\d+-?|-)$/;
const DEV_FD = /^\/dev\/fd\/\d+$/;

/**
 * The write a redirection performs, or null. `target` is the redirection's word; a target that
 * is only a process substitution (`> >(cmd)`) feeds a command, which the walker judges.
 */
export function redirectWrite(r: Redirect, target: Arg, procSubOnly: boolean, source: string): WritePart | null {
  const op = r.operator;
  if (op === '>&') {
    if (target.dynamic === null && FD_DUP.test(target.value)) return null;
  } else if (!WRITE_OPERATORS.has(op)) {
    return null;
  }
  if (procSubOnly) return null;
  if (target.dynamic === null && (NOT_FILES.has(target.value) || DEV_FD.test(target.value))) return null;
  const tilde = tildePath(target, source, 'redirection target');
  return {
    kind: 'write',
    target: tilde.path,
    operator: descriptorText(r.descriptor) + op,
    forceAsk: target.dynamic === null ? tilde.doubt : `redirection target is not static (${target.dynamic})`,
    source: r.pos >= 0 && r.end <= source.length ? source.slice(r.pos, r.end) : `${op}${target.value}`,
  };
}

/**
 * Bash's tilde expansion of a path word (`what` names it in reasons): only an unquoted `~` at the
 * start expands. `~` and `~/` are the home folder, which rules match as `~/`; `~+` is the working
 * folder; `~-` (OLDPWD), `~N`, `~+N`, `~-N` (the directory stack) and `~user` are only known at
 * run time. A quoted `~` is a folder of that name.
 */
export function tildePath(target: Arg, source: string, what: string): { path: string; doubt: string | null } {
  const v = target.value;
  if (!v.startsWith('~')) return { path: v, doubt: null };
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
