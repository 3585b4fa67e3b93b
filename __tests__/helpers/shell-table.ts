// Tables of shell commands and the effect a policy gives each, as the write tests state them.
import { describe, expect, test } from '@jest/globals';
import type { CompiledPolicy } from '../../src/engine/compile.ts';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from './policy.ts';

export type ShellRow = [command: string, effect: Effect, why: string];

/** The write tests' policy: every command allowed, writes to src/, dist/ and /tmp/ allowed, secrets/ and .env denied. */
export function writesPolicy(extraShell = '', extraAllow = ''): CompiledPolicy {
  return policyOf({
    workspace: `
rules:
${extraShell}  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["src/**", "dist/**", "/tmp/**"${extraAllow}]}
  - {capability: fs_write, effect: deny, match: ["secrets/**", "**/.env"]}
`,
  }, ['.github/agent-gate.yml']);
}

/** The shell auditors' policy: every command allowed but a few, writes to src/ and /tmp/ allowed, .github/, .kiro/ and secrets/ denied. */
export function auditPolicy(): CompiledPolicy {
  return policyOf({
    workspace: `
rules:
  - {capability: shell, effect: allow, match: ["*"]}
  - {capability: shell, effect: deny, match: ["rm -rf*", "rm *", "curl*", "terraform destroy*", "git push*", "wget*"]}
  - {capability: fs_write, effect: allow, match: ["src/**", "/tmp/**"]}
  - {capability: fs_write, effect: deny, match: [".github/**", ".kiro/**", "secrets/**"]}
`,
  }, ['.github/agent-gate.yml']);
}

/**
 * The audit tables' policy: every command allowed but `shell`, every write allowed but `writes`;
 * with `anywhere`, writes outside the workspace too (`~/**`, `/**`), as a policy that trusts the
 * agent with its home folder does.
 */
export function everythingAllowedBut(shell: readonly string[], writes: readonly string[] = [], anywhere = false): CompiledPolicy {
  return policyOf({
    workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: shell, effect: deny, match: ${JSON.stringify(shell)}}
  - {capability: fs_write, effect: allow, match: ${anywhere ? '["**", "~/**", "/**"]' : '["**"]'}}
${writes.length > 0 ? `  - {capability: fs_write, effect: deny, match: ${JSON.stringify(writes)}}\n` : ''}`,
  }, ['.github/agent-gate.yml']);
}

/** One describe block: each row's command must get its effect under `policy`. */
export function shellTable(policy: CompiledPolicy, name: string, rows: readonly ShellRow[]): void {
  describe(name, () => {
    test.each(rows)('%j -> %s (%s)', (command, effect) => {
      expect(judge(policy, 'shell', command).effect).toBe(effect);
    });
  });
}

/** Rows of several commands that share an effect and a reason. */
export const rowsOf = (effect: Effect, why: string, ...commands: string[]): ShellRow[] => commands.map((c) => [c, effect, why]);
