// `record --enforce` judges the call in a worker thread with a memory limit and a deadline. Kiro and
// Claude Code block a tool call only on exit 2: a judge that runs out of memory (V8 aborts the
// process with 134) or outlives the agent's hook timeout would let the call run. In a worker, both
// end as a message to the main thread, which can still block the call and record it.
import { resolvedOnDisk } from './ondisk.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { GateError } from '../errors.ts';
import { JUDGE_WORKER_ARGV } from './codecache.ts';
import { diskLanding, diskLinksBelow } from './physical.ts';
import { diskForeignRepository } from './repositories.ts';
import { compilePolicy } from '../engine/compile.ts';
import { explainEntry } from '../engine/explain.ts';
import { homeDir, loadDiskPolicies, type DiskPolicies } from '../policy/source.ts';
import type { Explanation, RequestCapability } from '../policy/types.ts';

/** The requests of one call as one repository sees them, judged by that repository's policies. */
export interface WorkspaceJudgement {
  root: string;
  /**
   * Which policies to read for it (loadDiskPolicies' options). The worker reads them, within its
   * limits: a policy the agent wrote in a nested repository may be made slow to load (audit 37, AH-1).
   */
  load: { policy?: string; user?: boolean };
  requests: Array<{ capability: RequestCapability; resource: string; cwd: string }>;
  /** Judge the requests as check replays them (CompileOptions.replayedPaths). */
  replayed?: boolean;
}

/** The call in the repository that holds it first, then in each repository around that one. */
export interface JudgeTask {
  workspaces: WorkspaceJudgement[];
}

export interface JudgeLimits {
  /** Milliseconds before the judge is stopped. */
  timeoutMs: number;
  /** The worker's old-generation heap, in MiB. */
  memoryMb: number;
}

// Well inside Kiro's default hook timeout (30 s); a real call is judged in milliseconds.
export const DEFAULT_JUDGE_LIMITS: JudgeLimits = { timeoutMs: 10_000, memoryMb: 512 };

const EXIT_GRACE_MS = 2_000;

export type JudgeOutcome =
  /** One list per workspace of the task, one result per request, with the policies read for each. */
  | { kind: 'judged'; results: Explanation[][]; policies: DiskPolicies[] }
  /** The policy could not be compiled: the same one-line error as without a worker. */
  | { kind: 'error'; message: string }
  /** The judge did not finish: out of memory, out of time, or crashed. */
  | { kind: 'unfinished'; reason: string };

interface TaskMessage { agentGateJudge: JudgeTask }

function isTaskMessage(data: unknown): data is TaskMessage {
  return typeof data === 'object' && data !== null && 'agentGateJudge' in data;
}

/**
 * The judging itself, the same as `explain` does for each request. Every policy is read before
 * any request is judged, so a broken one is reported as such whichever workspace holds it.
 */
export function judgeRequests(task: JudgeTask): { results: Explanation[][]; policies: DiskPolicies[] } {
  const policies = task.workspaces.map((w) => loadDiskPolicies(w.root, w.load));
  // The call has not run yet and its files are here: paths, redirections' included, land where
  // the file system will put them.
  const home = homeDir();
  const results = task.workspaces.map((w, k) => {
    const read = policies[k] as DiskPolicies;
    const compiled = compilePolicy(read.files, { home, root: w.root, policyPaths: read.policyPaths, landing: diskLanding(w.root, home), linksBelow: diskLinksBelow(w.root, home), foreignRepository: diskForeignRepository(w.root, home), resolveLinks: resolvedOnDisk, replayedPaths: w.replayed === true });
    return w.requests.map((r) => explainEntry(compiled, r));
  });
  return { results, policies };
}

/**
 * In a worker started by judgeInWorker: judge its task, post the outcome, and return true. In the
 * main thread (or any other worker): false, and the caller runs the command line as usual.
 */
export function serveJudgeTask(): boolean {
  if (isMainThread || parentPort === null || !isTaskMessage(workerData)) return false;
  let outcome: JudgeOutcome;
  try {
    outcome = { kind: 'judged', ...judgeRequests(workerData.agentGateJudge) };
  } catch (e) {
    outcome = e instanceof GateError
      ? { kind: 'error', message: e.message }
      : { kind: 'unfinished', reason: `the judge failed (${e instanceof Error ? e.message : String(e)})` };
  }
  parentPort.postMessage(outcome);
  return true;
}

/** The launcher the worker starts from: next to the bundle, so it shares the code cache. */
function workerEntry(): string | null {
  // The CLI bundle runs inside a CommonJS wrapper whose __dirname is dist/.
  if (typeof __dirname !== 'string') return null;
  const entry = join(__dirname, 'cli.js');
  return existsSync(entry) ? entry : null;
}

function isJudgeOutcome(value: unknown): value is JudgeOutcome {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** Judges `task` in a worker thread; every way it can fail to finish is an `unfinished` outcome. */
export function judgeInWorker(task: JudgeTask, limits: JudgeLimits = DEFAULT_JUDGE_LIMITS): Promise<JudgeOutcome> {
  const entry = workerEntry();
  // Without the bundle beside it (source run by tests) there is no worker to start: judge here.
  if (entry === null) {
    try {
      return Promise.resolve({ kind: 'judged', ...judgeRequests(task) });
    } catch (e) {
      if (e instanceof GateError) return Promise.resolve({ kind: 'error', message: e.message });
      throw e;
    }
  }
  return new Promise((resolve) => {
    let settled = false;
    let answer: JudgeOutcome | null = null;
    const finish = (outcome: JudgeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      void worker.terminate();
    };
    const worker = new Worker(entry, {
      argv: [JUDGE_WORKER_ARGV],
      workerData: { agentGateJudge: task } satisfies TaskMessage,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
      // Anything the worker prints stays out of the hook's output, which agents parse.
      stdout: true,
      stderr: true,
    });
    let timer = setTimeout(() => finish({ kind: 'unfinished', reason: `judging took longer than ${limits.timeoutMs < 1000 ? `${limits.timeoutMs} ms` : `${limits.timeoutMs / 1000} s`}` }), limits.timeoutMs);
    worker.on('message', (m: unknown) => {
      answer = isJudgeOutcome(m) ? m : { kind: 'unfinished', reason: 'the judge sent an unreadable answer' };
      // The worker ends by itself once it has answered, writing its code cache on the way out;
      // it gets a moment for that, and no more.
      clearTimeout(timer);
      const given = answer;
      timer = setTimeout(() => finish(given), EXIT_GRACE_MS);
    });
    worker.on('error', (e: Error & { code?: string }) => finish(answer ?? {
      kind: 'unfinished',
      reason: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `judging needed more than ${limits.memoryMb} MiB of memory` : `the judge failed (${e.message})`,
    }));
    worker.on('exit', (code) => finish(answer ?? { kind: 'unfinished', reason: `the judge stopped with exit code ${code} before answering` }));
  });
}
