import { GateError } from '../errors.ts';
import { GitError } from '../git/errors.ts';
import { formatHookResult, runHookStage, type HookStage } from '../hook/run.ts';
import { choice, flag, parse, str, type Io } from './args.ts';

export const HOOK_HELP = `Usage: agent-gate hook pre-commit [--fail-on deny|ask]
       agent-gate hook commit-msg [MSGFILE] [--fail-on deny|ask]

Judge the staged change (the index git is about to commit) when an agent makes the commit:
an agent shell's environment (CLAUDECODE, GEMINI_CLI, CODEX_SANDBOX,
CODEX_SANDBOX_NETWORK_DISABLED, AWS_EXECUTION_ENV with AmazonQ or Kiro, and the policy's
agents.env), a known agent as author or committer (as check reads them, agents.identities
included), staged command-log entries, or at commit-msg the message's trailers; every commit with
'agents: all'. The policy is .github/agent-gate.yml as of HEAD plus
~/.kiro/settings/permissions.yaml. Installed by 'agent-gate install'.
Exit codes: 0 commit goes ahead, 1 blocked (deny, or ask with --fail-on ask or the policy's
failOn: ask), 2 could not judge.
`;

export async function runHookCommand(argv: string[], io: Io): Promise<number> {
  const [stage, ...rest] = argv;
  if (stage === undefined || stage === '--help' || stage === '-h') { io.out(HOOK_HELP); return stage === undefined ? 2 : 0; }
  if (stage !== 'pre-commit' && stage !== 'commit-msg') {
    throw new GateError(`hook: unknown hook "${stage}" (expected pre-commit or commit-msg); see 'agent-gate hook --help'`);
  }
  const p = parse(`hook ${stage}`, rest, { 'fail-on': { type: 'string' } }, stage === 'commit-msg' ? 1 : 0);
  if (flag(p, 'help')) { io.out(HOOK_HELP); return 0; }
  const failOn = str(p, 'fail-on') === undefined ? undefined : choice('hook', p, 'fail-on', ['deny', 'ask'] as const, 'deny');
  const messageFile = p.positionals[0];
  let result;
  try {
    result = await runHookStage({
      stage: stage as HookStage, cwd: io.cwd, env: io.env,
      ...(failOn !== undefined ? { failOn } : {}),
      ...(messageFile !== undefined ? { messageFile } : {}),
    });
  } catch (e) {
    // A git failure is a reason the hook could not judge (exit 2), not an internal error.
    if (e instanceof GitError) throw new GateError(`hook ${stage}: ${e.message}`);
    throw e;
  }
  for (const w of result.warnings) io.err(`${w}\n`);
  const text = formatHookResult(stage as HookStage, result);
  if (text !== '') io.err(text);
  return result.blocked ? 1 : 0;
}
