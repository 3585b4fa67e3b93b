// GNU sed runs and writes from its script: the `e` command and the `e` flag of `s` run text as a
// shell command, and `w FILE`, `W FILE` and the `w FILE` flag of `s` write FILE, as `-i` rewrites
// each file it reads. A policy that trusts `sed *` does not trust those: the commands ask and the
// files are fs_write requests, as a redirection's target is.
import { NO_RUNS as NONE, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

/** Where sed's `w` writes to a stream, not a file. */
const SED_STREAMS = new Set(['/dev/stdout', '/dev/stderr']);

interface SedWords {
  scripts: Arg[];
  fromFile: boolean;
  sandbox: boolean;
  /** The backup suffix of `-i`/`--in-place`, '' without one; null without -i. */
  inPlace: string | null;
  operands: Arg[];
  /** A cluster ended in `i`, which BSD sed reads with the next word as its suffix. */
  bareInPlace: boolean;
}

/**
 * sed's words, read as GNU sed reads them, or with `bsd` as BSD (macOS) sed does: `-i SUFFIX`
 * takes the next word (`sed -i '' -e … f`), where GNU's `-i` takes only the rest of its word.
 */
function readSedWords(args: readonly Arg[], bsd: boolean): SedWords {
  const scripts: Arg[] = [];
  let fromFile = false;
  let sandbox = false;
  let inPlace: string | null = null;
  let bareInPlace = false;
  const operands: Arg[] = [];
  const at = (k: number): Arg => args[k] ?? { value: '', dynamic: null, split: false, pos: -1, end: -1 };
  for (let k = 1; k < args.length; k++) {
    const word = at(k);
    const v = word.value;
    if (v === '--') {
      for (let rest = k + 1; rest < args.length; rest++) operands.push(at(rest));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      const value = (): Arg => (eq < 0 ? at(++k) : { ...word, value: v.slice(eq + 1) });
      // GNU getopt takes any unique prefix (`--expr=…`); reading an ambiguous one as these only tightens.
      if (name !== '' && 'expression'.startsWith(name)) scripts.push(value());
      else if (name !== '' && 'file'.startsWith(name)) { fromFile = true; value(); }
      else if (name !== '' && 'line-length'.startsWith(name)) value();
      // `--in-place` takes its suffix only after `=`.
      else if (name !== '' && 'in-place'.startsWith(name)) inPlace = eq < 0 ? '' : v.slice(eq + 1);
      // Only a unique prefix, and only before any operand: with POSIXLY_CORRECT sed reads no
      // options after the script, and a later `--sandbox` is a file name.
      else if (name.length >= 2 && 'sandbox'.startsWith(name) && operands.length === 0) sandbox = true;
      continue;
    }
    if (v.length < 2 || !v.startsWith('-')) {
      operands.push(word);
      continue;
    }
    // A cluster: -e, -f and -l take the rest of the word or the next one; -i takes only the rest
    // (BSD: the next word when nothing is left).
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (ch === 'i') {
        bareInPlace ||= j + 1 === v.length;
        inPlace = bsd && j + 1 === v.length ? at(++k).value : v.slice(j + 1);
        break;
      }
      if (ch !== 'e' && ch !== 'f' && ch !== 'l') continue;
      const value = j + 1 < v.length ? { ...word, value: v.slice(j + 1) } : at(++k);
      if (ch === 'e') scripts.push(value);
      if (ch === 'f') fromFile = true;
      break;
    }
  }
  return { scripts, fromFile, sandbox, inPlace, operands, bareInPlace };
}

/**
 * What sed runs and writes. A bare `-i` followed by a word is read both ways, GNU's and BSD's:
 * GNU's decides what runs, and the files either reading writes count; `-i ''` is only BSD's (GNU
 * would run an empty script over files named like sed commands).
 */
export function sedRuns(args: readonly Arg[]): Unwrapped {
  const gnu = readSedWords(args, false);
  if (!gnu.bareInPlace) return sedReading(gnu);
  const bsd = readSedWords(args, true);
  const after = args.findIndex((a, i) => i > 0 && /^-[^-]*i$/.test(a.value));
  const next = args[after + 1];
  if (next !== undefined && next.dynamic === null && next.value === '') return sedReading(bsd);
  // A word with a `/` is taken for GNU's script (`sed -i 's/a/b/' f`), as BSD suffixes rarely hold one.
  if (next === undefined || next.dynamic !== null || next.value.includes('/') || next.value.startsWith('-')) return sedReading(gnu);
  // BSD sed has no `e` command, and `sed -i 's/a/b/' f` read its way is an error: only the
  // files it would write count.
  const a = sedReading(gnu);
  const b = sedReading(bsd);
  const writes = [...(a.writes ?? []), ...(b.writes ?? [])];
  const forceAsk = a.forceAsk;
  if (writes.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  return { ...NONE, forceAsk, writes };
}

function sedReading(words: SedWords): Unwrapped {
  const { scripts, fromFile, sandbox, inPlace } = words;
  const operands = [...words.operands];
  // Without -e or -f, the first operand is the script.
  const first = operands[0];
  if (scripts.length === 0 && !fromFile && first !== undefined) scripts.push(operands.shift() ?? first);
  // An empty name opens no file.
  const writes = inPlace === null ? [] : operands.filter((f) => f.dynamic !== null || f.value !== '').flatMap((file) => inPlaceWrites(file, inPlace ?? ''));
  const result = (forceAsk: string | null, scriptWrites: readonly string[] = []): Unwrapped => {
    const all = [...writes, ...scriptWrites.map((f) => ({ file: { value: f, dynamic: null, split: false, pos: -1, end: -1 }, option: 'sed w' }))];
    if (all.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
    return { ...NONE, forceAsk, writes: all };
  };
  // --sandbox refuses e, r and w; -i still rewrites its files.
  if (sandbox) return result(null);
  if (fromFile) return result('sed -f reads a script from a file, and a sed script can run shell commands (the e command) and write files (w)');
  // A script built at run time may end up holding the e command or flag (`s/$OLD/$NEW/` with NEW
  // ending in `/e`).
  const dynamic = scripts.find((a) => a.dynamic !== null);
  if (dynamic !== undefined) return result(`sed script is not static (${dynamic.dynamic ?? ''}), and a sed script can run shell commands (the e command) and write files (w)`);
  // GNU sed joins its -e scripts with newlines before reading them.
  const joined = scripts.map((a) => a.value).join('\n');
  const read = readSedScript(joined);
  if (read.runs) return result(`sed script ${JSON.stringify(joined.length > 60 ? `${joined.slice(0, 57)}...` : joined)} runs a shell command (the e command or the e flag of s)`);
  return result(null, read.writes.filter((f) => f !== '' && !SED_STREAMS.has(f)));
}

/**
 * What `sed -i` writes for one file: the file, and its backup when a suffix is given. A `*` in
 * the suffix stands for the file's name, and a suffix with a `/` names a path of its own
 * (`-i'bak/*'`); otherwise the backup sits beside the file.
 */
export function inPlaceWrites(file: Arg, suffix: string, option = 'sed -i'): Array<{ file: Arg; option: string }> {
  const out = [{ file, option }];
  if (suffix === '') return out;
  if (file.dynamic !== null) return out;
  const slash = file.value.lastIndexOf('/');
  const base = file.value.slice(slash + 1);
  const backup = suffix.includes('*') ? suffix.replaceAll('*', base) : `${base}${suffix}`;
  const path = backup.includes('/') ? backup : `${file.value.slice(0, slash + 1)}${backup}`;
  out.push({ file: { ...file, value: path }, option: `${option} backup` });
  return out;
}

/**
 * Reads a sed script: whether it holds an `e` command or an `s///e` (true as well where it
 * cannot be read), and the files its `w`/`W` commands and `s///w` flags write.
 */
export function readSedScript(script: string): { runs: boolean; writes: string[] } {
  const writes: string[] = [];
  const runs = { runs: true, writes };
  let i = 0;
  const n = script.length;
  // Reads past a bracket expression, `[` already read, as GNU sed's snarf_char_class does: a `]`
  // first (after an optional `^`) is a member, `[:…:]`, `[.….]` and `[=…=]` may hold one, and a
  // backslash is a plain character. False when the line ends first (sed rejects the script).
  const skipBracket = (): boolean => {
    if (script[i] === '^') i++;
    if (script[i] === ']') i++;
    // 0: a member; 1: after `[`; 2: inside `[:`, `[.` or `[=`; 3: after its closing `:`, `.` or `=`.
    let state = 0;
    let inner = '';
    for (; i < n; i++) {
      const c = script[i];
      if (c === '\n') return false;
      if (c === '[') {
        if (state === 0) state = 1;
        continue;
      }
      if ((c === ':' || c === '.' || c === '=') && (state === 1 || (state === 2 && c === inner))) {
        if (state === 1) inner = c;
        state++;
        continue;
      }
      if (c === ']') {
        if (state <= 1) { i++; return true; }
        if (state === 3) state = 0;
      }
      state &= ~1;
    }
    return false;
  };
  // Reads up to the next unescaped `delim` on this line, as GNU sed's match_slash does; false when
  // there is none. In a regular expression the delimiter inside a bracket expression is a member
  // (`s/[/]/x/`), not the end.
  const skipDelimited = (delim: string, regex: boolean): boolean => {
    while (i < n) {
      const c = script[i++];
      if (c === '\n') return false;
      if (c === delim) return true;
      if (c === '\\') { i++; continue; }
      if (c === '[' && regex && !skipBracket()) return false;
    }
    return false;
  };
  // GNU's `I` and `M` after an address's regular expression (`/todo/Id`): no command is named so.
  const skipAddressFlags = (): void => {
    while (i < n && (script[i] === 'I' || script[i] === 'M')) i++;
  };
  // A file name runs to the end of the line, after the blanks that follow the command.
  const fileName = (): string => {
    while (i < n && /[ \t]/.test(script[i] ?? '')) i++;
    const from = i;
    while (i < n && script[i] !== '\n') i++;
    return script.slice(from, i);
  };
  while (i < n) {
    const c = script[i] ?? '';
    if (/[\s;{}!,0-9$~+]/.test(c)) { i++; continue; }
    if (c === '/') { i++; if (!skipDelimited('/', true)) return runs; skipAddressFlags(); continue; }
    if (c === '\\') { const d = script[i + 1]; i += 2; if (d === undefined || !skipDelimited(d, true)) return runs; skipAddressFlags(); continue; }
    if (c === '#') { while (i < n && script[i] !== '\n') i++; continue; }
    i++;
    switch (c) {
      case 'e':
        return runs;
      case 's': {
        const d = script[i++];
        if (d === undefined || d === '\n' || d === '\\') return runs;
        if (!skipDelimited(d, true) || !skipDelimited(d, false)) return runs;
        // Flags run to the end of the command; `w FILE` takes the rest of the line.
        while (i < n && !/[;\n}]/.test(script[i] ?? '')) {
          const f = script[i++];
          if (f === 'e') return runs;
          if (f === 'w') writes.push(fileName());
        }
        break;
      }
      case 'y': {
        const d = script[i++];
        if (d === undefined || !skipDelimited(d, false) || !skipDelimited(d, false)) return runs;
        break;
      }
      case 'a': case 'i': case 'c':
        // Their text runs to the end of the line, and on while a line ends in an odd number of
        // backslashes (`1a\` then the text on the next line).
        for (;;) {
          while (i < n && script[i] !== '\n') i++;
          let slashes = 0;
          while (script[i - 1 - slashes] === '\\') slashes++;
          if (i >= n || slashes % 2 === 0) break;
          i++;
        }
        break;
      case 'w': case 'W':
        writes.push(fileName());
        break;
      case 'r': case 'R':
        fileName();
        break;
      case ':': case 'b': case 't': case 'T': case 'v':
        // A label or version ends at a `;` or a blank in GNU sed 4.9 (`:a e CMD` runs CMD); ending
        // it early only reads more as commands.
        while (i < n && /[ \t]/.test(script[i] ?? '')) i++;
        while (i < n && !/[;\s]/.test(script[i] ?? '')) i++;
        break;
      case 'q': case 'Q': case 'l': case 'L':
        while (i < n && /[0-9 ]/.test(script[i] ?? '')) i++;
        break;
      default:
        if (!/[pdnNgGhHxDPz=F]/.test(c)) return runs;
    }
  }
  return { runs: false, writes };
}
