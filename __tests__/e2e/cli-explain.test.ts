import { existsSync, linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DIST_CLI, runCli, tempTree } from '../helpers/cli.ts';
import { cleanupRepos, TestRepo } from '../helpers/gitrepo.ts';

const POLICY = `rules:
  - capability: shell
    effect: allow
    match: ["npm *", "git *"]
    exclude: ["npm publish*"]
  - capability: shell
    effect: deny
    match: ["rm -rf *"]
  - capability: fs_write
    effect: allow
    match: ["src/**"]
models:
  allow: [claude-sonnet-4.5]
tests:
  - {shell: "npm test", expect: allow}
  - {shell: "rm -rf /", expect: deny}
  - {write: ".kiro/settings/mcp.json", expect: deny}
  - {write: "src/a.ts", expect: allow}
  - {model: "gpt-4o", expect: deny}
`;

function repo(policy = POLICY): string {
  const dir = tempTree({ '.github/agent-gate.yml': policy });
  mkdirSync(join(dir, '.git'));
  return dir;
}

describe('agent-gate explain', () => {
  test('--json prints exactly the SPEC object', () => {
    const r = runCli(['explain', '--json', '--shell', 'rm -rf /'], { cwd: repo() });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['capability', 'resource', 'effect', 'rule', 'reason', 'parts']);
    expect(out).toMatchObject({
      capability: 'shell', resource: 'rm -rf /', effect: 'deny',
      rule: { scope: 'workspace', file: '.github/agent-gate.yml', index: 1, effect: 'deny', pattern: 'rm -rf *' },
    });
    expect(Object.keys(out.rule)).toEqual(['scope', 'file', 'index', 'effect', 'pattern']);
    expect(out.parts[0]).toMatchObject({ text: 'rm -rf /', capability: 'shell', effect: 'deny' });
  });

  test.each([
    [['--shell', 'npm test'], 'allow', 'workspace'],
    [['--shell', 'npm publish'], 'ask', null],
    [['--shell', 'git status'], 'allow', 'workspace'],
    [['--write', 'src/x.ts'], 'allow', 'workspace'],
    [['--write', '.kiro/settings/mcp.json'], 'deny', 'kiro'],
    [['--write', '.Kiro/Settings/MCP.JSON'], 'deny', 'kiro'],
    [['--write', '.github/agent-gate.yml'], 'deny', 'kiro'],
    [['--read', 'src/x.ts'], 'allow', 'default'],
    [['--fetch', 'https://example.com/'], 'ask', null],
    [['--search', 'how to'], 'ask', null],
    [['--mcp', 'github/create_issue'], 'ask', null],
    [['--model', 'claude-sonnet-4.5'], 'allow', 'workspace'],
    [['--model', 'gpt-4o'], 'deny', 'workspace'],
  ])('%j -> %s (%s)', (args, effect, scope) => {
    const r = runCli(['explain', '--json', ...args], { cwd: repo() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.effect).toBe(effect);
    expect(out.rule?.scope ?? null).toBe(scope);
  });

  test('human output names the effect, the rule and its scope', () => {
    const r = runCli(['explain', '--write', '.kiro/settings/mcp.json'], { cwd: repo() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('deny: fs_write ".kiro/settings/mcp.json"');
    expect(r.stdout).toContain('kiro rule #0 (built-in): deny "**/.kiro/settings/**"');
  });

  test('--policy reads the given file; --admin-policy adds the admin scope', () => {
    const dir = repo();
    const admin = join(tempTree({ 'admin.yml': 'rules:\n  - {capability: shell, effect: deny, match: ["npm test*"]}\n' }), 'admin.yml');
    const r = runCli(['explain', '--json', '--admin-policy', admin, '--shell', 'npm test'], { cwd: dir });
    expect(JSON.parse(r.stdout).rule.scope).toBe('admin');
    const other = join(tempTree({ 'p.yml': 'rules: []\n' }), 'p.yml');
    const r2 = runCli(['explain', '--json', '--policy', other, '--shell', 'npm test'], { cwd: dir });
    expect(JSON.parse(r2.stdout).effect).toBe('ask');
  });

  // Only `.github/agent-gate.yml` was protected, not the file it links to.
  test('a default policy that links to another file protects that file too', () => {
    const dir = tempTree({ 'policy/gate.yml': 'rules:\n  - {capability: fs_write, effect: allow}\n' });
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, '.github'));
    symlinkSync('../policy/gate.yml', join(dir, '.github', 'agent-gate.yml'));
    const r = runCli(['explain', '--json', '--write', 'policy/gate.yml'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ effect: 'deny', rule: { scope: 'kiro', index: 1 } });
  });

  test('without a policy file only the built-in scopes apply', () => {
    const dir = tempTree({});
    mkdirSync(join(dir, '.git'));
    const r = runCli(['explain', '--json', '--shell', 'git status'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ effect: 'allow', rule: { scope: 'default' } });
  });

  test('--cwd resolves relative writes', () => {
    const dir = repo();
    mkdirSync(join(dir, 'src'));
    const r = runCli(['explain', '--json', '--cwd', 'src', '--write', 'a.ts'], { cwd: dir });
    expect(JSON.parse(r.stdout).effect).toBe('allow');
    expect(r.stderr).toBe('');
  });

  // Audit 33, UU-1: a repository nested in the workspace, with a policy of its own, hid the
  // enclosing repository's rules from explain, while record judged the same call by both.
  test.each([
    [['--write', 'keys/k'], 'deny', 'workspace'],
    [['--shell', 'echo x > ../../.github/agent-gate.yml'], 'deny', 'kiro'],
    [['--write', 'lib.ts'], 'allow', 'workspace'],
  ])('--cwd in a nested repository: the enclosing repository judges too (%j)', (args, effect, scope) => {
    const dir = repo(`rules:
  - {capability: fs_write, effect: deny, match: ["secrets/**", "src/x/keys/**"]}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
  - {capability: shell, effect: allow, match: ["echo *"]}
`);
    mkdirSync(join(dir, 'src/x/.git'), { recursive: true });
    mkdirSync(join(dir, 'src/x/.github'), { recursive: true });
    writeFileSync(join(dir, 'src/x/.github/agent-gate.yml'), 'rules: [{capability: all, effect: allow}]\n');
    const r = runCli(['explain', '--json', '--cwd', 'src/x', ...args], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ effect, rule: { scope } });
    if (effect !== 'allow') expect(out.reason).toContain('in the enclosing repository');
  });

  // Audit 39, AM-4: an admin policy (which only adds rules) made explain drop the enclosing
  // repositories, so their deny turned into the nested repository's allow.
  test.each([
    [['--shell', 'rm -rf build'], 'deny'],
    [['--write', 'keys/k'], 'deny'],
    [['--shell', 'curl x'], 'ask'],
  ])('--admin-policy in a nested repository: the enclosing repository still judges (%j)', (args, effect) => {
    const dir = repo(`rules:
  - {capability: fs_write, effect: deny, match: ["src/x/keys/**"]}
  - {capability: shell, effect: deny, match: ["rm *"]}
`);
    mkdirSync(join(dir, 'src/x/.git'), { recursive: true });
    mkdirSync(join(dir, 'src/x/.github'), { recursive: true });
    writeFileSync(join(dir, 'src/x/.github/agent-gate.yml'), 'rules: [{capability: all, effect: allow}]\n');
    const admin = join(tempTree({ 'admin.yml': 'rules: [{capability: shell, effect: ask, match: ["curl *"]}]\n' }), 'admin.yml');
    const r = runCli(['explain', '--json', '--admin-policy', admin, '--cwd', 'src/x', ...args], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ effect });
  });

  test('a --cwd that is no folder on disk is judged as written, with a warning naming the workspace', () => {
    const dir = repo();
    const r = runCli(['explain', '--json', '--cwd', 'src', '--write', 'a.ts'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).effect).toBe('allow');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--cwd "src" is not a folder on this disk; judged as if it were one, in the workspace');
  });

  test('a path through a symlink on disk is judged where it lands too, as record judges it', () => {
    const dir = repo();
    mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
    symlinkSync('.kiro/settings', join(dir, 'cfg'));
    const r = JSON.parse(runCli(['explain', '--json', '--write', 'cfg/mcp.json'], { cwd: dir }).stdout);
    expect(r).toMatchObject({ resource: 'cfg/mcp.json', effect: 'deny', rule: { scope: 'kiro' } });
    expect(r.reason).toContain('through a symlink on disk this is ".kiro/settings/mcp.json"');
    // No link on the way: the path as written.
    expect(JSON.parse(runCli(['explain', '--json', '--write', 'src/a.ts'], { cwd: dir }).stdout).effect).toBe('allow');
  });

  // Audit round 28 (EE-4): only symlinks were followed, so after an allowed `cp -l
  // .github/agent-gate.yml src/notes.txt` a write to src/notes.txt rewrote the policy.
  test('a file with other names on disk (hard links) is judged under each of them', () => {
    const dir = repo('rules:\n  - {capability: fs_write, effect: allow, match: ["src/**"]}\n  - {capability: shell, effect: allow}\n');
    mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, '.kiro/settings/cli.json'), '{}');
    linkSync(join(dir, '.github/agent-gate.yml'), join(dir, 'src/notes.txt'));
    linkSync(join(dir, '.kiro/settings/cli.json'), join(dir, 'src/cfg.txt'));
    const outside = join(tempTree({ 'x.txt': 'x' }), 'x.txt');
    linkSync(outside, join(dir, 'src/shared.txt'));
    writeFileSync(join(dir, 'src/plain.txt'), 'x');
    const judged = (args: string[]): { effect: string; reason: string; rule: { scope: string } | null } => JSON.parse(runCli(['explain', '--json', ...args], { cwd: dir }).stdout);
    for (const args of [['--write', 'src/notes.txt'], ['--shell', 'echo x > src/notes.txt'], ['--shell', 'cp /tmp/x src/notes.txt']]) {
      const r = judged(args);
      expect(r).toMatchObject({ effect: 'deny', rule: { scope: 'kiro' } });
      expect(r.reason).toContain('as another name of the same file on disk (a hard link) this is ".github/agent-gate.yml"');
    }
    expect(judged(['--write', 'src/cfg.txt'])).toMatchObject({ effect: 'deny', reason: expect.stringContaining('this is ".kiro/settings/cli.json"') });
    // Another name outside the places looked in: what the write changes is not known.
    expect(judged(['--write', 'src/shared.txt'])).toMatchObject({ effect: 'ask', rule: null, reason: expect.stringContaining('a file with 2 names on disk (hard links), 1 of them not found') });
    expect(judged(['--write', 'src/plain.txt']).effect).toBe('allow');
    expect(judged(['--write', 'src/new.txt']).effect).toBe('allow');
  });

  // Audit round 27 (AA-6): what an archive puts in a folder goes through the links already in it.
  test('an archive unpacked into a folder that holds a symlink on disk is held to where it leads', () => {
    const dir = repo('rules:\n  - {capability: shell, effect: allow}\n  - {capability: fs_write, effect: allow, match: ["**"]}\n');
    mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    symlinkSync('../../.kiro', join(dir, 'src/deep/k'));
    const judged = (command: string, cwd = '.'): { effect: string; reason: string } => JSON.parse(runCli(['explain', '--json', '--cwd', cwd, '--shell', command], { cwd: dir }).stdout);
    for (const command of ['tar -xf /tmp/x.tar -C src', 'unzip -o /tmp/x.zip -d src/deep', 'cd src && tar -xf /tmp/x.tar']) {
      const r = judged(command);
      expect(r).toMatchObject({ effect: 'ask' });
      expect(r.reason).toContain('which holds a symlink to ".kiro"');
    }
    expect(judged('tar -xf /tmp/x.tar -C .', 'src').reason).toContain('which holds a symlink to "../.kiro"');
    expect(judged('tar -xf /tmp/x.tar -C dist').effect).toBe('allow');
    // rm -r removes the link, not what it leads to.
    expect(judged('rm -rf src/deep').effect).toBe('allow');
  });

  // Audit round 19 (H-3): a redirection's target is a write like any other, links on disk followed.
  test('a redirection through a symlink on disk is judged where it lands', () => {
    const dir = repo();
    mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
    symlinkSync('.kiro/settings', join(dir, 'cfg'));
    const r = JSON.parse(runCli(['explain', '--json', '--shell', 'echo x > cfg/mcp.json'], { cwd: dir }).stdout);
    expect(r).toMatchObject({ effect: 'deny', rule: { scope: 'kiro' } });
    expect(r.reason).toContain('through a symlink on disk this is ".kiro/settings/mcp.json"');
    const inside = JSON.parse(runCli(['explain', '--json', '--cwd', 'cfg', '--shell', 'echo x > mcp.json'], { cwd: dir }).stdout);
    expect(inside).toMatchObject({ effect: 'deny', rule: { scope: 'kiro' } });
  });

  /** `mv src/cfg src/n0; mv src/n0 src/n1; …; git status > src/nN/mcp.json`. */
  const moveChain = (n: number): string =>
    ['mv src/cfg src/n0', ...Array.from({ length: n }, (_, i) => `mv src/n${i} src/n${i + 1}`), `git status > src/n${n}/x.json`].join('; ');

  // Audit round 21 (M-2): a link on disk renamed or copied earlier in the command was not followed
  // under its new name.
  test.each([
    ['mv src/cfg src/c2 && git status > src/c2/mcp.json', 'deny'],
    ['git mv -k src/cfg src/c2; git status > src/c2/mcp.json', 'deny'],
    ['cp -a src out; git status > out/cfg/mcp.json', 'deny'],
    ['rsync -a src/ out/; git status > out/cfg/mcp.json', 'deny'],
    ['mv src/cfg a; mv a src/b; git status > src/b/mcp.json', 'deny'],
    // Elsewhere nothing changes: no link on the way of the old name, or the copy dereferences.
    ['mv src/a.ts src/b.ts && git status > src/b.ts', 'allow'],
    // Renaming the link itself writes the link, not what it points at; so does replacing it
    // (audit round 22, Q-8).
    ['mv src/cfg src/c2 && mv src/c2 src/c3', 'allow'],
    ['ln -sfn ../out src/cfg', 'allow'],
    ['cp -r src out && git status > out/new.ts', 'allow'],
    ['cp -rL src/cfg src/c3; git status > src/c3/x.json', 'allow'],
  ])('a link moved or copied in the command is followed under its new name: %j', (command, effect) => {
    const dir = repo(POLICY.replace('match: ["npm *", "git *"]', 'match: ["npm *", "git *", "mv *", "cp *", "rsync *", "ln *"]').replace('match: ["src/**"]', 'match: ["src/**", "out/**", "a/**"]'));
    mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
    mkdirSync(join(dir, 'src'), { recursive: true });
    symlinkSync('../.kiro/settings', join(dir, 'src', 'cfg'));
    const r = JSON.parse(runCli(['explain', '--json', '--shell', command], { cwd: dir }).stdout);
    expect(r.effect).toBe(effect);
    if (effect === 'deny') expect(r.reason).toMatch(/\(moved or copied there from "[^"]*cfg\/mcp\.json"\): through a symlink on disk this is "\.kiro\/settings\/mcp\.json"/);
  });

  // A long chain of moves hid the link: the walk stopped after 16 names, and that was allow. Past
  // the bound (64 names) it asks.
  test.each([
    [20, 'deny', 'through a symlink on disk this is ".kiro/settings/x.json"'],
    [70, 'ask', 'through more than 64 earlier names'],
  ])('a link moved on through %i names: %s', (n, effect, reason) => {
    const dir = repo(POLICY.replace('match: ["npm *", "git *"]', 'match: ["npm *", "git *", "mv *"]'));
    mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
    mkdirSync(join(dir, 'src'), { recursive: true });
    symlinkSync('../.kiro/settings', join(dir, 'src', 'cfg'));
    const r = JSON.parse(runCli(['explain', '--json', '--shell', moveChain(n)], { cwd: dir }).stdout);
    expect(r.effect).toBe(effect);
    expect(r.reason).toContain(reason);
  });

  // What mv takes away is judged with what it holds; the name used to stand for that is no file
  // of the user's, and the reason names the folder instead.
  test('a folder mv takes away is judged with what it holds, through links above it, naming the folder', () => {
    const dir = repo(POLICY.replace('match: ["npm *", "git *"]', 'match: ["npm *", "git *", "mv *"]').replace('models:', '  - {capability: fs_write, effect: deny, match: ["vault/sub/d/*"]}\nmodels:'));
    mkdirSync(join(dir, 'vault', 'sub', 'd'), { recursive: true });
    mkdirSync(join(dir, 'src'), { recursive: true });
    symlinkSync('../vault/sub', join(dir, 'src', 'lk'));
    const r = runCli(['explain', '--json', '--shell', 'mv src/lk/d /tmp/x'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ effect: 'deny', rule: { pattern: 'vault/sub/d/*' } });
    expect(r.stdout).toContain('what it holds, if it is a folder: through a symlink on disk this is \\"vault/sub/d\\"');
    expect(r.stdout).not.toContain('agent-gate-probe');
  });

  test('a relative --cwd is taken from the current folder: --cwd . is where explain runs', () => {
    const dir = repo();
    mkdirSync(join(dir, 'src'));
    const judged = (args: string[]): string => JSON.parse(runCli(['explain', '--json', ...args, '--write', 'a.ts'], { cwd: join(dir, 'src') }).stdout).effect;
    expect(judged([])).toBe('allow');
    expect(judged(['--cwd', '.'])).toBe('allow');
    expect(judged(['--cwd', '..'])).toBe('ask');
  });

  test.each([
    [['explain'], 'give exactly one of'],
    [['explain', '--shell', 'a', '--write', 'b'], 'give exactly one of'],
    [['explain', '--shell'], "explain: --shell needs a value; see 'agent-gate explain --help'"],
    [['explain', '--policy=', '--shell', 'x'], "explain: --policy needs a value; see 'agent-gate explain --help'"],
    [['explain', '--cwd=', '--shell', 'x'], "explain: --cwd needs a value; see 'agent-gate explain --help'"],
    [['explain', '--bogus', 'x'], "Unknown option '--bogus'"],
    [['explain', 'stray', '--shell', 'x'], 'unexpected argument "stray"'],
    [['nope'], 'unknown command "nope"'],
    // A command named like a member of Object.prototype ended in an internal error.
    [['constructor'], 'unknown command "constructor"'],
    [['toString'], 'unknown command "toString"'],
  ])('%j exits 2 with one line', (args, fragment) => {
    const r = runCli(args, { cwd: repo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fragment);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a bad policy exits 2 naming file:line:col', () => {
    const r = runCli(['explain', '--shell', 'ls'], { cwd: repo('rules:\n  - capability: shell\n    effect: maybe\n') });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('agent-gate: .github/agent-gate.yml:3:13: unknown effect "maybe" (expected deny, ask or allow)');
  });

  test('a policy that is not UTF-8, a device, too large, or a dangling link exits 2 with one line', () => {
    const latin1 = repo();
    writeFileSync(join(latin1, '.github/agent-gate.yml'), Buffer.from('rules:\n  - {capability: shell, effect: deny, match: ["caf\xe9 *"]}\n', 'latin1'));
    const dangling = repo();
    rmSync(join(dangling, '.github/agent-gate.yml'));
    symlinkSync('nonexistent.yml', join(dangling, '.github/agent-gate.yml'));
    const big = join(dangling, 'big.yml');
    writeFileSync(big, '#'.repeat(16 * 1024 * 1024 + 1));
    const cases: Array<[string[], string, RegExp]> = [
      [['explain', '--shell', 'ls'], latin1, /^agent-gate: \.github\/agent-gate\.yml:2:51: the policy file is not valid UTF-8; save it as UTF-8$/],
      [['explain', '--policy', '/dev/zero', '--shell', 'ls'], latin1, /^agent-gate: \/dev\/zero: is a device, not a policy file; a policy must be a regular file$/],
      [['explain', '--policy', big, '--shell', 'ls'], latin1, /^agent-gate: .*\/big\.yml: the policy file is larger than 16 MiB; check the path$/],
      [['explain', '--shell', 'rm -rf x'], dangling, /^agent-gate: \.github\/agent-gate\.yml: cannot read the policy file \(ENOENT\); check the path$/],
      [['policy', 'lint'], dangling, /^agent-gate: \.github\/agent-gate\.yml: cannot read the policy file \(ENOENT\); check the path$/],
    ];
    for (const [args, cwd, line] of cases) {
      const r = runCli(args, { cwd });
      expect({ code: r.code, stderr: r.stderr.trimEnd() }).toEqual({ code: 2, stderr: expect.stringMatching(line) });
    }
  });

  test('--help for every command', () => {
    for (const args of [['--help'], ['explain', '--help'], ['policy', '--help'], ['policy', 'lint', '--help'], ['policy', 'test', '--help'], ['demo', '--help']]) {
      const r = runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: agent-gate/);
    }
  });

  // Audit round 22: the hook's help left out a signal and the policy's failOn.
  test('hook --help names every agent signal and the policy\'s failOn', () => {
    const r = runCli(['hook', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CODEX_SANDBOX_NETWORK_DISABLED');
    expect(r.stdout).toContain("failOn: ask");
  });
});

describe('agent-gate policy', () => {
  test('lint: ok', () => {
    const r = runCli(['policy', 'lint'], { cwd: repo() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('.github/agent-gate.yml: ok (3 rules');
  });

  test.each([
    ['rules:\n  - capability: shell\n    effect: allow\n    match: 7\n', ['policy', 'lint', 'p.yml'], 'p.yml:4:12: match must be a string or a list of strings'],
    ['rules:\n  - capability: shell\n    effect: allow\n', ['policy', 'lint', '--admin', 'p.yml'], 'p.yml:3:13: effect "allow" is not allowed in the admin scope'],
    ['- a\n', ['policy', 'lint', 'p.yml'], 'p.yml:1:1: the policy file is a list'],
    ['', ['policy', 'lint', 'p.yml'], 'p.yml:1:1: the policy file is empty'],
    ['rules: [\n', ['policy', 'lint', 'p.yml'], 'p.yml:2:1: invalid YAML'],
    // Audit L-1: a glob that matches folders only, never a file.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/**/"]\n', ['policy', 'lint', 'p.yml'], 'p.yml:4:13: bad glob "secrets/**/": it ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("secrets/**")'],
    // Audit L-4: "\" is an escape in globs, not a folder separator.
    ["rules:\n  - capability: fs_write\n    effect: deny\n    match: ['config\\prod\\app.yml']\n", ['policy', 'lint', 'p.yml'], 'p.yml:4:13: bad glob "config\\prod\\app.yml": "\\" is an escape in patterns, not a folder separator ("\\p" is a plain "p"); separate folders with "/" ("config/prod/app.yml")'],
    // Audit L-3: request texts have single spaces between words and none at either end.
    ['rules:\n  - capability: shell\n    effect: deny\n    match: ["git  push *"]\n', ['policy', 'lint', 'p.yml'], 'p.yml:4:13: match pattern "git  push *" has a run of 2 whitespace characters: request texts have single spaces between words and none at either end, so the rule would not fire; write "git push *"'],
    // Audit L-7: a zero-width space hides in a text pattern; the error spells it out.
    ['rules:\n  - capability: shell\n    effect: deny\n    match: ["rm\\u200b *"]\n', ['policy', 'lint', 'p.yml'], 'p.yml:4:13: match pattern "rm\\u200b *" contains U+200B, an invisible character (default-ignorable or a bidi control): the text it shows would not match it; delete it ("rm *")'],
    // Audit L-2: one YAML string, not the two patterns it looks like.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: secrets/**, **/.env\n', ['policy', 'lint', 'p.yml'], 'p.yml:4:12: match is one string holding ", ", which YAML reads as the single pattern "secrets/**, **/.env"; write a list (["secrets/**", "**/.env"]), or a one-element list (["secrets/**, **/.env"]) if one pattern is meant'],
    // Audit L-5: an agents entry that can match no "Name <email>" / "Key: value".
    ['agents:\n  identities: ["ci-bot@bots.example"]\n', ['policy', 'lint', 'p.yml'], 'p.yml:2:16: agents.identities entry "ci-bot@bots.example" can never match: an identity is matched as "Name <email>" (both parts; * for any run); write "* <ci-bot@bots.example>"'],
    ['agents:\n  trailers: ["Generated-by"]\n', ['policy', 'lint', 'p.yml'], 'p.yml:2:14: agents.trailers entry "Generated-by" can never match: a trailer is matched as "Key: value" (a key of letters, digits and "-"; * for any run); write "Generated-by: *"'],
  ])('lint %j exits 2', (text, args, expected) => {
    const dir = tempTree({ 'p.yml': text });
    const r = runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  // Audit W-9: a deny spelling a compound command loads, but matches no sub-command; lint says so.
  test('lint warns on a shell pattern holding a control operator, and still exits 0', () => {
    const dir = tempTree({ 'p.yml': 'rules:\n  - capability: shell\n    effect: deny\n    match: ["curl * | sh", "rm *"]\n' });
    const r = runCli(['policy', 'lint', 'p.yml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('p.yml: ok (1 rules, 0 trusted commands, 0 tests, 1 warning)\n');
    expect(r.stderr).toBe('p.yml:4:13: warning: shell match pattern "curl * | sh" holds the control operator "|", but each sub-command is matched on its own (SPEC 5), so it matches only a command that quotes the operator as an argument; write one pattern per sub-command: ["curl *", "sh"]\n');
  });

  // Audit AM-2: redirections, quotes and (for deny) leading assignments are never in the match text.
  test('lint warns on shell patterns holding a redirection, quotes or a leading assignment', () => {
    const dir = tempTree({ 'p.yml': 'rules:\n  - capability: shell\n    effect: deny\n    match: ["curl * > *", "git \'push\' *", "FOO=1 rm *"]\n' });
    const r = runCli(['policy', 'lint', 'p.yml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('p.yml: ok (1 rules, 0 trusted commands, 0 tests, 3 warnings)\n');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^p\.yml:4:13: warning: shell match pattern "curl \* > \*" holds the redirection ">".*"curl \*"/);
    expect(lines[1]).toMatch(/^p\.yml:4:27: warning: shell match pattern "git 'push' \*" holds the quoted text 'push'.*"git push \*"$/);
    expect(lines[2]).toMatch(/^p\.yml:4:43: warning: shell match pattern "FOO=1 rm \*" starts with the assignment "FOO=1".*"rm \*"/);
  });

  test('lint: a missing file exits 2', () => {
    const r = runCli(['policy', 'lint', 'missing.yml'], { cwd: tempTree() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yml: cannot read the policy file (ENOENT)');
  });

  test('test: all expectations hold', () => {
    const r = runCli(['policy', 'test'], { cwd: repo() });
    expect(r.stdout).toContain('5 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  // Audit 34 (XX-3): the workspace came from the folder the command ran in, not from FILE.
  test('test: FILE is judged in its own repository, wherever the command runs', () => {
    const dir = repo();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/t.yml'), 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\ntests:\n  - {write: "real/t.yml", expect: deny}\n  - {write: "x", expect: allow}\n');
    for (const cwd of [dir, tempTree(), '/']) {
      const r = runCli(['policy', 'test', join(dir, 'real/t.yml')], { cwd });
      expect([r.code, r.stdout]).toEqual([0, '2 passed, 0 failed\n']);
    }
  });

  test('test: FILE outside any repository is judged in its own folder', () => {
    const dir = tempTree({ 'p/t.yml': 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\ntests:\n  - {write: "passwd", cwd: "/etc", expect: ask}\n  - {write: "x", expect: allow}\n' });
    for (const cwd of [dir, '/']) {
      const r = runCli(['policy', 'test', join(dir, 'p/t.yml')], { cwd });
      expect([r.code, r.stdout]).toEqual([0, '2 passed, 0 failed\n']);
    }
  });

  test('test: exits 1 listing every mismatch', () => {
    const r = runCli(['policy', 'test'], { cwd: repo(POLICY.replace('{shell: "npm test", expect: allow}', '{shell: "npm test", expect: deny}').replace('{model: "gpt-4o", expect: deny}', '{model: "gpt-4o", expect: allow}')) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('.github/agent-gate.yml:15: shell "npm test": expected deny, got allow');
    expect(r.stdout).toContain('.github/agent-gate.yml:19: model "gpt-4o": expected allow, got deny');
    expect(r.stdout).toContain('3 passed, 2 failed');
  });
});

describe('agent-gate demo', () => {
  test('gates a throwaway repository, prints the report, exits 0 and cleans up', () => {
    const r = runCli(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('agent-gate: FAILED: decision deny');
    expect(r.stdout).toContain('deny  fs_write  ".kiro/settings/mcp.json"');
    expect(r.stdout).toContain('alias of protected path ".kiro/settings/permissions.yaml"');
    expect(r.stdout).toContain('symlink "docs/settings.json" points at ".kiro/settings/cli.json"');
    expect(r.stdout).toMatch(/commit [0-9a-f]{12} "feat: add greet\(\)": agent .*\n  ok/);
    const dir = /throwaway repository in (\S+)/.exec(r.stdout)?.[1] ?? '';
    expect(dir).not.toBe('');
    expect(existsSync(dir)).toBe(false);
  });

  // Audit round 22: check ran with the caller's GIT_DIR (a worktree's alias sets it)
  // and judged that repository; a TMPDIR that is not there was an "internal error".
  test('judges its own repository whatever GIT_DIR says; a TMPDIR it cannot use is one line, exit 2', () => {
    const other = TestRepo.init();
    other.write('a', '1\n').commit('other');
    const r = runCli(['demo'], { env: { GIT_DIR: join(other.dir, '.git') } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('agent-gate: FAILED: decision deny');
    const bad = runCli(['demo'], { env: { TMPDIR: join(tmpdir(), 'ag-no-such-folder', 'x') } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`agent-gate: demo: cannot create a temporary folder in ${join(tmpdir(), 'ag-no-such-folder', 'x')} (ENOENT); set TMPDIR to a folder you can write to\n`);
  });
});

// Audit 37, AH-2: Node decodes argv as UTF-8, with U+FFFD for a byte that is not; the bytes are
// read from /proc/self/cmdline, so the name judged is the one given and is denied as SPEC 6.2 says.
describe.each(['--write', '--read'])('explain %s with a path that is not UTF-8', (flag) => {
  const onLinux = existsSync('/proc/self/cmdline') ? test : test.skip;
  onLinux('is denied as malformed, a real U+FFFD is not', () => {
    const dir = repo(`rules:\n  - {capability: all, effect: allow}\n`);
    const run = (bytes: string): { code: number; stdout: string } => {
      // A shell passes the bytes: a JavaScript string cannot hold them.
      const r = spawnSync('bash', ['-c', `"$0" "$1" explain ${flag} "$(printf '${bytes}')"`, process.execPath, DIST_CLI], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, GIT_CONFIG_GLOBAL: '/dev/null' } });
      return { code: r.status ?? -1, stdout: r.stdout };
    };
    const bad = run('src/a\\xffb');
    expect(bad.stdout).toMatch(/^deny: .*"src\/a\\udcffb"/);
    expect(bad.stdout).toContain('path is not valid UTF-8');
    expect(run('src/a\\xef\\xbf\\xbdb').stdout).toMatch(/^allow: /);
    expect(run('src/\\xc3\\xa9').stdout).toMatch(/^allow: /);
  });
});

afterAll(() => cleanupRepos());

// Audit 38, AJ-1: a HOME spelled with a `.` segment switched off kiro rule #0's `~/…` denies
// (the pattern's home folder and the path's never met), and a policy allowing the home let them by.
describe('explain: HOME spelled with `.` segments or a trailing slash', () => {
  const HOME_POLICY = 'rules:\n  - {capability: fs_write, effect: allow, match: ["~/**"]}\n';
  test.each([
    ['/.', '~/.kiro/workspace-roots/x'],
    ['/./', '~/.kiro/workspace-roots/x'],
    ['/.', '{home}/.cache/agent-gate/x'],
    ['//', '{home}/.kiro/workspace-roots/x'],
    ['/sub/..', '~/.cache/agent-gate/x'],
  ])('HOME={home}%s: %s is denied by the kiro scope', (suffix, spelled) => {
    const dir = repo(HOME_POLICY);
    const home = tempTree({ 'sub/x': '' });
    const r = runCli(['explain', '--json', '--write', spelled.replace('{home}', home)], { cwd: dir, env: { HOME: home + suffix } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ effect: 'deny', rule: { scope: 'kiro' } });
  });
});
