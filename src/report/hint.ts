// A one-line hint per finding: how a human would change the outcome, if they want to.
import { BUILTIN_FILE } from '../policy/types.ts';
import { isLogTamper, type Finding } from './model.ts';

export function hintFor(f: Finding, policyFile: string): string {
  const rule = f.rule;
  if (isLogTamper(f)) {
    return 'logs are append-only and chained; restore the original lines instead of editing them';
  }
  if (rule === null) {
    return `no rule covers this; a human can add an allow rule for ${f.capability} matching it to ${policyFile} on the base branch`;
  }
  if (rule.file === BUILTIN_FILE && rule.scope === 'kiro') {
    return rule.effect === 'deny'
      ? 'the built-in kiro scope cannot be overridden; revert this change or have a human make it'
      : 'a protected path: a human should make or approve this change';
  }
  if (rule.pattern === 'models.allow') return `add the model to models.allow in ${rule.file}, or use an allowed model`;
  if (rule.pattern === 'models.unknown') return 'name the model in a trailer (Assisted-by: AGENT:MODEL or Model: MODEL), or set models.unknown';
  if (rule.scope === 'admin') return `decided by the admin policy (${rule.file}); ask its owners`;
  // Only this machine reads the user policy: CI judges the commit without it (SPEC 3).
  if (rule.scope === 'user') return `decided by your own user rule #${rule.index} in ${rule.file} ("${rule.pattern}"), which only this machine applies; change it there if this is intended`;
  return `decided by ${rule.scope} rule #${rule.index} in ${rule.file} ("${rule.pattern}"); change it there on the base branch if this is intended`;
}
