import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, DIST_CLI, runCli, tempTree } from '../helpers/cli.ts';
import { cleanupRepos, tempDir, TestRepo, type Identity } from '../helpers/gitrepo.ts';

const KIRO: Identity = { name: 'Kiro Agent', email: '123+kiro-agent@users.noreply.github.com' };
const HUMAN: Identity = { name: 'Dana Dev', email: 'dana@example.com' };
/** Where the tests put files outside the repository: removed with the repositories, so a run leaves nothing in TMPDIR. */
const outside = tempDir('ag-outside-');
const CLAUDE_TRAILER = '\n\nCo-authored-by: Claude <noreply@anthropic.com>\n';

const POLICY = `rules:
  - capability: fs_write
    effect: allow
    match: ["src/**", "docs/**", "README.md"]
  - capability: fs_write
    effect: deny
    match: ["**/.env", "secrets/**"]
`;

interface JsonReport {
  passed: boolean;
  decision: string;
  failOn: string;
  range: { base: string; head: string };
  commits: Array<{ sha: string; agent: boolean; signals: string[]; model: string | null }>;
  findings: Array<{ effect: string; capability: string; resource: string; commit: string; source: { kind: string; file: string }; part: string | null; rule: { scope: string; index: number; pattern: string } | null; reason: string }>;
  counts: { deny: number; ask: number };
}

/** A repository whose main branch has a human commit with the policy, and a work branch on top. */
function setup(policy = POLICY): { repo: TestRepo; base: string } {
  const repo = TestRepo.init();
  repo.write('.github/agent-gate.yml', policy).write('README.md', 'hello\n');
  const base = repo.commit('chore: add policy', { author: HUMAN });
  repo.checkout('work', { create: true });
  return { repo, base };
}

function check(repo: TestRepo, args: string[] = []): { code: number; report: JsonReport; stderr: string } {
  const r = runCli(['check', '--base', 'main', '--format', 'json', ...args], { cwd: repo.dir });
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

afterAll(() => cleanupRepos());

describe('check: findings from diffs', () => {
  test('an agent commit that writes .kiro/settings is denied; the JSON report has the SPEC shape', () => {
    const { repo, base } = setup();
    repo.write('src/a.ts', 'export {};\n');
    const good = repo.commit('feat: a', { author: KIRO });
    repo.write('.kiro/settings/mcp.json', '{}\n');
    const bad = repo.commit('chore: mcp', { author: KIRO });
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(Object.keys(report)).toEqual(['version', 'passed', 'decision', 'failOn', 'range', 'commits', 'findings', 'counts']);
    expect(report).toMatchObject({ passed: false, decision: 'deny', failOn: 'deny', range: { base, head: bad }, counts: { deny: 1, ask: 0 } });
    expect(report.commits.map((c) => [c.sha, c.agent])).toEqual([[good, true], [bad, true]]);
    expect(report.commits[0]?.signals).toEqual([`identity: author ${KIRO.name} <${KIRO.email}>`, `identity: committer ${KIRO.name} <${KIRO.email}>`]);
    const f = report.findings[0];
    expect(Object.keys(f ?? {})).toEqual(['effect', 'capability', 'resource', 'commit', 'source', 'part', 'rule', 'reason']);
    expect(f).toMatchObject({
      effect: 'deny', capability: 'fs_write', resource: '.kiro/settings/mcp.json', commit: bad,
      source: { kind: 'diff', file: '.kiro/settings/mcp.json' }, part: null,
      rule: { scope: 'kiro', file: '(built-in)', index: 0, effect: 'deny', pattern: '**/.kiro/settings/**' },
    });
    // SPEC 10's source has a line; a diff has none, and the key stays, as null.
    expect(f?.source).toEqual({ kind: 'diff', file: '.kiro/settings/mcp.json', line: null });
  });

  test('a clean agent range passes with exit 0; human commits are listed but not judged', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit('feat: a', { author: KIRO });
    repo.write('.kiro/settings/mcp.json', '{}\n');
    const human = repo.commit('chore: human edit', { author: HUMAN });
    const { code, report } = check(repo);
    expect(code).toBe(0);
    expect(report.passed).toBe(true);
    expect(report.commits.find((c) => c.sha === human)).toMatchObject({ agent: false, signals: [] });
    expect(report.findings).toEqual([]);
  });

  test.each([
    ['.Kiro/Settings/MCP.JSON', 'deny'],
    ['.ki\u200cro/settings/mcp.json', 'deny'],
    ['.kiro./settings/mcp.json', 'deny'],
    ['.kiro\\settings\\mcp.json', 'deny'],
    ['KIRO~1/settings/mcp.json', 'ask'],
  ])('alias spelling %j is %s and says "alias of"', (path, effect) => {
    const { repo } = setup();
    repo.write(path, '{}\n');
    repo.commit('sneaky', { author: KIRO });
    const { report } = check(repo);
    const f = report.findings.find((x) => x.resource === path);
    expect(f?.effect).toBe(effect);
    if (effect === 'deny') expect(f?.reason).toContain('alias of protected path ".kiro/settings/mcp.json"');
  });

  test('names with a newline, a quote, a tab and invalid UTF-8 are exact or denied', () => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: deny, match: ["**/bad*"]}\n');
    repo.write('bad\nname"q\tt', 'x\n');
    repo.write(Buffer.from([0x66, 0xff, 0x2e, 0x74, 0x73]), 'x\n');
    const sha = repo.commit('odd names', { author: KIRO });
    const { report } = check(repo);
    expect(report.findings.find((f) => f.resource === 'bad\nname"q\tt')).toMatchObject({ effect: 'deny', commit: sha });
    expect(report.findings.find((f) => f.reason === 'path is not valid UTF-8')).toMatchObject({ effect: 'deny', resource: 'f\\xff.ts' });
    // In the text report a name cannot start a line of its own.
    const text = runCli(['check', '--base', 'main'], { cwd: repo.dir }).stdout;
    expect(text.split('\n').some((l) => l.startsWith('name"q'))).toBe(false);
    expect(text).toContain('"bad\\nname\\"q\\tt"');
  });

  // Audit AO-2: the SARIF location of a name that is not UTF-8 was its `\xff` spelling, which is
  // the URI of another, valid file (`k\xff`, backslash included) that may sit beside it, allowed.
  test('SARIF points a finding on a name that is not UTF-8 at the policy, not at a file spelled like it', () => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\n');
    repo.write(Buffer.from([0x6b, 0xff]), 'x\n');
    repo.write('k\\xff', 'x\n');
    repo.write('bad\nname', 'x\n');
    repo.commit('odd names', { author: KIRO });
    const r = runCli(['check', '--base', 'main', '--format', 'sarif'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; properties: Record<string, unknown> }> }> }).runs[0]?.results ?? [];
    const where = results.map((x) => [x.locations[0]?.physicalLocation.artifactLocation.uri, x.properties['sourceFile'] ?? null]);
    expect(where).toEqual(expect.arrayContaining([['.github/agent-gate.yml', 'k\\xff'], ['bad%0Aname', null]]));
    expect(where).toHaveLength(2);
  });

  test('deletions, type changes, mode changes and both sides of a rename are judged', () => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: deny, match: ["locked/**"]}\n  - {capability: fs_write, effect: allow, match: ["free/**"]}\n');
    repo.write('locked/a.txt', 'a\n').write('locked/b.sh', 'b\n').write('locked/c.txt', 'c\n').write('locked/d.txt', 'd\n');
    repo.commit('human setup', { author: HUMAN });
    repo.remove('locked/a.txt');
    repo.chmod('locked/b.sh', 0o755);
    repo.remove('locked/c.txt').write('free/c.txt', 'c\n');
    repo.remove('locked/d.txt');
    repo.symlink('locked/d.txt', '../free/c.txt');
    repo.commit('agent edits', { author: KIRO });
    const { report } = check(repo);
    const denied = report.findings.filter((f) => f.effect === 'deny').map((f) => f.resource).sort();
    expect(denied).toEqual(['locked/a.txt', 'locked/b.sh', 'locked/c.txt', 'locked/d.txt']);
  });

  test('a .gitattributes behind a backslash is still git metadata (ask)', () => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: allow}\n');
    repo.write('x\\.gitattributes', '* -text\n');
    repo.commit('attrs', { author: KIRO });
    const { report } = check(repo);
    expect(report.findings).toEqual([expect.objectContaining({ effect: 'ask', resource: 'x\\.gitattributes', reason: expect.stringContaining('changes how git reads') })]);
  });

  test('a HEAD in a subfolder asks: with objects/ and refs/ beside it git takes the folder for a repository', () => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: allow}\n');
    repo.write('vendor/x/HEAD', 'ref: refs/heads/main\n');
    repo.write('vendor/x/config', '[core]\n\tfsmonitor = touch p\n');
    repo.write('vendor/x/objects/k', '');
    repo.write('vendor/x/refs/k', '');
    repo.write('HEAD', 'not a repository at the top, where .git is found first\n');
    repo.write('docs/head.md', 'x\n');
    repo.commit('embedded', { author: KIRO });
    const { report } = check(repo);
    expect(report.findings).toEqual([expect.objectContaining({ effect: 'ask', resource: 'vendor/x/HEAD', rule: expect.objectContaining({ scope: 'kiro', index: 10 }) })]);
  });

  test('a violation stays a violation when a later commit reverts it', () => {
    const { repo } = setup();
    repo.write('.env', 'TOKEN=1\n');
    const bad = repo.commit('add env', { author: KIRO });
    repo.remove('.env');
    const revert = repo.commit('remove env', { author: KIRO });
    const { report } = check(repo);
    expect(report.findings.filter((f) => f.resource === '.env').map((f) => f.commit)).toEqual([bad, revert]);
  });
});

describe('check: symlinks and submodules', () => {
  test.each([
    ['evil', '../../etc/passwd', 'deny', 'points outside the repository'],
    ['abs', '/etc/passwd', 'deny', 'points outside the repository'],
    ['src/cfg', '../.kiro/settings/mcp.json', 'deny', 'points at ".kiro/settings/mcp.json"'],
    ['.kiro', 'elsewhere', 'deny', 'replaces protected path'],
    ['nested/.kiro/settings', '../../x', 'deny', '"**/.kiro/settings/**"'],
    ['.gitattributes', 'src/attrs', 'deny', 'as a symlink'],
    ['.gitignore', 'src/ignore', 'deny', 'as a symlink'],
    // The canonical form splits on `\\` too.
    ['w\\.gitignore', 'src/ignore', 'deny', 'as a symlink'],
    // A link pointing at a protected folder, or at one above it, is a way to write into it.
    ['src/l1', '../.kiro/settings', 'deny', 'symlink "src/l1" points at ".kiro/settings"'],
    ['src/l2', '../.kiro', 'deny', 'which reaches protected path ".kiro/settings"'],
    ['src/l3', '../.github', 'deny', 'which reaches protected path ".github/agent-gate.yml"'],
    ['src/l4', '../secrets', 'deny', 'symlink "src/l4" points at "secrets"'],
    ['src/l5', '../.Kiro/Settings', 'deny', 'alias of protected path ".kiro/settings"'],
    ['.Kiro/Settings', 'elsewhere', 'deny', 'alias of protected path ".kiro/settings"'],
    // Audit 47, BJ-4: the link is a write to its target, which kiro rules #6 and #10 judge.
    ['src/l6', '../.gitattributes', 'ask', 'points at ".gitattributes": changing .gitattributes'],
    ['src/l7', '../.gitmodules', 'ask', 'points at ".gitmodules": changing .gitmodules'],
    ['src/l8', 'HEAD', 'ask', 'points at "src/HEAD": HEAD in a subfolder'],
  ])('symlink %j -> %j is %s', (link, target, effect, fragment) => {
    const { repo } = setup();
    repo.symlink(link, target);
    repo.commit('link', { author: KIRO });
    const { report } = check(repo);
    const f = report.findings.find((x) => x.reason.includes(fragment));
    expect(f).toBeDefined();
    expect(f?.effect).toBe(effect);
    // The probe path agent-gate uses to find protected folders is not the user's business.
    expect(JSON.stringify(report)).not.toContain('agent-gate-probe');
  });

  // Targets used to be resolved as text, as if no other link were on the way.
  test.each([
    ['through a link added in the same commit', '1/2/3/4/5/6/b/../secrets/key', 'deny', 'points at "secrets/key" through symlink "1/2/3/4/5/6/b"', false],
    ['out of the repository through a link', '1/2/3/4/5/6/b/../../../../../../../etc/passwd', 'deny', 'points outside the repository through symlink "1/2/3/4/5/6/b"', false],
    ['through a link that was already there', '1/2/3/4/5/6/b/../secrets/key', 'deny', 'through symlink "1/2/3/4/5/6/b"', true],
    ['into a plain folder', '1/2/x', 'allow', '', false],
  ])('a symlink %s is judged where it really points', (_name, target, effect, fragment, linkInBase) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["1/**", "t/**", "l"]}\n');
    // b -> t: the `..` after b climbs from t, not from 1/2/3/4/5/6.
    repo.write('t/keep', 'x\n');
    if (linkInBase) {
      repo.symlink('1/2/3/4/5/6/b', '../../../../../../t');
      repo.commit('human link', { author: HUMAN });
    } else {
      repo.write('1/2/3/4/5/6/keep', 'x\n');
    }
    if (!linkInBase) repo.symlink('1/2/3/4/5/6/b', '../../../../../../t');
    repo.symlink('l', target);
    repo.commit('links', { author: KIRO });
    const { report } = check(repo);
    const f = report.findings.find((x) => x.part === 'l');
    if (effect === 'allow') expect(f).toBeUndefined();
    else expect(f).toMatchObject({ effect, reason: expect.stringContaining(fragment) });
  });

  // Audit 47, BJ-2: only the POSIX walk was judged. Windows (and any tool that normalises a path
  // before opening it) folds each `..` against the segment before it, link or not.
  test.each([
    ['y/../secrets', 'deny', 'points at "secrets"', 'secrets'],
    ['y/../.github/agent-gate.yml', 'deny', 'points at ".github/agent-gate.yml"', '.github/agent-gate.yml'],
    ['y\\..\\secrets', 'deny', 'points at "secrets"', 'secrets'],
    ['y/../../etc/passwd', 'deny', 'points outside the repository', 'y/../../etc/passwd'],
    ['f/../secrets', 'deny', 'points at "secrets"', 'secrets'],
    ['y/../src', 'allow', '', ''],
    ['y/f', 'allow', '', ''],
  ])('a symlink to %j beside y -> src/deep is also judged as written (%s)', (target, effect, fragment, resource) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["l", "y", "f"]}\n');
    repo.write('src/deep/f', 'x\n').write('src/a.txt', 'a\n').symlink('y', 'src/deep').symlink('f', 'src/a.txt');
    repo.commit('human links', { author: HUMAN });
    repo.symlink('l', target);
    repo.commit('agent link', { author: KIRO });
    const { report } = check(repo);
    const f = report.findings.find((x) => x.part === 'l');
    if (effect === 'allow') {
      expect(f).toBeUndefined();
      return;
    }
    expect(f).toMatchObject({ effect, resource: resource, reason: expect.stringContaining(`read as written from its folder (\`..\` folded first, as Windows resolves it) ${fragment}`) });
  });

  // Audit round 21 (N-3): the other links were looked up by exact spelling, so a link to
  // `docs/keys` passed beside a human's `Docs/keys -> ../secrets`, which on a case-insensitive
  // disk is the same folder.
  test.each([
    ['a case spelling', '../docs/keys', 'deny'],
    ['a trailing-dot spelling', '../Docs/keys.', 'deny'],
    ['the exact spelling', '../Docs/keys', 'deny'],
    ['a plain folder beside it', '../docs/other', 'allow'],
  ])('a symlink to %s of a linked folder is judged where that link leads', (_name, target, effect) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["docs/**", "Docs/**"]}\n');
    repo.write('secrets/.keep', '').symlink('Docs/keys', '../secrets');
    repo.commit('human link', { author: HUMAN });
    repo.symlink('src/l', target);
    repo.commit('agent link', { author: KIRO });
    const { report } = check(repo);
    const f = report.findings.find((x) => x.part === 'src/l');
    if (effect === 'allow') expect(f).toBeUndefined();
    else expect(f).toMatchObject({ effect, reason: expect.stringMatching(/secrets/) });
  });

  // Audit round 30 (KK-2, KK-3): a `..` after another spelling of a link (`Y/..` beside `y`) was
  // folded away as text, and a link added in a later commit was not on the way of an earlier
  // link's target: `z -> y/../k` then `y -> ../secrets/inner` passed.
  test.each([
    ['another spelling of the link before ..', '../docs/Y/../k', false, 'deny'],
    ['the exact spelling before ..', '../docs/y/../k', false, 'deny'],
    ['a link the next commit adds', '../docs/w/../k', true, 'deny'],
    ['a plain folder before ..', '../docs/other/../k', false, 'allow'],
  ])('a symlink whose target climbs out of %s is judged where that link leads', (_name, target, later, effect) => {
    const { repo } = setup();
    repo.write('secrets/inner/.keep', '').write('docs/other/.keep', '').symlink('docs/y', '../secrets/inner');
    repo.commit('human link', { author: HUMAN });
    repo.symlink('src/l', target);
    repo.commit('agent link', { author: KIRO });
    if (later) repo.symlink('docs/w', '../secrets/inner').commit('agent link 2', { author: KIRO });
    const { report } = check(repo);
    const f = report.findings.find((x) => x.part === 'src/l');
    if (effect === 'allow') expect(f).toBeUndefined();
    else expect(f).toMatchObject({ effect, reason: expect.stringMatching(/secrets\/k/) });
  });

  // KK-2's leftovers: a link added later re-points an earlier one through it, even when the earlier
  // one is a human's in the base, or the later one is gone again by the head. Both passed.
  test.each([
    ['in the base, a human\'s', 'human', false, 'deny'],
    ['in the range, the later link removed again', 'agent', true, 'deny'],
    ['in the base, the later link to a plain folder', 'plain', false, 'allow'],
  ])('a link whose target goes through a link added later (%s) is judged where it now leads', (_name, who, removed, effect) => {
    const { repo } = setup();
    repo.write('secrets/inner/.keep', '').write('docs/inner/.keep', '').symlink('docs/z', 'y/../k');
    if (who !== 'agent') {
      repo.commit('human link', { author: HUMAN });
      repo.git(['branch', '-f', 'main', 'HEAD']);
    } else {
      repo.commit('agent link', { author: KIRO });
    }
    repo.symlink('docs/y', who === 'plain' ? 'inner' : '../secrets/inner').commit('agent link 2', { author: KIRO });
    if (removed) repo.remove('docs/y').commit('agent removes it', { author: KIRO });
    const { report } = check(repo);
    // docs/y's own target is denied too: the finding sought is the one for docs/z, which now leads to secrets/k.
    const f = report.findings.find((x) => x.part === 'docs/y' && x.resource === 'secrets/k');
    if (effect === 'allow') expect(f).toBeUndefined();
    else expect(f).toMatchObject({ effect, reason: expect.stringMatching(/re-points symlink "docs\/z".*secrets\/k/) });
  });

  test('a symlink that loops is denied', () => {
    const { repo } = setup();
    repo.symlink('src/a', 'b/x').symlink('src/b', 'a/y');
    repo.commit('loop', { author: KIRO });
    const f = check(repo).report.findings.find((x) => x.part === 'src/a');
    expect(f).toMatchObject({ effect: 'deny', reason: expect.stringContaining('more than 40 symlinks') });
  });

  // Audit round 19 (H-4): the control character was tested on the resolved target only.
  test.each([['ok\u0001/../x'], ['ok\n../../x'], ['ok\u0001']])('a symlink target %j with a control character is denied as committed', (target) => {
    const { repo } = setup();
    repo.symlink('src/l', target);
    repo.commit('link', { author: KIRO });
    const f = check(repo).report.findings.find((x) => x.part === 'src/l');
    expect(f).toMatchObject({ effect: 'deny', rule: { scope: 'kiro', pattern: 'malformed path' }, reason: expect.stringContaining('control character') });
  });

  // Only `X/**` patterns and kiro's folders were probed; a rule naming a file below the link was not.
  test.each([
    ['a symlink', 'link'],
    ['a submodule', 'gitlink'],
  ])('%s at a folder above a file a deny rule names is a write into it', (_name, kind) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: deny, match: ["config/prod/app.yml"]}\n  - {capability: fs_write, effect: allow, match: ["config/**", "staging/**"]}\n');
    repo.write('staging/app.yml', 'db: attacker\n');
    if (kind === 'link') repo.symlink('config/prod', '../staging');
    else repo.gitlink('config/prod', repo.head());
    repo.commit('prod', { author: KIRO, addAll: kind === 'link' });
    const f = check(repo).report.findings.find((x) => x.resource === 'config/prod');
    expect(f).toMatchObject({ effect: 'deny', rule: { pattern: 'config/prod/app.yml' } });
  });

  // Audit round 20 (L-6): adding or retargeting such a link was judged, taking it away was not.
  test.each([
    ['removing a symlink', 'link', 'remove', 'removing the symlink at ".kiro"'],
    ['replacing a symlink with a file', 'link', 'file', 'replacing the symlink at ".kiro"'],
    ['removing a submodule', 'gitlink', 'remove', 'removing the submodule at ".kiro"'],
  ])('%s that stood for .kiro is a write into .kiro/settings', (_name, kind, how, fragment) => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: allow}\n');
    repo.write('shared/kiro/settings/mcp.json', '{}\n');
    repo.commit('human files', { author: HUMAN });
    if (kind === 'link') repo.symlink('.kiro', 'shared/kiro');
    else repo.gitlink('.kiro', repo.head());
    repo.commit('human link', { author: HUMAN, addAll: kind === 'link' });
    if (kind === 'gitlink') repo.git(['update-index', '--force-remove', '.kiro']);
    else if (how === 'remove') repo.remove('.kiro');
    else repo.remove('.kiro').write('.kiro', 'a file now\n');
    repo.commit('take it away', { author: KIRO, addAll: kind === 'link' });
    const f = check(repo).report.findings.find((x) => x.resource === '.kiro');
    expect(f).toMatchObject({ effect: 'deny', rule: { scope: 'kiro' }, reason: expect.stringContaining(fragment) });
  });

  test('removing an ordinary link is no finding', () => {
    const { repo } = setup('rules:\n  - {capability: fs_write, effect: allow}\n');
    repo.write('src/a.ts', 'a\n').symlink('src/b.ts', 'a.ts');
    repo.commit('human link', { author: HUMAN });
    repo.remove('src/b.ts');
    repo.commit('unlink', { author: KIRO });
    expect(check(repo).report.findings).toEqual([]);
  });

  // Every link under src/ was denied for `src/**/*.pem`, links to files included.
  test('ordinary links under a prefixed ** rule pass: to a file, and between folders the rule covers alike', () => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["packages/**"]}\n  - {capability: fs_write, effect: deny, match: ["packages/**/.env", "src/**/*.pem"]}\n');
    repo.write('src/v2/a.ts', 'a\n').write('packages/lib/index.ts', 'x\n');
    repo.symlink('src/v2/index.ts', 'a.ts').symlink('src/current', 'v2').symlink('packages/app/README.md', '../../README.md');
    repo.commit('links', { author: KIRO });
    const { code, report } = check(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  // `src/**` does not match the folder `src` itself, so every link to an allowed folder asked.
  test('a link to a folder whose contents are allowed passes', () => {
    const { repo } = setup();
    repo.write('src/v2/a.ts', 'a\n');
    repo.symlink('docs/src', '../src').symlink('src/v2/docs', '../../docs');
    repo.commit('links', { author: KIRO });
    const { code, report } = check(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  test('a link from inside a prefixed ** rule to a folder it does not cover is a write into it', () => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: deny, match: ["src/**/*.pem"]}\n');
    repo.write('lib/a.ts', 'a\n');
    repo.symlink('src/ext', '../lib');
    repo.commit('link', { author: KIRO });
    expect(check(repo).report.findings.find((f) => f.resource === 'src/ext')).toMatchObject({ effect: 'deny', rule: { pattern: 'src/**/*.pem' } });
  });

  test('a symlink pointing at a folder above a file a deny rule names is denied', () => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: deny, match: ["config/prod/app.yml"]}\n');
    repo.symlink('src/c', '../config');
    repo.commit('link', { author: KIRO });
    expect(check(repo).report.findings.find((x) => x.part === 'src/c')).toMatchObject({ effect: 'deny', rule: { pattern: 'config/prod/app.yml' } });
  });

  test('a symlink target finding has the target as resource and the link as part', () => {
    const { repo } = setup();
    repo.symlink('src/cfg', '../.kiro/settings/mcp.json');
    repo.commit('link', { author: KIRO });
    const f = check(repo).report.findings.find((x) => x.resource === '.kiro/settings/mcp.json');
    expect(f).toMatchObject({ effect: 'deny', part: 'src/cfg', source: { kind: 'diff', file: 'src/cfg' } });
  });

  test('.gitmodules changes ask; a submodule at .kiro/settings is a write into it, even with ignore = all', () => {
    const { repo } = setup();
    repo.write('.gitmodules', '[submodule "x"]\n\tpath = .kiro/settings\n\turl = https://example.com/x.git\n\tignore = all\n');
    repo.git(['add', '.gitmodules']);
    repo.gitlink('.kiro/settings', repo.head());
    repo.commit('submodule', { author: KIRO, addAll: false });
    const { report } = check(repo);
    expect(report.findings.find((f) => f.resource === '.gitmodules')?.effect).toBe('ask');
    expect(report.findings.find((f) => f.resource === '.kiro/settings' && f.effect === 'deny')).toBeDefined();
  });

  // Audit round 30 (KK-4): a submodule moved to a commit whose tree holds `x -> ../.kiro/settings`
  // passed, since only the gitlink `sub` changed and `sub` is not protected.
  test('a submodule added or moved to another commit asks (kiro rule #11); one left alone is not judged', () => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["vendor/**", ".gitmodules"]}\n');
    const first = repo.head();
    repo.gitlink('vendor/sub', first);
    repo.commit('add submodule', { author: HUMAN, addAll: false });
    repo.write('src/a.ts', 'x\n').commit('unrelated', { author: KIRO });
    repo.gitlink('vendor/sub', repo.head());
    repo.commit('bump submodule', { author: KIRO, addAll: false });
    const { report } = check(repo);
    const subs = report.findings.filter((f) => f.resource === 'vendor/sub');
    expect(subs).toEqual([expect.objectContaining({ effect: 'ask', rule: expect.objectContaining({ scope: 'kiro', index: 11 }), reason: expect.stringContaining('not judged here') })]);
    expect(report.findings.filter((f) => f.resource === 'src/a.ts')).toEqual([]);
  });
});

describe('check: the policy comes from the base commit', () => {
  test('an agent that loosens the policy in the head is denied, and its edit does not apply', () => {
    const { repo } = setup();
    repo.write('.github/agent-gate.yml', POLICY + '  - {capability: fs_write, effect: allow, match: ["**"]}\n');
    repo.write('ops/deploy.sh', 'x\n');
    repo.commit('widen policy', { author: KIRO });
    const { report } = check(repo);
    expect(report.findings.find((f) => f.resource === '.github/agent-gate.yml')).toMatchObject({ effect: 'deny', rule: { scope: 'kiro', index: 1 } });
    expect(report.findings.find((f) => f.resource === 'ops/deploy.sh')?.effect).toBe('ask');
  });

  // git picks one of several refs of a name by its own order: an agent that ran
  // `git branch origin/main HEAD` made check judge an empty range and pass.
  // Audit AO-1: the fix named refs/remotes/NAME whether or not it existed; it names the clash now.
  test.each([
    ['--base', 'a branch named like the remote branch', 'origin/main', 'refs/heads/origin/main, refs/remotes/origin/main; write it in full, such as refs/heads/origin/main or refs/remotes/origin/main'],
    ['--head', 'a tag named like the branch', 'work', 'refs/tags/work, refs/heads/work; write it in full, such as refs/tags/work or refs/heads/work'],
    ['--head', 'a branch named HEAD', 'HEAD', 'HEAD, refs/heads/HEAD; write it in full, such as refs/heads/HEAD, or the commit id for HEAD itself'],
    // Audit 46, BE-1: git does not warn about the name before `@{…}`, whose reflog it reads.
    ['--base', 'a reflog entry of a name two refs share', 'origin/main@{0}', 'refs/heads/origin/main, refs/remotes/origin/main; write it in full, such as refs/heads/origin/main or refs/remotes/origin/main'],
    ['--base', 'a dated reflog entry of it', 'origin/main@{1.year.ago}', 'refs/heads/origin/main, refs/remotes/origin/main; write it in full, such as refs/heads/origin/main or refs/remotes/origin/main'],
    ['--head', 'a reflog entry of a tag and branch name', 'work@{0}', 'refs/tags/work, refs/heads/work; write it in full, such as refs/tags/work or refs/heads/work'],
  ])('an ambiguous %s (%s) exits 2 and names the refs and the fix', (flag, _what, ref, clash) => {
    const { repo } = setup();
    repo.write('.kiro/settings/mcp.json', '{}\n');
    repo.commit('evil', { author: KIRO });
    repo.git(['update-ref', 'refs/remotes/origin/main', 'main']);
    repo.git(['branch', 'origin/main', 'HEAD']);
    repo.git(['tag', 'work', 'main']);
    repo.git(['update-ref', 'refs/heads/HEAD', 'main']);
    const r = runCli(['check', flag, ref, ...(flag === '--head' ? ['--base', 'main'] : [])], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`agent-gate: ${flag.slice(2)} "${ref.replace(/@\{.*$/, '')}" names more than one ref: ${clash}`);
  });

  test('in a clone, a reflog entry of origin/main after the agent made a branch of that name exits 2', () => {
    const { repo } = setup();
    repo.write('.kiro/settings/mcp.json', '{}\n');
    repo.commit('evil', { author: KIRO });
    const clone = repo.clone('work');
    clone.git(['branch', 'origin/main', 'HEAD']);
    for (const ref of ['origin/main@{0}', 'origin/main@{1.year.ago}']) {
      const r = runCli(['check', '--base', ref], { cwd: clone.dir });
      expect([r.code, r.stderr.trim()]).toEqual([2, 'agent-gate: base "origin/main" names more than one ref: refs/heads/origin/main, refs/remotes/origin/main; write it in full, such as refs/heads/origin/main or refs/remotes/origin/main']);
    }
  });

  test('a reflog entry of a name only one ref has is judged as usual', () => {
    const { repo } = setup();
    repo.write('.kiro/settings/mcp.json', '{}\n');
    repo.commit('evil', { author: KIRO });
    const r = runCli(['check', '--base', 'main@{0}'], { cwd: repo.dir });
    expect(r.code).toBe(1);
  });

  // git reads no file through a linked folder: the policy looked absent and check passed (audit I-3).
  test('a policy below a .github that is a symbolic link at the base exits 2 naming the link', () => {
    const repo = TestRepo.init();
    repo.write('config/github/agent-gate.yml', 'rules:\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n').symlink('.github', 'config/github');
    repo.commit('policy behind a link', { author: HUMAN });
    repo.checkout('work', { create: true });
    repo.write('secrets/k', 'x\n');
    repo.commit('agent adds a secret', { author: KIRO });
    const r = runCli(['check', '--base', 'main'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^agent-gate: git ls-tree [0-9a-f]+ -- \.github: \.github\/agent-gate\.yml lies below \.github, which is a symbolic link at [0-9a-f]+; git reads no file through it, so make \.github a folder\n$/);
  });

  test('a bad policy at the base exits 2 with file:line:col', () => {
    const { repo } = setup('rules:\n  - capability: fs_write\n    effect: sometimes\n');
    repo.write('src/a.ts', 'x\n');
    repo.commit('a', { author: KIRO });
    const r = runCli(['check', '--base', 'main'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('agent-gate: .github/agent-gate.yml:3:13: unknown effect "sometimes" (expected deny, ask or allow)');
  });

  // Only the spelling given was protected, so an agent could rewrite the file behind a link.
  test.each([
    ['through a linked folder', (dir: string) => join(dir, 'cfg', 'gate.yml')],
    ['relative, through a linked folder', () => 'cfg/gate.yml'],
    ['through a linked repository root', (dir: string) => join(linkTo(dir), 'conf', 'gate.yml')],
  ])('--policy %s: an edit to the file it names is denied', (_name, policyArg) => {
    const { repo } = setup();
    repo.write('conf/gate.yml', 'rules:\n  - {capability: fs_write, effect: allow, match: ["src/**"]}\n').symlink('cfg', 'conf');
    repo.commit('policy in conf', { author: HUMAN });
    repo.write('conf/gate.yml', 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\n');
    repo.commit('loosen', { author: KIRO });
    const { code, report } = check(repo, ['--policy', policyArg(repo.dir)]);
    expect(code).toBe(1);
    expect(report.findings.find((f) => f.resource === 'conf/gate.yml')).toMatchObject({ effect: 'deny', rule: { scope: 'kiro', index: 1 } });
  });

  test('a default base that is the head itself says so on stderr instead of passing quietly', () => {
    const { repo } = setup();
    repo.checkout('main');
    repo.write('secrets/k', 'x\n');
    repo.commit('agent on main', { author: KIRO });
    const r = runCli(['check'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^agent-gate: note: the default base is [0-9a-f]{12}, the head itself, so no commit was judged; pass --base REV/);
    expect(runCli(['check', '--base', 'HEAD~1'], { cwd: repo.dir }).code).toBe(1);
  });

  test('--policy FILE is read from disk as given', () => {
    const { repo } = setup();
    repo.write('ops/deploy.sh', 'x\n');
    repo.commit('ops', { author: KIRO });
    const file = join(tempTree({ 'p.yml': 'rules:\n  - {capability: fs_write, effect: allow, match: ["ops/**"]}\n' }), 'p.yml');
    expect(check(repo, ['--policy', file]).code).toBe(0);
  });
});

describe('check: the admin policy', () => {
  // Each of these keys was accepted in an admin policy and then ignored: only the workspace's counted.
  test('its agents, failOn and logs.paths apply together with the workspace policy\'s', () => {
    const { repo } = setup(POLICY + 'logs:\n  paths: [".agent-gate/log/**"]\n');
    repo.write('secrets/token', 'x\n');
    repo.commit('no agent signal', { author: HUMAN });
    repo.write('ops/run.sh', 'x\n');
    repo.write('audit/s.jsonl', logLine('rm -rf /tmp/x'));
    repo.commit('ops', { author: KIRO });
    const admin = join(tempTree({
      'admin.yml': 'agents: all\nfailOn: ask\nlogs:\n  paths: ["audit/**"]\nrules:\n  - {capability: shell, effect: deny, match: ["rm -rf *"]}\n',
    }), 'admin.yml');
    const { code, report } = check(repo, ['--admin-policy', admin]);
    expect(code).toBe(1);
    expect(report.failOn).toBe('ask');
    expect(report.commits.map((c) => c.agent)).toEqual([true, true]);
    expect(report.findings.find((f) => f.resource === 'secrets/token')?.effect).toBe('deny');
    expect(report.findings.find((f) => f.capability === 'shell')).toMatchObject({ effect: 'deny', source: { kind: 'log', file: 'audit/s.jsonl' } });
  });

  test('logs.notes in an admin policy is an error naming the line', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit('a', { author: KIRO });
    const admin = join(tempTree({ 'admin.yml': 'logs:\n  notes: refs/notes/org\nrules: []\n' }), 'admin.yml');
    const r = runCli(['check', '--base', 'main', '--admin-policy', admin], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^agent-gate: .*admin\.yml:2:3: logs\.notes can only be set in the workspace policy/);
  });
});

// Audit 38, AK-4: a policy saved beside the default name was dropped without a word.
describe('check: a policy under a look-alike name', () => {
  test.each(['.github/agent-gate.yaml', '.github/Agent-Gate.yml', '.GitHub/agent-gate.yml'])('%s is named in a warning; only the built-in scopes judge', (name) => {
    const repo = TestRepo.init();
    repo.write(name, POLICY).write('README.md', 'hello\n');
    repo.commit('chore: add policy', { author: HUMAN });
    repo.checkout('work', { create: true });
    repo.write('src/a.ts', 'x\n');
    repo.commit('a', { author: KIRO });
    const { code, report, stderr } = check(repo);
    expect(code).toBe(0);
    expect(report.findings.find((f) => f.resource === 'src/a.ts')?.effect).toBe('ask');
    expect(stderr).toContain(`agent-gate: warning: no policy at .github/agent-gate.yml in the base commit `);
    expect(stderr).toContain(`so only the built-in scopes apply; "${name}" is not read: rename it to .github/agent-gate.yml or pass --policy`);
  });

  test('no warning when the default policy is there too, or nothing looks like it', () => {
    const { repo } = setup();
    repo.write('.github/agent-gate.yaml', POLICY).write('.github/workflows/agent-gate.yml', 'x\n');
    repo.commit('more', { author: KIRO });
    expect(check(repo).stderr).not.toContain('warning');
    const bare = TestRepo.init();
    bare.write('.github/workflows/agent-gate.yml', 'x\n').write('.github/gate.yml', 'x\n');
    bare.commit('base', { author: HUMAN });
    bare.checkout('work', { create: true });
    bare.write('src/a.ts', 'x\n');
    bare.commit('a', { author: KIRO });
    expect(check(bare).stderr).not.toContain('warning');
  });

  test('explain names it too', () => {
    const dir = tempTree({ '.github/agent-gate.yaml': POLICY });
    const r = runCli(['explain', '--write', 'src/a.ts'], { cwd: dir });
    expect(r.stderr).toContain('agent-gate: warning: no policy at .github/agent-gate.yml in the working tree, so only the built-in scopes apply; ".github/agent-gate.yaml" is not read');
  });
});

/** A symlink in a temp folder pointing at `dir`. */
function linkTo(dir: string): string {
  const link = join(tempTree(), 'repo-link');
  symlinkSync(dir, link);
  return link;
}

/** One neutral log line (the first of its file) recording `command`. */
function logLine(command: string): string {
  const prev = 'sha256:' + createHash('sha256').update('s').digest('hex');
  return JSON.stringify({ v: 1, ts: '2026-11-20T10:00:00Z', agent: 'kiro', session: 's', capability: 'shell', resource: command, cwd: '.', prev }) + '\n';
}

describe('check: history', () => {
  test('a clean merge of the base branch into the agent branch does not blame the agent', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit('agent work', { author: KIRO });
    repo.checkout('main');
    repo.write('.kiro/settings/human.json', '{}\n');
    repo.commit('human config', { author: HUMAN });
    repo.checkout('work');
    repo.merge('main', { author: KIRO, message: 'Merge main' });
    const { report } = check(repo);
    expect(report.findings).toEqual([]);
  });

  test('what a merge commit changes beyond the automatic merge is judged', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit('agent work', { author: KIRO });
    repo.checkout('main');
    repo.write('docs/b.md', 'b\n');
    repo.commit('human docs', { author: HUMAN });
    repo.checkout('work');
    repo.merge('main', { noCommit: true, author: KIRO });
    repo.write('.env', 'SECRET=1\n');
    repo.commit('Merge main (evil)', { author: KIRO });
    const { report } = check(repo);
    expect(report.findings.map((f) => f.resource)).toEqual(['.env']);
  });

  // The automatic merge follows the base branch's renames, so an agent's edit of cfg/ landed in
  // secrets/ without any commit writing secrets/ being judged.
  test.each([
    ['a file the base branch moved', false],
    ['a new file in a folder the base branch moved (a location conflict the merger accepts)', true],
  ])('a merge that carries agent content into a protected folder is a deny: %s', (_name, newFile) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["cfg/**", "drafts/**"]}\n');
    repo.checkout('main');
    repo.write('cfg/deploy.yml', '1\n2\n3\n4\n5\n6\n7\n8\n').write('drafts/one', 'd\n');
    repo.commit('layout', { author: HUMAN });
    repo.git(['checkout', '-q', '-B', 'work', 'main']);
    if (newFile) repo.write('drafts/key.pem', 'evil\n');
    else repo.write('cfg/deploy.yml', '1\n2\n3\nEVIL\n5\n6\n7\n8\n');
    repo.commit('agent edit', { author: KIRO });
    repo.checkout('main');
    repo.git(['mv', 'cfg', 'secrets']);
    repo.git(['mv', 'drafts', 'secrets/drafts']);
    repo.commit('move into secrets', { author: HUMAN });
    repo.checkout('work');
    repo.merge('main', { noCommit: true, author: KIRO });
    repo.commit('Merge main', { author: KIRO });
    const landed = newFile ? 'secrets/drafts/key.pem' : 'secrets/deploy.yml';
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(report.findings.find((f) => f.resource === landed)).toMatchObject({ effect: 'deny', rule: { pattern: 'secrets/**' } });
    // The base branch's own moves match that parent and are not blamed on the merge.
    expect(report.findings.find((f) => f.resource === 'secrets/drafts/one')).toBeUndefined();
  });

  // Audit round 30 (KK-1): the same carry happens in the pull request's own merge, made after the
  // check by whoever merges it, which no run judged: the branch's range held only `M cfg/deploy.yml`.
  test.each([
    ['the base branch moved the file the agent edited', true, 'deny'],
    ['the base branch moved another file', false, 'allow'],
  ])('the pull request\'s merge carrying agent content is judged: %s', (_name, movesEdited, effect) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["cfg/**"]}\n');
    repo.checkout('main');
    repo.write('cfg/deploy.yml', '1\n2\n3\n4\n5\n6\n7\n8\n').write('cfg/other.yml', 'o\n');
    repo.commit('layout', { author: HUMAN });
    repo.git(['checkout', '-q', '-B', 'work', 'main']);
    repo.write('cfg/deploy.yml', '1\n2\n3\nEVIL\n5\n6\n7\n8\n');
    repo.commit('agent edit', { author: KIRO });
    repo.checkout('main');
    repo.write('secrets/.keep', '');
    repo.git(['mv', movesEdited ? 'cfg/deploy.yml' : 'cfg/other.yml', 'secrets/moved.yml']);
    repo.commit('move into secrets', { author: HUMAN });
    repo.checkout('work');
    const { code, report } = check(repo);
    const landed = report.findings.find((f) => f.resource === 'secrets/moved.yml');
    if (effect === 'allow') {
      expect(code).toBe(0);
      expect(landed).toBeUndefined();
    } else {
      expect(code).toBe(1);
      expect(landed).toMatchObject({ effect: 'deny', commit: repo.head(), rule: { pattern: 'secrets/**' }, reason: expect.stringContaining('into the base') });
    }
  });

  // Audit round 31 (NN-1): a human's merge of main into the branch ("Update branch") made the same
  // carry inside the range, and was not judged, so the check passed.
  test.each([
    ['with an agent commit in the range', true, 'deny'],
    ['with human commits only', false, 'allow'],
  ])('a human merge carrying content into a protected folder is judged %s', (_name, agent, effect) => {
    const { repo } = setup(POLICY + '  - {capability: fs_write, effect: allow, match: ["cfg/**"]}\n');
    repo.checkout('main');
    repo.write('cfg/deploy.yml', '1\n2\n3\n4\n5\n6\n7\n8\n');
    repo.commit('layout', { author: HUMAN });
    repo.git(['checkout', '-q', '-B', 'work', 'main']);
    repo.write('cfg/deploy.yml', '1\n2\n3\nEVIL\n5\n6\n7\n8\n');
    repo.commit('edit', { author: agent ? KIRO : HUMAN });
    repo.checkout('main');
    repo.git(['mv', 'cfg', 'secrets']);
    repo.commit('move into secrets', { author: HUMAN });
    repo.checkout('work');
    repo.merge('main', { noCommit: true, author: HUMAN });
    const merge = repo.commit('Merge main', { author: HUMAN });
    const { code, report } = check(repo);
    const landed = report.findings.find((f) => f.resource === 'secrets/deploy.yml');
    if (effect === 'allow') {
      expect(code).toBe(0);
      expect(landed).toBeUndefined();
    } else {
      expect(code).toBe(1);
      expect(report.commits.find((c) => c.sha === merge)).toMatchObject({ agent: false });
      expect(landed).toMatchObject({ effect: 'deny', commit: merge, rule: { pattern: 'secrets/**' }, reason: expect.stringContaining('not judged itself') });
    }
  });

  // Merged content matching neither parent was all judged, so a file both sides edited in place
  // (a human on each branch) failed an ordinary agent merge of main.
  test('a clean merge of a file both sides edited in place is not the merger\'s write', () => {
    const { repo } = setup(POLICY);
    repo.checkout('main');
    repo.write('secrets/key.txt', 'a\nb\nc\nd\ne\nf\ng\n');
    repo.commit('human secret', { author: HUMAN });
    repo.git(['checkout', '-q', '-B', 'work', 'main']);
    repo.write('src/a.ts', 'x\n');
    repo.commit('agent edit', { author: KIRO });
    repo.write('secrets/key.txt', 'A\nb\nc\nd\ne\nf\ng\n');
    repo.commit('human on the branch', { author: HUMAN });
    repo.checkout('main');
    repo.write('secrets/key.txt', 'a\nb\nc\nd\ne\nf\nG\n');
    repo.commit('human on main', { author: HUMAN });
    repo.checkout('work');
    repo.merge('main', { author: KIRO, message: 'Merge main' });
    const { code, report } = check(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  test('an octopus merge that keeps the old version of a protected file a human fixed is a deny; a clean one is not', () => {
    const { repo } = setup();
    repo.checkout('main');
    repo.write('.kiro/settings/mcp.json', '{"servers": ["unsafe"]}\n');
    const old = repo.commit('mcp config', { author: HUMAN });
    repo.checkout('side', { create: true });
    repo.write('docs/side.md', 'side\n');
    repo.commit('side docs', { author: HUMAN });
    repo.checkout('main');
    repo.write('.kiro/settings/mcp.json', '{"servers": []}\n');
    repo.commit('security fix: drop the unsafe server', { author: HUMAN });
    repo.checkout('work');
    repo.git(['reset', '-q', '--hard', old]);
    repo.write('src/a.ts', 'x\n');
    repo.commit('agent work', { author: KIRO });
    const work = repo.head();
    repo.git(['merge', '-q', '--no-ff', '--no-commit', 'main', 'side']);
    repo.commit('Merge main and side', { author: KIRO });
    expect(check(repo).report.findings).toEqual([]);
    repo.git(['reset', '-q', '--hard', work]);
    repo.git(['merge', '-q', '--no-ff', '--no-commit', 'main', 'side']);
    repo.git(['checkout', old, '--', '.kiro/settings/mcp.json']);
    repo.commit('Merge main and side', { author: KIRO });
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.effect, f.resource, f.rule?.scope])).toEqual([['deny', '.kiro/settings/mcp.json', 'kiro']]);
  });

  test('a --depth 1 clone is never judged partially: exit 2 naming fetch-depth: 0', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit('a', { author: KIRO });
    repo.write('src/b.ts', 'x\n');
    repo.commit('b', { author: KIRO });
    const shallow = repo.shallowClone(1, 'work');
    const r = runCli(['check', '--base', 'origin/main'], { cwd: shallow.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fetch-depth: 0');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a clone whose origin/HEAD is the branch itself (the remote has it checked out) judges against origin/main by default', () => {
    const { repo } = setup();
    repo.write('.kiro/settings/mcp.json', '{}\n');
    repo.commit('a', { author: KIRO });
    const r = runCli(['check', '--format', 'json'], { cwd: repo.clone('work').dir });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonReport).findings.map((f) => f.resource)).toEqual(['.kiro/settings/mcp.json']);
  });

  test('a --depth 1 clone of the branch alone, with no --base, names fetch-depth: 0 too', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit('a', { author: KIRO });
    const shallow = repo.shallowClone(1, 'work');
    const r = runCli(['check'], { cwd: shallow.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fetch-depth: 0');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test.each([
    [['--base', 'no-such-branch'], 'no-such-branch'],
    [['--base', 'main', '--head=--all'], '--all'],
    [['--base', 'main', '--format', 'yaml'], '--format must be one of text, json, markdown, sarif'],
    [['--base', 'main', '--fail-on', 'never'], '--fail-on must be one of deny, ask'],
  ])('bad arguments %j exit 2 with one line', (args, fragment) => {
    const { repo } = setup();
    const r = runCli(['check', ...args], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fragment);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('outside a repository: exit 2', () => {
    const r = runCli(['check', '--base', 'main'], { cwd: tempTree() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not inside a git repository');
  });

  // Audit round 27 (CC-2, CC-3): git's own reason, not "not inside a git repository" or "fetch the
  // full history", where neither is the cause.
  test('a repository git cannot read, a bare one, and an unborn branch each say what is wrong', () => {
    const broken = setup().repo;
    writeFileSync(join(broken.dir, '.git', 'config'), '[core\n', { flag: 'a' });
    const bad = runCli(['check', '--base', 'HEAD'], { cwd: broken.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/git cannot read the repository at .* \(fatal: bad config line \d+ in file .*\); repair it, then rerun check/);
    const inside = runCli(['check', '--base', 'HEAD'], { cwd: join(setup().repo.dir, '.git') });
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('is not in a work tree (a bare repository, or inside .git); run check from the work tree of a clone');
    const unborn = TestRepo.init();
    const r = runCli(['check'], { cwd: unborn.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('head HEAD has no commit yet (the branch is unborn); commit first, or pass --head REV');
    expect(r.stderr).not.toContain('fetch-depth');
    for (const run of [bad, inside, r]) expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('check: agent signals and models', () => {
  test.each([
    [HUMAN, `fix${CLAUDE_TRAILER}`, [], true, 'trailer: Co-authored-by: Claude <noreply@anthropic.com>'],
    [HUMAN, 'fix\n\nAssisted-by: kiro:claude-sonnet-4.5\n', [], true, 'trailer: Assisted-by: kiro:claude-sonnet-4.5'],
    [HUMAN, 'fix\n\nCo-authored-by: Claude <noreply@anthropic.com> is mentioned here\nbut this is prose.\n\nSigned-off-by: Dana <dana@example.com>\n', [], false, null],
    [HUMAN, 'fix', ['--branch', 'copilot/fix-1'], true, 'branch: copilot/fix-1'],
    // Audit 46, BE-2: --branch takes the spellings --head does.
    [HUMAN, 'fix', ['--branch', 'refs/remotes/origin/copilot/fix-1'], true, 'branch: copilot/fix-1'],
    [HUMAN, 'fix', ['--branch', 'refs/heads/kiro/x'], true, 'branch: kiro/x'],
    [HUMAN, 'fix', ['--all-commits'], true, 'all-commits'],
    [{ name: 'Dana (aider)', email: 'dana@example.com' }, 'fix', [], true, 'identity: author Dana (aider) <dana@example.com>'],
    [{ name: 'Cursor Agent', email: 'cursoragent@cursor.com' }, 'fix', [], true, 'identity: author Cursor Agent <cursoragent@cursor.com>'],
  ])('%j %j %j -> agent %s', (author, message, args, agent, signal) => {
    const { repo } = setup();
    repo.write('src/a.ts', 'x\n');
    repo.commit(message, { author });
    const c = check(repo, args).report.commits[0];
    expect(c?.agent).toBe(agent);
    if (signal !== null) expect(c?.signals).toContain(signal);
  });

  test('--branch REMOTE/NAME names the branch NAME when REMOTE is a remote of this clone', () => {
    const { repo } = setup();
    repo.write('.env', 'x\n');
    repo.commit('fix', { author: HUMAN });
    repo.git(['remote', 'add', 'origin', 'https://example.com/r.git']);
    expect(check(repo, ['--branch', 'origin/kiro/x']).report.commits[0]?.signals).toEqual(['branch: kiro/x']);
    // Not a remote here: the name is the branch's own.
    expect(check(repo, ['--branch', 'topic/kiro/x']).report.commits[0]?.agent).toBe(false);
  });

  test('without --branch, the branch the head names is the branch signal, as in CI', () => {
    const { repo } = setup();
    repo.checkout('kiro/feature', { create: true });
    repo.write('.env', 'x\n');
    repo.commit('fix', { author: HUMAN });
    const here = check(repo);
    expect(here.code).toBe(1);
    expect(here.report.commits[0]?.signals).toEqual(['branch: kiro/feature']);
    repo.checkout('main');
    expect(check(repo, ['--head', 'kiro/feature']).report.commits[0]?.signals).toEqual(['branch: kiro/feature']);
    // An explicit --branch wins; a commit id names no branch.
    expect(check(repo, ['--head', 'kiro/feature', '--branch', 'topic']).report.commits[0]?.agent).toBe(false);
    const sha = repo.git(['rev-parse', 'kiro/feature']).toString().trim();
    expect(check(repo, ['--head', sha]).report.commits[0]?.agent).toBe(false);
  });

  // git log converts a commit from the encoding it declares, headers included: a UTF-8 commit that
  // declares IBM037 came back with no name, no email and a garbled message (audit round 6).
  test.each(['IBM037', 'UCS-2', 'ISO-8859-1'])('a commit declaring encoding %s is read from its object: still agent-made', (encoding) => {
    const { repo } = setup();
    repo.write('.env', 'x\n');
    repo.git(['add', '-A']);
    repo.git(['-c', `i18n.commitEncoding=${encoding}`, 'commit', '-q', '-m', `fix${CLAUDE_TRAILER}`], {
      env: { GIT_AUTHOR_NAME: KIRO.name, GIT_AUTHOR_EMAIL: KIRO.email, GIT_COMMITTER_NAME: KIRO.name, GIT_COMMITTER_EMAIL: KIRO.email },
    });
    const { code, report } = check(repo);
    expect(report.commits[0]).toMatchObject({ agent: true, signals: expect.arrayContaining([`identity: author ${KIRO.name} <${KIRO.email}>`, 'trailer: Co-authored-by: Claude <noreply@anthropic.com>']) });
    expect(code).toBe(1);
  });

  test('a hand-made commit whose identities git cannot read (no ">") is judged, not passed as human', () => {
    const { repo, base } = setup();
    repo.write('.env', 'x\n');
    repo.git(['add', '-A']);
    const tree = repo.git(['write-tree']).toString().trim();
    const ident = `${KIRO.name} <${KIRO.email} 1767225600 +0000`;
    const object = `tree ${tree}\nparent ${base}\nauthor ${ident}\ncommitter ${ident}\n\nupdate\n`;
    const sha = repo.git(['hash-object', '-t', 'commit', '--literally', '-w', '--stdin'], { input: object }).toString().trim();
    const r = runCli(['check', '--base', 'main', '--head', sha, '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as JsonReport).commits[0]).toMatchObject({ agent: true, signals: ['identity: author unreadable (no name, no email)', 'identity: committer unreadable (no name, no email)'] });
  });

  test('identities are read raw, never through .mailmap', () => {
    const { repo } = setup();
    repo.write('.mailmap', `Dana Dev <dana@example.com> Kiro Agent <${KIRO.email}>\n`);
    repo.commit('mailmap', { author: HUMAN });
    repo.write('src/a.ts', 'x\n');
    repo.commit('a', { author: KIRO });
    const commits = check(repo).report.commits;
    expect(commits[1]?.agent).toBe(true);
  });

  test('policy agents: and agents: all', () => {
    const custom = setup(POLICY + 'agents:\n  identities: ["* <*@bots.example>"]\n');
    custom.repo.write('src/a.ts', 'x\n');
    custom.repo.commit('a', { author: { name: 'Robo', email: 'robo@bots.example' } });
    expect(check(custom.repo).report.commits[0]?.agent).toBe(true);
    const all = setup(POLICY + 'agents: all\n');
    all.repo.write('.env', 'x\n');
    all.repo.commit('a', { author: HUMAN });
    expect(check(all.repo).code).toBe(1);
  });

  test.each([
    ['fix\n\nAssisted-by: kiro:claude-sonnet-4.5\n', 'claude-sonnet-4.5', 0],
    ['fix\n\nAssisted-by: kiro:gpt-4o\n', 'gpt-4o', 1],
    ['fix\n\nModel: GPT-4O\nCo-authored-by: Claude <noreply@anthropic.com>\n', 'GPT-4O', 1],
    [`fix${CLAUDE_TRAILER}`, null, 0],
  ])('models.allow against %j', (message, model, code) => {
    const { repo } = setup(POLICY + 'models:\n  allow: [claude-sonnet-4.5]\n');
    repo.write('src/a.ts', 'x\n');
    repo.commit(message, { author: HUMAN });
    const r = check(repo);
    expect(r.report.commits[0]?.model).toBe(model);
    expect(r.code).toBe(code);
    if (model === null) expect(r.report.findings[0]).toMatchObject({ effect: 'ask', capability: 'model', resource: '(unknown)' });
    if (code === 1) expect(r.report.findings[0]).toMatchObject({ effect: 'deny', capability: 'model', resource: model });
  });

  test.each([
    ['fix\n\nModel: claude-sonnet-4.5\nModel: o3\nCo-authored-by: Claude <noreply@anthropic.com>\n'],
    ['fix\n\nAssisted-by: kiro:claude-sonnet-4.5\nAssisted-by: other:o3\n'],
  ])('every model the trailers name is judged, not only the first: %j', (message) => {
    const { repo } = setup(POLICY + 'models:\n  allow: [claude-sonnet-4.5]\n');
    repo.write('src/a.ts', 'x\n');
    repo.commit(message, { author: HUMAN });
    const r = check(repo);
    expect(r.code).toBe(1);
    expect(r.report.commits[0]?.model).toBe('claude-sonnet-4.5');
    expect(r.report.findings).toEqual([expect.objectContaining({ effect: 'deny', capability: 'model', resource: 'o3', source: { kind: 'diff', file: '(commit message)', line: null } })]);
  });
});

describe('check: output', () => {
  function failing(): TestRepo {
    const { repo } = setup();
    repo.write('ops/x.sh', 'x\n');
    repo.write('.kiro/settings/mcp.json', '{}\n');
    repo.commit('ops', { author: KIRO });
    return repo;
  }

  test('--fail-on ask fails on an ask alone', () => {
    const { repo } = setup();
    repo.write('ops/x.sh', 'x\n');
    repo.commit('ops', { author: KIRO });
    expect(check(repo).code).toBe(0);
    expect(check(repo, ['--fail-on', 'ask']).code).toBe(1);
  });

  test('text: grouped by commit, with rule and hint', () => {
    const r = runCli(['check', '--base', 'main'], { cwd: failing().dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('agent-gate: FAILED: decision deny (1 deny, 1 ask; fails on deny)');
    expect(r.stdout).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stdout).toContain('rule: kiro rule #0 (built-in): deny "**/.kiro/settings/**"');
    expect(r.stdout).toContain('fix:  the built-in kiro scope cannot be overridden');
  });

  test('--output writes the report and prints one line', () => {
    const repo = failing();
    const out = join(outside, `report-${Date.now()}.sarif`);
    const r = runCli(['check', '--base', 'main', '--format', 'sarif', '--output', out], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    expect(results.map((x) => [x.ruleId, x.level])).toEqual([['agent-gate/kiro/rule-0', 'error'], ['agent-gate/no-rule-matched', 'warning']]);
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('.kiro/settings/mcp.json');
  });

  // github/codeql-action/upload-sarif refuses a whole file over one result with no location
  // ("locationFromSarifResult: expected at least one location").
  // Each prefix of a target is looked up in the tree; 2,000 segments made one argv of 4 MB (E2BIG).
  test.each([
    ['a target of 2,000 segments is resolved', 'a/'.repeat(1999) + 'x', 0],
    ['a target over 4096 bytes is denied', 'a/'.repeat(3000) + '../'.repeat(3000) + 'secrets/k', 1],
  ])('%s without a crash', (_name, target, code) => {
    const { repo } = setup();
    // Written with plumbing: the file system refuses to make such a link.
    const blob = repo.git(['hash-object', '-w', '--stdin'], { input: target }).toString().trim();
    repo.git(['update-index', '--add', '--cacheinfo', `120000,${blob},src/l`]);
    repo.commit('link', { author: KIRO, addAll: false });
    const r = runCli(['check', '--base', 'main', '--format', 'json'], { cwd: repo.dir });
    expect(r.stderr).not.toContain('internal error');
    if (code === 1) expect(r.code).toBe(1);
    else expect([0, 1]).toContain(r.code);
  });

  test('SARIF locations are files in the repository: a link for its target, the policy for a model', () => {
    const { repo } = setup(POLICY + 'models:\n  allow: [claude-sonnet-4.5]\n');
    repo.symlink('src/evil', '../../outside');
    repo.commit('fix\n\nModel: o3\n', { author: KIRO });
    const r = runCli(['check', '--base', 'main', '--format', 'sarif'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).runs[0].results as Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    const where = results.map((x) => [x.message.text.split(':')[0], x.locations.map((l) => l.physicalLocation.artifactLocation.uri)]);
    expect(where).toEqual([
      ['deny fs_write "../../outside" (part "src/evil")', ['src/evil']],
      ['deny model "o3"', ['.github/agent-gate.yml']],
    ]);
    expect(results.every((x) => x.locations.length === 1)).toBe(true);
  });

  test('markdown escapes paths so they cannot break markup or mention anyone', () => {
    const { repo } = setup();
    repo.write('@octocat <img src=x>|`x`.md', 'x\n');
    repo.commit('x', { author: KIRO });
    const r = runCli(['check', '--base', 'main', '--format', 'markdown'], { cwd: repo.dir });
    expect(r.stdout).toContain('&#64;octocat &#60;img src=x&#62;&#124;&#96;x&#96;.md');
    expect(r.stdout).not.toContain('@octocat');
    expect(r.stdout).not.toContain('<img');
  });

  // A trailer is the committer's text: an escape sequence in it could retitle or clear the terminal.
  test.each([
    ['text', 'trailer: Assisted-by: \\u001b]0;owned\\u0007\\u001b[2Jkiro:m'],
    ['markdown', 'trailer&#58; Assisted-by&#58; &#92;u001b&#93;0;owned&#92;u0007&#92;u001b&#91;2Jkiro&#58;m'],
  ])('%s: agent signals are escaped like subjects and paths', (format, shown) => {
    const { repo } = setup();
    repo.commit('x\n\nAssisted-by: \u001b]0;owned\u0007\u001b[2Jkiro:m\n');
    const r = runCli(['check', '--base', 'main', '--format', format], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(shown);
    expect(r.stdout).not.toMatch(/[\u001b\u0007]/);
  });

  test('a reader that closes standard output early gets one line and exit 2, not a stack trace', async () => {
    const { repo } = setup();
    repo.write('ops/x.sh', 'x\n');
    repo.commit('ops', { author: KIRO });
    const child = spawn(process.execPath, [DIST_CLI, 'check', '--base', 'main', '--format', 'json'], { cwd: repo.dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the report is written, as `| head -c0` would.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('agent-gate: cannot write to standard output (EPIPE); the output is incomplete\n');
  });

  // Audit 29 (II-4): a run that could not judge left the previous run's report in FILE.
  test('--output: a run that cannot judge (exit 2) leaves no earlier report behind', () => {
    const repo = failing();
    const out = join(outside, `report-${Date.now()}.json`);
    expect(runCli(['check', '--base', 'main', '--format', 'json', '--output', out], { cwd: repo.dir }).code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const r = runCli(['check', '--base', 'no-such-ref', '--format', 'json', '--output', out], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('--output through a link: a run that cannot judge (exit 2) empties the report the link points at', () => {
    const repo = failing();
    const target = join(outside, `linked-report-${Date.now()}.json`);
    const link = join(outside, `link-${Date.now()}.json`);
    symlinkSync(target, link);
    expect(runCli(['check', '--base', 'main', '--format', 'json', '--output', link], { cwd: repo.dir }).code).toBe(1);
    expect(readFileSync(target, 'utf8')).toContain('"passed": false');
    expect(runCli(['check', '--base', 'no-such-ref', '--format', 'json', '--output', link], { cwd: repo.dir }).code).toBe(2);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('');
  });

  // Audit 31 (NN-2): a link the pull request committed at FILE sent the report, and the emptying,
  // anywhere on the runner. Inside the work tree FILE is written as the Action's sarif-file is.
  test.each([
    ['a link at FILE', 'agent-gate.json', 'agent-gate.json'],
    ['a link to a folder on the way', 'out', 'out/agent-gate.json'],
  ])('--output inside the work tree through %s is refused before anything is written', (_name, linkName, output) => {
    const repo = failing();
    const victim = join(outside, `victim-${Date.now()}-${linkName.length}`);
    mkdirSync(victim);
    writeFileSync(join(victim, 'agent-gate.json'), 'precious\n');
    repo.symlink(linkName, linkName === 'out' ? victim : join(victim, 'agent-gate.json')).commit('link', { author: KIRO });
    for (const base of ['main', 'no-such-ref']) {
      const r = runCli(['check', '--base', base, '--format', 'json', '--output', output], { cwd: repo.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^agent-gate: check: refusing --output .*symbolic link in the workspace.*\n$/);
      expect(readFileSync(join(victim, 'agent-gate.json'), 'utf8')).toBe('precious\n');
    }
  });

  // Audit 35 (AB-1): the work tree named through a link outside it (a runner's work folder that is
  // a link, macOS's /var) was not seen as the work tree, so the pull request's links were followed.
  test.each([
    ['a link at FILE', 'agent-gate.json', 'agent-gate.json'],
    ['a link to a folder on the way', 'out', 'out/agent-gate.json'],
  ])('--output through another name of the work tree, then %s, is refused', (_name, linkName, output) => {
    const repo = failing();
    const victim = join(outside, `alias-victim-${Date.now()}-${linkName.length}`);
    mkdirSync(victim);
    writeFileSync(join(victim, 'agent-gate.json'), 'precious\n');
    repo.symlink(linkName, linkName === 'out' ? victim : join(victim, 'agent-gate.json')).commit('link', { author: KIRO });
    const alias = join(outside, `alias-${Date.now()}-${linkName.length}`);
    symlinkSync(repo.dir, alias);
    const r = runCli(['check', '--base', 'main', '--format', 'json', '--output', join(alias, output)], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^agent-gate: check: refusing --output .*symbolic link in the workspace.*\n$/);
    expect(readFileSync(join(victim, 'agent-gate.json'), 'utf8')).toBe('precious\n');
    expect(runCli(['check', '--base', 'main', '--format', 'json', '--output', join(alias, 'plain.json')], { cwd: repo.dir }).code).toBe(1);
    expect(readFileSync(join(repo.dir, 'plain.json'), 'utf8')).toContain('"passed": false');
  });

  test('--output inside the work tree: a regular file is replaced, and missing folders are made', () => {
    const repo = failing();
    writeFileSync(join(repo.dir, 'old.json'), 'stale');
    expect(runCli(['check', '--base', 'main', '--format', 'json', '--output', 'old.json'], { cwd: repo.dir }).code).toBe(1);
    expect(readFileSync(join(repo.dir, 'old.json'), 'utf8')).toContain('"passed": false');
    expect(runCli(['check', '--base', 'main', '--format', 'json', '--output', 'reports/a/r.json'], { cwd: repo.dir }).code).toBe(1);
    expect(readFileSync(join(repo.dir, 'reports/a/r.json'), 'utf8')).toContain('"passed": false');
  });

  test('--output to an unwritable place exits 2', () => {
    const r = runCli(['check', '--base', 'main', '--output', '/nonexistent/dir/r.json'], { cwd: failing().dir });
    expect(r.code).toBe(2);
  });

  test('default base: the upstream of the branch', () => {
    const { repo } = setup();
    repo.git(['branch', '--set-upstream-to', 'main']);
    repo.write('.env', 'x\n');
    repo.commit('env', { author: KIRO });
    const r = runCli(['check', '--format', 'json'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    writeFileSync(join(repo.dir, 'untracked.txt'), 'not judged');
    expect(runCli(['check', '--format', 'json'], { cwd: repo.dir }).code).toBe(1);
  });
});
