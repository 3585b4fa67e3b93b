// Scripts that a POSIX sh runs (`sh -c`, git's `!` aliases and command settings, watch, npm
// scripts) are parsed here with bash's grammar. Where /bin/sh is dash, some bash-only syntax reads
// differently, and dash's reading can run what bash's hides: `$'\' ; cmd #'` is one string to bash
// but `cmd` to dash, `((cmd))` is arithmetic to bash but nested subshells to dash, and
// `[[ a > f ]]` compares strings in bash but truncates `f` in dash.

/** bash-only syntax in a script, with what a POSIX sh makes of it; null when there is none. */
const BASH_ONLY: ReadonlyArray<readonly [RegExp, string]> = [
  [/\$'/, "$'…' (dash reads $ and then a single-quoted string)"],
  [/\$"/, '$"…" (dash reads $ and then a double-quoted string)'],
  // `$((` is arithmetic expansion in both; a bare `((` is a subshell in a subshell to dash.
  [/(?:^|[^$])\(\(/, '((…)) (dash runs it as a command in nested subshells)'],
  [/\[\[/, '[[ … ]] (dash runs [[ as a command, and its < and > as redirections)'],
  [/&>/, '&> (dash runs what stands before it in the background and starts a new command after it)'],
  [/\$\[/, '$[ … ] (dash has no $[ arithmetic: a ; in it ends the command)'],
];

export function bashOnlySyntax(script: string): string | null {
  // Both shells drop a backslash-newline before reading words: `[\<newline>[` is `[[`.
  const joined = script.replace(/\\\n/g, '');
  for (const [pattern, reading] of BASH_ONLY) if (pattern.test(joined)) return reading;
  return null;
}

/** The doubt for a script a POSIX sh runs, or null when its text reads the same in bash. */
export function posixShellDoubt(script: string, runner: string): string | null {
  const found = bashOnlySyntax(script);
  return found === null ? null : `${runner}: a POSIX sh reads ${found} differently from bash, so what it runs is not what is judged here`;
}
