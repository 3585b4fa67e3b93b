// One entry point for every kind of request: request in, decision with its reason out.
import type { Decision, Explanation, Request } from '../policy/types.ts';
import type { CompiledPolicy } from './compile.ts';
import { decideMcp, decideModel, decidePath, decideText, malformedWrittenPath, moreRestrictive } from './decide.ts';
import { procFolderPath } from '../shell/paths.ts';
import type { ShellAnalysis } from '../shell/types.ts';
import { evaluateShell } from './shell.ts';
import { urlViews } from '../match/url.ts';

/**
 * `/proc/self/cwd/…` names the requesting process's folder, the request's cwd, not the folder
 * agent-gate runs in (where the link resolves on disk): judged there too, the stricter decision
 * winning. Another process's folder is only known at run time, so at least ask.
 */
function procFolderDecision(policy: CompiledPolicy, capability: 'fs_read' | 'fs_write', resource: string, cwd: string, onDisk: Decision): Decision {
  const proc = procFolderPath(resource);
  if (proc === null) return onDisk;
  if (proc.doubt !== null) return moreRestrictive(onDisk.effect, 'ask') ? onDisk : { effect: 'ask', rule: null, reason: proc.doubt };
  const there = decidePath(policy, capability, proc.path, { resolve: true, cwd });
  if (!moreRestrictive(there.effect, onDisk.effect)) return onDisk;
  return { effect: there.effect, rule: there.rule, reason: `${JSON.stringify(resource)} is ${JSON.stringify(there.path)} from the request's folder ${JSON.stringify(cwd)}: ${there.reason}` };
}

/** `analysis`: the shell request's, when the caller has parsed it already. */
export function explain(policy: CompiledPolicy, request: Request, analysis?: ShellAnalysis): Explanation {
  const { capability, resource } = request;
  const cwd = request.cwd ?? '.';
  let d: Decision;
  switch (capability) {
    case 'shell':
      return evaluateShell(policy, resource, cwd, analysis);
    case 'fs_read':
    case 'fs_write': {
      const p = decidePath(policy, capability, resource, { resolve: true, cwd });
      d = procFolderDecision(policy, capability, resource, cwd, { effect: p.effect, rule: p.rule, reason: p.reason });
      break;
    }
    case 'model':
      d = decideModel(policy, resource === '' ? null : resource);
      break;
    case 'web_fetch':
      d = decideText(policy, capability, [resource, ...urlViews(resource)], resource);
      break;
    case 'mcp':
      d = decideMcp(policy, resource);
      break;
    default:
      d = decideText(policy, capability, [resource], resource);
  }
  return { capability, resource, effect: d.effect, rule: d.rule, reason: d.reason, parts: [] };
}

/**
 * A request as a person writes it (`explain`, a policy's `tests:`) or as a log holds it: a path in
 * it is held to the canonical form as written, so `../x`, `a//b` and `src/../x` are denied like
 * their `\` spellings. Record and import write paths already resolved, so a log path with such a
 * segment was written by other means, and `lnk/../key` is not where the text says.
 */
export function explainWritten(policy: CompiledPolicy, request: Request, analysis?: ShellAnalysis): Explanation {
  const { capability, resource } = request;
  if (capability === 'fs_read' || capability === 'fs_write') {
    const d = malformedWrittenPath(resource);
    if (d !== null) return { capability, resource, effect: d.effect, rule: d.rule, reason: d.reason, parts: [] };
  }
  return explain(policy, request, analysis);
}

/**
 * A recorded tool call (log entry, hook payload). Its paths are relative to the repository root
 * (docs/log-format.md), which is how record and import write them. A log written by other means
 * may have meant them relative to the entry's `cwd`, so that reading is judged too, by deny and
 * ask rules only: whichever the writer meant, a denied path is found, and allow never widens.
 */
export function explainEntry(policy: CompiledPolicy, request: Request, analysis?: ShellAnalysis): Explanation {
  const { capability, resource } = request;
  const cwd = request.cwd ?? '.';
  if ((capability !== 'fs_read' && capability !== 'fs_write') || cwd === '.' || cwd === '') return explainWritten(policy, request, analysis);
  const fromRoot = explainWritten(policy, { ...request, cwd: '.' });
  if (fromRoot.effect === 'deny') return fromRoot;
  // `/proc/self/cwd/…` is the folder the tool call ran in, whatever the log meant by its paths.
  if (procFolderPath(resource) !== null) {
    const fromProcess = explain(policy, request);
    return moreRestrictive(fromProcess.effect, fromRoot.effect) ? fromProcess : fromRoot;
  }
  const fromCwd = decidePath(policy, capability, resource, { resolve: true, cwd });
  if (fromCwd.rule === null || fromCwd.effect === 'allow' || !moreRestrictive(fromCwd.effect, fromRoot.effect)) return fromRoot;
  const reason = `read from the entry's cwd ${JSON.stringify(cwd)} as ${JSON.stringify(fromCwd.path)}: ${fromCwd.reason}`;
  return { ...fromRoot, effect: fromCwd.effect, rule: fromCwd.rule, reason };
}
