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
import type { Arg } from './words.ts';

export const TRANSFER_CLIENTS: ReadonlySet<string> = new Set(['sftp', 'ftp', 'tnftp', 'lftp']);

/** Short options of sftp that take a value (ssh's, as toolruns.ts reads them). */
const SFTP_VALUED = 'BbcDFiJlPRSoX';

/**
 * A command of these clients that runs a local shell command or writes or changes local files, at
 * the start of a line or after a separator (lftp takes `;`, `&&`, `||`), or any redirection
 * (lftp's `cat x > FILE`). inetutils ftp's `get x |CMD` runs CMD too, and is a `get`.
 */
const LOCAL_COMMAND = /(?:^|[\n;&|(])[ \t]*(?:!|(?:get|reget|mget|recv|newer|pget|mirror|lmkdir|lrm|lrmdir|lrename|lln|lumask|lchmod)(?![\w-]))|>/i;
const WHAT = '!CMD runs a shell command; get, mget, mirror write local files';

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

/** Why a transfer client's commands ask, or null: those read from standard input, or lftp's -c/-e values. */
export function transferCommandsDoubt(args: readonly Arg[], input: Stdin, name: string): string | null {
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
