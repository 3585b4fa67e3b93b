// What database clients and dump tools write because an option or a command they are given names
// a file: psql's `-o`/`-L` and the `\o FILE`, `\g FILE`, `\w FILE`, `\s FILE`, `\copy … to FILE`
// and `\lo_export OID FILE` of its -c values; the mysql client's `--tee`; mysqldump's
// `-r`/`--result-file` and `--tab` folder; mongodump's and mongoexport's `-o`/`--archive`;
// redis-cli's `--rdb`. A server writes `COPY … TO 'FILE'`, `lo_export(…, 'FILE')` and `SELECT …
// INTO OUTFILE|DUMPFILE 'FILE'` on its own host, which may be this one: an absolute name is held,
// and a relative one (the server's data folder) may be anything. Commands a client reads from
// standard input are asked about in client-stdin.ts with `writesFileCommand`.
import { contentWrite as content, madeArg, readWords, treeWrite as tree, withValue, type OperandWrite } from './operand-words.ts';
import { MYSQL_VALUED, PSQL } from './client-options.ts';
import { scanOptions } from './options.ts';
import type { Arg } from './words.ts';


/** psql meta-commands whose first word is a file written (not `|CMD`). */
const PSQL_FIRST_WORD = /^(?:o|out|w|write|s)$/;
/** psql meta-commands whose first word, after any `(OPTIONS)`, is a file the query output goes to. */
const PSQL_QUERY_OUT = /^(?:g|gx)$/;

/** The words after a meta-command up to the next one, with quotes taken off. */
function metaWords(rest: string): string[] {
  const words: string[] = [];
  for (const m of rest.matchAll(/'((?:[^']|'')*)'|"((?:[^"]|"")*)"|([^\s\\]+)|\\/g)) {
    if (m[0] === '\\') break;
    words.push(m[1]?.replace(/''/g, "'") ?? m[2]?.replace(/""/g, '"') ?? m[3] ?? '');
  }
  return words;
}

/** A server-side file name: absolute names are held as they are; a relative one is under the server's own folder. */
function serverFile(at: Arg, name: string, by: string): OperandWrite {
  return content(name.startsWith('/') ? withValue(at, name) : madeArg('*', `${by} writes "${name}" in the database server's own folder`), by);
}

/** SQL a server runs that writes a file on its host. */
function sqlWrites(text: string, at: Arg, by: string): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (const m of text.matchAll(/\bcopy\b[^;]*?\bto\s+(?:'((?:[^']|'')*)'|(\w+))/gi)) {
    const name = m[1]?.replace(/''/g, "'");
    if (name !== undefined) out.push(serverFile(at, name, `${by} COPY … TO`));
    else if (!/^(?:stdout|program)$/i.test(m[2] ?? '')) out.push(content(madeArg('*', `a file named by an expression in ${by} COPY … TO`), by));
  }
  for (const m of text.matchAll(/\blo_export\s*\(\s*[^,()]*,\s*(?:'((?:[^']|'')*)'|([^)]*))\)/gi)) {
    const name = m[1]?.replace(/''/g, "'");
    out.push(name === undefined ? content(madeArg('*', `a file named by an expression in ${by} lo_export()`), by) : serverFile(at, name, `${by} lo_export()`));
  }
  for (const m of text.matchAll(/\binto\s+(outfile|dumpfile)\s+(?:'((?:[^']|'')*)'|"((?:[^"]|"")*)"|(\S+))/gi)) {
    const name = m[2]?.replace(/''/g, "'") ?? m[3]?.replace(/""/g, '"');
    const what = `${by} INTO ${(m[1] ?? '').toUpperCase()}`;
    out.push(name === undefined ? content(madeArg('*', `a file named by an expression in ${what}`), by) : serverFile(at, name, what));
  }
  return out;
}

/** What a psql command line (a -c value, or lines read from standard input) writes. */
export function psqlCommandWrites(text: string, at: Arg): OperandWrite[] {
  const out: OperandWrite[] = [];
  let moved = false;
  const file = (name: string, by: string): OperandWrite =>
    content(moved && !name.startsWith('/') ? madeArg('*', `psql \\cd moved where "${name}" is`) : withValue(at, name), by);
  for (const m of text.matchAll(/\\([A-Za-z_]+)([^\\]*(?:\\\\[^\\]*)*)/g)) {
    const command = m[1] ?? '';
    const words = metaWords(m[2] ?? '');
    const by = `psql \\${command}`;
    if (command === 'cd') moved = true;
    if (PSQL_FIRST_WORD.test(command)) {
      const name = words[0];
      if (name !== undefined && !name.startsWith('|')) out.push(file(name, by));
    } else if (PSQL_QUERY_OUT.test(command)) {
      const name = words.filter((w) => !w.startsWith('(') && !w.endsWith(')') && !w.includes('='))[0];
      if (name !== undefined && !name.startsWith('|')) out.push(file(name, by));
    } else if (command === 'lo_export') {
      const name = words[1];
      if (name !== undefined) out.push(file(name, by));
    } else if (command === 'copy') {
      // `\copy … to FILE`: the client writes it; `to stdout|pstdout|program …` writes no file.
      const to = /\bto\s+(?:'((?:[^']|'')*)'|"((?:[^"]|"")*)"|(\S+))/i.exec(m[2] ?? '');
      const name = to?.[1]?.replace(/''/g, "'") ?? to?.[2] ?? to?.[3];
      if (name !== undefined && !/^(?:stdout|pstdout|program)$/i.test(name)) out.push(file(name, by));
    }
  }
  // Server-side COPY and lo_export() in SQL, but not a `\copy` line the client runs.
  out.push(...sqlWrites(text.replace(/\\copy\b[^\n]*/gi, ''), at, 'psql'));
  return out;
}

function psqlWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (const { name, value } of scanOptions(args, 1, PSQL).options) {
    if (value === null) continue;
    if (/^(?:-o|--output|-L|--log-file)$/.test(name)) out.push(content(value, `psql ${name}`));
    else if ((name === '-c' || name === '--command') && value.dynamic === null) out.push(...psqlCommandWrites(value.value, value));
  }
  return out;
}

/** The mysql client's `--tee=FILE`, and what its -e SQL has the server write. */
function mysqlWrites(args: readonly Arg[], name: string): OperandWrite[] {
  // Long options known here to take the next word; any other (`--pager`, `--password`) takes one
  // only after `=`, so a following -e is still read.
  const w = readWords(args, 1, { valued: MYSQL_VALUED, long: ['--tee', '--execute', '--database', '--host', '--port', '--socket', '--user'] });
  const out: OperandWrite[] = [];
  for (const f of w.values.get('--tee') ?? []) out.push(content(f, `${name} --tee`));
  for (const option of ['-e', '--execute']) for (const c of w.values.get(option) ?? []) if (c.dynamic === null) out.push(...sqlWrites(c.value, c, name));
  return out;
}

/** mysqldump's (and mariadb-dump's) result file and `--tab` folder. */
function mysqldumpWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'hPSurTw', long: ['--result-file', '--tab', '--host', '--port', '--socket', '--user', '--where', '--log-error'] });
  const files = ['-r', '--result-file', '--log-error'].flatMap((o) => (w.values.get(o) ?? []).map((f) => content(f, `${name} ${o}`)));
  // `--tab` names a folder on the server's host, where the server writes the .txt files (and mysqldump the .sql files).
  const folders = ['-T', '--tab'].flatMap((o) => (w.values.get(o) ?? []).map((d) => tree(d, `${name} ${o}`)));
  return [...files, ...folders];
}

/** mongodump's output folder (`-o`, default `dump/`) or archive; mongoexport's output file. */
function mongoWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'hudcqo', long: ['--out', '--host', '--port', '--username', '--password', '--db', '--collection', '--query', '--uri', '--fields', '--type'] });
  const out = ['-o', '--out'].flatMap((o) => w.values.get(o) ?? []).filter((f) => f.dynamic !== null || f.value !== '-');
  const archive = args.slice(1).filter((a) => a.value.startsWith('--archive=')).map((a) => withValue(a, a.value.slice('--archive='.length)));
  if (name === 'mongoexport') return out.map((f) => content(f, `${name} -o`));
  if (archive.length > 0) return archive.map((f) => content(f, `${name} --archive`));
  if (args.some((a) => a.value === '--archive')) return [];
  return out.length === 0 ? [tree(madeArg('dump'), name)] : out.map((d) => tree(d, `${name} -o`));
}

/** redis-cli's `--rdb FILE` and `--functions-rdb FILE`: a copy of the server's data. */
function redisWrites(args: readonly Arg[]): OperandWrite[] {
  const out: OperandWrite[] = [];
  for (let i = 1; i < args.length; i++) {
    const option = args[i]?.value;
    const file = args[i + 1];
    if ((option === '--rdb' || option === '--functions-rdb') && file !== undefined) out.push(content(file, `redis-cli ${option}`));
  }
  return out;
}

/** The programs this file knows. */
export const CLIENT_WRITERS: ReadonlyArray<[string, (args: readonly Arg[], name: string) => OperandWrite[]]> = [
  ['psql', psqlWrites], ['mysql', mysqlWrites], ['mariadb', mysqlWrites], ['mysqldump', mysqldumpWrites], ['mariadb-dump', mysqldumpWrites],
  ['mongodump', mongoWrites], ['mongoexport', mongoWrites], ['redis-cli', redisWrites],
];

/** Whether client `name`'s commands in `text` (read from standard input) write a file. */
export function writesFileCommand(name: string, text: string): boolean {
  const at = madeArg('');
  return (name === 'psql' ? psqlCommandWrites(text, at) : sqlWrites(text, at, name)).length > 0;
}
