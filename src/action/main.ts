// GitHub Action entry point: inputs -> event -> range -> check -> sinks -> pass or fail.
// Every failure, expected or not, ends as one `core.setFailed` line: a stack trace in a status
// check helps nobody and an uncaught error must never read as a pass.
import * as core from '@actions/core';
import { asGateError, runCheck } from '../check/run.ts';
import type { CheckOptions } from '../check/types.ts';
import { GateError } from '../errors.ts';
import { createGit } from '../git/exec.ts';
import { COMMENT_MARKER } from '../report/markdown.ts';
import { coreAnnotations, oneLine, readEventPayload, repoSlug, writeSummary } from './runner.ts';
import { couldNotJudgeBody, runUrl, skippedBody } from './bodies.ts';
import { syncComment, type IssueCommentsApi } from './comment.ts';
import { commentTarget, earlyCommentTarget, gateScope, type CommentTarget } from './commenttarget.ts';
import { planFromEvent, type CheckPlan, type Plan } from './event.ts';
import { authenticateFetches } from './gitauth.ts';
import { describeAdminPolicy, NONEMPTY_DEFAULTS, readInputs, type ActionInputs, type InputReader } from './inputs.ts';
import { outputsOf, reportPath } from './outputs.ts';
import { failureLine, publish } from './publish.ts';
import { requireRemote, resolvePlan } from './refs.ts';

const REMOTE = 'origin';

async function commentsApi(token: string, payload: unknown): Promise<IssueCommentsApi | { unavailable: string }> {
  if (token === '') return { unavailable: 'the token input is empty' };
  const slug = repoSlug(process.env['GITHUB_REPOSITORY'], payload);
  if (slug === null) return { unavailable: 'GITHUB_REPOSITORY is not set' };
  // Loaded only now: see github.ts.
  const { octokitComments } = await import('./github.ts');
  return octokitComments({ token, baseUrl: process.env['GITHUB_API_URL'] || 'https://api.github.com', ...slug });
}

function checkOptions(workspace: string, inputs: ActionInputs, plan: CheckPlan, range: { base: string; head: string }): CheckOptions {
  return {
    cwd: workspace,
    base: range.base,
    head: range.head,
    eventRefs: true,
    ...(plan.branch !== undefined ? { branch: plan.branch } : {}),
    policy: { repoPath: inputs.policyPath },
    ...(inputs.adminPolicy !== undefined ? { adminPolicy: inputs.adminPolicy } : {}),
    allCommits: inputs.allCommits,
    ...(inputs.failOn !== undefined ? { failOn: inputs.failOn } : {}),
    fetchFrom: REMOTE,
    fetchNotesFrom: REMOTE,
  };
}

async function run(): Promise<void> {
  const env = process.env;
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  // Untrimmed: an inline admin policy is YAML, where indentation matters.
  const get: InputReader = (name) => core.getInput(name, { trimWhitespace: false });
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  let inputs: ActionInputs;
  let payload: unknown;
  let plan: Plan;
  try {
    inputs = readInputs(get, workspace);
    payload = readEventPayload(env['GITHUB_EVENT_PATH']);
    plan = planFromEvent(eventName, payload, env);
  } catch (e) {
    await reportCouldNotJudge(earlyCommentTarget(get, eventName, env['GITHUB_EVENT_PATH']), reasonOf(e));
    throw e;
  }
  if (plan.kind === 'skip') {
    core.info(`agent-gate: ${oneLine(plan.reason)}`);
    for (const [name, value] of Object.entries(outputsOf(null, ''))) core.setOutput(name, value);
    await writeSummary(skippedBody(plan.reason)).catch(() => false);
    return;
  }
  core.info(`agent-gate: ${oneLine(plan.description)}`);
  const warningsSpent = warnEmptyInputs(env);
  core.info(`agent-gate: admin policy: ${oneLine(describeAdminPolicy(inputs.adminPolicy))}`);

  const git = createGit(workspace);
  let judged: Awaited<ReturnType<typeof runCheck>>;
  try {
    await authenticateFetches(git, inputs.token, env['GITHUB_SERVER_URL'] || 'https://github.com', (secret) => core.setSecret(secret), REMOTE);
    await requireRemote(git, REMOTE);
    const range = await resolvePlan(git, plan, REMOTE);
    judged = await runCheck(checkOptions(workspace, inputs, plan, range));
  } catch (e) {
    await reportCouldNotJudge(commentTarget(inputs, plan.pullNumber, payload, gateScope(get)), reasonOf(e));
    throw e;
  }
  const { report, policyFile, warnings } = judged;
  for (const w of warnings) core.warning(w);

  await publish({
    report,
    policyFile,
    reportFile: reportPath(env['RUNNER_TEMP']),
    ...(inputs.sarifFile !== undefined ? { sarifFile: inputs.sarifFile } : {}),
    workspace,
    comment: inputs.comment,
    ...(plan.pullNumber !== undefined ? { pullNumber: plan.pullNumber } : {}),
    commentsApi: plan.pullNumber !== undefined && inputs.comment !== 'never' ? await commentsApi(inputs.token, payload) : { unavailable: 'not needed' },
    runLink: runUrl(env),
    annotations: coreAnnotations,
    commentScope: gateScope(get),
    warningsSpent: warningsSpent + warnings.length,
  });
  const failure = failureLine(report);
  if (failure !== null) core.setFailed(failure);
}

/**
 * An input given as an expression that came out empty is read as not given. That is the weaker
 * gate, and on a fork's pull request it is what `\${{ vars.X }}` gives: say so where it shows.
 * Returns how many warnings that took.
 */
function warnEmptyInputs(env: NodeJS.ProcessEnv): number {
  let warned = 0;
  for (const [name, fallback] of Object.entries(NONEMPTY_DEFAULTS)) {
    // Whitespace alone is empty too: `admin-policy: |` over an empty `${{ vars.X }}` gives "\n".
    if (env[`INPUT_${name.toUpperCase()}`]?.trim() !== '') continue;
    warned++;
    core.warning(`agent-gate: the ${name} input is empty, so ${fallback}. An expression such as \${{ vars.NAME }} is empty where GitHub passes no variables (on pull requests from forks); write the value in the workflow, or leave the input out.`);
  }
  return warned;
}

/**
 * A run that could not judge still updates the pull request's comment, if it has one: an earlier
 * "all clear" must not stay up under a failed check (the agent could push something the gate
 * cannot judge right after a clean run, or the pull request's own workflow could pass an input
 * that cannot be read). Never throws.
 */
async function reportCouldNotJudge(target: CommentTarget | null, line: string): Promise<void> {
  if (target === null || target.mode === 'never') return;
  try {
    const api = await commentsApi(target.token, target.payload);
    if ('unavailable' in api) return;
    const outcome = await syncComment(api, { issue: target.pullNumber, body: `${COMMENT_MARKER}\n${couldNotJudgeBody(line)}`, hasFindings: false, mode: target.mode, scope: target.scope });
    if (outcome.warning !== undefined) core.warning(outcome.warning);
  } catch {
    // The step fails with the reason either way.
  }
}

function reasonOf(err: unknown): string {
  // git-layer errors (a missing commit, a failed git call) are "could not judge" too.
  const e = asGateError(err);
  if (e instanceof GateError) return `agent-gate could not judge: ${oneLine(e.message)}`;
  return `agent-gate internal error: ${oneLine(e instanceof Error ? e.message : String(e))}`;
}

run().catch(async (e: unknown) => {
  const line = reasonOf(e);
  await writeSummary(couldNotJudgeBody(line)).catch(() => false);
  core.setFailed(line);
});
