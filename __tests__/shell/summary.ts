// Compact, readable form of an analysis for table-driven tests.
import { analyzeShell } from '../../src/shell/analyze.ts';
import type { CommandPart, ShellAnalysis } from '../../src/shell/types.ts';

/**
 * One string per part: a command's text (` [wrapper]`, ` [ask]` appended when set), or
 * `<operator> <target>` for a write. A failed analysis is `['FAIL']`. The files a command's
 * operands name (`rm x`, `mkdir d`) are left out: these tables are about the parts the syntax
 * makes, and those writes have their own tables (operand-writes.test.ts, shell-effects.test.ts).
 */
export function summarize(analysis: ShellAnalysis): string[] {
  if (analysis.failure !== null) return ['FAIL'];
  return analysis.parts.filter((p) => p.kind !== 'write' || p.operand !== true).map((p) => {
    const ask = p.forceAsk === null ? '' : ' [ask]';
    if (p.kind === 'write') return `${p.operator} ${p.target}${ask}`;
    return `${p.text}${p.wrapper ? ' [wrapper]' : ''}${ask}`;
  });
}

export function parts(source: string): string[] {
  return summarize(analyzeShell(source));
}

export function commands(source: string): CommandPart[] {
  const a = analyzeShell(source);
  if (a.failure !== null) throw new Error(`unexpected failure for ${JSON.stringify(source)}: ${a.failure}`);
  return a.parts.filter((p): p is CommandPart => p.kind === 'command');
}

/** The command part whose text is `text`. */
export function command(source: string, text: string): CommandPart {
  const found = commands(source).find((p) => p.text === text);
  if (found === undefined) throw new Error(`no part ${JSON.stringify(text)} in ${JSON.stringify(summarize(analyzeShell(source)))}`);
  return found;
}

/** Reads `fixtures/<name>`: inputs separated by lines holding only `%%`. */
export function readCorpus(text: string): string[] {
  return text.split('\n%%\n').map((s) => s.replace(/\n$/, '')).filter((s) => s.length > 0);
}
