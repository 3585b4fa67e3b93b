import { compilePolicy } from '../../src/engine/compile.ts';
import { decidePath } from '../../src/engine/decide.ts';
import { explainEntry } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { canonicalPath, ONE_LOWER_CASE } from '../../src/match/path.ts';
import { effectOf, judge, policyOf } from '../helpers/policy.ts';

// Every write allowed, so what is left is exactly what the built-in kiro scope adds.
const ALLOW_ALL_WRITES = 'rules:\n  - {capability: fs_write, effect: allow}\n';

describe('Kiro IDE protected paths (seed table), with near misses', () => {
  const policy = policyOf({ workspace: ALLOW_ALL_WRITES });
  test.each([
    // path contains ".vscode/"
    ['.vscode/settings.json', 'ask'],
    ['src/.vscode/extensions.json', 'ask'],
    ['src/.vscode-notes', 'allow'],
    ['vscode/settings.json', 'allow'],
    // path contains "vscode~"
    ['settings.json.vscode~', 'ask'],
    ['a/vscode~backup/x', 'ask'],
    ['vscode-backup', 'allow'],
    // path contains ".git/"
    ['.git/config', 'ask'],
    ['sub/.git/hooks/pre-commit', 'ask'],
    ['a.git/b', 'ask'],
    ['.github/workflows/ci.yml', 'allow'],
    ['.gitignore', 'allow'],
    // path contains "git~"
    ['index.git~', 'ask'],
    ['gitx', 'allow'],
    // path contains ".code-workspace"
    ['proj.code-workspace', 'ask'],
    ['a/b.code-workspace.bak', 'ask'],
    ['code-workspace', 'allow'],
    // exact basename ".git"
    ['.git', 'ask'],
    ['vendor/lib/.git', 'ask'],
    ['lib.git', 'allow'],
    // exact basename "mcp.json"
    ['mcp.json', 'ask'],
    ['project/mcp.json', 'ask'],
    ['mcp.json.bak', 'allow'],
    ['notmcp.json', 'allow'],
    ['mcp.jsonc', 'allow'],
    // exact basename ".kiroignore"
    ['.kiroignore', 'ask'],
    ['pkg/.kiroignore', 'ask'],
    ['.kiroignore.bak', 'allow'],
    ['x.kiroignore', 'allow'],
  ])('write %j -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });
});

describe('kiro scope (SPEC 3)', () => {
  const policy = policyOf({ workspace: ALLOW_ALL_WRITES });
  test.each([
    ['.kiro/settings/mcp.json', 'deny'],
    ['.kiro/settings/permissions.yaml', 'deny'],
    ['packages/app/.kiro/settings/x.json', 'deny'],
    ['~/.kiro/settings/permissions.yaml', 'deny'],
    ['/home/dev/.kiro/settings/cli.json', 'deny'],
    ['/tmp/other/.kiro/settings/cli.json', 'deny'],
    ['~/.kiro/workspace-roots/abc123/permissions.yaml', 'deny'],
    ['.github/agent-gate.yml', 'deny'],
    ['.kiro/agents/default.json', 'ask'],
    ['.kiro/hooks/on-save.json', 'ask'],
    ['.kiro/steering/product.md', 'allow'],
    ['.kiro/specs/a/requirements.md', 'allow'],
    ['.kiro/settings-notes.md', 'allow'],
    ['.github/agent-gate.yml.bak', 'allow'],
  ])('write %j -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });

  test('the deciding rule is named with its scope', () => {
    const r = judge(policy, 'fs_write', '.kiro/settings/mcp.json');
    expect(r.rule).toEqual({ scope: 'kiro', file: '(built-in)', index: 0, effect: 'deny', pattern: '**/.kiro/settings/**' });
    expect(r.reason).toContain('kiro rule #0');
  });

  test('a --policy path inside the repository is protected too', () => {
    const p = policyOf({ workspace: ALLOW_ALL_WRITES }, ['config/gate.yml']);
    expect(effectOf(p, 'fs_write', 'config/gate.yml')).toBe('deny');
    expect(effectOf(p, 'fs_write', '.github/agent-gate.yml')).toBe('deny');
  });

  test('reads of protected paths are not affected by the write rules', () => {
    expect(effectOf(policy, 'fs_read', '.kiro/settings/mcp.json')).toBe('allow');
  });
});

describe('aliases of protected paths (SPEC 6.2)', () => {
  const policy = policyOf({ workspace: ALLOW_ALL_WRITES });
  test.each([
    ['.Kiro/Settings/MCP.JSON', 'deny'],
    ['.KIRO/SETTINGS/x', 'deny'],
    ['.ki\u200cro/settings/mcp.json', 'deny'],
    ['.kiro\u200d/settings/mcp.json', 'deny'],
    ['\ufeff.kiro/settings/mcp.json', 'deny'],
    ['.kiro./settings/mcp.json', 'deny'],
    ['.kiro /settings/mcp.json', 'deny'],
    ['.kiro/settings./mcp.json', 'deny'],
    ['.kiro/settings::$INDEX_ALLOCATION/mcp.json', 'deny'],
    ['.kiro\\settings\\mcp.json', 'deny'],
    ['\uff0ekiro/settings/mcp.json', 'deny'],
    // NFKC makes separators of the fullwidth and small solidus and reverse solidus.
    ['.kiro\uff3csettings\uff3cmcp.json', 'deny'],
    ['.kiro\ufe68settings\ufe68a', 'deny'],
    ['.kiro\uff0fsettings\uff0fa', 'deny'],
    ['.github\uff3cagent-gate.yml', 'deny'],
    ['.kiro.\uff3csettings/a', 'deny'],
    ['src\uff3c..\uff3c.kiro/settings/a', 'deny'],
    ['.ｋｉｒｏ/settings/x', 'deny'],
    ['.GitHub/Agent-Gate.yml', 'deny'],
    // Dotless ı upper-cases to I, as i does: Windows opens .github for .gıthub.
    ['.gıthub/agent-gate.yml', 'deny'],
    ['.kıro/settings/mcp.json', 'deny'],
    ['.gıt/config', 'ask'],
    ['.VSCode/settings.json', 'ask'],
    ['MCP.JSON', 'ask'],
    ['KIRO~1/settings/mcp.json', 'ask'],
    ['GIT~1/config', 'ask'],
    ['PROGRA~2/x', 'ask'],
    ['.Git', 'ask'],
  ])('write %j -> %s', (path, effect) => {
    expect(effectOf(policy, 'fs_write', path)).toBe(effect);
  });

  test('the reason says which protected path it aliases', () => {
    const r = judge(policy, 'fs_write', '.Kiro/Settings/MCP.JSON');
    expect(r.reason).toContain('alias of protected path ".kiro/settings/mcp.json"');
    expect(r.rule?.pattern).toBe('**/.kiro/settings/**');
    expect(judge(policy, 'fs_write', '.kiro/settings/mcp.json').reason).not.toContain('alias');
  });

  test.each([
    ['.Kiro/Settings/MCP.JSON', '.kiro/settings/mcp.json'],
    ['a\\B\\c', 'a/b/c'],
    ['x. . ./y', 'x/y'],
    ['file.txt:stream', 'file.txt'],
    ['/ABS/Path', '/abs/path'],
    ['ﬁle', 'file'],
    ['a./b.c/.d', 'a/b.c/.d'],
    ['a.', 'a'],
    ['.kiro/x.json', '.kiro/x.json'],
    ['.Kiro\uff3cSettings. \ufe68x', '.kiro/settings/x'],
    // Lower-case letters that share one upper case are one letter to a case-insensitive disk.
    ['ΑΣ/τος', 'ασ/τοσ'],
    ['ασ', 'ασ'],
    ['.gıthub/Agent-Gate.yml', '.github/agent-gate.yml'],
    ['.KIRO/settıngs', '.kiro/settings'],
    ['\u1c82', '\u043e'],
  ])('canonical form of %j is %j', (path, canonical) => {
    expect(canonicalPath(path)).toBe(canonical);
  });

  test('the table of lower-case letters sharing an upper case matches this Unicode version', () => {
    const found: Record<string, string> = {};
    for (let c = 0x80; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const letter = String.fromCharCode(c).normalize('NFKC');
      if ([...letter].length !== 1) continue;
      const upper = letter.toUpperCase();
      if (upper.length === 1 && upper.toLowerCase() !== letter.toLowerCase()) found[letter.toLowerCase()] = upper.toLowerCase();
    }
    expect(found).toEqual(ONE_LOWER_CASE);
  });

  // A log entry can hold a path of many MiB; a backtracking regex ran out of stack on it.
  test.each([
    ['a/', 'a/'],
    ['a./', 'a/'],
    ['B/', 'b/'],
  ])('a path of 8 MiB of %j is canonicalised', (segment, canonical) => {
    const n = (8 * 1024 * 1024) / segment.length;
    expect(canonicalPath(segment.repeat(n) + 'x')).toBe(canonical.repeat(n) + 'x');
  });
});

describe('malformed committed paths are denied', () => {
  const policy = policyOf({ workspace: ALLOW_ALL_WRITES });
  test.each(['a//b', 'a/./b', 'a/../b', '../outside', './a', 'a/', 'a\tb', 'a\nb', 'a\u007fb', 'a\u0001b', 'a\u0085b', ''])('write %j', (path) => {
    const d = decidePath(policy, 'fs_write', path);
    expect(d.effect).toBe('deny');
    expect(d.rule?.pattern).toBe('malformed path');
  });

  // A first segment that is empty in canonical form made the path look absolute there, out of
  // reach of every rule anchored at the root (the policy file included).
  test.each(['.\\secret\\k', '..\\.github\\agent-gate.yml', '\\secret\\k', ' /secret/k', '. /.github/agent-gate.yml', ':x/.github/agent-gate.yml', '\u200b/secret/k', '\u00ad/x', '.../secret/k'])('write %j', (path) => {
    const d = decidePath(policy, 'fs_write', path);
    expect(d.effect).toBe('deny');
    expect(d.rule?.pattern).toBe('malformed path');
    expect(d.reason).toContain('first segment that is empty in its canonical form');
  });

  test('paths written in commands are resolved first', () => {
    expect(decidePath(policy, 'fs_write', 'a/../b', { resolve: true }).path).toBe('b');
    expect(decidePath(policy, 'fs_write', './a//b', { resolve: true }).effect).toBe('allow');
    expect(decidePath(policy, 'fs_write', 'a/b', { resolve: true, cwd: '../..' }).path).toBe('/a/b');
  });
});

describe('filesystem patterns (SPEC 4)', () => {
  const policy = policyOf({
    workspace: `rules:
  - {capability: fs_write, effect: allow, match: ["src/**", "tests/**", "docs"], exclude: ["src/secret/**"]}
  - {capability: fs_write, effect: deny, match: ["**/.env", "**/.env.*", "secrets", "**/*.pem", "~/.ssh/**", "/etc/**"], exclude: ["**/.env.example"]}
  - {capability: fs_write, effect: ask, match: ["src/{gen,build}/**", "src/[xy].ts"]}
  - {capability: fs_read, effect: deny, match: ["**/.env"]}
`,
  });
  test.each([
    ['fs_write', 'src/a.ts', 'allow'],
    ['fs_write', 'src/deep/er/a.ts', 'allow'],
    ['fs_write', 'src/.hidden/a.ts', 'allow'],
    ['fs_write', 'srcx/a.ts', 'ask'],
    ['fs_write', 'docs', 'allow'],
    ['fs_write', 'docs/guide/a.md', 'allow'],
    ['fs_write', 'docsx/a.md', 'ask'],
    ['fs_write', 'src/secret/key.txt', 'ask'],
    ['fs_write', '.env', 'deny'],
    ['fs_write', 'app/.env', 'deny'],
    ['fs_write', 'app/.env.local', 'deny'],
    ['fs_write', 'app/.env.example', 'ask'],
    ['fs_write', 'src/.env.example', 'allow'],
    ['fs_write', 'src/.ENV.example', 'deny'],
    ['fs_write', 'src/.ENV', 'deny'],
    ['fs_write', 'secrets/a/b.txt', 'deny'],
    ['fs_write', 'secrets', 'deny'],
    ['fs_write', 'src/tls/server.pem', 'deny'],
    ['fs_write', 'src/tls/server.PEM', 'deny'],
    ['fs_write', '~/.ssh/authorized_keys', 'deny'],
    ['fs_write', '/etc/passwd', 'deny'],
    ['fs_write', '/home/dev/.ssh/config', 'deny'],
    ['fs_write', '/work/repo/src/a.ts', 'allow'],
    ['fs_write', '/tmp/x.ts', 'ask'],
    ['fs_write', 'src/gen/x.ts', 'ask'],
    ['fs_write', 'src/build/x.ts', 'ask'],
    ['fs_write', 'src/a.ts', 'allow'],
    ['fs_write', 'src/c.ts', 'allow'],
    ['fs_read', 'src/a.ts', 'allow'],
    ['fs_read', 'config/.env', 'deny'],
    ['fs_read', '/etc/passwd', 'ask'],
  ] as const)('%s %j -> %s', (cap, path, effect) => {
    expect(effectOf(policy, cap, path)).toBe(effect);
  });

  // The exclude was tested on the raw spelling only, so an alias spelled like an excluded name
  // (`.env:x.example` opens `.env`) escaped the deny.
  test.each([
    ['.env:x.example', 'deny'],
    ['app/.env:stream.example', 'deny'],
    ['.env.example', 'allow'],
    ['App/.Env.Example', 'allow'],
  ] as const)('a deny exclude must name the path in both spellings: %j -> %s', (path, effect) => {
    const p = policyOf({ workspace: 'rules:\n  - {capability: fs_write, effect: allow}\n  - {capability: fs_write, effect: deny, match: ["**/.env", "**/.Env.*"], exclude: ["**/*.example", "**/*.Example"]}\n' });
    expect(effectOf(p, 'fs_write', path)).toBe(effect);
  });

  // The canonical basename is cut at `:`, and the extension index looked only there, so a rule on
  // the raw spelling (`**/*.pem` for `a:b.pem`) was never tried.
  test.each([
    ['certs/a:b.pem', 'fs_write', 'deny'],
    ['certs/server\uff1aprod.pem', 'fs_write', 'deny'],
    ['x/a:b.pem', 'fs_read', 'deny'],
    ['certs/a.pem:stream', 'fs_write', 'deny'],
    ['b:.git/config', 'fs_write', 'ask'],
    ['a:.vscode/settings.json', 'fs_write', 'ask'],
    ['certs/a:b.txt', 'fs_write', 'allow'],
  ] as const)('a name with a colon still meets rules on its raw spelling: %j (%s) -> %s', (path, cap, effect) => {
    const p = policyOf({ workspace: 'rules:\n  - {capability: filesystem, effect: allow}\n  - {capability: filesystem, effect: deny, match: ["**/*.pem"]}\n' });
    expect(effectOf(p, cap, path)).toBe(effect);
  });

  // Canonical paths are NFKC; a deny pattern written in NFD (or with fullwidth letters) never met them.
  test.each([
    ['Gesch\u00e4ft/plan.txt', 'deny'],
    ['Gescha\u0308ft/plan.txt', 'deny'],
    ['\uff27esch\u00e4ft/plan.txt', 'deny'],
    ['Geschaft/plan.txt', 'allow'],
  ] as const)('a deny pattern is compared in canonical letters: %j -> %s', (path, effect) => {
    const p = policyOf({ workspace: 'rules:\n  - {capability: fs_write, effect: allow}\n  - {capability: fs_write, effect: deny, match: ["Gescha\u0308ft/**"]}\n' });
    expect(effectOf(p, 'fs_write', path)).toBe(effect);
  });

  test('character class: src/[xy].ts asks for x and y only', () => {
    expect(effectOf(policy, 'fs_write', 'src/y.ts')).toBe('ask');
    expect(effectOf(policy, 'fs_write', 'src/c.ts')).toBe('allow');
  });

  test('relative requests resolve against cwd', () => {
    expect(effectOf(policy, 'fs_write', 'a.ts', 'src')).toBe('allow');
    expect(effectOf(policy, 'fs_write', '../.env', 'src')).toBe('deny');
    expect(effectOf(policy, 'fs_write', './x/../.env')).toBe('deny');
  });

  test('a cwd in the home folder (~, ~/x: how log writers record it) is expanded like a ~/ path', () => {
    expect(effectOf(policy, 'fs_write', '.ssh/authorized_keys', '~')).toBe('deny');
    expect(effectOf(policy, 'fs_write', 'authorized_keys', '~/.ssh')).toBe('deny');
    expect(effectOf(policy, 'fs_write', '../.ssh/config', '~/other')).toBe('deny');
    expect(judge(policy, 'shell', 'echo x > .ssh/config', '~').effect).toBe('deny');
    // Not a path in the home folder: a folder named ~x, and a relative folder named ~.
    expect(decidePath(policy, 'fs_write', 'a', { resolve: true, cwd: '~x' }).path).toBe('~x/a');
  });

  test('a path that leaves the workspace and comes back in is judged inside it', () => {
    expect(effectOf(policy, 'fs_write', '../repo/secrets/token')).toBe('deny');
    expect(effectOf(policy, 'fs_write', '../../repo/src/a.ts', 'src')).toBe('allow');
    expect(effectOf(policy, 'fs_write', 'repo/.github/agent-gate.yml', '..')).toBe('deny');
    expect(effectOf(policy, 'fs_write', '../other/secrets/token')).toBe('ask');
  });
});

// A direct request through /proc/self/cwd names the requester's folder (the request's cwd), not
// agent-gate's: `src/secrets/k` below was ask ("secrets/k", no rule) before the fix.
describe("/proc/self/cwd in a direct request is the request's folder", () => {
  const policy = policyOf({ workspace: 'rules:\n  - {capability: fs_write, effect: allow, match: ["src/**", "/tmp/**"]}\n  - {capability: fs_write, effect: deny, match: ["src/secrets/**"]}\n' });
  test.each([
    ['/proc/self/cwd/secrets/k', 'src', 'deny', 'from the request\'s folder "src"'],
    ['/proc/thread-self/cwd/secrets/k', 'src', 'deny', 'from the request\'s folder "src"'],
    ['/proc/self/task/7/cwd/secrets/k', 'src', 'deny', 'from the request\'s folder "src"'],
    ['/proc/1/cwd/src/a.ts', '.', 'ask', 'folder of process 1'],
    // The stricter reading wins: these name allowed files from src, but not from where agent-gate runs.
    ['/proc/self/cwd/a.ts', 'src', 'ask', 'no rule'],
  ])('write %j in %j -> %s', (path, cwd, effect, fragment) => {
    const d = judge(policy, 'fs_write', path, cwd);
    expect(d.effect).toBe(effect);
    expect(d.reason).toContain(fragment);
  });
  test('reads too', () => {
    const read = policyOf({ workspace: 'rules:\n  - {capability: fs_read, effect: deny, match: ["src/secrets/**"]}\n' });
    expect(judge(read, 'fs_read', '/proc/self/cwd/secrets/k', 'src').effect).toBe('deny');
  });
  test("a log entry's cwd is the folder the tool call ran in", () => {
    expect(explainEntry(policy, { capability: 'fs_write', resource: '/proc/self/cwd/secrets/k', cwd: 'src' }).effect).toBe('deny');
    expect(explainEntry(policy, { capability: 'fs_write', resource: '/proc/self/cwd/a.ts', cwd: 'src' }).effect).toBe('ask');
  });
});

describe('precedence across scopes (SPEC 3)', () => {
  test.each([
    // scopes, capability, resource, effect, deciding scope
    [{ admin: 'rules: [{capability: shell, effect: deny, match: ["curl *"]}]', workspace: 'rules: [{capability: shell, effect: allow, match: ["curl *"]}]' }, 'shell', 'curl x', 'deny', 'admin'],
    [{ workspace: 'rules: [{capability: shell, effect: ask, match: ["npm publish*"]}]', user: 'rules: [{capability: shell, effect: allow, match: ["npm *"]}]' }, 'shell', 'npm publish', 'ask', 'workspace'],
    [{ user: 'rules: [{capability: shell, effect: deny, match: ["git push *"]}]', workspace: 'rules: [{capability: shell, effect: allow, match: ["git *"]}]' }, 'shell', 'git push origin', 'deny', 'user'],
    [{ workspace: 'rules: [{capability: fs_read, effect: deny, match: ["**/.env"]}]' }, 'fs_read', 'a/.env', 'deny', 'workspace'],
    [{ workspace: 'rules: [{capability: fs_write, effect: allow, match: [".kiro/settings/**"]}]' }, 'fs_write', '.kiro/settings/mcp.json', 'deny', 'kiro'],
    [{ workspace: 'rules: [{capability: all, effect: allow}]' }, 'fs_write', '.kiro/settings/mcp.json', 'deny', 'kiro'],
    [{ workspace: 'rules: [{capability: all, effect: allow}]' }, 'fs_write', '.kiro/hooks/h.json', 'ask', 'kiro'],
    [{ workspace: 'rules: [{capability: shell, effect: deny, match: ["git status *"]}]' }, 'shell', 'git status', 'deny', 'workspace'],
    [{}, 'shell', 'git status', 'allow', 'default'],
    [{ admin: 'rules: [{capability: all, effect: ask}]' }, 'shell', 'pwd', 'ask', 'admin'],
  ] as const)('%j: %s %j -> %s by %s', (scopes, cap, resource, effect, scope) => {
    const r = judge(policyOf(scopes), cap, resource);
    expect(r.effect).toBe(effect);
    expect(r.rule?.scope).toBe(scope);
  });

  // A fully qualified host (`evil.example.`) is the same host; it got past the deny.
  test.each([
    ['https://evil.example./x', 'deny'],
    ['https://EVIL.example.:443/x', 'deny'],
    ['https://u:p@evil.example./x', 'deny'],
    ['https://good.example./x', 'allow'],
  ] as const)('web_fetch %j -> %s', (url, effect) => {
    const p = policyOf({ workspace: 'rules:\n  - {capability: web_fetch, effect: allow}\n  - {capability: web_fetch, effect: deny, match: ["https://evil.example/*"]}\n' });
    expect(judge(p, 'web_fetch', url).effect).toBe(effect);
  });

  // Audit Z-2: `C:name` is drive-relative on Windows; canonical form alone cut it to `c`.
  test.each([
    ['C:.kiro\\settings\\cli.json', 'deny'],
    ['c:.github\\agent-gate.yml', 'deny'],
    ['c:secrets\\k', 'deny'],
    ['C:secrets/k', 'deny'],
    ['c:src\\a.ts', 'allow'],
    ['src/c:x', 'allow'],
  ] as const)('fs_write %j -> %s', (path, effect) => {
    const p = policyOf({ workspace: 'rules:\n  - {capability: fs_write, effect: allow}\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n' }, ['.github/agent-gate.yml']);
    expect(judge(p, 'fs_write', path).effect).toBe(effect);
  });

  test('a drive-relative path names the path Windows reads', () => {
    const p = policyOf({}, ['.github/agent-gate.yml']);
    expect(judge(p, 'fs_write', 'c:.github/agent-gate.yml').reason).toMatch(/^on Windows "c:\.github\/agent-gate\.yml" is "\.github\/agent-gate\.yml" in the current folder of drive C: /);
  });

  // Audit Z-3: a percent-escaped unreserved character is that character, as servers route it.
  test.each([
    ['https://api.example.com/%61dmin/users', 'deny'],
    ['https://api.example.com/adm%69n/users', 'deny'],
    ['https://API.example.com:443/%61%64min/x', 'deny'],
    ['https://api.example.com/admin/%75sers', 'deny'],
    // Double-encoded: the server decodes once, to the text `%61dmin`.
    ['https://api.example.com/%2561dmin/users', 'allow'],
    ['https://api.example.com/public/%7Euser', 'allow'],
  ] as const)('web_fetch %j -> %s', (url, effect) => {
    const p = policyOf({ workspace: 'rules:\n  - {capability: web_fetch, effect: allow}\n  - {capability: web_fetch, effect: deny, match: ["https://api.example.com/admin/*"]}\n' });
    expect(judge(p, 'web_fetch', url).effect).toBe(effect);
  });

  test('no rule at all asks', () => {
    const r = judge(policyOf({}), 'web_fetch', 'https://example.com/');
    expect(r).toMatchObject({ effect: 'ask', rule: null, reason: 'no rule matched' });
  });
});

describe('meta capabilities', () => {
  test.each([
    ['filesystem', 'fs_read', 'a.txt', 'deny'],
    ['filesystem', 'fs_write', 'a.txt', 'deny'],
    ['filesystem', 'shell', 'pwd', 'allow'],
    ['all', 'mcp', 'srv/tool', 'deny'],
    ['all', 'web_search', 'q', 'deny'],
    ['builtin', 'mcp', 'srv/tool', 'ask'],
    ['builtin', 'web_fetch', 'https://a/', 'deny'],
    ['builtin', 'diagnostics', 'x', 'deny'],
  ] as const)('deny %s covers %s %j -> %s', (meta, cap, resource, effect) => {
    const p = policyOf({ workspace: `rules: [{capability: ${meta}, effect: deny}]` });
    expect(effectOf(p, cap, resource)).toBe(effect);
  });

  test('the seed CI policy (all: allow) allows everything outside the kiro scope', () => {
    const p = policyOf({ workspace: 'rules:\n  - capability: all\n    effect: allow\n' });
    expect(effectOf(p, 'shell', 'make deploy')).toBe('allow');
    expect(effectOf(p, 'mcp', 'x/y')).toBe('allow');
    expect(effectOf(p, 'fs_write', '.kiro/settings/a')).toBe('deny');
  });
});

describe('default scope (SPEC 3)', () => {
  const policy = policyOf({});
  test.each([
    ['git status', 'allow'], ['git status --short', 'allow'], ['git log --oneline', 'allow'],
    ['git log --output=/tmp/x', 'ask'], ['git diff --ext-diff', 'ask'], ['git show --textconv HEAD', 'ask'],
    ['git branch', 'allow'], ['git branch -D main', 'ask'], ['git branch --list', 'allow'],
    ['git remote -v', 'allow'], ['git remote add x y', 'ask'], ['pwd', 'allow'], ['whoami', 'allow'],
    ['uname -a', 'allow'], ['hostname', 'allow'], ['date', 'allow'], ['date -s now', 'ask'],
    ['which node', 'allow'], ['env', 'allow'], ['git push', 'ask'], ['npm test', 'ask'],
    ['git rev-parse HEAD', 'allow'], ['git ls-files', 'allow'], ['git blame a.ts', 'allow'], ['id -u', 'allow'],
  ])('shell %j -> %s', (cmd, effect) => {
    expect(effectOf(policy, 'shell', cmd)).toBe(effect);
  });

  test('fs_read ./** is allowed, writes ask, diagnostics allowed', () => {
    expect(effectOf(policy, 'fs_read', 'src/a.ts')).toBe('allow');
    expect(effectOf(policy, 'fs_read', '/etc/passwd')).toBe('ask');
    expect(effectOf(policy, 'fs_write', 'src/a.ts')).toBe('ask');
    expect(effectOf(policy, 'diagnostics', 'tsc')).toBe('allow');
  });
});

// Each row was `allow` before: the raw path looked well formed, or matched no protected spelling,
// while its canonical form (SPEC 6.2) climbs, collapses or lands on a protected path.
describe('canonical forms that climb, collapse or alias', () => {
  const policy = policyOf({ workspace: 'rules:\n  - {capability: all, effect: allow}\n  - {capability: fs_write, effect: deny, match: ["secrets/**"]}\n' }, ['.github/agent-gate.yml']);
  test.each<[string, string, 'deny' | 'ask' | 'allow', string]>([
    ['x\\..\\.github\\agent-gate.yml', '.', 'deny', 'canonical form'],
    ['x\\..\\secrets\\key', '.', 'deny', 'canonical form'],
    ['a\\\\b', '.', 'deny', 'canonical form'],
    ['a\\.\\b', '.', 'deny', 'canonical form'],
    ['.github/agent-gate.yml', 'x\\..', 'deny', 'canonical form'],
    ['x/..\u200b/.github/agent-gate.yml', '.', 'deny', 'canonical form'],
    ['a/\ufeff../.github/agent-gate.yml', '.', 'deny', 'canonical form'],
    ['x/.. /secrets/key', '.', 'deny', 'canonical form'],
    ['x/:s/secrets/key', '.', 'deny', 'canonical form'],
    ['a/\u200b/b', '.', 'deny', 'canonical form'],
    ['a/ /x', '.', 'deny', 'canonical form'],
    ['a/\udc80b', '.', 'deny', 'not valid UTF-8'],
    ['KIRO~1 /settings/x', '.', 'ask', 'NTFS short name'],
    ['KIRO~1::$DATA', '.', 'ask', 'NTFS short name'],
    ['KIRO\uff5e1/a', '.', 'ask', 'NTFS short name'],
    ['KIRO~1\u200b/settings/a', '.', 'ask', 'NTFS short name'],
    ['~\\.kiro\\workspace-roots\\h\\permissions.yaml', '.', 'deny', 'workspace-roots'],
    ['/work/REPO/secrets/x', '.', 'deny', 'alias of "secrets/x" in the workspace'],
    ['/WORK/repo/.github/agent-gate.yml', '.', 'deny', 'alias of ".github/agent-gate.yml" in the workspace'],
    ['/work/repo./.github/agent-gate.yml', '.', 'deny', 'alias of ".github/agent-gate.yml" in the workspace'],
    ['\\work\\repo\\.github\\agent-gate.yml', '.', 'deny', ''],
    // The protected folder itself: writing it (a file in its place) is writing into it.
    ['.kiro/settings', '.', 'deny', 'kiro rule'],
    ['~/.kiro/settings', '.', 'deny', 'kiro rule'],
    ['secrets', '.', 'deny', 'workspace rule'],
    ['.Kiro/Settings', '.', 'deny', 'alias of protected path'],
    ['secretsx', '.', 'allow', ''],
    // Still fine: ordinary names, and absolute paths elsewhere.
    ['src/a.ts', '.', 'allow', ''],
    ['src/..bashrc', '.', 'allow', ''],
    ['/work/REPO/src/a.ts', '.', 'allow', ''],
  ])('write %j in %j -> %s', (written, cwd, effect, fragment) => {
    const d = decidePath(policy, 'fs_write', written, { resolve: true, cwd });
    expect({ effect: d.effect, hasFragment: d.reason.includes(fragment) }).toEqual({ effect, hasFragment: true });
  });

  test('a home folder with glob characters is matched literally', () => {
    for (const home of ['/tmp/h[1]', '/tmp/h{a,b}', '/tmp/h*']) {
      const p = compilePolicy([loadPolicy('rules:\n  - {capability: fs_write, effect: allow}\n', 'p.yml', 'workspace')], { home, root: '/work/repo', policyPaths: [] });
      expect(decidePath(p, 'fs_write', '~/.kiro/workspace-roots/abc/permissions.yaml', { resolve: true }).effect).toBe('deny');
      expect(decidePath(p, 'fs_write', `${home}/.kiro/workspace-roots/abc/permissions.yaml`, { resolve: true }).effect).toBe('deny');
      expect(decidePath(p, 'fs_write', '/tmp/h1/.kiro/workspace-roots/abc/permissions.yaml', { resolve: true }).effect).toBe('allow');
    }
  });
});

describe('the workspace root itself', () => {
  test.each<[string, string, string, 'deny' | 'ask' | 'allow']>([
    ['no policy', '', '.', 'allow'],
    ['no policy', '', '/work/repo', 'allow'],
    ['no policy', '', 'src/..', 'allow'],
    ['src only', 'rules:\n  - {capability: fs_read, effect: allow, match: ["src/**"]}\n', '.', 'allow'],
    ['deny everything', 'rules:\n  - {capability: fs_read, effect: deny, match: ["**"]}\n', '.', 'deny'],
  ])('%s: read %j -> %s', (_name, workspace, written, effect) => {
    const p = workspace === '' ? policyOf({}) : policyOf({ workspace });
    expect(decidePath(p, 'fs_read', written, { resolve: true }).effect).toBe(effect);
  });
});

describe('the built-in pattern a decision names', () => {
  test.each([['.git', '**/.git'], ['sub/.git', '**/.git'], ['.git/config', '**/.git/**']])('%s is named by %s', (path, pattern) => {
    expect(decidePath(policyOf({}), 'fs_write', path)).toMatchObject({ effect: 'ask', rule: { scope: 'kiro', pattern } });
  });
});

describe('the workspace policy file is a file name, not a glob', () => {
  test.each(['conf/[p]ol.yml', 'conf/{a,b}.yml', 'conf/*.yml', '~/p.yml', 'conf/p?.yml'])('%s is denied, and only it', (file) => {
    const policy = policyOf({ workspace: ALLOW_ALL_WRITES }, [file]);
    const d = decidePath(policy, 'fs_write', file);
    expect(d.effect).toBe('deny');
    expect(d.rule?.scope).toBe('kiro');
    expect(effectOf(policy, 'fs_write', 'conf/pol.yml')).toBe('allow');
    expect(effectOf(policy, 'fs_write', 'conf/a.yml')).toBe('allow');
  });
});

// Kiro rule #4 named a fixed example (`KIRO~1`) whatever the segment was.
describe('the NTFS short-name rule names the segment it took for a short name', () => {
  const policy = policyOf({ workspace: ALLOW_ALL_WRITES });
  test.each([
    ['.kiro/SETTIN~1/x', 'SETTIN~1'],
    ['x/MCP~1.JSO', 'MCP~1.JSO'],
    ['KIRO~1/a', 'KIRO~1'],
    ['a\\PROGRA~2\\x', 'PROGRA~2'],
    ['KIRO~1 /settings/x', 'KIRO~1 '],
    ['KIRO\uff5e1/a', 'KIRO\uff5e1'],
    ['KIRO~1\u200b/settings/a', 'KIRO~1\u200b'],
  ])('write %j -> ask naming %j', (path, segment) => {
    const d = judge(policy, 'fs_write', path);
    expect(d).toMatchObject({ effect: 'ask', rule: { scope: 'kiro', index: 4, pattern: `NTFS short name segment (${segment})` } });
    expect(d.reason.startsWith(`segment ${JSON.stringify(segment)} looks like an NTFS short name`)).toBe(true);
  });
});

// Audit EE-1: deny and ask rules match through the pattern's NFKC form, where a fullwidth `＊` or
// `？` is a wildcard; the index filed such a pattern under `**` or `secret?`, which no path segment is.
describe('a fullwidth wildcard in a deny or ask pattern', () => {
  test.each([
    ['secrets/＊＊', 'deny', 'secrets/k', 'deny'],
    ['secrets/＊＊', 'deny', 'secrets/a/b', 'deny'],
    ['secrets/＊＊', 'deny', 'Secrets/＊＊', 'deny'],
    ['secrets/＊', 'ask', 'secrets/k', 'ask'],
    ['secret？/**', 'ask', 'secret1/k', 'ask'],
    ['**/＊.pem', 'deny', 'a/x.pem', 'deny'],
    ['**/＊.pem', 'deny', 'x.PEM', 'deny'],
    ['{secrets/＊＊,*x}', 'deny', 'secrets/k', 'deny'],
    ['secrets/＊＊', 'deny', 'src/a.ts', 'allow'],
    ['**/＊.pem', 'deny', 'a/x.key', 'allow'],
  ] as const)('%s %s: write %j -> %s', (pattern, effect, path, expected) => {
    const p = policyOf({ workspace: `rules:\n  - {capability: fs_write, effect: allow}\n  - {capability: fs_write, effect: ${effect}, match: [${JSON.stringify(pattern)}]}\n` });
    expect(effectOf(p, 'fs_write', path)).toBe(expected);
  });
});
