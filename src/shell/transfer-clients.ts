// File-transfer clients whose own command language runs local shell commands and writes local
// files: sftp, ftp (inetutils, tnftp) and lftp. `!CMD` runs CMD with the user's shell; `get`,
// `mget`, `reget`, lftp's `mirror`, `pget` and `> FILE` write here. A policy that trusts `sftp *`
// does not trust what these commands do. Their commands come from standard input (a heredoc is
// read here; a pipe or a file is not known, so it asks, as for psql in client-stdin.ts) or lftp's
// -c/-e values. sftp's `HOST:PATH [LOCAL]` fetches PATH at once, into LOCAL or a file named after
// PATH where the shell stands.
import { contentWrite as content, hereWrite as here, readWords, treeWrite as tree, withValue, type OperandWrite } from './operand-words.ts';
import { localPart } from './placers.ts';
import type { Stdin } from './session-shells.ts';
import { SSH_VALUE_LETTERS } from './toolruns.ts';
import type { Arg } from './words.ts';

export const TRANSFER_CLIENTS: ReadonlySet<string> = new Set(['sftp', 'ftp', 'tnftp', 'lftp']);

/** Short options of sftp that take a value. */
const SFTP_VALUED = SSH_VALUE_LETTERS.sftp ?? '';

/**
 * What in these clients' commands runs a local shell command or writes or changes local files:
 * `!` (a shell escape), `|` (ftp's local file `|CMD` is a command; lftp pipes output into one),
 * `>` (lftp's redirection), a command that writes here, at the start of a line or after a
 * separator (lftp takes `;`, `&&`, `||`) and after the `-` and `@` sftp skips (audit 43, AV-4:
 * `-get x`), sftp's `lls` (run by the user's shell), a listing into a local file (`ls DIR FILE`,
 * `mls FILES… FILE`), and lftp `set`tings naming a program (`sftp:connect-program`).
 */
// The blanks before and after the `-`/`@` are told apart by the group: two runs of blanks side by
// side would be tried at every split, quadratic in a long run of them.
const COMMAND_START = '(?:^|[\\n;&(])[ \\t]*(?:[-@]+[ \\t]*)?';
const LOCAL_COMMAND = new RegExp([
  '[!|>]',
  `${COMMAND_START}(?:get|get1|reget|mget|mreget|fget|recv|newer|pget|mirror|torrent|lls|lmkdir|lrm|lrmdir|lrename|lln|lumask|lchmod|local)(?![\\w-])`,
  `${COMMAND_START}(?:ls|dir|nlist|mls|mdir)[ \\t]+\\S+[ \\t]+\\S`,
  '\\bset[ \\t]+\\S*(?:program|shell|command|prog)\\b',
].join('|'), 'i');
const WHAT = '!CMD and |CMD run a shell command; get, mget, mirror, ls DIR FILE write local files';

/** Whether the client takes its commands from standard input (where no batch file or -c gives them). */
function readsStdin(args: readonly Arg[], name: string): boolean {
  if (name === 'sftp') {
    const w = readWords(args, 1, { valued: SFTP_VALUED, long: [] });
    const batch = w.values.get('-b') ?? [];
    return batch.length === 0 || batch.some((b) => b.dynamic !== null || /^(?:-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(b.value));
  }
  // lftp -c runs its commands and exits; -f reads them from a file.
  if (name === 'lftp') return !args.some((a, i) => i > 0 && /^-[cf]|^--(?:c|f)$/.test(a.value));
  return true;
}

/** ftp's (tnftp's) short options that take a value. */
const FTP_VALUED = 'NoPqrsTux';

/** Why a transfer client's commands ask, or null: those read from standard input, or lftp's -c/-e values. */
export function transferCommandsDoubt(args: readonly Arg[], input: Stdin, name: string): string | null {
  if (name === 'ftp' || name === 'tnftp') {
    const w = readWords(args, 1, { valued: FTP_VALUED, long: [] });
    // `-o '|CMD'` pipes what it fetches into CMD (audit 43, AV-5); a netrc's `macdef init` runs commands.
    if ((w.values.get('-o') ?? []).some((o) => o.dynamic !== null || o.value.startsWith('|'))) return `${name} -o |CMD pipes what it fetches into a shell command, which is not judged here`;
    if (w.values.has('-N')) return `${name} -N reads a netrc file, whose macros (macdef init) run commands, which are not judged here`;
  }
  if (name === 'lftp') {
    for (let i = 1; i < args.length; i++) {
      const option = (args[i] as Arg).value;
      if (option !== '-c' && option !== '-e') continue;
      const value = args[i + 1];
      if (value !== undefined && LOCAL_COMMAND.test(value.value)) return `lftp ${option} ${value.value.slice(0, 40)}: a command that writes local files (${WHAT}), which is not judged here`;
    }
  }
  if (!readsStdin(args, name)) return null;
  const stdin = input.text;
  if (stdin === null) return input.fed ? `${name} reads its commands from standard input, which is not known here (${WHAT})` : null;
  if (stdin.dynamic !== null) return `${name} reads commands only known at run time (${stdin.dynamic}) from standard input (${WHAT})`;
  return LOCAL_COMMAND.test(stdin.value) ? `${name} reads a command that runs a shell command or writes local files from a heredoc (${WHAT}), which is not judged here` : null;
}

/**
 * `sftp [options] HOST:PATH [LOCAL]` (or `sftp://HOST/PATH`) fetches PATH at once: into LOCAL,
 * which may be a folder, or a file named after PATH where the shell stands. A glob or a folder
 * (`HOST:dir/`, whose session starts there) brings names not known here.
 */
export function transferWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  if (name === 'ftp' || name === 'tnftp') return autoFetchWrites(args, name);
  if (name !== 'sftp') return null;
  const w = readWords(args, 1, { valued: SFTP_VALUED, long: [] });
  const [source, local] = w.operands;
  if (source === undefined || !/^[^/]*:/.test(source.value)) return [];
  const path = localPart('scp', source.value);
  // A folder's session starts there, interactive: it fetches nothing at once.
  if (path === '' || /(?:^|\/)(?:\.{1,2}|~[^/]*)?\/*$/.test(path)) return [];
  if (local !== undefined) return [{ ...content(local, 'sftp'), mayBeFolder: true }, tree(local, 'sftp')];
  if (/[*?[]/.test(path) || source.dynamic !== null) return [here('sftp')];
  return [content(withValue(source, path.replace(/^.*\//, '')), 'sftp')];
}

/** A URL ftp (tnftp) fetches at once. */
const FETCHED_URL = /^(?:ftp|https?|file):\/\//i;

/**
 * `ftp [-o FILE] URL…` (tnftp's auto-fetch, audit 43, AV-5) writes FILE, or a file named after
 * each URL's path where the shell stands (`-o -` is standard output).
 */
function autoFetchWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: FTP_VALUED, long: [] });
  const urls = w.operands.filter((a) => a.dynamic !== null || FETCHED_URL.test(a.value));
  if (urls.length === 0) return [];
  const outputs = (w.values.get('-o') ?? []).filter((o) => o.value !== '-' && !o.value.startsWith('|'));
  if (outputs.length > 0) return outputs.map((o) => content(o, `${name} -o`));
  return urls.map((u) => {
    const path = u.value.replace(FETCHED_URL, '').replace(/^[^/]*/, '').replace(/[?#].*$/, '');
    const file = path.replace(/^.*\//, '');
    return u.dynamic !== null || file === '' || /[*?[]/.test(file) ? here(name) : content(withValue(u, file), name);
  });
}
