// Whether a commit was made by an AI coding agent, and which signals say so (SPEC 7). Attribution
// only: every signal here can be forged or removed by whoever writes the commit. Where a reading
// is ambiguous the function leans towards "agent", because that makes the gate judge more.

import { compileText, type TextMatcher } from '../match/text.ts';
import type { AgentsConfig } from '../policy/types.ts';
import { formatTrailer, parseTrailers, type Trailer } from './trailers.ts';

/** Known agent identities: either the name or the e-mail alone identifies the agent. */
interface KnownIdentity {
  names: readonly string[];
  /** Lower-case globs (`*` = any run) over the e-mail address. */
  emails: readonly string[];
}

/** GitHub App bots commit as `<slug>[bot]` with `<id>+<slug>[bot]@users.noreply.github.com`. */
function githubBot(slug: string): KnownIdentity {
  return { names: [`${slug}[bot]`], emails: [`${slug}[bot]@users.noreply.github.com`, `*+${slug}[bot]@users.noreply.github.com`] };
}

const KNOWN_IDENTITIES: readonly KnownIdentity[] = [
  { names: ['kiro agent'], emails: ['*kiro-agent@users.noreply.github.com', 'kiro-bot@users.noreply.github.com'] },
  githubBot('kiro-agent'),
  githubBot('copilot-swe-agent'),
  { names: [], emails: ['*+copilot@users.noreply.github.com'] },
  githubBot('devin-ai-integration'),
  githubBot('google-labs-jules'),
  githubBot('claude'),
  { names: ['cursor agent'], emails: ['cursoragent@cursor.com'] },
];

/** Co-authors that identify an agent by e-mail alone (besides the identities above). */
const AGENT_COAUTHOR_EMAILS: readonly string[] = [
  'noreply@anthropic.com',
  'noreply@openai.com',
  'cursoragent@cursor.com',
  'noreply@aider.chat',
];

/** Trailers whose mere presence marks agent work, whatever their value. */
const AGENT_TRAILER_KEYS: readonly string[] = ['assisted-by', 'agent-logs-url', 'made-with'];

export const AGENT_BRANCH_PREFIXES: readonly string[] = ['kiro/', 'copilot/', 'codex/', 'cursor/', 'claude/'];

const globCache = new Map<string, TextMatcher>();

/**
 * `*` matches any run of characters (including none); everything else is literal; the whole
 * text must match (the text-pattern matcher of SPEC 4). Case-insensitive: identities and trailer
 * keys are, and a looser match only ever makes more commits judged.
 */
export function globMatch(pattern: string, text: string): boolean {
  let m = globCache.get(pattern);
  if (m === undefined) {
    m = compileText(pattern, { caseInsensitive: true });
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(pattern, m);
  }
  return m.test(text);
}

function knownName(name: string): boolean {
  const n = name.trim().toLowerCase();
  if (n === '') return false;
  // aider marks the commits it makes with the user's name plus "(aider)".
  if (n.endsWith('(aider)')) return true;
  return KNOWN_IDENTITIES.some((id) => id.names.includes(n));
}

function knownEmail(email: string): boolean {
  const e = email.trim().toLowerCase();
  if (e === '') return false;
  return KNOWN_IDENTITIES.some((id) => id.emails.some((g) => globMatch(g, e)));
}

/** `Name <email>` as written in a Co-authored-by value; a bare address counts as the e-mail. */
export function splitIdentity(value: string): { name: string; email: string } {
  const m = /^([^<]*)<([^>]*)>/.exec(value);
  if (m) return { name: (m[1] ?? '').trim(), email: (m[2] ?? '').trim() };
  const v = value.trim();
  // `Claude noreply@anthropic.com`: git reads the line as a trailer all the same (audit 36, AD-3).
  const at = v.lastIndexOf(' ');
  if (at > 0 && v.slice(at + 1).includes('@')) return { name: v.slice(0, at).trim(), email: v.slice(at + 1) };
  return v.includes('@') ? { name: '', email: v } : { name: v, email: '' };
}

export interface AgentCommitInput {
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** The raw message; trailers are read from it unless `trailers` is given. */
  message?: string;
  trailers?: readonly Trailer[];
}

export interface AgentDetectOptions {
  /** The policy's `agents:` key. */
  agents?: AgentsConfig;
  /** `--all-commits` / the Action's `all-commits` input. */
  allCommits?: boolean;
  /** The pull request's head branch (a `refs/heads/` prefix is ignored). */
  branch?: string | null;
  /** The commit adds entries to a command log (computed by the log reader, SPEC 8). */
  addsLogEntries?: boolean;
}

export interface AgentVerdict {
  agent: boolean;
  /** Every signal that holds, in a stable order, e.g. `identity: author Kiro Agent <...>`. */
  signals: string[];
}

/**
 * The trailers used for detection: those git sees with and without the `---` divider, with each
 * of `commentChars` taken as the comment character. A message whose trailer block sits above a
 * `---` line is read either way by different git commands, and a commit message git has not yet
 * cleaned up hides its trailers behind comment lines, so every reading counts.
 */
export function detectionTrailers(message: string, commentChars: readonly string[] = ['#']): Trailer[] {
  const out: Trailer[] = [];
  const seen = new Set<string>();
  for (const commentChar of commentChars) {
    for (const t of [...parseTrailers(message, { commentChar }), ...parseTrailers(message, { commentChar, divider: true })]) {
      const key = formatTrailer(t);
      if (!seen.has(key)) { seen.add(key); out.push(t); }
    }
  }
  return out;
}

/**
 * The trailers of a message git has not yet cleaned up (commit-msg's): read as it stands and as
 * git will commit it, each comment character's lines removed, since check reads the committed
 * message with `#` as its comment character. With `core.commentChar=;`, a `# …` paragraph below
 * the trailers is a comment to check but not to git's cleanup, and the comment block git added
 * below it hid the trailers from both readings of the message as given (audit 46, BG-1).
 */
export function uncommittedMessageTrailers(message: string, commentChars: readonly string[]): Trailer[] {
  const chars = [...new Set(['#', ...commentChars])];
  const readings = [message, ...chars.map((c) => message.split('\n').filter((line) => !line.startsWith(c)).join('\n'))];
  const out: Trailer[] = [];
  const seen = new Set<string>();
  for (const reading of readings) {
    for (const t of detectionTrailers(reading, chars)) {
      const key = formatTrailer(t);
      if (!seen.has(key)) { seen.add(key); out.push(t); }
    }
  }
  return out;
}

function ident(name: string, email: string): string {
  return `${name} <${email}>`;
}

/**
 * For an `agents.identities` glob that can match no `Name <email>` (git keeps `<` and `>` out of
 * both parts), the entry it was probably meant as; null when it can match. SPEC 7 reads these
 * entries over the whole text, so `ci-bot@bots.example` or `Release Bot` never matched, and the
 * agent's commits went unjudged. `Release Bot*` or `*@bots.example*` can, and stay.
 */
export function identityPatternFix(pattern: string): string | null {
  if (/[>*]$/.test(pattern) && /[<*]/.test(pattern) && !/(?:^|[^ *])</.test(pattern)) return null;
  const t = pattern.trim();
  const both = /^(.*?)\s*<(.*)>$/.exec(t);
  if (both) return `${both[1] || '*'} <${both[2]}>`;
  if (t.includes('<')) return '* <ci-bot@bots.example>';
  return t.includes('@') ? `* <${t}>` : `${t} <*>`;
}

/**
 * The same for an `agents.trailers` glob over `Key: value`, whose key git keeps to letters,
 * digits and `-`: `Generated-by` alone never matched.
 */
export function trailerPatternFix(pattern: string): string | null {
  if (/^[A-Za-z0-9-]*\*|^[A-Za-z0-9-]+:[ *]/.test(pattern)) return null;
  const t = pattern.trim();
  const colon = t.indexOf(':');
  // With no key at all (`": x"`), any key: echoing the entry back would suggest what was refused.
  const key = (colon < 0 ? t : t.slice(0, colon)).trim().replace(/\s+/g, '-') || '*';
  return `${key}: ${colon < 0 ? '*' : t.slice(colon + 1).trim() || '*'}`;
}

/** Decides whether a commit is agent-made and lists the signals. Pure. */
export function detectAgent(commit: AgentCommitInput, opts: AgentDetectOptions = {}): AgentVerdict {
  const signals: string[] = [];
  const add = (s: string): void => {
    if (!signals.includes(s)) signals.push(s);
  };
  const people: Array<[string, string, string]> = [
    ['author', commit.authorName, commit.authorEmail],
    ['committer', commit.committerName, commit.committerEmail],
  ];
  for (const [role, name, email] of people) {
    if (knownName(name) || knownEmail(email)) add(`identity: ${role} ${ident(name, email)}`);
  }

  const trailers = commit.trailers ?? detectionTrailers(commit.message ?? '');
  for (const t of trailers) {
    const key = t.key.toLowerCase();
    if (key === 'co-authored-by') {
      const { name, email } = splitIdentity(t.value);
      const e = email.toLowerCase();
      if (knownName(name) || knownEmail(e) || AGENT_COAUTHOR_EMAILS.includes(e)) add(`trailer: ${formatTrailer(t)}`);
    } else if (AGENT_TRAILER_KEYS.includes(key)) {
      add(`trailer: ${formatTrailer(t)}`);
    }
  }

  if (opts.addsLogEntries) add('log: adds command log entries');

  const branch = opts.branch ? opts.branch.replace(/^refs\/heads\//, '') : '';
  if (branch !== '' && AGENT_BRANCH_PREFIXES.some((p) => branch.toLowerCase().startsWith(p))) add(`branch: ${branch}`);

  const agents = opts.agents;
  if (agents?.all) {
    add('policy agents: all');
  } else if (agents) {
    for (const [role, name, email] of people) {
      const text = ident(name, email);
      const hit = agents.identities.find((g) => globMatch(g, text));
      if (hit !== undefined) add(`policy identity: ${role} ${text} (matches ${JSON.stringify(hit)})`);
    }
    for (const t of trailers) {
      const text = formatTrailer(t);
      const hit = agents.trailers.find((g) => globMatch(g, text));
      if (hit !== undefined) add(`policy trailer: ${text} (matches ${JSON.stringify(hit)})`);
    }
    if (branch !== '') {
      const hit = agents.branches.find((g) => globMatch(g, branch));
      if (hit !== undefined) add(`policy branch: ${branch} (matches ${JSON.stringify(hit)})`);
    }
  }

  if (opts.allCommits) add('all-commits');
  return { agent: signals.length > 0, signals };
}

/**
 * Environment variables that agent shells set (SPEC 12), for the pre-commit hook. A name counts
 * when it is present, even empty: an agent shell sets it, a human's shell has no reason to, and
 * a value the agent left empty must not turn the gate off.
 */
export function detectAgentEnv(env: Readonly<Record<string, string | undefined>>, agents?: AgentsConfig): string[] {
  const signals: string[] = [];
  // Codex sets CODEX_SANDBOX on macOS only; its Linux and Windows shells get CODEX_SANDBOX_NETWORK_DISABLED.
  for (const name of ['CLAUDECODE', 'GEMINI_CLI', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED']) {
    if (env[name] !== undefined) signals.push(`env: ${name}`);
  }
  const exec = env.AWS_EXECUTION_ENV ?? '';
  if (/amazonq|kiro/i.test(exec)) signals.push(`env: AWS_EXECUTION_ENV=${exec}`);
  if (agents && !agents.all) {
    for (const pattern of agents.env) {
      const eq = pattern.indexOf('=');
      const name = eq < 0 ? pattern : pattern.slice(0, eq);
      const value = env[name];
      if (value === undefined) continue;
      // Values are matched case-sensitively: they are arbitrary data, not identities.
      if (eq < 0 || compileText(pattern.slice(eq + 1)).test(value)) {
        signals.push(`policy env: ${eq < 0 ? name : `${name}=${value}`} (matches ${JSON.stringify(pattern)})`);
      }
    }
  }
  return signals;
}


/**
 * Models named in trailers (SPEC 9), in order, without repeats: `Model: X`, and the MODEL of
 * `Assisted-by: AGENT:MODEL [TOOL...]`.
 */
export function modelsFromTrailers(trailers: readonly Trailer[]): string[] {
  const models: string[] = [];
  for (const t of trailers) {
    const key = t.key.toLowerCase();
    let model = '';
    if (key === 'model') {
      model = t.value.trim();
    } else if (key === 'assisted-by') {
      const colon = t.value.indexOf(':');
      if (colon >= 0) model = t.value.slice(colon + 1).trim().split(/\s+/)[0] ?? '';
    }
    if (model !== '' && !models.includes(model)) models.push(model);
  }
  return models;
}
