// The files ed's commands write (audit 30, JJ-3): `w FILE`, `W FILE`, `wq FILE`, and a bare `w`
// writes the file it edits (its operand, or the name an `f`/`e` command gave). ed reads its
// commands from standard input; a `!` there asks in input-runners.ts, and commands only known at
// run time may write any file.
import { madeArg, withValue } from './operand-words.ts';
import type { Arg } from './words.ts';

export interface EditorWrite {
  file: Arg;
  option: string;
}

/** An address before a command: numbers, `.`, `$`, marks, `/re/`, `?re?`, offsets and separators. */
const ADDRESS = /^(?:[\s0-9.$,;%+^-]|'[a-z]|\/(?:\\.|[^/\\])*\/?|\?(?:\\.|[^?\\])*\??)*/;
/** A global command's prefix (`g/re/`, `v/re/`): the command after it runs on each line. */
const GLOBAL = /^[gGvV](.)(?:\\.|(?!\1).)*\1?/s;
/** Commands after which lines are text until a lone `.`. */
const INPUT = /^[aic]$/;

/** ed's first operand that is no option (`-p PROMPT` takes a value): the file it edits; `!CMD` reads a command's output. */
function editedFile(args: readonly Arg[]): Arg | undefined {
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === '-p') i++;
    else if (a.value === '--') return args[i + 1];
    else if (!a.value.startsWith('-') || a.dynamic !== null) return a.value.startsWith('!') ? undefined : a;
  }
  return undefined;
}

/** What `ed ARGS` writes when it reads `stdin` as its commands. */
export function edWrites(args: readonly Arg[], stdin: Arg | null): EditorWrite[] {
  let current = editedFile(args);
  if (stdin === null) return [];
  if (stdin.dynamic !== null) {
    const anything = { file: madeArg('*', `ed commands only known at run time (${stdin.dynamic})`), option: 'ed w' };
    return current === undefined ? [anything] : [anything, { file: current, option: 'ed w' }];
  }
  const out: EditorWrite[] = [];
  let text = false;
  for (const raw of stdin.value.split('\n')) {
    if (text) {
      text = raw !== '.';
      continue;
    }
    let line = raw.replace(ADDRESS, '');
    line = line.replace(GLOBAL, '').replace(ADDRESS, '');
    const command = line.charAt(0);
    const rest = line.slice(1);
    if (INPUT.test(command) && rest.trim() === '') text = true;
    if (command === 'q' || command === 'Q') break;
    const name = rest.replace(command === 'w' ? /^q/ : /^$/, '').trim();
    if ((command === 'e' || command === 'E' || command === 'f') && name !== '' && !name.startsWith('!')) current = withValue(stdin, name);
    if (command !== 'w' && command !== 'W') continue;
    if (name.startsWith('!')) continue;
    const file = name === '' ? current : withValue(stdin, name);
    current ??= file;
    if (file !== undefined) out.push({ file, option: `ed ${command}` });
  }
  return out;
}
