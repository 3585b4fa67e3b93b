// Compound-aware shell evaluation (SPEC 5): every sub-command and redirection target the analyser
// finds is judged on its own, and the command gets the most restrictive result.
import { analyzeShell } from '../shell/analyze.ts';
import type { ShellAnalysis, WritePart } from '../shell/types.ts';
import { kiroPrefixTrust } from '../match/text.ts';
import type { DecisionPart, Explanation } from '../policy/types.ts';
import type { CompiledPolicy } from './compile.ts';
import { decidePath, decideText, moreRestrictive, NO_RULE } from './decide.ts';

/**
 * The most restrictive part decides; among equals, one that names a rule, so an allowed
 * `timeout 5 npm test` names the rule that allowed `npm test`, not the transparent wrapper.
 */
function combine(command: string, parts: DecisionPart[]): Explanation {
  let winner: DecisionPart | null = null;
  for (const p of parts) {
    if (winner === null || moreRestrictive(p.effect, winner.effect) || (p.effect === winner.effect && winner.rule === null && p.rule !== null)) winner = p;
  }
  if (winner === null) {
    return { capability: 'shell', resource: command, effect: 'ask', rule: null, reason: 'no sub-command to judge', parts };
  }
  // The fallback keeps SPEC 1's exact reason; `parts` (and a finding's `part`) say where it applied.
  const fallback = winner.rule === null && winner.reason === NO_RULE;
  const reason = parts.length > 1 && !fallback ? `${winner.capability === 'fs_write' ? 'write' : 'sub-command'} ${JSON.stringify(winner.text)}: ${winner.reason}` : winner.reason;
  return { capability: 'shell', resource: command, effect: winner.effect, rule: winner.rule, reason, parts };
}

/** A name for "anything in this folder", to judge what a folder taken away holds. */
const HELD_PROBE = 'agent-gate-probe';

/** The folders above `cwd` (`src/a` -> `src`, `.`; `~/p` -> `~`, `/`; `/w/r` -> `/w`, `/`). */
function foldersAbove(cwd: string): string[] {
  const out: string[] = [];
  let dir = cwd === '' ? '.' : cwd.replace(/\/+$/, '');
  for (;;) {
    if (dir === '.' || dir === '/' || dir === '') return out;
    const slash = dir.lastIndexOf('/');
    dir = dir === '~' ? '/' : slash < 0 ? '.' : slash === 0 ? '/' : dir.slice(0, slash);
    out.push(dir);
  }
}

/**
 * A file a command writes (SPEC 5.5): judged where the shell may be, where git may run what it
 * starts, through links moved there earlier in the command, and as the placers write it.
 */
function judgeWrite(policy: CompiledPolicy, part: WritePart, cwd: string): DecisionPart {
  const unfollowedTail = part.entryOnly === true ? 1 : part.inEntry === true ? 2 : 0;
  let d = decidePath(policy, 'fs_write', part.target, { resolve: true, cwd, unfollowedTail });
  let after = '';
  // After a `cd` (or inside `env -C DIR`), the target may lie in another folder: the most
  // restrictive place wins.
  for (const dir of part.alsoIn ?? []) {
    const there = decidePath(policy, 'fs_write', `${dir}/${part.target}`, { resolve: true, cwd, unfollowedTail });
    if (moreRestrictive(there.effect, d.effect)) {
      d = there;
      after = ` (in ${JSON.stringify(dir)}, where a cd or a wrapper may have moved)`;
    }
  }
  // git starts it in the top folder of the work tree, which is the cwd or a folder above it.
  if (part.fromTop === true && !/^[/~\\]/.test(part.target)) {
    for (const top of foldersAbove(cwd)) {
      for (const path of [part.target, ...(part.alsoIn ?? []).map((dir) => `${dir}/${part.target}`)]) {
        const there = decidePath(policy, 'fs_write', path, { resolve: true, cwd: top, unfollowedTail });
        if (moreRestrictive(there.effect, d.effect)) {
          d = there;
          after = ` (from ${JSON.stringify(top)}, where git may run what it starts: the top folder of the work tree)`;
        }
      }
    }
  }
  // A link moved or copied here earlier in the command points on from its new place: where it
  // lands is known only at the old one, and only for the same depth.
  for (const from of part.carriedFrom ?? []) {
    // What mv takes away is the entry itself: only links above it matter.
    const through = unfollowedTail > 0 ? from.replace(/\/+$/, '').replace(/\/?[^/]*$/, '') || '.' : from;
    if (policy.landing === null || policy.landing(through, cwd).length === 0) continue;
    const there = decidePath(policy, 'fs_write', from, { resolve: true, cwd, unfollowedTail });
    const moved = moreRestrictive(there.effect, 'ask') ? there
      : { ...there, effect: 'ask' as const, rule: null, reason: `${JSON.stringify(from)} goes through a symlink, and this command moved or copied it to where it writes, so where the write lands is not known` };
    if (moreRestrictive(moved.effect, d.effect)) {
      d = { ...moved, path: d.path };
      after = ` (moved or copied there from ${JSON.stringify(from)})`;
    }
  }
  // Taken away (mv's source): if it is a folder, what it holds goes too.
  if (part.holds === true) {
    // A link taken away takes nothing with it: what lies in it is not followed through it.
    const inner = decidePath(policy, 'fs_write', `${part.target.replace(/\/+$/, '')}/${HELD_PROBE}`, { resolve: true, cwd, unfollowedTail: 2 });
    if (inner.rule !== null && moreRestrictive(inner.effect, d.effect)) {
      // The probe's name is no file of the user's: the reason names the folder.
      d = { ...inner, path: d.path, reason: `what it holds, if it is a folder: ${inner.reason.split(`/${HELD_PROBE}`).join('')}` };
    } else if (d.rule === null && d.effect === 'ask' && inner.effect === 'allow') {
      d = { ...inner, path: d.path, reason: `a folder whose contents are allowed: ${inner.reason}` };
    }
  }
  // Written only if the destination is a folder (`cp a b` as `b/a`): not known, so a deny asks.
  if (part.ifFolder !== undefined && d.effect === 'deny') {
    d = { effect: 'ask', rule: null, path: d.path, reason: `only if ${JSON.stringify(part.ifFolder)} is a folder, and then ${d.reason}` };
  }
  // A folder written into: what lands in it is judged as its own write.
  if (part.mayBeFolder === true && d.rule === null && d.effect === 'ask' && part.forceAsk === null) {
    return { text: part.target, capability: 'fs_write', effect: 'allow', rule: null, reason: `${writer(part.operator)} may write into this folder, and what it puts there is judged on its own` };
  }
  const forced = part.forceAsk !== null && d.effect === 'allow';
  return {
    text: part.target, capability: 'fs_write', effect: forced ? 'ask' : d.effect, rule: forced ? null : d.rule,
    reason: forced ? part.forceAsk ?? '' : d.rule === null && d.reason === NO_RULE ? NO_RULE : `${writer(part.operator)} writes ${JSON.stringify(d.path)}${after}: ${d.reason}`,
  };
}

export function judgeAnalysis(policy: CompiledPolicy, command: string, analysis: ShellAnalysis, cwd: string): Explanation {
  if (analysis.failure !== null) {
    // Unparseable input is judged as one string: a deny pattern on the raw text still denies.
    const raw = command.replace(/\s+/g, ' ').trim();
    const d = decideText(policy, 'shell', [raw], null);
    const effect = d.effect === 'deny' ? 'deny' : 'ask';
    const reason = `could not be parsed (${analysis.failure}), so it fails closed${effect === 'deny' ? `; ${d.reason}` : ''}`;
    const rule = effect === 'deny' ? d.rule : null;
    return { capability: 'shell', resource: command, effect, rule, reason, parts: [{ text: raw, capability: 'shell', effect, rule, reason }] };
  }
  if (analysis.empty) {
    return { capability: 'shell', resource: command, effect: 'ask', rule: null, reason: 'empty command or a comment alone', parts: [] };
  }
  const parts: DecisionPart[] = [];
  for (const part of analysis.parts) {
    if (part.kind === 'write') {
      parts.push(judgeWrite(policy, part, cwd));
      continue;
    }
    const d = decideText(policy, 'shell', [part.text, ...part.views], part.wrapper ? null : part.textWithAssignments);
    if (part.forceAsk !== null && d.effect !== 'deny') {
      parts.push({ text: part.text, capability: 'shell', effect: 'ask', rule: d.effect === 'ask' ? d.rule : null, reason: part.forceAsk });
    } else if (part.wrapper && d.effect === 'ask' && d.rule === null) {
      parts.push({ text: part.text, capability: 'shell', effect: 'allow', rule: null, reason: 'transparent wrapper: the command inside it is judged on its own' });
    } else {
      parts.push({ text: part.text, capability: 'shell', effect: d.effect, rule: d.rule, reason: d.reason });
    }
  }
  const result = combine(command, parts);
  if (analysis.suspicious !== null && result.effect === 'allow') {
    result.effect = 'ask';
    result.rule = null;
    result.reason = `${analysis.suspicious}: capped at ask`;
  }
  if (result.effect !== 'allow') {
    const trusted = kiroPrefixTrust(command, policy.trustedCommands);
    if (trusted !== null) {
      result.reason += `; prefix-trust gap: Kiro IDE would auto-run this whole command because it starts with trusted command "${trusted}"`;
    }
  }
  return result;
}

/** `analysis`, when the caller has it already (check reads the links a command makes from it). */
export function evaluateShell(policy: CompiledPolicy, command: string, cwd = '.', analysis: ShellAnalysis = analyzeShell(command)): Explanation {
  return judgeAnalysis(policy, command, analysis, cwd);
}

/** Who writes the file: a redirection (`>`, `2>>`, `&>`), or the option of a program that writes it (`time -o`). */
function writer(operator: string): string {
  return /[<>]/.test(operator) ? 'redirection' : operator;
}
