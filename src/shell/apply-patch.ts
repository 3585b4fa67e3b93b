// Codex's patch format (`*** Begin Patch`, `*** Add File: PATH` …) and its `apply_patch` program,
// which Codex puts on the PATH of every shell it runs: a script that calls it writes the files
// its patch names, where the shell stands (audit 46, BH-2).
import { contentWrite, hereWrite, withValue, type OperandWrite } from './operand-words.ts';
import type { Arg } from './words.ts';

// Codex trims each line with Rust's whitespace set, which holds U+0085 (NEL) besides JavaScript's
// `\s` (audit 46, BH-1): a header after a NEL is a file Codex writes.
const PATCH_HEADER = /^[\s\u0085]*\*\*\*[\s\u0085]*(?:Add File|Update File|Delete File|Move to)[\s\u0085]*:[\s\u0085]*(.+?)[\s\u0085]*$/;

/** Every file a patch adds, updates, deletes or moves to. */
export function patchPaths(patch: string): string[] {
  const paths: string[] = [];
  for (const line of patch.split('\n')) {
    const m = PATCH_HEADER.exec(line);
    if (m !== null) paths.push(m[1] as string);
  }
  return paths;
}

export function isApplyPatch(name: string): boolean {
  return name === 'apply_patch' || name === 'applypatch';
}

/**
 * What `apply_patch [PATCH]` writes: the files a patch known here names (its argument, else a
 * heredoc or here-string on standard input), else anything where the shell stands.
 */
export function applyPatchWrites(args: readonly Arg[], stdin: Arg | null): OperandWrite[] {
  const by = args[0]?.value ?? 'apply_patch';
  const patch = args.length > 1 ? args[1] : stdin;
  if (patch === undefined || patch === null || patch.dynamic !== null) return [hereWrite(by)];
  const paths = patchPaths(patch.value);
  return paths.length === 0 ? [hereWrite(by)] : paths.map((p) => contentWrite(withValue(patch, p), by));
}
