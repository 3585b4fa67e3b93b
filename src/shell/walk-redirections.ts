// The walker's layer for redirections (SPEC 5.5): heredoc bodies and here-strings (kept, as the
// command may run its stdin), file writes, and the files a descriptor points at, which a later
// write through /dev/fd may reach.
import type { Redirection } from 'unbash';
import { dangerReason, isDangerousName } from './assignments.ts';
import { digitsBeforeRedirect, mayHoldCode } from './guards.ts';
import { checkHereDoc, fail } from './parse.ts';
import { duplicatedFd, fdFile, redirectWrite, reopenedInto, VARIABLE_FD } from './redirects.ts';
import { ExpansionWalker } from './walk-expansions.ts';
import { located, type Scope, type Sink } from './walk-state.ts';
import type { Arg } from './words.ts';

export abstract class RedirectionWalker extends ExpansionWalker {
  /**
   * Walks a redirection; returns what the command reads as stdin afterwards (a heredoc or
   * here-string is kept because `bash <<EOF` runs it).
   */
  protected redirection(r: Redirection, scope: Scope, depth: number, sink: Sink, stdin: Arg | null): Arg | null {
    const fd = r.descriptor;
    const onStdin = fd === undefined || (fd.type === 'FileDescriptor' && fd.value === 0);
    // `{NAME}>file` stores the new file descriptor's number in NAME.
    if (fd?.type === 'FileDescriptorVariable' && isDangerousName(fd.name)) sink.force ??= dangerReason(fd.name);
    // `{b[x]}>f` evaluates the subscript x.
    if (fd?.type === 'FileDescriptorVariable' && fd.name.includes('[')) this.evaluates();
    switch (r.type) {
      case 'HereDoc': {
        checkHereDoc(r);
        const closing = r.closing?.end ?? 0;
        if (closing > scope.heredocEnd) scope.heredocEnd = closing;
        const body = r.body;
        const parts = body.parts;
        const arg: Arg = { value: body.text, dynamic: null, split: false, pos: body.pos, end: body.end };
        if (r.delimiter?.quoted === true || parts === undefined) {
          this.quoted(scope, body.pos, body.end);
          // unbash gives no parts for an unquoted body without expansions; bash still removes the
          // backslashes that quote `\`, `$`, a backquote or a newline before the command reads
          // it, so `bash <<EOF` runs `echo \`cmd\`` as a command substitution.
          if (r.delimiter?.quoted !== true) arg.value = unescapeHereDoc(body.text);
          this.staticSubscript(arg);
        } else {
          let value = '';
          let inert = '';
          try {
            for (const p of parts) {
              if (p.type === 'Literal') {
                this.quoted(scope, p.pos, p.end);
                value += p.value;
                inert += p.value;
              } else {
                this.part(p, scope, depth, sink, arg, true);
                value += p.text;
                inert += '\u0000';
              }
            }
          } catch (e) {
            // bash parses a heredoc body only when it runs the command.
            throw located(e, 'in a heredoc body');
          }
          arg.value = value;
          if (arg.dynamic !== null) arg.inert = inert;
          this.staticSubscript(arg);
        }
        return onStdin ? arg : stdin;
      }
      case 'HereString': {
        if (r.target === undefined) fail('here-string without a word');
        const arg = this.word(r.target, scope, depth, sink);
        digitsBeforeRedirect(r.target, scope.source);
        return onStdin ? arg : stdin;
      }
      case 'Redirect': {
        const target = r.target;
        if (target === undefined) fail('redirection without a target');
        const arg = this.word(target, scope, depth, sink);
        if (r.operator !== '>&' && r.operator !== '<&') digitsBeforeRedirect(target, scope.source);
        if (target.text === '\\' && target.end === scope.source.length) fail('redirection target is a line continuation at the end');
        const parts = target.parts;
        const procSubOnly = parts !== undefined && parts.length === 1 && parts[0]?.type === 'ProcessSubstitution';
        const write = redirectWrite(r, arg, procSubOnly, scope.source);
        if (write !== null && expandsAgain(r, arg)) {
          // `>&WORD` and `1>&WORD` with a WORD that is no descriptor become `&>WORD`, and bash
          // expands WORD again (redir.c): quoted text there runs (`>&'src/$(rm -rf ~)'`) or names
          // another file (`>&'${x:-../.github/agent-gate.yml}'`), as in unquoted text (audit 35, YY-6).
          if (mayHoldCode(arg.value)) this.expandedText(arg.value, depth + 1, sink);
          write.forceAsk ??= `bash expands the word of ${r.operator}${arg.value} a second time, so the file it writes is only known at run time`;
        }
        if (write !== null) {
          // `cd .github && echo x > agent-gate.yml` writes the policy file: a relative target is
          // judged in every folder an earlier `cd` may have moved to. A write to `/dev/fd/3` or
          // `/dev/stdout` is one to the file that descriptor points at (recordWrite sees to it).
          this.recordWrite(write, arg);
        } else {
          const file = fdFile(r, arg, procSubOnly, scope.source);
          if (file !== null) {
            this.folders.place(file.write);
            this.pointFds(file.fds, [file.write]);
          }
        }
        this.noteDuplicate(r, arg);
        const op = r.operator;
        return onStdin && (op === '<' || op === '<&' || op === '<>') ? null : stdin;
      }
    }
  }

  /**
   * `exec 3<secrets/k 1<&3; echo x >/dev/stdout` writes secrets/k: a copied descriptor points at
   * the copied one's files, so a later reopen through /dev/fd reaches them too.
   */
  private noteDuplicate(r: Redirection & { type: 'Redirect' }, target: Arg): void {
    // `3</dev/fd/4` opens again what 4 points at, as the copy `3<&4` does (audit WW-2).
    const reopen = reopenedInto(r, target);
    const copy = duplicatedFd(r, target);
    const dup = reopen === 'unknown' || copy === 'unknown' ? 'unknown'
      : reopen !== null ? reopen : copy === null ? null : { from: copy.from, to: [copy.to] };
    if (dup === null) return;
    if (dup === 'unknown') {
      this.fdDoubt = true;
      return;
    }
    // A descriptor of 10 or above may be one bash gave a `{NAME}>file`.
    const named = dup.from >= 10 ? this.fdFiles?.get(VARIABLE_FD) ?? [] : [];
    const files = [...this.fdFiles?.get(dup.from) ?? [], ...named];
    const to = dup.to.filter((n) => n !== dup.from);
    if (files.length === 0 || to.length === 0) return;
    this.pointFds(to, files);
  }
}

/** Text a second expansion changes: expansions, quotes and backslashes, globs, and a leading `~`. */
const EXPANDED_AGAIN = /[$`\\'"*?[]|[+@!]\(|^~/;

/** Whether bash expands the target of `r` a second time (see `redirection`). */
function expandsAgain(r: Redirection & { type: 'Redirect' }, target: Arg): boolean {
  const fd = r.descriptor;
  if (r.operator !== '>&' || (fd !== undefined && !(fd.type === 'FileDescriptor' && fd.value === 1))) return false;
  return target.dynamic === null && EXPANDED_AGAIN.test(target.value);
}

/** Whether `r` gives standard input: a file, a descriptor, a heredoc or a here-string on descriptor 0. */
export function readsStdin(r: Redirection): boolean {
  const fd = r.descriptor;
  if (fd !== undefined && !(fd.type === 'FileDescriptor' && fd.value === 0)) return false;
  return r.type !== 'Redirect' || r.operator === '<' || r.operator === '<&' || r.operator === '<>';
}

/** An unquoted heredoc body as bash hands it on: `\\`, `\$` and `\`` lose their backslash, `\`+newline goes. */
export function unescapeHereDoc(text: string): string {
  return text.replace(/\\([\\$`\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
}
