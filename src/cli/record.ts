// `agent-gate record`: one hook payload on stdin -> neutral log entries appended to the repository's
// log, and with --enforce a verdict the agent obeys (exit 2 blocks the call in Kiro's preToolUse and
// Claude Code's PreToolUse). Recording is evaluation only: the recorded command is never executed.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { PayloadError, parseHookPayload, payloadToDrafts, type EntryDraft, type HookPayload } from '../logs/index.ts';
import { findRepositoryRoot } from '../policy/source.ts';
import { EFFECT_RANK, type Explanation, type PolicyFile } from '../policy/types.ts';
import { choice, flag, parse, str, type Io } from './args.ts';
import { clipMessage, clipQuoted } from '../report/clip.ts';
import { formatRule } from './explain.ts';
import { failsOnAsk, mergeEnclosing, repositoriesOf, withEnclosing } from './enclosing.ts';
import { DEFAULT_JUDGE_LIMITS, judgeInWorker, type JudgeLimits, type JudgeTask, type WorkspaceJudgement } from './judgeworker.ts';
import { defaultLogPath } from './logplace.ts';
import { chdirTarget, physicalPath } from './physical.ts';
import { appendToLog, writerHome } from './logfile.ts';

export const RECORD_HELP = `Usage: agent-gate record [--enforce] [--fail-on deny|ask] [--log FILE] [--session ID]
                         [--policy FILE]

Read one tool-call hook payload on standard input (Kiro CLI preToolUse/postToolUse, Claude Code
PreToolUse/PostToolUse) and append it to the neutral log of the repository that holds the
payload's cwd: .agent-gate/log/<session>.jsonl at its root, or a folder the workspace policy's
logs.paths names. Nothing is ever executed.
  --enforce        judge the call (workspace policy, ~/.kiro/settings/permissions.yaml and the
                   built-in scopes) and exit 2 with the reason on stderr when it fails; the entry
                   is still written, with "blocked": true. Exit 2 blocks the call in a pre-tool hook.
  --fail-on        deny (default) or ask: which effect fails with --enforce (a policy's
                   failOn: ask fails on ask as well)
  --log FILE       append to FILE instead
  --session ID     the session when the payload carries none (default: "default")
  --policy FILE    the workspace policy (default: .github/agent-gate.yml in the working tree)
Relative --log and --policy paths are taken from the repository root. A log inside the
repository is refused when a folder on its way there (below the root) or the file itself is a
symbolic link; a --log FILE outside it only when the file itself is one.
Exit codes: 0 recorded (and allowed); 2 blocked by --enforce, or could not record or judge (bad
payload, bad policy, log locked); nothing is written when it could not record.
With --enforce a call that cannot be judged (a policy that does not load, or judging beyond 10 s
or 512 MiB) is blocked, and recorded as blocked in the default log; AGENT_GATE_JUDGE_TIMEOUT_MS and
AGENT_GATE_JUDGE_MEMORY_MB change those limits.
`;

const FAIL_ON = ['deny', 'ask'] as const;
type FailOn = (typeof FAIL_ON)[number];

/** Events that fire before the tool runs; only there can a refusal stop the call. */
const BEFORE_TOOL = new Set(['preToolUse', 'PreToolUse', 'PermissionRequest']);

const CONTROL_RE = /[\u0000-\u001f\u007f]/;
// Characters kept as they are in a log file name; everything else is percent-encoded.
const SAFE_NAME_CHAR = /[A-Za-z0-9_.-]/;
const MAX_NAME = 200;

/**
 * A session id as a file name: percent-encoding (of the UTF-8 bytes, `%` included) keeps distinct
 * session ids in distinct files while making `/`, `\`, control characters and a leading `.` (so `.`,
 * `..` and hidden files) impossible. Over-long names are cut and end in a short hash of the whole id, so two
 * long ids with the same beginning still get different files.
 */
export function sessionFileName(session: string): string {
  let out = '';
  for (const ch of session) {
    if (SAFE_NAME_CHAR.test(ch) && !(out === '' && ch === '.')) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out.length > MAX_NAME) out = `${out.slice(0, MAX_NAME)}~${createHash('sha256').update(session).digest('hex').slice(0, 16)}`;
  return `${out}.jsonl`;
}

function checkSession(session: string, where: string): void {
  if (session === '') throw new GateError(`record: ${where} must not be empty`);
  if (CONTROL_RE.test(session)) throw new GateError(`record: ${where} must not contain control characters, got ${JSON.stringify(session)}`);
}

interface Verdict {
  result: Explanation;
}

function blockMessage(failing: Verdict[], total: number, failOn: FailOn, by: string, ran: boolean): string {
  const first = failing[0] as Verdict;
  const { result } = first;
  const rule = result.rule === null ? 'no rule' : formatRule(result.rule);
  const more = failing.length > 1 ? ` (and ${failing.length - 1} more of the call's ${total} requests)` : '';
  const why = failOn === 'ask' && result.effect === 'ask' ? ` (${by})` : '';
  const verb = ran ? 'violates the policy (it already ran: only a pre-tool hook can block)' : 'blocked';
  // A payload that names no model is asked about as `check` names it, not as an empty id.
  const resource = result.capability === 'model' && result.resource === '' ? '(unknown)' : clipQuoted(result.resource);
  const text = `${verb}: ${result.capability} ${resource}${more}: ${result.effect}${why} by ${rule}; ${result.reason}`;
  return clipMessage(text.replace(/\s*\n\s*/g, ' '));
}

function readPayload(input: Buffer): HookPayload {
  try {
    return parseHookPayload(input);
  } catch (e) {
    if (e instanceof PayloadError) throw new GateError(`record: ${e.message}; nothing was written`);
    throw e;
  }
}

/**
 * The repository a call belongs to. A payload cwd that is not a folder, or (without --log) lies
 * in no repository, leaves nowhere right to write the log or to find the policy: fail closed.
 */
function workspaceOf(cwd: string, fromPayload: boolean, logArg: string | undefined, policyArg: string | undefined): { root: string; repository: boolean; others: string[] } {
  const what = fromPayload ? `the payload's "cwd" ${JSON.stringify(cwd)}` : `the working folder ${JSON.stringify(cwd)}`;
  let folder = false;
  try { folder = statSync(cwd).isDirectory(); } catch { folder = false; }
  if (!folder) throw new GateError(`record: ${what} is not an existing folder; nothing was written`);
  const [root, ...others] = repositoriesOf(cwd);
  if (root !== undefined) return { root, repository: true, others };
  // Relative paths are taken from the repository root, and there is none: against the cwd they
  // would name a log in a random folder, or a policy file anyone may put there (audit 43, AX-7).
  const relative = [logArg === undefined || isAbsolute(logArg) ? null : `--log ${JSON.stringify(logArg)}`, policyArg === undefined || isAbsolute(policyArg) ? null : `--policy ${JSON.stringify(policyArg)}`].filter((a) => a !== null);
  if (logArg !== undefined && relative.length > 0) throw new GateError(`record: ${what} is not inside a git repository, so the relative ${relative.join(' and ')} has no repository root to be taken from; give an absolute path; nothing was written`);
  if (logArg !== undefined) return { root: cwd, repository: false, others: [] };
  throw new GateError(`record: ${what} is not inside a git repository, so there is no log folder for it; run the hook in the repository or pass --log FILE; nothing was written`);
}

/** A positive whole number from the environment, or the default when unset. */
function positiveSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^[1-9][0-9]{0,8}$/.test(text)) throw new GateError(`record: ${name} must be a positive whole number, got ${JSON.stringify(text)}; nothing was written`);
  return Number(text);
}

/** How long and how much memory judging may take before the call is blocked unjudged. */
function judgeLimits(env: NodeJS.ProcessEnv): JudgeLimits {
  return {
    timeoutMs: positiveSetting(env, 'AGENT_GATE_JUDGE_TIMEOUT_MS', DEFAULT_JUDGE_LIMITS.timeoutMs),
    memoryMb: positiveSetting(env, 'AGENT_GATE_JUDGE_MEMORY_MB', DEFAULT_JUDGE_LIMITS.memoryMb),
  };
}

export async function runRecord(argv: string[], io: Io): Promise<number> {
  const p = parse('record', argv, {
    enforce: { type: 'boolean' }, 'fail-on': { type: 'string' }, log: { type: 'string' },
    session: { type: 'string' }, policy: { type: 'string' },
  });
  if (flag(p, 'help')) { io.out(RECORD_HELP); return 0; }
  const enforce = flag(p, 'enforce');
  const failOnFlag = choice('record', p, 'fail-on', FAIL_ON, 'deny');
  let failOn = failOnFlag;
  let failOnBy = '--fail-on ask';
  const sessionArg = str(p, 'session');
  if (sessionArg !== undefined) checkSession(sessionArg, '--session');

  let input: Buffer;
  try {
    input = await io.stdin();
  } catch (e) {
    throw new GateError(`record: cannot read the hook payload (${e instanceof Error ? e.message : String(e)}); pipe one tool hook event to standard input; nothing was written`);
  }
  const payload = readPayload(input);
  // The payload's cwd says which repository the call belongs to; the hook's own folder may differ.
  const cwd = payload.cwd === null || payload.cwd === '' ? io.cwd : chdirTarget(io.cwd, payload.cwd);
  const logArg = str(p, 'log');
  const { root, repository, others } = workspaceOf(cwd, payload.cwd !== null && payload.cwd !== '', logArg, str(p, 'policy'));
  const explicitLog = logArg === undefined ? null : (isAbsolute(logArg) ? logArg : resolve(root, logArg));
  // Outside any repository, paths become relative only to the repository that will hold the log:
  // relative to the bare working folder, `~/.aws/credentials` from `~` became `.aws/credentials`.
  const pathRoot = repository ? root : (explicitLog === null ? null : findRepositoryRoot(dirname(explicitLog)));
  const now = new Date().toISOString();
  // The call has not run yet and its files are here: its paths are read as the file system will
  // resolve them (`/tmp/link/repo/x`, `src/docs/../.github/…` through a linked folder).
  const draftsFrom = (repoRoot: string | null): EntryDraft[] => {
    try {
      const home = writerHome();
      return payloadToDrafts({ ...payload, cwd }, {
        repoRoot: repoRoot === null ? null : physicalPath(repoRoot), home: home === null ? null : physicalPath(home), physical: physicalPath,
        session: sessionArg ?? null, now,
      });
    } catch (e) {
      if (e instanceof PayloadError) throw new GateError(`record: ${e.message}; nothing was written`);
      throw e;
    }
  };
  const drafts = draftsFrom(pathRoot);
  const session = drafts[0]?.session ?? sessionArg ?? 'default';
  checkSession(session, payload.session !== null ? 'the payload\'s session_id' : 'the session');

  // Without --enforce the policy is not read at all: a broken policy file must neither stop the
  // record (check judges the log later) nor, by exiting 2, block the agent's call.
  const policyArg = str(p, 'policy');
  const policyFile = policyArg === undefined ? null : (isAbsolute(policyArg) ? policyArg : resolve(root, policyArg));
  let failing: Verdict[] = [];
  // Why the call could not be judged in time or memory (judgeworker.ts): it is blocked all the same.
  let unjudged: string | null = null;
  // Read once for --enforce; without it the log's place alone needs the workspace policy.
  let workspace: PolicyFile | null | undefined;
  if (enforce) {
    // The worker reads the policies, within its limits, and judges by exactly the files it read;
    // a broken policy comes back as its one-line error.
    const roots = repository ? withEnclosing([root, ...others]) : [root];
    // A cwd in no repository with the log in one: the entries are spelled for that repository,
    // whose check will judge them by its policy, so they meet it now too (audit 36, AE-3).
    const logRoot = !repository && pathRoot !== null && resolve(pathRoot) !== resolve(root) ? pathRoot : null;
    const judgedRoots = logRoot === null ? roots : [...roots, logRoot];
    // A relative --policy names a file of each repository (audit 43, AW-6): in one around the
    // payload's, that repository's own copy judges too, so a nested repository the agent made,
    // with a permissive file of that name, does not stand in for the team's.
    const policyIn = (r: string, k: number): string | null => {
      if (k === 0) return policyFile;
      if (policyArg === undefined || isAbsolute(policyArg)) return null;
      const there = resolve(r, policyArg);
      return statSync(there, { throwIfNoEntry: false })?.isFile() === true ? there : null;
    };
    const loadOf = (r: string, k: number): WorkspaceJudgement['load'] => {
      const file = policyIn(r, k);
      return { ...(file !== null ? { policy: file } : {}), user: true };
    };
    // The model is judged with the call, as check judges it for the log line (SPEC 9); it is a
    // request of its own and not an entry.
    const model = drafts[0]?.model ?? null;
    const requestsOf = (list: EntryDraft[]): JudgeTask['workspaces'][number]['requests'] => [
      ...list.map((d) => ({ capability: d.capability, resource: d.resource, cwd: d.cwd })),
      { capability: 'model', resource: model ?? '', cwd: '.' },
    ];
    const workspaces: WorkspaceJudgement[] = judgedRoots.map((r, k) => (r === logRoot
      ? { root: r, load: loadOf(r, k), requests: requestsOf(drafts), replayed: true }
      : { root: r, load: loadOf(r, k), requests: requestsOf(k === 0 ? drafts : draftsFrom(r)) }));
    const outcome = await judgeInWorker({ workspaces }, judgeLimits(io.env));
    if (outcome.kind !== 'judged') {
      // A policy that does not load (or was not read in time) cannot judge the call: it is blocked,
      // and still recorded, in the default log, so that check sees a call that ran after all (a
      // post-tool event) and nothing the agent did is lost to a broken policy.
      unjudged = outcome.kind === 'error' ? outcome.message : outcome.reason;
      workspace = null;
    } else {
      workspace = outcome.policies[0]?.files.find((f) => f.scope === 'workspace') ?? null;
      // As in check and the git hook, `failOn: ask` in a policy fails on ask here too; the flag and
      // the policies can only make it stricter.
      const asking = outcome.policies.flatMap((p) => p.files).find((f) => f.failOn === 'ask');
      if (failOnFlag === 'deny' && asking !== undefined) {
        failOn = 'ask';
        failOnBy = `failOn: ask in ${asking.file}`;
      }
      const failRank = EFFECT_RANK[failOn];
      // `--fail-on ask` asks it of every repository around the call, as `failOn: ask` in each
      // would: a nested repository's own policy cannot turn it off (audit 49, BO-2).
      const askingRoots = new Set(judgedRoots.filter((_r, k) => failOnFlag === 'ask' || failsOnAsk(outcome.policies[k]?.files ?? [])));
      failing = mergeEnclosing(outcome.results, judgedRoots, (r) => (r === logRoot ? `in the repository that holds the log, ${JSON.stringify(r)}` : `in the enclosing repository ${JSON.stringify(r)}`), askingRoots)
        .map((result) => ({ result }))
        .filter((v) => EFFECT_RANK[v.result.effect] >= failRank)
        .sort((a, b) => EFFECT_RANK[b.result.effect] - EFFECT_RANK[a.result.effect]);
    }
  }
  const ranAlready = !BEFORE_TOOL.has(payload.event);
  const refused = failing.length > 0 || unjudged !== null;
  const refusal = (): string => unjudged !== null
    ? clipMessage(`${ranAlready ? 'could not judge the call (it already ran: only a pre-tool hook can block)' : 'blocked: the call could not be judged'}: ${unjudged}`)
    // The model counts among the call's requests only when it is one of the failing ones.
    : blockMessage(failing, drafts.length + (failing.some((v) => v.result.capability === 'model') ? 1 : 0), failOn, failOnBy, ranAlready);
  // A refusal blocks the whole call, so every entry of it is marked; after the call ran, none is.
  const blocked = refused && !ranAlready;
  const entries = blocked ? drafts.map((d) => ({ ...d, blocked: true })) : drafts;

  const logPath = explicitLog ?? resolve(root, defaultLogPath(root, policyFile, workspace, sessionFileName(session)));
  // Inside the repository no folder on the way to the log may be a symbolic link: the agent can
  // commit one (`.agent-gate/log -> ../notes`) and so move its own entries out of check's sight.
  // Outside it (an absolute --log the user chose) only a link at the file itself is refused.
  try {
    appendToLog(logPath, entries, session, pathRoot !== null ? { confineTo: pathRoot } : {});
  } catch (e) {
    // A log that could not be written exits 2 anyway; the verdict still goes first, so the agent
    // is told why the call is blocked, not only that its log is broken.
    if (refused && e instanceof GateError) {
      throw new GateError(`${refusal()}; and the call was not recorded: ${e.message}`);
    }
    throw e;
  }

  if (refused) {
    io.err(`agent-gate: ${refusal()}\n`);
    return 2;
  }
  return 0;
}
