// Tightening views (SPEC 5.3): other spellings of a command that deny/ask rules must also see.
import { scanGit } from './git.ts';
import { textHoles } from './holes.ts';
import { lexicalPath, mayCollapse, relativeLexical, rootedGuess } from './paths.ts';
import type { CommandPart } from './types.ts';
import { joinValues, type Arg } from './words.ts';

/**
 * Adds `view`; `words` are the words it joins, when some are only known at run time, so that a
 * deny or ask rule matching some value of them is met in this spelling too.
 */
export function addView(part: CommandPart, view: string, words: readonly Arg[] | null = null): void {
  if (view === part.text || part.views.includes(view)) return;
  part.views.push(view);
  const holes = words === null ? null : textHoles(words);
  if (holes !== null) (part.holes ??= []).push(holes);
}

/**
 * Adds the spellings of `args` (whose joined text is `text`): basename and lower case of argv[0],
 * and git without its global options. `more`: words a wrapper appends at run time (`xargs CMD`),
 * which each spelling is followed by too.
 */
export function addSpellings(part: CommandPart, args: readonly Arg[], text: string, more: readonly Arg[] = []): void {
  const first = args[0];
  // Respelling a word only known at run time says nothing about what runs.
  if (first === undefined || first.dynamic !== null) return;
  const a0 = first.value;
  const rest = text.slice(a0.length);
  const open = more.length > 0 || args.some((a) => a.dynamic !== null);
  // The words of a spelling that respells argv[0] only, for its holes.
  const respelled = (word: string): Arg[] | null => (open ? [{ ...first, value: word }, ...args.slice(1), ...more] : null);
  const spell = (word: string): void => addView(part, word + rest, respelled(word));
  const slash = a0.lastIndexOf('/');
  const base = slash >= 0 && slash < a0.length - 1 ? a0.slice(slash + 1) : a0;
  if (base !== a0) spell(base);
  // `/usr/bin/../bin/rm` and `/bin//rm` are also judged as `/bin/rm` (a rule may name the path).
  if (slash > 0 && a0.charCodeAt(0) === 0x2f && mayCollapse(a0)) spell(lexicalPath(a0).path);
  // `./scripts/../../../bin/sh` is `../../bin/sh`, and `/bin/sh` if it climbs to the root.
  if (slash >= 0 && a0.charCodeAt(0) !== 0x2f && mayCollapse(a0)) {
    const lexical = relativeLexical(a0);
    if (lexical.folded) spell(lexical.path);
    const rooted = rootedGuess(a0);
    if (rooted !== null) spell(rooted);
  }
  const lower = a0.toLowerCase();
  if (lower !== a0) spell(lower);
  const lowerBase = base.toLowerCase();
  if (lowerBase !== base && lowerBase !== lower) spell(lowerBase);
  if (lowerBase === 'git' && args.length > 1) {
    const scan = scanGit(args);
    const git = { ...first, value: 'git' };
    if (scan.next > 1) addView(part, scan.next < args.length ? `git ${joinValues(args, scan.next)}` : 'git', open ? [git, ...args.slice(scan.next), ...more] : null);
    // git reads a long option from any unique prefix: `git push --forc` is `git push --force`.
    const from = Math.max(1, scan.next);
    const words = args.slice(from).map((a) => (a.dynamic === null ? { ...a, value: longGitOption(a.value) } : a));
    if (words.some((w, i) => w.value !== args[from + i]?.value)) addView(part, `git ${joinValues(words)}`, open ? [git, ...words, ...more] : null);
  }
  if (GLOBAL_OPTION_CLIS.has(lowerBase) && args.length > 2) {
    const program = { ...first, value: lowerBase };
    for (const at of subcommandStarts(args, lowerBase === 'cargo')) {
      addView(part, `${lowerBase} ${joinValues(args, at)}`, open ? [program, ...args.slice(at), ...more] : null);
    }
  }
}

/**
 * CLIs that take global options before their sub-command (`terraform -chdir=infra destroy`,
 * `kubectl -n prod delete`, `cargo +nightly publish`): a deny or ask pattern naming the
 * sub-command (`terraform destroy*`) must meet it whatever options stand before it (audit 48, BL-1).
 */
const GLOBAL_OPTION_CLIS = new Set([
  'terraform', 'tofu', 'kubectl', 'oc', 'docker', 'podman', 'nerdctl', 'helm', 'aws', 'az', 'gcloud', 'gh', 'glab', 'cargo', 'go',
  'poetry', 'uv', 'pulumi', 'pnpm', 'yarn', 'bun', 'deno', 'dotnet', 'mvn', 'gradle', 'kustomize', 'flux', 'argocd', 'vault', 'nomad',
  'consul', 'eksctl', 'doctl', 'flyctl', 'vercel', 'netlify', 'heroku', 'firebase', 'wrangler', 'twine', 'pip', 'pip3', 'conda',
]);

/** Candidates kept per command: options stand before the sub-command, and few take values. */
const MAX_SUBCOMMAND_STARTS = 3;

/**
 * Where the sub-command may start after leading global options. Whether an option written
 * without `=` takes the next word as its value is not known here, so both readings count: the
 * next word may be the sub-command, or the word after it. cargo's `+toolchain` is such an option.
 */
function subcommandStarts(args: readonly Arg[], plus: boolean): number[] {
  const starts: number[] = [];
  const isOption = (a: Arg | undefined): boolean => a !== undefined && a.dynamic === null && a.value.length > 1 && a.value !== '--'
    && (a.value.startsWith('-') || (plus && a.value.startsWith('+')));
  let i = 1;
  while (i < args.length && starts.length < MAX_SUBCOMMAND_STARTS) {
    const a = args[i] as Arg;
    if (!isOption(a)) {
      if (i > 1) starts.push(i);
      break;
    }
    if (a.value.includes('=') || isOption(args[i + 1])) {
      i++;
      continue;
    }
    if (i + 1 < args.length) starts.push(i + 1);
    i += 2;
  }
  return starts;
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
