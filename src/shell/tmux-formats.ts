// tmux format jobs (audit 32, QQ-11): every tmux format expands `#(CMD)` by running CMD with
// `/bin/sh -c`, and formats stand in many arguments (`display -p`, the `-F` of the list commands
// and of `new -P`, `status-left`/`status-right` and other options, inside `#{…}`).
import { posixShellDoubt } from './posix.ts';
import type { ScriptArg } from './unwrapped.ts';
import type { Arg } from './words.ts';

const MAX_JOBS = 32;

export interface FormatJobs {
  scripts: ScriptArg[];
  doubt: string | null;
}

/**
 * The `#(CMD)` jobs in a tmux argument. tmux ends CMD at the `)` that balances its parentheses,
 * counting every `(` and `)` whatever quotes them, and expands CMD as a format before it runs it
 * (`#{pane_title}`, `#T`, a nested `#(…)`), so a `#` in CMD makes it text only known at run time.
 * A `##(` is a literal `#(` only until something expands the text again (`#{E:…}`), so it is
 * read as a job too: that only tightens.
 */
export function tmuxFormatJobs(arg: Arg, name: string): FormatJobs {
  const out: FormatJobs = { scripts: [], doubt: null };
  const text = arg.value;
  const by = `${name} #()`;
  let count = 0;
  for (let at = text.indexOf('#('); at >= 0; at = text.indexOf('#(', at + 2)) {
    // Each job is read to its end, so many of them in one word would cost time squared in its length.
    if (++count > MAX_JOBS) {
      out.doubt ??= `${name} is given more than ${MAX_JOBS} #() format jobs in one argument, which are not read further`;
      break;
    }
    let depth = 1;
    let end = at + 2;
    for (; end < text.length; end++) {
      const ch = text.charCodeAt(end);
      if (ch === 0x28) depth++;
      else if (ch === 0x29 && --depth === 0) break;
    }
    if (depth !== 0) {
      out.doubt ??= `${name} runs what follows #( in a format with /bin/sh, and its parentheses do not balance, so where the command ends is not known`;
      continue;
    }
    const command = text.slice(at + 2, end);
    // The word's other readings (`inert`) are of the whole word, not of this command.
    out.scripts.push({ arg: { value: command, dynamic: arg.dynamic, split: false, pos: arg.pos, end: arg.end }, by, later: true });
    if (command.includes('#')) out.doubt ??= `${name} fills in the formats in #(${command.slice(0, 40)}) before it runs it, so the command is only known at run time`;
    out.doubt ??= posixShellDoubt(command, by);
  }
  return out;
}
