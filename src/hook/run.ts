// `agent-gate hook pre-commit | commit-msg`: the local half of the gate. It judges the staged
// change with the same engine, canonical paths and findings as `check`, but only for commits an
// agent makes (environment, author or committer identity, trailers, staged log entries) unless
// the policy says `agents: all`.
import { resolvedOnDisk } from '../cli/ondisk.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GateError } from '../errors.ts';
import { judgeChanges } from '../check/diff.ts';
import { logBlobIds, logChanges, logMatcher } from '../check/logpaths.ts';
import type { LogJudgement } from '../check/logs.ts';
import { mergeSightings, modelFindings, trailerSightings } from '../check/models.ts';
import { compilePolicy } from '../engine/compile.ts';
import { detectAgent, detectAgentEnv, modelsFromTrailers, uncommittedMessageTrailers } from '../git/agents.ts';
import { createGit, textOf, type Git } from '../git/exec.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { combineSettings } from '../policy/settings.ts';
import { homeDir, readPolicyFile, somethingAt } from '../policy/source.ts';
import type { PolicyFile } from '../policy/types.ts';
import { decisionOf, fails, isLogTamper, strictestOf, type FailOn, type Finding } from '../report/model.ts';
import { spellUnseen } from '../report/escape.ts';
import { renderFinding } from '../report/text.ts';
import { takePrefetched } from './prefetch.ts';
import { readStaged } from './staged.ts';
import { judgedMarkPath, leaveJudgedMark, stagedDigest, takeJudgedMark } from './judged-mark.ts';
import { treeLookalikes } from '../git/lookalikes.ts';
import { addedLookalikes, lookalikeWarning } from '../policy/lookalike.ts';

export type HookStage = 'pre-commit' | 'commit-msg';

export interface HookOptions {
  stage: HookStage;
  /** commit-msg: the message file git passed (default: the repository's COMMIT_EDITMSG). */
  messageFile?: string;
  failOn?: FailOn;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface HookResult {
  findings: Finding[];
  signals: string[];
  failOn: FailOn;
  blocked: boolean;
  policyFile: string;
  /** One-line warnings for standard error (a look-alike policy file that is not read). */
  warnings: string[];
}

function userPolicy(): PolicyFile | null {
  const path = join(homeDir(), '.kiro', 'settings', 'permissions.yaml');
  return somethingAt(path) ? readPolicyFile(path, 'user', '~/.kiro/settings/permissions.yaml') : null;
}

async function readMessage(git: Git, cwd: string, file: string | undefined): Promise<string> {
  let path = file;
  if (path === undefined) path = textOf(await git.run(['rev-parse', '--git-path', 'COMMIT_EDITMSG'])).trim();
  try {
    return readFileSync(path.startsWith('/') ? path : join(cwd, path), 'utf8');
  } catch (e) {
    throw new GateError(`hook commit-msg: cannot read the commit message file ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/**
 * The comment characters git's cleanup will strip from the message commit-msg is given:
 * core.commentChar (its first character: one that starts a comment string is enough to hide a
 * line), or every character `auto` may pick.
 */
async function commentChars(git: Git): Promise<string[]> {
  // core.commentString (git 2.45) is the same setting under a newer name.
  const res = await git.exec(['config', '-z', '--get-regexp', '^core\\.comment(char|string)$']);
  const chars = new Set(['#']);
  for (const record of res.exitCode === 0 ? res.stdout.toString('utf8').split('\0') : []) {
    const value = record.slice(record.indexOf('\n') + 1);
    if (value === 'auto') for (const c of AUTO_COMMENT_CHARS) chars.add(c);
    else if (value !== '' && record.includes('\n')) chars.add(value[0] as string);
  }
  return [...chars];
}

/** The characters git tries, in order, for `core.commentChar=auto`. */
const AUTO_COMMENT_CHARS = '#;@!$%^&|:';

export async function runHookStage(opts: HookOptions): Promise<HookResult> {
  const git = createGit(opts.cwd, { env: opts.env });
  const staged = await readStaged(git, takePrefetched(opts.cwd, opts.env) ?? undefined);
  // HEAD's policy, and the default branch's where it differs (AZ-2: the agent chooses HEAD, say an
  // older branch with a looser policy, or an orphan one with none, but CI judges by the base's).
  // Both are judged in full and a finding either gives stands; their settings only add up.
  const workspaces = [staged.policy, staged.defaultPolicy].filter((f): f is PolicyFile => f !== null);
  const settings = combineSettings(workspaces);
  const env = detectAgentEnv(opts.env, settings.agents);
  const all = settings.agents?.all === true;
  const failOn: FailOn = opts.failOn === 'ask' || settings.failOn === 'ask' ? 'ask' : 'deny';
  const result: HookResult = { findings: [], signals: [...env], failOn, blocked: false, policyFile: DEFAULT_POLICY_PATH, warnings: [] };
  if (all) result.signals.push('policy agents: all');

  const matcher = logMatcher(settings.logs.paths, homeDir());
  const logs = logChanges(staged.changes, matcher);
  const message = opts.stage === 'commit-msg' ? await readMessage(git, opts.cwd, opts.messageFile) : null;
  const trailers = message === null ? [] : uncommittedMessageTrailers(message, await commentChars(git));
  const agents = settings.agents ? { agents: settings.agents } : {};
  const trailerSignals = message === null ? [] : detectAgent({ authorName: '', authorEmail: '', committerName: '', committerEmail: '', trailers }, agents).signals;
  // The same identity rules as check (SPEC 7), on the author and committer git will record.
  const { author, committer } = staged.idents;
  const identity = detectAgent({ authorName: author.name, authorEmail: author.email, committerName: committer.name, committerEmail: committer.email, trailers: [] }, agents)
    .signals.filter((s) => s !== 'policy agents: all');
  result.signals.push(...identity);
  // pre-commit judges the change whenever the environment, the identity (git exports the final
  // author of `--author` and `--amend` before pre-commit runs), the policy or staged log entries
  // make it agent work; commit-msg then only adds what the message tells (the model), and judges
  // the change itself only when the trailers are the first signal or pre-commit did not run.
  const preCommitJudges = env.length > 0 || identity.length > 0 || all || logs.length > 0;
  if (!preCommitJudges && trailerSignals.length === 0) return result;
  if (staged.defaultPolicyError !== null) throw new GateError(staged.defaultPolicyError);
  // Whether pre-commit judged this very change (see judged-mark.ts): commit-msg judges it if not.
  const mark = preCommitJudges ? judgedMarkPath(opts.cwd, opts.env) : null;
  let preCommitJudged = false;
  if (mark !== null && opts.stage === 'pre-commit') leaveJudgedMark(mark, stagedDigest(staged.changes));
  if (mark !== null && opts.stage === 'commit-msg') preCommitJudged = takeJudgedMark(mark) === stagedDigest(staged.changes);

  const user = userPolicy();
  // git runs a hook in the top folder of the work tree: that is the workspace root, which a `~/…`
  // or absolute rule may name (a repository at home holds `~/.kiro/workspace-roots`).
  // Staged log entries are replayed as check replays them (II-3: without this, a write through a
  // committed link `docs/keys -> ../secrets`, or by an absolute path of the agent's clone, passed
  // here while check denied it): absolute paths are judged by their tails too, and paths land
  // through the links of HEAD's tree and the staged ones. A staged link added or changed also
  // re-points the links of HEAD's tree whose targets pass through it, as check finds.
  const relinks = staged.changes.some((c) => c.newMode === '120000' || (c.oldMode === '120000' && c.newMode !== '000000'));
  const replay = logs.length === 0 && !relinks ? null : await import('../check/loglinks.ts');
  const logLinks = new Map<string, string[]>();
  const replayOptions = replay === null ? {} : { replayedPaths: true, landing: replay.treeLanding(logLinks, { names: true }), linksBelow: replay.treeLinksBelow(logLinks, { names: true }) };
  const compileOptions = { home: homeDir(), root: opts.cwd, policyPaths: [DEFAULT_POLICY_PATH], resolveLinks: resolvedOnDisk, ...replayOptions };
  const policies = (workspaces.length === 0 ? [null] : workspaces).map((w) => compilePolicy([user, w].filter((f): f is PolicyFile => f !== null), compileOptions));
  const links = staged.changes.filter((c) => c.newMode === '120000').map((c) => c.newId);
  const blobIds = [...links, ...logBlobIds(logs)];
  // Symlink targets and log contents are the only blobs the hook reads; most commits have neither.
  const blobs = blobIds.length === 0 ? new Map<string, Buffer>() : await (await import('../git/log.ts')).readBlobs(git, blobIds);
  // The log replay (and the shell analyser behind it) loads only when logs are staged.
  let logged: LogJudgement = { findings: [], models: [], unnamed: [], addsEntries: false, appended: new Set<string>() };
  if (replay !== null) {
    const atHead = staged.unborn ? new Map<string, string>() : await replay.treeSymlinks(git, 'HEAD');
    const stagedLinks = staged.changes.filter((c) => c.newMode === '120000' && c.pathText !== null).map((c): [string, string] => [c.pathText as string, c.newId]);
    await replay.addTargets(git, [...atHead, ...stagedLinks], logLinks, blobs);
  }
  const loggedFindings: Finding[][] = [];
  if (replay !== null && logs.length > 0) {
    const judging = await import('../check/logs.ts');
    let madeLinks = false;
    const noteLink = replay.entryLinkNoter(logLinks, (rejudge) => {
      for (const p of policies) judging.forgetVerdicts(p);
      if (rejudge) madeLinks = true;
    }).note;
    for (const p of policies) {
      madeLinks = false;
      let judged = judging.judgeLogFiles(p, '', logs, blobs, noteLink);
      // Logs are read file by file, not in the order the calls were made: a link one entry made counts for all.
      if (madeLinks) judged = judging.judgeLogFiles(p, '', logs, blobs, noteLink);
      if (p === policies[0]) logged = judged;
      loggedFindings.push(judged.findings);
    }
  }
  if (logged.addsEntries) result.signals.push('log: adds command log entries');
  result.signals.push(...trailerSignals.filter((s) => !result.signals.includes(s)));
  const agent = result.signals.length > 0;
  // A merge that `git merge` or `git pull` commits itself runs pre-merge-commit, not pre-commit
  // (II-1: an agent's `git merge -s ours` dropping a human's change went unjudged), so commit-msg
  // judges every merge; one concluded with `git commit` is then judged at both stages.
  const judgeHere = opts.stage === 'pre-commit' ? preCommitJudges : !preCommitJudged || staged.merging;

  const findings: Finding[] = [];
  if (judgeHere && workspaces.length === 0) {
    // As check warns: the author's rules saved under a near name are dropped, but not silently.
    // One git process more, and only for judged commits in a repository without a policy.
    const atHead = staged.unborn ? [] : await treeLookalikes(git, 'HEAD');
    const added = addedLookalikes(staged.changes.filter((c) => c.newMode !== '000000' && c.pathText !== null).map((c) => c.pathText as string));
    const warning = lookalikeWarning([...new Set([...atHead, ...added])], 'at HEAD');
    if (warning !== null) result.warnings.push(warning);
  }
  if (judgeHere) {
    // Tampering with a log is reported whoever commits; the rest only for agent work.
    findings.push(...strictestOf(loggedFindings).filter((f) => agent || isLogTamper(f)));
    if (agent) {
      // Staged links are followed through the other links in the index, as they will be committed.
      const tree = links.length === 0 ? null : await import('../check/linktree.ts');
      const linkTree = tree === null ? null : await tree.resolveChangedLinks(git, staged.changes, blobs, tree.indexReader(git));
      const ctx = {
        blobs, policyPaths: [DEFAULT_POLICY_PATH], ...(linkTree !== null ? { links: linkTree } : {}),
        // A staged path below a link's target is the path under the link's name too (XX-2:
        // `deploy/prod/app.yml` is `config/prod/app.yml` with `config/prod -> ../deploy/prod`), as
        // check finds. HEAD's links are known only when logs or links are staged: listing them for
        // every commit would cost the hook one more git process, and check judges it anyway.
        ...(replay !== null ? { linksThrough: replay.linksThrough(logLinks), linkedNames: replay.treeLinkedNames(logLinks), forwardLanding: replay.treeLanding(logLinks) } : {}),
      };
      findings.push(...strictestOf(policies.map((policy) => judgeChanges({ ...ctx, policy }, '', staged.changes, logged.appended))));
    }
  }
  if (agent) {
    // The message names models only at commit-msg; before that, only logged models are known.
    const atMessage = opts.stage === 'commit-msg';
    const named = atMessage ? mergeSightings(trailerSightings(modelsFromTrailers(trailers)), logged.models) : logged.models;
    findings.push(...strictestOf(policies.map((policy) => modelFindings(policy, null, named, atMessage, logged.unnamed))));
  }
  result.findings = findings.map((f) => (f.commit === '' ? { ...f, commit: null } : f));
  result.blocked = fails(decisionOf(result.findings), failOn);
  return result;
}

export function formatHookResult(stage: HookStage, r: HookResult): string {
  if (r.findings.length === 0) return '';
  const lines = [
    `agent-gate ${stage}: ${r.blocked ? 'commit blocked' : 'findings (not blocking)'}: ${r.findings.length} finding(s); agent signals: ${
      // A human commit is judged only for tampering with a command log (audit 42, AT-2).
      r.signals.length === 0 ? 'none (a change to a command log is judged in every commit)' : r.signals.map(spellUnseen).join('; ')}`,
  ];
  // What the hook prints goes back to the agent that ran `git commit`: long values are clipped.
  for (const f of r.findings) lines.push(...renderFinding(f, r.policyFile, '  ', true));
  const fromDefaultBranch = [...new Set(r.findings.map((f) => f.rule?.file ?? '').filter((file) => file.endsWith(`:${r.policyFile}`)))];
  lines.push(
    '',
    `To change what is allowed, edit ${r.policyFile} (or ~/.kiro/settings/permissions.yaml for yourself) and commit it as a human.`,
    ...fromDefaultBranch.map((file) => `Rules from ${file} are the default branch's policy, which CI judges by: they apply here too until a change to it reaches that branch.`),
    r.findings.every((f) => f.rule?.scope === 'user')
      ? 'Only your user policy decided these: the agent-gate check in CI does not read it.'
      : 'git commit --no-verify skips this hook, but the agent-gate check in CI judges the same commit again.',
  );
  return lines.join('\n') + '\n';
}
