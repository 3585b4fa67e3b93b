// Audit 32, findings PP-1 to PP-4 (policy and matching layer). Every deny and ask row was allow
// before; the allow rows must stay allowed.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvedOnDisk } from '../../src/cli/ondisk.ts';
import { compilePolicy, type CompiledPolicy } from '../../src/engine/compile.ts';
import { explain } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect } from '../../src/policy/types.ts';
import { effectOf, policyOf } from '../helpers/policy.ts';

type Row = [string, Effect, string];

// PP-1: the workspace root is taken with links resolved, `$HOME` (or a rule's folder) as spelled,
// so a `~/…` or `/…` rule naming a place in the workspace never met the workspace path when a
// link stood between them (FreeBSD's `/home -> /usr/home`, automounted homes, `HOME=/link`).
describe('PP-1: a home or rule folder that reaches the workspace through a symlink', () => {
  // Real links on disk: realpath the temp folder first (macOS's /var is /private/var).
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'ag-pp1-')));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  for (const dir of ['dot', 'repo', 'other']) mkdirSync(join(tmp, dir));
  symlinkSync(join(tmp, 'dot'), join(tmp, 'dotlink'));
  symlinkSync(tmp, join(tmp, 'lh'));
  symlinkSync(join(tmp, 'repo'), join(tmp, 'link'));
  symlinkSync(join(tmp, 'repo'), join(tmp, 'wl'));

  const ALLOW_ALL = 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\n';
  const compile = (home: string, root: string, workspace = ALLOW_ALL): CompiledPolicy =>
    compilePolicy([loadPolicy(workspace, 'p.yml', 'workspace')], { home, root, policyPaths: ['.github/agent-gate.yml'], resolveLinks: resolvedOnDisk });
  const write = (p: CompiledPolicy, path: string): Effect => explain(p, { capability: 'fs_write', resource: path, cwd: '.' }).effect;

  describe('a dotfiles repository at a symlinked home: the kiro scope\'s ~/.kiro/workspace-roots/**', () => {
    const atHome = compile(join(tmp, 'dotlink'), join(tmp, 'dot'));
    test.each<Row>([
      ['.kiro/workspace-roots/x', 'deny', 'workspace path'],
      ['.kiro/workspace-roots/abc/permissions.yaml', 'deny', 'a file a level down'],
      ['.KIRO/Workspace-Roots/x', 'deny', 'another case'],
      [`${tmp}/dot/.kiro/workspace-roots/x`, 'deny', 'absolute, through the resolved root'],
      ['.kiro/steering/x.md', 'allow', 'another kiro folder'],
      ['src/a.ts', 'allow', 'elsewhere'],
    ])('%s -> %s (%s)', (path, effect) => {
      expect(write(atHome, path)).toBe(effect);
    });

    test('the reason names the built-in rule', () => {
      const r = explain(atHome, { capability: 'fs_write', resource: '.kiro/workspace-roots/x', cwd: '.' });
      expect(r.rule).toMatchObject({ scope: 'kiro', pattern: '~/.kiro/workspace-roots/**' });
    });

    test('a workspace elsewhere is not affected', () => {
      expect(write(compile(join(tmp, 'dotlink'), join(tmp, 'other')), '.kiro/workspace-roots/x')).toBe('allow');
    });
  });

  describe('user rules under a symlinked home, and a /… rule spelled through a link', () => {
    const p = compile(join(tmp, 'lh'), join(tmp, 'repo'), `rules:
  - {capability: fs_write, effect: deny, match: ["~/repo/secrets/**", "${tmp}/link/lk/**", "~/wl/keys/**", '${tmp}/link/\\(g\\)/**']}
  - {capability: fs_write, effect: ask, match: ["~/repo/cfg"]}
  - {capability: fs_write, effect: allow, match: ["**"]}
`);
    test.each<Row>([
      ['secrets/k', 'deny', '~/ rule, home through a link'],
      [`${tmp}/repo/secrets/k`, 'deny', 'absolute spelling of the same file'],
      ['lk/k', 'deny', 'absolute rule spelled through a link to the workspace'],
      ['keys/id', 'deny', '~/ rule whose folder is a link to the workspace'],
      ['(g)/x', 'deny', 'a folder name with escapes below the link'],
      ['cfg/a.yml', 'ask', 'a literal ~/ ask rule covers what is below'],
      ['src/k', 'allow', 'elsewhere'],
      ['secretsx/k', 'allow', 'a longer name'],
      ['repo/secrets/k', 'allow', 'the home-relative spelling is no workspace path'],
    ])('%s -> %s (%s)', (path, effect) => {
      expect(write(p, path)).toBe(effect);
    });
  });
});

// PP-2: the fragment never leaves the client, so `/admin#x` fetches `/admin`.
describe('PP-2: deny and ask web_fetch rules see the URL without its fragment', () => {
  const DENY = `rules:
  - {capability: web_fetch, effect: deny, match: ["https://api.example.com/admin", "https://evil.com/", "https://x.com/a/*"]}
  - {capability: web_fetch, effect: ask, match: ["https://ask.example.com/ops"]}
  - {capability: web_fetch, effect: allow, match: ["https://*"], exclude: ["https://docs.example.com/private"]}
`;
  const p = policyOf({ workspace: DENY });
  test.each<Row>([
    ['https://api.example.com/admin#x', 'deny', 'a fragment'],
    ['https://api.example.com/admin#/public', 'deny', 'a fragment shaped like a path'],
    ['https://evil.com/#a', 'deny', 'after the root path'],
    ['https://evil.com#a', 'deny', 'after the host'],
    ['https://API.example.com:443/admin#x', 'deny', 'with the other normalised spellings'],
    ['https://ask.example.com/ops#top', 'ask', 'an ask rule'],
    ['https://docs.example.com/private#s1', 'ask', 'the allow rule\'s exclude sees it too'],
    ['https://api.example.com/adminx#x', 'allow', 'another path'],
    ['https://x.com/b#/a/x', 'allow', 'a path in the fragment is not sent'],
    ['https://api.example.com/public#/admin', 'allow', 'the same'],
    ['https://docs.example.com/public#private', 'allow', 'the same for an exclude'],
  ])('%s -> %s (%s)', (url, effect) => {
    expect(effectOf(p, 'web_fetch', url)).toBe(effect);
  });
});

// PP-3: nginx decodes `%2F` in the request path, then resolves the dot segments it leaves.
describe('PP-3: deny and ask web_fetch rules see %2F and %5C as separators', () => {
  const DENY = `rules:
  - capability: web_fetch
    effect: deny
    match: ["https://evil.com/*", "https://api.example.com/admin/*"]
    exclude: ["https://evil.com/public/*"]
  - {capability: web_fetch, effect: allow, match: ["https://*"], exclude: ["https://docs.example.com/private/*"]}
`;
  const p = policyOf({ workspace: DENY });
  test.each<Row>([
    ['https://evil.com/public/..%2fsecret', 'deny', 'lower-case %2f'],
    ['https://evil.com/public/..%2Fsecret', 'deny', 'upper-case %2F'],
    ['https://evil.com/public/%2E%2E%2Fsecret', 'deny', 'dots encoded too'],
    ['https://evil.com/public/.%2e%2fsecret', 'deny', 'dots half encoded'],
    ['https://evil.com/public/..%5csecret', 'deny', 'an encoded backslash'],
    ['https://evil.com/public/..%5Csecret', 'deny', 'the same upper-case'],
    ['https://evil.com/public/a/..%2f..%2fsecret', 'deny', 'two levels'],
    ['https://api.example.com/admin%2fx', 'deny', 'a folder and its file in one segment'],
    ['https://docs.example.com/public/..%2fprivate/x', 'ask', 'the allow rule\'s exclude sees it too'],
    ['https://evil.com/public/a%2fb', 'allow', 'stays inside the excluded folder'],
    ['https://evil.com/public/x?q=..%2f..%2fy', 'allow', 'in the query, not the path'],
    ['https://evil.com/public/x#..%2f..%2fy', 'allow', 'in the fragment'],
    ['https://api.example.com/public%2fx', 'allow', 'another folder'],
    ['https://docs.example.com/public%2fx', 'allow', 'another folder for the exclude'],
  ])('%s -> %s (%s)', (url, effect) => {
    expect(effectOf(p, 'web_fetch', url)).toBe(effect);
  });

  test('an allow rule still sees the URL as written', () => {
    const allowOnly = policyOf({ workspace: 'rules:\n  - {capability: web_fetch, effect: allow, match: ["https://evil.com/public/*"]}\n' });
    expect(effectOf(allowOnly, 'web_fetch', 'https://evil.com/public/..%2fsecret')).toBe('allow');
  });
});

// PP-4: SPEC 4, a pattern with no wildcard also matches everything below it. The wildcard test
// took any of `@ + ! ( ) { }` and an escaped `\[ \]` for a wildcard, which minimatch does not.
describe('PP-4: a folder name that minimatch reads literally covers what is below it', () => {
  const DENY = `rules:
  - capability: fs_write
    effect: deny
    match: ['packages/@internal', 'vendor/c++', 'docs (old)', 'app/\\(auth\\)', 'deploy!', 'src/app/\\[tenant\\]', 'x{a}', 'e(1)', 'at@', 'bang!x', 'w\\[2\\]/', '@(a|b)', 'q/!(x)', 'ext/+(y)', 'k[2]']
  - capability: fs_write
    effect: allow
    match: ['**']
  - {capability: shell, effect: allow, match: ['echo *']}
`;
  const p = policyOf({ workspace: DENY });
  test.each<Row>([
    ['packages/@internal/index.ts', 'deny', 'an npm scope'],
    ['packages/@internal/lib/deep/a.ts', 'deny', 'deeper'],
    ['packages/@Internal/index.ts', 'deny', 'another case'],
    ['vendor/c++/x.h', 'deny', 'plus signs'],
    ['docs (old)/a.md', 'deny', 'parentheses and a space'],
    ['app/(auth)/login.tsx', 'deny', 'an escaped route group'],
    ['deploy!/x', 'deny', 'a final !'],
    ['src/app/[tenant]/page.tsx', 'deny', 'an escaped dynamic segment'],
    ['x{a}/y', 'deny', 'a brace with no comma does not expand'],
    ['e(1)/y', 'deny', 'unescaped parentheses'],
    ['at@/y', 'deny', 'a final @'],
    ['bang!x/y', 'deny', 'an inner !'],
    ['w[2]/z', 'deny', 'an escaped bracket with a final /'],
    ['k2/x', 'deny', 'a one-character class is that character'],
    ['packages/@internalx/i.ts', 'allow', 'a longer name'],
    ['src/app/t/page.tsx', 'allow', 'not the dynamic segment\'s literal name'],
    ['a/x', 'allow', 'an extglob is a wildcard'],
    ['q/x/y', 'allow', 'a negated extglob is a wildcard'],
    ['q/y/z', 'allow', 'and so matches no deeper path'],
    ['ext/yy/z', 'allow', 'a +( ) extglob is a wildcard'],
    ['x{a}b/y', 'allow', 'another name'],
  ])('%s -> %s (%s)', (path, effect) => {
    expect(effectOf(p, 'fs_write', path)).toBe(effect);
  });

  test('a shell redirection into the folder', () => {
    expect(effectOf(p, 'shell', 'echo x > "src/app/[tenant]/page.tsx"')).toBe('deny');
  });

  test.each<[string, string | null]>([
    ['w\\[2\\]/', null],
    ['packages/@internal/', null],
    ['docs (old)/', null],
    ['@(a|b)/', 'after a wildcard'],
    ['q/!(x)/', 'after a wildcard'],
    // minimatch reads a one-character class as that character: `w[2]` is the name `w2`.
    ['w[2]/', null],
    ['w[ab]/', 'after a wildcard'],
  ])('lint: a final / on %s', (pattern, error) => {
    const load = (): unknown => loadPolicy(`rules:\n  - capability: fs_write\n    effect: deny\n    match: [${JSON.stringify(pattern)}]\n`, 'p.yml', 'workspace');
    if (error === null) expect(load).not.toThrow();
    else expect(load).toThrow(error);
  });
});
