// zsh reads `zsh -c` strings and the scripts it is fed with its own grammar, which runs commands
// where bash's does not (audit 33, SS-3..5): `=cmd` expands to a program's path, `noglob` and
// `nocorrect` are precommand modifiers, `repeat N` loops, `emulate … -c` evaluates a string,
// `functions[x]=…` defines a function, `path=(…)` and `commands[x]=…` change what a name runs,
// glob qualifiers `*(e:…:)` run code, `>!` is `>|`. Such text is still judged as bash reads it
// (SPEC 5.4), with zsh's clobbering redirections and the words zsh drops read as zsh reads them,
// and it asks.
import type { Arg } from './words.ts';

const WORD_START = String.raw`(?:^|[\s;&|(){}])`;
const WORD_END = String.raw`(?=[\s;&|(){}]|$)`;

/** zsh-only syntax that runs or redirects differently, with what it is, for reasons. */
const ZSH_ONLY: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`${WORD_START}=[^\\s=;&|)]`), '`=cmd` (expands to the path of a program)'],
  [/[>&]>?!|&\|/, '`>!`, `>>!`, `&!` or `&|`'],
  [new RegExp(`${WORD_START}(?:noglob|nocorrect|repeat|foreach|always|emulate|zmodload|autoload|sched|zle|vared|zcompile|zparseopts|zstyle|setopt|unsetopt|bindkey|zpty|zsocket|ztcp|zsystem|zselect|unfunction|functions|zformat|zregexparse|alias|disable|enable|hash|typeset|integer|float|print|whence|rehash)${WORD_END}`),
    'a zsh builtin, keyword or precommand modifier'],
  [/(?:^|[;&|(){}\n])\s*-\s/, 'the precommand modifier `-`'],
  [new RegExp(`${WORD_START}(?:path|fpath|cdpath|manpath|module_path|mailpath|commands|functions|aliases|galiases|saliases|builtins|options|parameters|nameddirs|userdirs|widgets|reswords|dis_\\w+|\\w+_functions|TRAP\\w+)(?:\\[[^\\]]*\\])?\\+?=`),
    'an assignment to a zsh special parameter (path, commands, functions…)'],
  [/\$\{[(~=^+]|\$[~=^]\w/, 'a zsh parameter flag or expansion modifier (`${(e)x}`, `$~x`)'],
  [/[^\s$(=<>|&;`'"\\#]\(/, 'a glob qualifier or a name before `(` (a function or `*(e:…:)`)'],
  [/(?:^|[\s;&|])\(\s*\)/, 'an anonymous function `() { … }`'],
  [/<\d*-\d*>/, 'a numeric range glob `<1-9>`'],
];

/**
 * The text with its single-quoted strings blanked, as zsh runs none of them (`psql -c 'select
 * count(*)'`). Only where no double quote, heredoc or `$'…'` could make a `'` something else;
 * otherwise the whole text.
 */
function outsideSingleQuotes(text: string): string {
  if (/["`]|<<|\$'/.test(text)) return text;
  return text.replace(/\\[\s\S]|'[^']*'/g, (m) => (m.startsWith('\\') ? m : "''"));
}

/** Why zsh's reading of `text` may differ from the one judged here, or null. */
export function zshSyntaxDoubt(text: string, runner: string): string | null {
  const read = outsideSingleQuotes(text);
  for (const [pattern, what] of ZSH_ONLY) {
    if (pattern.test(read)) return `${runner}: zsh reads ${what} differently from bash, so what it runs is not what is judged here`;
  }
  return null;
}

/** The zsh keywords, builtins and modifiers that change what a command word runs (`repeat`, `noglob`). */
const ZSH_COMMAND_WORD = /^(?:noglob|nocorrect|repeat|foreach|emulate|autoload|zmodload|sched|zpty|functions|alias|hash|typeset|-)$/;

/**
 * For `sudo -s CMD…`, which runs `$SHELL -c` with each word escaped: a first word zsh reads as
 * its own keyword or modifier, with the command it then runs (`noglob rm …` runs `rm …`).
 */
export function zshCommandWords(words: readonly Arg[]): { doubt: string | null; runs: Arg[] | null } {
  const first = words[0];
  if (first === undefined || first.dynamic !== null || !ZSH_COMMAND_WORD.test(first.value)) return { doubt: null, runs: null };
  const doubt = `${first.value} is a zsh keyword or modifier, and the user's shell may be zsh, so what it runs is not what is judged here`;
  return { doubt, runs: first.value === 'noglob' || first.value === 'nocorrect' ? words.slice(1) : null };
}

/**
 * The text as zsh runs it, where a same-length rewrite says so: `>!` is `>|`, `>>!`, `&>!` and
 * `>&!` write like `>>`, `&>` and `>&`; `=cmd` runs cmd; `noglob` and `nocorrect` only run the
 * command after them. Offsets stay as they were, so reasons point at the source.
 */
export function asZshRunsIt(script: Arg): Arg {
  const value = script.value
    .replace(/(>>|&>|>&|>)!/g, (_m, op: string) => (op === '>' ? '>|' : `${op} `))
    .replace(new RegExp(`(${WORD_START})=(?=[^\\s=;&|)])`, 'g'), '$1 ')
    .replace(new RegExp(`(${WORD_START})(noglob|nocorrect)${WORD_END}`, 'g'), (_m, start: string, word: string) => start + ' '.repeat(word.length));
  return value === script.value ? script : { ...script, value };
}
