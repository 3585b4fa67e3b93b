// Tightening views (SPEC 5.3): other spellings of a command that deny/ask rules must also see.
import { scanGit } from './git.ts';
import { lexicalPath, mayCollapse, relativeLexical, rootedGuess } from './paths.ts';
import type { CommandPart } from './types.ts';
import { joinValues, type Arg } from './words.ts';

export function addView(part: CommandPart, view: string): void {
  if (view === part.text || part.views.includes(view)) return;
  part.views.push(view);
}

/**
 * Adds the spellings of `args` (whose joined text is `text`): basename and lower case of argv[0],
 * and git without its global options.
 */
export function addSpellings(part: CommandPart, args: readonly Arg[], text: string): void {
  const first = args[0];
  // Respelling a word only known at run time says nothing about what runs.
  if (first === undefined || first.dynamic !== null) return;
  const a0 = first.value;
  const rest = text.slice(a0.length);
  const slash = a0.lastIndexOf('/');
  const base = slash >= 0 && slash < a0.length - 1 ? a0.slice(slash + 1) : a0;
  if (base !== a0) addView(part, base + rest);
  // `/usr/bin/../bin/rm` and `/bin//rm` are also judged as `/bin/rm` (a rule may name the path).
  if (slash > 0 && a0.charCodeAt(0) === 0x2f && mayCollapse(a0)) addView(part, lexicalPath(a0).path + rest);
  // `./scripts/../../../bin/sh` is `../../bin/sh`, and `/bin/sh` if it climbs to the root.
  if (slash >= 0 && a0.charCodeAt(0) !== 0x2f && mayCollapse(a0)) {
    const lexical = relativeLexical(a0);
    if (lexical.folded) addView(part, lexical.path + rest);
    const rooted = rootedGuess(a0);
    if (rooted !== null) addView(part, rooted + rest);
  }
  const lower = a0.toLowerCase();
  if (lower !== a0) addView(part, lower + rest);
  const lowerBase = base.toLowerCase();
  if (lowerBase !== base && lowerBase !== lower) addView(part, lowerBase + rest);
  if (lowerBase === 'git' && args.length > 1) {
    const scan = scanGit(args);
    if (scan.next > 1) addView(part, scan.next < args.length ? `git ${joinValues(args, scan.next)}` : 'git');
    // git reads a long option from any unique prefix: `git push --forc` is `git push --force`.
    const from = Math.max(1, scan.next);
    const words = args.slice(from).map((a) => (a.dynamic === null ? longGitOption(a.value) : a.value));
    if (words.some((w, i) => w !== args[from + i]?.value)) addView(part, `git ${words.join(' ')}`);
  }
}

/**
 * Long options that policies name to deny or ask, which git's option parser also accepts by a
 * shorter prefix. Earlier entries win a shared prefix (`--forc` reads as `--force`).
 */
const GIT_LONG_OPTIONS = [
  'force', 'force-with-lease', 'force-if-includes', 'hard', 'delete', 'mirror', 'prune', 'no-verify', 'all', 'tags',
  'exec', 'output', 'ext-diff', 'textconv', 'upload-pack', 'receive-pack', 'recurse-submodules', 'amend', 'soft',
];

/** `--forc` -> `--force`, `--no-v=x` -> `--no-verify=x`; any other word unchanged. */
function longGitOption(word: string): string {
  if (!word.startsWith('--') || word.length < 3) return word;
  const eq = word.indexOf('=');
  const name = word.slice(2, eq < 0 ? undefined : eq);
  if (GIT_LONG_OPTIONS.includes(name)) return word;
  const full = GIT_LONG_OPTIONS.find((o) => o.startsWith(name));
  return full === undefined ? word : `--${full}${eq < 0 ? '' : word.slice(eq)}`;
}
