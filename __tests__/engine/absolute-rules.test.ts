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

  test('the reason names the path as the rule spells it', () => {
    expect(explain(atHome, { capability: 'fs_write', resource: '.kiro/workspace-roots/h/p.yaml', cwd: '.' }).reason)
      .toBe(`".kiro/workspace-roots/h/p.yaml" is "${HOME}/.kiro/workspace-roots/h/p.yaml": matches deny pattern "~/.kiro/workspace-roots/**" of kiro rule #0 (built-in)`);
  });

  test('a repository elsewhere under home is not affected', () => {
    expect(policy(`${HOME}/proj`).absoluteInRoot).toBe(false);
    expect(write(policy(`${HOME}/proj`), '.kiro/workspace-roots/h/p.yaml')).toBe('allow');
  });
});

describe('absolute and ~/ rules naming a folder in the workspace', () => {
  const root = `${HOME}/proj`;
  const p = policy(root, `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["~/proj/secrets/**", "${root}/keys/**"]}
  - {capability: fs_write, effect: ask, match: ["/home/*/proj/conf/**"]}
`);
  test.each<[string, Effect, string]>([
    ['secrets/k', 'deny', '~/ rule'],
    ['~/proj/secrets/k', 'deny', 'spelled like the rule'],
    [`${root}/secrets/k`, 'deny', 'spelled absolutely'],
    ['keys/id', 'deny', 'absolute rule'],
    ['k', 'deny', 'from a cwd inside the workspace'],
    ['conf/x.yml', 'ask', 'a wildcard above the root'],
    ['src/a.ts', 'allow', 'elsewhere'],
  ])('%s -> %s (%s)', (path, effect, why) => {
    expect(write(p, path, why.startsWith('from a cwd') ? 'secrets' : '.')).toBe(effect);
  });

  test('an absolute allow does not widen anything', () => {
    const allowOnly = policy(root, `rules:\n  - {capability: fs_write, effect: allow, match: ["${root}/**"]}\n`);
    expect(allowOnly.absoluteInRoot).toBe(false);
    expect(write(allowOnly, 'src/a.ts')).toBe('ask');
  });
});
