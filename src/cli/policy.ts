import { resolvedOnDisk } from './ondisk.ts';
import { dirname, isAbsolute, join } from 'node:path';
import { GateError } from '../errors.ts';
import { compilePolicy } from '../engine/compile.ts';
import { explainWritten } from '../engine/explain.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import { findRepositoryRoot, findWorkspaceRoot, homeDir, policyRepoPaths, readPolicyFile, somethingAt } from '../policy/source.ts';
import type { PolicyTestKey, RequestCapability } from '../policy/types.ts';
import { flag, parse, type Io } from './args.ts';

export const POLICY_HELP = `Usage: agent-gate policy lint [--admin] [FILE]
       agent-gate policy test [FILE]

lint  validate a policy file (default .github/agent-gate.yml); --admin checks it as an
      admin policy, which may not allow. Errors name file:line:col; exit 2 on any error.
      Warnings (standard error, exit 0) name patterns that load but cannot fire as written,
      such as a shell pattern holding "|", "&&", ";", a redirection or quotes.
test  judge every entry of the file's tests: list and exit 1 listing each entry whose
      effect differs from its expect. They are judged in the repository holding FILE
      (FILE's folder when none does), wherever the command runs.
`;

const TEST_CAPABILITY: Readonly<Record<PolicyTestKey, RequestCapability>> = {
  shell: 'shell', write: 'fs_write', read: 'fs_read', fetch: 'web_fetch', search: 'web_search', mcp: 'mcp', model: 'model',
};

/**
 * The policy file and the workspace its tests are judged in: the repository holding FILE (or its
 * folder when none does), so the verdicts do not depend on where the command runs (audit 34, XX-3).
 */
function policyPath(io: Io, positional: string | undefined): { path: string; label: string; root: string } {
  if (positional !== undefined) {
    const path = isAbsolute(positional) ? positional : join(io.cwd, positional);
    return { path, label: positional, root: findRepositoryRoot(dirname(path)) ?? dirname(path) };
  }
  const root = findWorkspaceRoot(io.cwd);
  const path = join(root, DEFAULT_POLICY_PATH);
  if (!somethingAt(path)) throw new GateError(`policy: no policy file at ${DEFAULT_POLICY_PATH}; pass FILE or create it`);
  return { path, label: DEFAULT_POLICY_PATH, root };
}

export async function runPolicy(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') { io.out(POLICY_HELP); return sub === undefined ? 2 : 0; }
  if (sub === 'lint') {
    const p = parse('policy lint', rest, { admin: { type: 'boolean' } }, 1);
    if (flag(p, 'help')) { io.out(POLICY_HELP); return 0; }
    const { path, label } = policyPath(io, p.positionals[0]);
    const file = readPolicyFile(path, flag(p, 'admin') ? 'admin' : 'workspace', label);
    for (const w of file.warnings ?? []) io.err(`${w}\n`);
    const warned = file.warnings?.length ? `, ${file.warnings.length} warning${file.warnings.length === 1 ? '' : 's'}` : '';
    io.out(`${label}: ok (${file.rules.length} rules, ${file.trustedCommands.length} trusted commands, ${file.tests.length} tests${warned})\n`);
    return 0;
  }
  if (sub === 'test') {
    const p = parse('policy test', rest, {}, 1);
    if (flag(p, 'help')) { io.out(POLICY_HELP); return 0; }
    const { path, label, root } = policyPath(io, p.positionals[0]);
    const file = readPolicyFile(path, 'workspace', label);
    for (const w of file.warnings ?? []) io.err(`${w}\n`);
    const compiled = compilePolicy([file], { home: homeDir(), root, policyPaths: policyRepoPaths(root, path), resolveLinks: resolvedOnDisk });
    let failed = 0;
    for (const t of file.tests) {
      const result = explainWritten(compiled, { capability: TEST_CAPABILITY[t.key], resource: t.value, cwd: t.cwd ?? '.' });
      if (result.effect !== t.expect) {
        failed++;
        io.out(`${label}:${t.line}: ${t.key} ${JSON.stringify(t.value)}: expected ${t.expect}, got ${result.effect} (${result.reason})\n`);
      }
    }
    const passed = file.tests.length - failed;
    io.out(`${passed} passed, ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  }
  throw new GateError(`policy: unknown subcommand "${sub}" (expected lint or test); see 'agent-gate policy --help'`);
}
