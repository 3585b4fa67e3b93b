// What the sqlite3 shell writes (audit 30, JJ-3): the database file it opens when its SQL may
// change it, the files its dot-commands (`.backup`, `.save`, `.output`, `.once`, `.log`, `.open`…)
// and `VACUUM INTO`/`ATTACH` name, and, when the commands are read from standard input or a file,
// anything: that asks. (`.shell`, `.system` and their kin ask in toolruns.ts.)
import { contentWrite as content, madeArg, withValue, type OperandWrite } from './operand-words.ts';
import type { Arg } from './words.ts';

/** sqlite3's options that take the next word (two for the memory tunings). */
const VALUED = /^--?(?:cmd|init|separator|newline|nullvalue|vfs|maxsize|mmap|nonce|escape)$/;
const TWO_VALUED = /^--?(?:lookaside|pagecache|heap)$/;

/** Dot-commands (any prefix sqlite3 takes) whose last word is a file written. */
const LAST_WORD_WRITERS = ['backup', 'save', 'clone', 'open'];
/** Dot-commands whose first word that is no option is a file written (`stdout`, `off`, `|CMD` are not). */
const FIRST_WORD_WRITERS = ['output', 'once', 'log', 'trace', 'iotrace'];
/** Dot-commands that change the database itself. */
const DATABASE_WRITERS = ['import', 'restore', 'recover'];
/** Dot-commands that write or run what is not known here: another folder, a file of commands, code, an archive. */
const UNKNOWN = ['cd', 'read', 'load', 'archive', 'ar', 'excel', 'session', 'testcase', 'expert', 'edit'];

/** Whether dot-command `word` names one of `names`: sqlite3 takes any prefix it can tell apart, so a short one counts for all it starts. */
const names = (word: string, list: readonly string[]): boolean => list.some((n) => n.startsWith(word));

/** SQL that only reads: SELECT, EXPLAIN, VALUES, a PRAGMA that sets nothing, `WITH … SELECT`. */
const READS = /^\s*(?:select|explain|values|pragma\s+[\w.]+\s*(?:\(\s*[\w.]*\s*\))?\s*$|with\b(?:(?!\b(?:insert|update|delete|replace)\b)[\s\S])*$)/i;

/** SQL functions of the shell that write files or run code. */
const RISKY_SQL = /\b(?:writefile|load_extension|edit|zipfile|fts5vocab)\s*\(/i;

interface Reading {
  writes: OperandWrite[];
  /** The database is changed. */
  changes: boolean;
}

/** Statements split at `;` outside quotes. */
function statements(sql: string): string[] {
  return sql.match(/(?:'[^']*'|"[^"]*"|[^;'"])+/g)?.filter((s) => s.trim() !== '') ?? [];
}

/** A quoted literal's text, or undefined. */
const literal = (text: string): string | undefined => /^\s*'((?:[^']|'')*)'/.exec(text)?.[1]?.replace(/''/g, "'");

function readSql(sql: string, at: Arg, by: string, into: Reading): void {
  for (const statement of statements(sql)) {
    if (RISKY_SQL.test(statement)) into.writes.push(content(madeArg('*', `a file SQL run by ${by} may write (writefile, load_extension, edit)`), by));
    const target = /^\s*(?:vacuum\b[\s\S]*?\binto|attach\s+(?:database\s+)?)([\s\S]*)$/i.exec(statement);
    if (target !== null) {
      const file = literal(target[1] ?? '');
      into.writes.push(content(file === undefined ? madeArg('*', `a file named by an expression in ${by}`) : withValue(at, file), by));
    }
    if (!READS.test(statement)) into.changes = true;
  }
}

/** One line of commands: a dot-command, or SQL. */
function readCommand(text: string, at: Arg, into: Reading): void {
  if (at.dynamic !== null) {
    into.writes.push(content(madeArg('*', `sqlite3 commands only known at run time (${at.dynamic})`), 'sqlite3'));
    into.changes = true;
    return;
  }
  let sql = '';
  for (const line of text.split('\n')) {
    const dot = /^\s*\.(\w+)(.*)$/.exec(line);
    if (dot === null) {
      sql += `${line}\n`;
      continue;
    }
    const command = (dot[1] ?? '').toLowerCase();
    const words = (dot[2] ?? '').trim().split(/\s+/).filter((w) => w !== '').map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    const by = `sqlite3 .${command}`;
    if (names(command, UNKNOWN)) into.writes.push(content(madeArg('*', `what ${by} reads, runs or writes`), by));
    if (names(command, LAST_WORD_WRITERS)) {
      const file = words[words.length - 1];
      if (file !== undefined) into.writes.push(content(withValue(at, file), by));
    }
    if (names(command, FIRST_WORD_WRITERS)) {
      const file = words.find((w) => !w.startsWith('-'));
      if (file !== undefined && !/^(?:stdout|stderr|off|\|.*)$/.test(file)) into.writes.push(content(withValue(at, file), by));
    }
    if (names(command, DATABASE_WRITERS)) into.changes = true;
  }
  readSql(sql, at, 'sqlite3', into);
}

/**
 * `sqlite3 [OPTIONS] [DATABASE [SQL…]]`: options may stand anywhere. Without SQL operands the
 * commands come from standard input (after any `-cmd`), which is not known here.
 */
export function sqliteWrites(args: readonly Arg[]): OperandWrite[] {
  const operands: Arg[] = [];
  const commands: Arg[] = [];
  const into: Reading = { writes: [], changes: false };
  let readOnly = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (!v.startsWith('-') || a.dynamic !== null) operands.push(a);
    else if (/^--?cmd$/.test(v) && args[i + 1] !== undefined) commands.push(args[++i] as Arg);
    else if (/^--?init$/.test(v)) into.writes.push(content(madeArg('*', 'what the commands of sqlite3 -init may write'), 'sqlite3 -init'));
    else if (/^--?(?:A|archive)/.test(v)) into.writes.push({ file: madeArg('.'), by: 'sqlite3 -A', kind: 'here' });
    else if (VALUED.test(v)) i++;
    else if (TWO_VALUED.test(v)) i += 2;
    else readOnly ||= /^--?(?:readonly|safe)$/.test(v);
  }
  const [database, ...sql] = operands;
  for (const c of [...commands, ...sql]) readCommand(c.value, c, into);
  if (sql.length === 0) {
    into.writes.push(content(madeArg('*', 'what the sqlite3 commands on its standard input may write'), 'sqlite3'));
    into.changes = true;
  }
  const memory = database === undefined || (database.dynamic === null && /^(?::memory:|)$/.test(database.value));
  if (into.changes && !readOnly && !memory && database !== undefined) into.writes.push(content(database, 'sqlite3'));
  return into.writes;
}
