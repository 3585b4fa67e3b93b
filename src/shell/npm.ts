// The npm command a command line runs, read as npm 11 reads it (SPEC 5.3 tightening view). npm
// parses options anywhere with nopt, takes the first word left over as the command, and resolves
// it through its alias table and any unique prefix (`npm pub`, `npm unp`, `npm isntall`), so
// `npm --silent pub` publishes although its text does not start with `npm publish`.
import { NPM_ALIASES, NPM_ARRAYS, NPM_COMMANDS, NPM_FLAGS, NPM_SHORTHANDS, NPM_STRINGS, NPM_VALUES } from './npm-data.ts';
import { joinValues, type Arg } from './words.ts';

type OptionType =
  | { kind: 'flag' | 'string' | 'value' }
  | { kind: 'array'; literals: ReadonlySet<string>; null: boolean; boolean: boolean; string: boolean; number: boolean };

/** Unique prefixes as the `abbrev` package computes them: a full word always names itself. */
function abbreviations(words: readonly string[]): ReadonlyMap<string, string> {
  const count = new Map<string, number>();
  for (const w of words) for (let n = 1; n < w.length; n++) count.set(w.slice(0, n), (count.get(w.slice(0, n)) ?? 0) + 1);
  const map = new Map<string, string>();
  for (const w of words) {
    for (let n = 1; n < w.length; n++) if (count.get(w.slice(0, n)) === 1) map.set(w.slice(0, n), w);
  }
  for (const w of words) map.set(w, w);
  return map;
}

let tables: {
  commands: ReadonlySet<string>;
  aliases: ReadonlyMap<string, string>;
  commandAbbrevs: ReadonlyMap<string, string>;
  types: ReadonlyMap<string, OptionType>;
  optionAbbrevs: ReadonlyMap<string, string>;
  shorthands: ReadonlyMap<string, readonly string[]>;
  shorthandAbbrevs: ReadonlyMap<string, string>;
} | null = null;

/** Built on first use: most commands never name npm. */
function npmTables(): NonNullable<typeof tables> {
  if (tables !== null) return tables;
  const types = new Map<string, OptionType>();
  for (const n of NPM_FLAGS) types.set(n, { kind: 'flag' });
  for (const n of NPM_STRINGS) types.set(n, { kind: 'string' });
  for (const n of NPM_VALUES) types.set(n, { kind: 'value' });
  for (const [n, spec] of Object.entries(NPM_ARRAYS)) {
    const words = spec.split(' ');
    const literals = new Set(words.filter((w) => w.startsWith('"')).map((w) => JSON.parse(w) as string));
    types.set(n, { kind: 'array', literals, null: words.includes('null'), boolean: words.includes('Boolean'), string: words.includes('String'), number: words.includes('Number') });
  }
  const aliases = new Map(Object.entries(NPM_ALIASES));
  const shorthands = new Map(Object.entries(NPM_SHORTHANDS));
  tables = {
    commands: new Set(NPM_COMMANDS),
    aliases,
    commandAbbrevs: abbreviations([...NPM_COMMANDS, ...aliases.keys()]),
    types,
    optionAbbrevs: abbreviations([...types.keys()]),
    shorthands,
    shorthandAbbrevs: abbreviations([...shorthands.keys()]),
  };
  return tables;
}

/** The npm option a long option's written name (no dashes) stands for, unique prefixes resolved. */
export function npmOptionName(written: string): string {
  return npmTables().optionAbbrevs.get(written) ?? written;
}

/** npm's `deref`: the command a word names, or null when npm would stop (unknown or ambiguous). */
export function npmCommandName(word: string): string | null {
  const t = npmTables();
  // npm reads camelCase as kebab-case: `installTest` is install-test.
  const c = /[A-Z]/.test(word) ? word.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`) : word;
  if (t.commands.has(c)) return c;
  const alias = t.aliases.get(c);
  if (alias !== undefined) return alias;
  let a = t.commandAbbrevs.get(c);
  while (a !== undefined && t.aliases.has(a)) a = t.aliases.get(a);
  return a ?? null;
}

/** nopt's resolveShort: the words a shorthand (`-s`, `-gS`, `--sil`) expands to, or null. */
function shorthand(arg: string): readonly string[] | null {
  const t = npmTables();
  const s = arg.replace(/^-+/, '');
  if (t.optionAbbrevs.get(s) === s) return null;
  const exact = t.shorthands.get(s);
  if (exact !== undefined) return exact;
  const chars = [...s];
  if (chars.every((c) => c.length === 1 && t.shorthands.has(c))) return chars.flatMap((c) => t.shorthands.get(c) ?? []);
  if (t.optionAbbrevs.has(s)) return null;
  const long = t.shorthandAbbrevs.get(s);
  return long === undefined ? null : t.shorthands.get(long) ?? null;
}

/** A word as nopt sees it, with the argument it came from (`--x=v` and shorthands make several). */
interface Token {
  value: string;
  origin: number;
  dynamic: boolean;
}

/** Where a reading stands: words made up from the current argument first, then args from `pos`. */
interface Cursor {
  pending: Token[];
  pos: number;
}

/** A reading of the command: its word and the argument it came from (the rest follows that one). */
interface Reading {
  word: string;
  origin: number;
}

/**
 * Bounds the readings tried for words whose effect is not known (a word only known at run time,
 * an option npm 11 lacks): past it only npm 11's own reading is followed.
 */
const MAX_FORKS = 16;

function tokenAt(args: readonly Arg[], c: Cursor, k: number): Token | undefined {
  if (k < c.pending.length) return c.pending[k];
  const i = c.pos + k - c.pending.length;
  const a = args[i];
  return a === undefined ? undefined : { value: a.value, origin: i, dynamic: a.dynamic !== null };
}

function advance(c: Cursor, n: number): Cursor {
  const fromPending = Math.min(n, c.pending.length);
  return { pending: c.pending.slice(fromPending), pos: c.pos + n - fromPending };
}

/** How many words after a long option nopt takes as its value (`la` is the next word). */
function valueWords(type: OptionType | undefined, negated: boolean, hadEq: boolean, la: string | undefined): number {
  const array = type?.kind === 'array' ? type : null;
  const isBool = negated || type?.kind === 'flag' || array?.boolean === true || (type === undefined && !hadEq) || (la === 'false' && array?.null === true);
  if (isBool) {
    let n = 0;
    let next = la;
    if (next === 'true' || next === 'false') {
      n = 1;
      next = undefined;
    }
    if (array !== null && next !== undefined && next !== '') {
      if (array.literals.has(next) || (next === 'null' && array.null)) n++;
      else if (!/^-{2,}[^-]/.test(next) && !Number.isNaN(Number(next)) && array.number) n++;
      else if (!/^-[^-]/.test(next) && array.string) n++;
    }
    return n;
  }
  if (la === undefined || /^-{2,}$/.test(la)) return 0;
  if (type?.kind === 'string' && /^-{1,2}[^-]+/.test(la)) return 0;
  return 1;
}

function read(args: readonly Arg[], start: Cursor, out: Reading[], budget: { forks: number }): void {
  let c = start;
  for (let tok = tokenAt(args, c, 0); tok !== undefined; tok = tokenAt(args, c, 0)) {
    if (tok.dynamic) {
      // A word only known at run time may vanish, be a flag, be an option taking the next word or
      // be the command itself (then nothing is known to add).
      if (budget.forks-- > 0) read(args, advance(c, 2), out, budget);
      c = advance(c, 1);
      continue;
    }
    const v = tok.value;
    if (/^-{2,}$/.test(v)) {
      const next = tokenAt(args, c, 1);
      if (next !== undefined && !next.dynamic) out.push({ word: next.value, origin: next.origin });
      return;
    }
    if (v.charAt(0) !== '-' || v.length === 1) {
      out.push({ word: v, origin: tok.origin });
      return;
    }
    let arg = v;
    let hadEq = false;
    let rest = advance(c, 1);
    const eq = v.indexOf('=');
    if (eq >= 0) {
      hadEq = true;
      arg = v.slice(0, eq);
      rest = { pending: [{ ...tok, value: v.slice(eq + 1) }, ...rest.pending], pos: rest.pos };
    }
    const expanded = shorthand(arg);
    if (expanded !== null && arg !== expanded[0]) {
      // The expansion is read again in place of the shorthand (`-w` becomes `--workspace`).
      c = { pending: [...expanded.map((value) => ({ value, origin: tok.origin, dynamic: false })), ...rest.pending], pos: rest.pos };
      continue;
    }
    let name = arg.replace(/^-+/, '');
    // Any `no-` makes the option boolean to nopt, an even count of them too.
    const negated = /^no-/i.test(name);
    while (name.toLowerCase().startsWith('no-')) name = name.slice(3);
    const t = npmTables();
    name = t.optionAbbrevs.get(name) ?? name;
    const type = t.types.get(name);
    const cur: Cursor = { pending: [{ ...tok, value: arg }, ...rest.pending], pos: rest.pos };
    const la = tokenAt(args, cur, 1);
    if (la?.dynamic === true) {
      // Whether the option takes a word only known at run time depends on its value.
      if (budget.forks-- > 0) read(args, advance(cur, 2), out, budget);
      c = advance(cur, 1);
      continue;
    }
    const taken = valueWords(type, negated, hadEq, la?.value);
    // An option npm 11 lacks is a flag to it; a later npm may give it a value.
    if (type === undefined && !hadEq && taken === 0 && la !== undefined && !la.value.startsWith('-') && budget.forks-- > 0) {
      read(args, advance(cur, 2), out, budget);
    }
    c = advance(cur, 1 + taken);
  }
}

/**
 * The command `npm …` runs as `npm <command> <words after it>`: options before the command
 * dropped, the command resolved from npm 11's names, aliases and unique prefixes. One text per
 * reading that differs from the command as written; none for an unknown or ambiguous command
 * (npm stops). These are tightening views only: they may add deny/ask, never allow.
 */
export function npmCommandViews(args: readonly Arg[]): Arg[][] {
  const first = args[0];
  if (first === undefined) return [];
  const readings: Reading[] = [];
  read(args, { pending: [], pos: 1 }, readings, { forks: MAX_FORKS });
  const views: Arg[][] = [];
  const written = joinValues(args);
  const seen = new Set<string>();
  for (const r of readings) {
    const name = npmCommandName(r.word);
    const at = args[r.origin];
    if (name === null || at === undefined) continue;
    const view = [first, { ...at, value: name }, ...args.slice(r.origin + 1)];
    const text = joinValues(view);
    if (text === written || seen.has(text)) continue;
    seen.add(text);
    views.push(view);
  }
  return views;
}

/** npm settings whose value is a program npm runs, or a file it reads more settings or code from. */
const RUNNING_OPTIONS = new Set(['editor', 'browser', 'viewer', 'shell', 'script-shell', 'git', 'node-options', 'init-module', 'userconfig', 'globalconfig']);
/** npm settings naming a folder every later npm command writes into (audit 39, AL-2). */
const FOLDER_SETTINGS = new Set(['prefix', 'cache', 'logs-dir']);

/**
 * Why `npm config set KEY[=VALUE]` stores a program npm runs or a file it reads code from (the
 * same settings as the options above, which a later plain `npm init` then uses), or null.
 */
export function npmRunningSetting(word: string): string | null {
  const eq = word.indexOf('=');
  // `init.module` is npm's older spelling of `init-module`.
  const key = (eq < 0 ? word : word.slice(0, eq)).replace(/^--/, '').replace(/\./g, '-');
  if (FOLDER_SETTINGS.has(key)) return `npm config set ${key} stores a folder every later npm command writes into`;
  return RUNNING_OPTIONS.has(key) ? `npm config set ${key} stores a program or settings file npm runs or reads` : null;
}

/**
 * Why an npm command line sets a program npm may run (`--editor=CMD edit`, `--scr=./x test`, any
 * unique prefix as npm reads it), or null. npm reads options wherever they stand.
 */
export function npmRunningOption(args: readonly Arg[]): string | null {
  const t = npmTables();
  for (let i = 1; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v === '--') break;
    if (!v.startsWith('--') || v.length < 3) continue;
    const eq = v.indexOf('=');
    const written = v.slice(2, eq < 0 ? undefined : eq);
    const name = t.optionAbbrevs.get(written) ?? written;
    if (RUNNING_OPTIONS.has(name)) return `npm --${name} names a program or settings file npm runs or reads (${v})`;
  }
  return null;
}
