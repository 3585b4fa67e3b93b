import { compilePolicy, type CompiledPolicy } from '../../src/engine/compile.ts';
import { explain } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect, Explanation, RequestCapability, ScopeName } from '../../src/policy/types.ts';

export const HOME = '/home/dev';
export const ROOT = '/work/repo';

/** Compiles YAML policies keyed by scope, as the CLI would, with a fixed home and root. */
export function policyOf(sources: Partial<Record<ScopeName, string>> = {}, policyPaths: string[] = []): CompiledPolicy {
  const files = Object.entries(sources).map(([scope, text]) =>
    loadPolicy(text ?? '', scope === 'workspace' ? '.github/agent-gate.yml' : `${scope}.yml`, scope as ScopeName));
  return compilePolicy(files, { home: HOME, root: ROOT, policyPaths });
}

export function judge(policy: CompiledPolicy, capability: RequestCapability, resource: string, cwd = '.'): Explanation {
  return explain(policy, { capability, resource, cwd });
}

export function effectOf(policy: CompiledPolicy, capability: RequestCapability, resource: string, cwd = '.'): Effect {
  return judge(policy, capability, resource, cwd).effect;
}

/** A workspace policy denying fs_write of `patterns` and allowing every other write. */
export function denyThenAllowAll(patterns: string[]): string {
  return `rules:
  - capability: fs_write
    effect: deny
    match: ${JSON.stringify(patterns)}
  - capability: fs_write
    effect: allow
    match: ["**"]
`;
}
