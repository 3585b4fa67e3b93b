// Clients whose command language can run shell commands, reading that language from standard
// input (audit 32, QQ-12): psql and the mysql client when given no -c/-f or -e (`\!`, `system`),
// gdb and lldb (`shell`, `!`, `platform shell`, `script`, `call system()`). A heredoc or
// here-string is read as their `-c`/`-e` values are; a pipe or a file is not known here, so it
// asks, as sqlite3 reading standard input does.
import { MYSQL_VALUED, PSQL } from './client-options.ts';
import { hasOption, scanOptions } from './options.ts';
import type { Stdin } from './session-shells.ts';
import { runsShellCommand } from './toolruns.ts';
import { writesFileCommand } from './client-writes.ts';
import type { Arg } from './words.ts';
import { lookupTable } from '../lookup.ts';

export const STDIN_CLIENTS: ReadonlySet<string> = new Set(['psql', 'mysql', 'mariadb', 'gdb', 'lldb']);

/** What each client's input can run a shell command with, for reasons. */
const ESCAPES: Readonly<Record<string, string>> = lookupTable({
  psql: '\\!, \\o |CMD', mysql: '\\!, system', mariadb: '\\!, system', gdb: 'shell, !, python, call system()', lldb: 'platform shell, script',
});

/** What names standard input as a file of commands (`psql -f -`). */
const STDIN_FILE = /^(?:-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;

/** psql reads standard input unless -c or -f (other than `-f -`) gives its commands, or it only lists or prints. */
function psqlReads(args: readonly Arg[]): boolean {
  const scan = scanOptions(args, 1, PSQL);
  if (hasOption(scan, '-l', '--list', '-V', '--version', '-?', '--help')) return false;
  const files = scan.options.filter((o) => o.name === '-f' || o.name === '--file');
  if (files.some((f) => f.value === null || f.value.dynamic !== null || STDIN_FILE.test(f.value.value))) return true;
  return files.length === 0 && !hasOption(scan, '-c', '--command');
}

/** The mysql client's long options that take no value, or one only after `=` (`--password[=…]`, `--pager[=…]`). */
const MYSQL_LONG_FLAG = new RegExp(`^--(?:${[
  'batch', 'silent', 'raw', 'table', 'verbose', 'vertical', 'html', 'xml', 'force', 'quick', 'unbuffered', '(?:skip-)?column-names',
  '(?:no-|skip-)?auto-rehash', 'compress', 'ignore-spaces', 'safe-updates', 'i-am-a-dummy', 'wait', '(?:skip-)?named-commands',
  'no-beep', 'one-database', '(?:skip-)?comments', 'debug-info', 'debug-check', '(?:skip-)?line-numbers', 'show-warnings',
  'binary-mode', 'no-defaults', 'print-defaults', '(?:skip-)?ssl', 'no-tee', 'no-pager', 'sigint-ignore', '(?:skip-)?reconnect', 'pipe',
  'auto-vertical-output', 'binary-as-hex', 'column-type-info', 'enable-cleartext-plugin', '(?:skip-)?progress-reports',
  '(?:skip-)?secure-auth', '(?:skip-)?system-command', '(?:skip-)?ssl-verify-server-cert', '(?:skip-)?abort-source-on-error',
  'password[123]?', 'pager', 'debug', 'local-infile',
].join('|')})$`);

/**
 * The mysql client reads standard input unless -e gives its commands or it only prints (`-V`,
 * `-?`, `-I`). A long option not known here is taken to take the next word: that can only hide
 * an -e, so standard input is then taken to be read.
 */
function mysqlReads(args: readonly Arg[]): boolean {
  for (let i = 1; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v === '--') return true;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      if (name === '--execute' || name === '--version' || name === '--help') return false;
      if (eq < 0 && !MYSQL_LONG_FLAG.test(name)) i++;
      continue;
    }
    if (v.length < 2 || !v.startsWith('-')) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (ch === 'e' || ch === 'V' || ch === '?' || ch === 'I') return false;
      if (ch === 'p' || ch === '#') break;
      if (MYSQL_VALUED.includes(ch)) {
        if (j + 1 === v.length) i++;
        break;
      }
    }
  }
  return true;
}

/** gdb's options that take the next word (single or double dash). */
const GDB_VALUED = /^--?(?:p|pid|c|core|e|exec|s|symbols|se|d|directory|cd|b|l|i|interpreter|D|data-directory|tty|x|command|ex|eval-command|ix|init-command|iex|init-eval-command)$/;
/** lldb's options that take the next word. */
const LLDB_VALUED = /^(?:-[aflnpcoOsSkKxPRr]|--(?:arch|file|attach-name|attach-pid|core|one-line|source|one-line-before-file|source-before-file|one-line-on-crash|source-on-crash|script-language|repl-language|debug-file|log-channels))$/;
const GDB_INFO = /^--?(?:version|help|configuration|v|h)$/;
const LLDB_INFO = /^(?:-[vh]|--version|--help)$/;

/**
 * A debugger reads its commands from standard input unless it only prints; gdb's batch mode quits
 * after its -ex/-x commands instead (checked with gdb 13), but commands handed to it in a heredoc
 * are still taken as meant to run. The program's own arguments (`gdb --args PROG ARGS…`, `lldb --
 * PROG ARGS…`) are not the debugger's options.
 */
function debuggerReads(args: readonly Arg[], name: string, heredoc: boolean): boolean {
  const gdb = name === 'gdb';
  let batch = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null) continue;
    const v = a.value;
    if (v === '--' || (gdb && /^--?args$/.test(v))) break;
    if ((gdb ? GDB_INFO : LLDB_INFO).test(v)) return false;
    if (gdb && /^--?batch(?:-silent)?$/.test(v)) batch = true;
    if ((gdb ? GDB_VALUED : LLDB_VALUED).test(v)) i++;
  }
  return heredoc || !batch;
}

/**
 * Why `name` asks for what it reads on standard input, or null. The input the command line
 * started with is what a person types (`psql`, `gdb ./a.out` at a terminal), so it is no question.
 */
export function clientStdinDoubt(args: readonly Arg[], input: Stdin, name: string): string | null {
  const stdin = input.text;
  if (stdin === null && !input.fed) return null;
  const debugger_ = name === 'gdb' || name === 'lldb';
  const reads = debugger_ ? debuggerReads(args, name, stdin !== null) : name === 'psql' ? psqlReads(args) : mysqlReads(args);
  if (!reads) return null;
  const escapes = ESCAPES[name] ?? '';
  if (stdin === null) return `${name} reads its commands from standard input, which is not known here, and they can run shell commands (${escapes})`;
  if (stdin.dynamic === null && stdin.value.trim() === '') return null;
  // Every debugger command can run code in the program it debugs (`call system("…")`), as -ex's can.
  if (debugger_) return `${name} reads debugger commands from a heredoc, and they can run shell commands (${escapes})`;
  if (stdin.dynamic !== null) return `${name} reads commands only known at run time (${stdin.dynamic}) from standard input, which may run a shell command (${escapes})`;
  if (runsShellCommand(name, stdin.value)) return `${name} reads a command that runs a shell command (${escapes}) from a heredoc, which is not judged here`;
  return writesFileCommand(name, stdin.value) ? `${name} reads a command that writes a file (\\o FILE, COPY … TO, INTO OUTFILE…) from a heredoc, which is not judged here` : null;
}
