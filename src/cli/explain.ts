import { resolvedOnDisk } from './ondisk.ts';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { compilePolicy } from '../engine/compile.ts';
import { describeRule } from '../engine/decide.ts';
import { explainWritten } from '../engine/explain.ts';
import { lookalikeWarning } from '../policy/lookalike.ts';
import { diskLookalikes, homeDir, insideRoot, loadDiskPolicies } from '../policy/source.ts';
import { failsOnAsk, mergeEnclosing, repositoriesOf, withEnclosing } from './enclosing.ts';
import type { Explanation, Request, RequestCapability, RuleRef } from '../policy/types.ts';
import { jsonSpelled, quoted, spellUnseen } from '../report/escape.ts';
import { flag, parse, str, type Io } from './args.ts';
import { chdirTarget, diskLanding, diskLinksBelow, physicalPath } from './physical.ts';
import { diskForeignRepository } from './repositories.ts';

export const EXPLAIN_HELP = `Usage: agent-gate explain [--policy FILE] [--admin-policy FILE] [--cwd DIR] [--json]
                          (--shell CMD | --write PATH | --read PATH | --fetch URL |
                           --search QUERY | --mcp SERVER/TOOL | --model ID)

Judge one request against the policy and say which rule decided, in which scope.
The workspace policy is .github/agent-gate.yml in the working tree of the repository that holds
--cwd (else the current folder) unless --policy is given.
  --cwd DIR   the folder the request runs in, for relative paths and redirections (a relative
              DIR is taken from the current folder)
  --json      print one JSON object: capability, resource, effect, rule, reason, parts
Exits 0 whatever the effect; 2 when the policy or the arguments are bad.
`;

const REQUEST_FLAGS: ReadonlyArray<[string, RequestCapability]> = [
  ['shell', 'shell'], ['write', 'fs_write'], ['read', 'fs_read'], ['fetch', 'web_fetch'],
  ['search', 'web_search'], ['mcp', 'mcp'], ['model', 'model'],
];

export function formatRule(rule: RuleRef | null): string {
  // A pattern can hold a zero-width or bidi character (filesystem ones match through them).
  return rule === null ? 'no rule' : `${describeRule(rule)}: ${rule.effect} "${spellUnseen(rule.pattern)}"`;
}

export function formatExplanation(e: Explanation): string {
  const lines = [`${e.effect}: ${e.capability} ${quoted(e.resource)}`, `  rule:   ${formatRule(e.rule)}`, `  reason: ${spellUnseen(e.reason)}`];
  if (e.parts.length > 1 || (e.parts.length === 1 && e.parts[0]?.text !== e.resource)) {
    lines.push('  parts:');
    for (const p of e.parts) lines.push(`    ${p.effect.padEnd(5)} ${p.capability.padEnd(8)} ${quoted(p.text)}  (${formatRule(p.rule)})`);
  }
  return lines.join('\n') + '\n';
}

export async function runExplain(argv: string[], io: Io): Promise<number> {
  const p = parse('explain', argv, {
    policy: { type: 'string' }, 'admin-policy': { type: 'string' }, cwd: { type: 'string' }, json: { type: 'boolean' },
    ...Object.fromEntries(REQUEST_FLAGS.map(([f]) => [f, { type: 'string' as const }])),
  }, 0, REQUEST_FLAGS.map(([f]) => f));
  if (flag(p, 'help')) { io.out(EXPLAIN_HELP); return 0; }
  const given = REQUEST_FLAGS.filter(([f]) => str(p, f) !== undefined);
  if (given.length !== 1) {
    throw new GateError(`explain: give exactly one of ${REQUEST_FLAGS.map(([f]) => '--' + f).join(', ')}; see 'agent-gate explain --help'`);
  }
  const [name, capability] = given[0] as [string, RequestCapability];
  const cwdArg = str(p, 'cwd');
  // A relative --cwd is taken from the folder explain runs in, as `git -C` takes it, so `--cwd .`
  // is where you stand; `~/…` stays for the engine to expand, as in a log entry.
  const folder = cwdArg === undefined ? io.cwd : cwdArg === '~' || cwdArg.startsWith('~/') ? null : chdirTarget(io.cwd, cwdArg);
  // The request runs in that folder, so its repository's policy applies, as `record` finds it for
  // a payload's cwd: from where explain runs, a call in another repository would miss that policy.
  const place = folder ?? join(homeDir(), (cwdArg ?? '~').slice(1));
  const [root = resolve(place), ...others] = repositoriesOf(place);
  // A folder that does not exist yet is a fair what-if, but a mistyped one is judged under the
  // policy of whatever repository holds a folder above it: say so.
  if (cwdArg !== undefined && statSync(place, { throwIfNoEntry: false })?.isDirectory() !== true) {
    io.err(`agent-gate: explain: warning: --cwd ${JSON.stringify(spellUnseen(cwdArg))} is not a folder on this disk; judged as if it were one, in the workspace ${JSON.stringify(spellUnseen(root))}\n`);
  }
  const policy = str(p, 'policy');
  const adminPolicy = str(p, 'admin-policy');
  const disk = loadDiskPolicies(root, {
    ...(policy !== undefined ? { policy } : {}),
    ...(adminPolicy !== undefined ? { adminPolicy } : {}),
  });
  if (policy === undefined && !disk.files.some((f) => f.scope === 'workspace')) {
    const lookalike = lookalikeWarning(diskLookalikes(root), 'in the working tree');
    if (lookalike !== null) io.err(`${lookalike}\n`);
  }
  const compiled = compilePolicy(disk.files, { home: homeDir(), root, policyPaths: disk.policyPaths, landing: diskLanding(root, homeDir()), linksBelow: diskLinksBelow(root, homeDir()), foreignRepository: diskForeignRepository(root, homeDir()), resolveLinks: resolvedOnDisk });
  const cwd = folder === null ? (cwdArg ?? '.') : resolve(folder) === resolve(root) ? '.' : (insideRoot(root, folder) ?? insideRoot(root, physicalPath(resolve(folder))) ?? resolve(folder));
  const request: Request = { capability, resource: str(p, name) ?? '', cwd };
  // record reads a path as the file system will (links followed), so explain says the same, of a
  // redirection's target too.
  const own = explainWritten(compiled, request);
  // As record judges a call from a repository nested in others (audit 33, UU-1): each enclosing
  // repository's policy judges it too, from where the folder lies in that repository.
  // An admin policy only adds rules, so the enclosing repositories still judge (audit 39, AM-4);
  // --policy stands in for the repository's own policy, and so for theirs.
  const outerRoots = policy === undefined ? withEnclosing([root, ...others]).slice(1) : [];
  const admin = disk.files.filter((f) => f.scope === 'admin');
  const askingRoots = new Set<string>();
  const outer = outerRoots.map((r) => {
    const theirs = loadDiskPolicies(r, {});
    if (failsOnAsk(theirs.files)) askingRoots.add(r);
    const judge = compilePolicy([...admin, ...theirs.files], { home: homeDir(), root: r, policyPaths: theirs.policyPaths, landing: diskLanding(r, homeDir()), linksBelow: diskLinksBelow(r, homeDir()), foreignRepository: diskForeignRepository(r, homeDir()), resolveLinks: resolvedOnDisk });
    return [explainWritten(judge, { ...request, cwd: insideRoot(r, place) ?? resolve(place) })];
  });
  const result = mergeEnclosing([[own], ...outer], [root, ...outerRoots], undefined, askingRoots)[0] ?? own;
  io.out(flag(p, 'json') ? jsonSpelled(result) + '\n' : formatExplanation(result));
  return 0;
}
