// Audit Z-1: a workspace path is judged relative to the root, and an absolute or `~/` pattern
// only ever met absolute paths. Where such a rule names a place inside the workspace (a repository
// at home holds `~/.kiro/workspace-roots`; `~/proj/secrets/**` for a workspace at ~/proj), the rule
// never fired, even for a request spelled exactly like it. Every deny row was allow or ask before.
import { describe, expect, test } from '@jest/globals';
import { compilePolicy } from '../../src/engine/compile.ts';
import { explain } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect } from '../../src/policy/types.ts';

const HOME = '/home/dev';

function policy(root: string, workspace = 'rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\n'): ReturnType<typeof compilePolicy> {
  return compilePolicy([loadPolicy(workspace, 'p.yml', 'workspace')], { home: HOME, root, policyPaths: ['.github/agent-gate.yml'] });
}

const write = (p: ReturnType<typeof policy>, path: string, cwd = '.'): Effect => explain(p, { capability: 'fs_write', resource: path, cwd }).effect;

describe('a repository at home holds the kiro scope\'s ~/.kiro/workspace-roots', () => {
  const atHome = policy(HOME);
  test.each<[string, Effect]>([
    ['.kiro/workspace-roots/h/permissions.yaml', 'deny'],
    ['~/.kiro/workspace-roots/h/permissions.yaml', 'deny'],
    [`${HOME}/.kiro/workspace-roots/h/permissions.yaml`, 'deny'],
    ['.KIRO/Workspace-Roots/h/p.yaml', 'deny'],
    ['src/a.ts', 'allow'],
    ['.kiro/steering/x.md', 'allow'],
  ])('%s -> %s', (path, effect) => {
    expect(write(atHome, path)).toBe(effect);
  });

  test('the reason names the rule as written', () => {
    const r = explain(atHome, { capability: 'fs_write', resource: '.kiro/workspace-roots/h/p.yaml', cwd: '.' });
    expect(r.rule).toEqual({ scope: 'kiro', file: '(built-in)', index: 0, effect: 'deny', pattern: '~/.kiro/workspace-roots/**' });
  });

  test('a repository elsewhere under home is not affected', () => {
    expect(write(policy(`${HOME}/proj`), '.kiro/workspace-roots/h/p.yaml')).toBe('allow');
  });
});

describe('absolute and ~/ rules naming a folder in the workspace', () => {
  const root = `${HOME}/proj`;
  const p = policy(root, `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["~/proj/secrets/**", "${root}/keys/**"], exclude: ["~/proj/secrets/public/**"]}
`);
  test.each<[string, Effect, string]>([
    ['secrets/k', 'deny', '~/ rule'],
    ['~/proj/secrets/k', 'deny', 'spelled like the rule'],
    [`${root}/secrets/k`, 'deny', 'spelled absolutely'],
    ['keys/id', 'deny', 'absolute rule'],
    ['secrets/public/readme', 'allow', 'the exclude reaches the same place'],
    ['src/a.ts', 'allow', 'elsewhere'],
  ])('%s -> %s (%s)', (path, effect) => {
    expect(write(p, path)).toBe(effect);
  });

  test('from a cwd inside the workspace', () => {
    expect(write(p, 'k', 'secrets')).toBe('deny');
  });

  // A wildcard above the root names places outside the workspace too: `~/**` and `/**` are how a
  // policy says "nothing outside the repository", and must not swallow the workspace itself.
  test.each(['~/**', '/**', '/home/*/proj/**'])('a deny of %j leaves workspace paths to the other rules', (pattern) => {
    const outside = policy(root, `rules:\n  - {capability: fs_write, effect: allow, match: ["**"]}\n  - {capability: fs_write, effect: deny, match: [${JSON.stringify(pattern)}]}\n`);
    expect(write(outside, 'src/a.ts')).toBe('allow');
    expect(write(outside, '/tmp/x')).toBe(pattern === '/**' ? 'deny' : 'ask');
  });

  test('an absolute allow does not widen anything', () => {
    const allowOnly = policy(root, `rules:\n  - {capability: fs_write, effect: allow, match: ["${root}/**"]}\n`);
    expect(write(allowOnly, 'src/a.ts')).toBe('ask');
  });
});
