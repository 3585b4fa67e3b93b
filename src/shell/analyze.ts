// Entry point of the shell analyser (SPEC 5): turns a recorded command line into the parts the
// engine judges. Pure and total: any input gives an answer, never an exception.
import { exceedsInputBound, MAX_INPUT_BYTES, ShellFailure } from './parse.ts';
import type { ShellAnalysis } from './types.ts';
import { Walker } from './walk.ts';

export type { CommandPart, MadeLink, ShellAnalysis, ShellPart, WritePart } from './types.ts';

export function analyzeShell(source: string): ShellAnalysis {
  if (typeof source !== 'string') return failed('input is not a string');
  if (exceedsInputBound(source)) return failed(`input over ${MAX_INPUT_BYTES} bytes`);
  const walker = new Walker();
  try {
    const statements = walker.source(source, 0);
    walker.finish();
    const analysis: ShellAnalysis = { parts: walker.parts, failure: null, suspicious: walker.suspicious, empty: statements === 0 };
    if (walker.links.made !== null) analysis.links = walker.links.made;
    if (walker.links.regions !== null) analysis.linkRegions = [...walker.links.regions];
    const carried = walker.links.carriedPairs();
    if (carried.length > 0) analysis.carried = carried;
    return analysis;
  } catch (e) {
    if (e instanceof ShellFailure) return failed(e.message);
    // Last resort (for instance a stack overflow on a pathological tree): fail closed.
    return failed(`analyser error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function failed(reason: string): ShellAnalysis {
  return { parts: [], failure: reason, suspicious: null, empty: false };
}
