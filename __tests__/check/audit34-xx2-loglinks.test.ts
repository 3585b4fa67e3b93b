// Audit 34, XX-2: a write to the target of a symlink in the range's trees is a write under the
// link's name too. With `config/prod -> ../deploy/prod` in the tree and a deny on
// `config/prod/**`, a replayed write to `deploy/prod/app.yml` passed; with `.kiro/settings ->
// ../conf`, so did `conf/cli.json`. treeLanding gives those names with `names: true`, and
// treeLinkedNames gives them alone (for a commit's changed paths).
import { describe, expect, test } from '@jest/globals';
import { addLink, treeLanding, treeLinkedNames, treeLinksBelow, type TreeLinks } from '../../src/check/loglinks.ts';
import { compilePolicy } from '../../src/engine/compile.ts';
import { explainEntry } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect, RequestCapability } from '../../src/policy/types.ts';

function linksOf(pairs: ReadonlyArray<readonly [string, string]>): TreeLinks {
  const links: TreeLinks = new Map();
  for (const [path, target] of pairs) addLink(links, path, target);
  return links;
}

const PROD = [['config/prod', '../deploy/prod']] as const;
const KIRO = [['.kiro/settings', '../conf']] as const;
const KIRO_FILE = [['.kiro/settings/cli.json', '../../conf/cli.json']] as const;
const CHAIN = [['config', 'x'], ['x/prod', '../deploy/prod']] as const;
// `deploy` is itself a link: config/prod's target is read through it.
const THROUGH = [['deploy', 'real'], ['config/prod', '../deploy/prod']] as const;
const OUTSIDE = [['cfg', '~/.kiro/settings'], ['abs', '/etc']] as const;
const LOOP = [['a/loop', '..']] as const;
const UNPROTECTED = [['docs/latest.md', '../notes/a.md']] as const;

describe('treeLinkedNames: the names the links of the trees give a path', () => {
  test.each<[string, ReadonlyArray<readonly [string, string]>, string, string[]]>([
    ['a file below a linked folder', PROD, 'deploy/prod/app.yml', ['config/prod/app.yml']],
    ['the linked folder itself', PROD, 'deploy/prod', ['config/prod']],
    ['spelled in another case (canonical form)', PROD, 'Deploy/Prod/App.yml', ['config/prod/app.yml']],
    ['a file below .kiro/settings linked as a folder', KIRO, 'conf/cli.json', ['.kiro/settings/cli.json']],
    ['a file linked from .kiro/settings', KIRO_FILE, 'conf/cli.json', ['.kiro/settings/cli.json']],
    ['a name below another link\'s target', CHAIN, 'deploy/prod/app.yml', ['x/prod/app.yml', 'config/prod/app.yml']],
    ['a target read through another link', THROUGH, 'real/prod/app.yml', ['deploy/prod/app.yml', 'config/prod/app.yml']],
    ['a link to the top, each link once', LOOP, 'notes.md', ['a/loop/notes.md']],
    ['a file no link leads to', PROD, 'deploy/other.yml', []],
    ['a folder beside the target', PROD, 'deploy/prod2/app.yml', []],
    ['links out of the repository name no repository path', OUTSIDE, 'etc/passwd', []],
  ])('%s', (_name, pairs, path, expected) => {
    const names = treeLinkedNames(linksOf(pairs))(path).map((l) => ('path' in l ? l.path : `unknown: ${l.unknown}`));
    expect(names.sort()).toEqual([...expected].sort());
  });

  test('more names than are worked out give a landing that cannot be known', () => {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < 300; i++) pairs.push([`l${i}`, 'target']);
    const found = treeLinkedNames(linksOf(pairs))('target/x');
    expect(found).toHaveLength(257);
    expect(found[256]).toEqual({ unknown: 'more than 256 names through the symlinks of the range (in its trees, or made by an earlier entry) lead to "target/x"' });
  });

  test('the map is read when called, so links and targets added later count', () => {
    const links: TreeLinks = new Map();
    const names = treeLinkedNames(links);
    expect(names('deploy/prod/app.yml')).toEqual([]);
    addLink(links, 'config/prod', '../elsewhere');
    expect(names('deploy/prod/app.yml')).toEqual([]);
    // A second target of the same link: the map's size does not change.
    addLink(links, 'config/prod', '../deploy/prod');
    expect(names('deploy/prod/app.yml')).toEqual([{ path: 'config/prod/app.yml', how: 'below the target of symlink "config/prod" of the range (in its trees, or made by an earlier entry)' }]);
  });
});

describe('treeLinksBelow: links elsewhere that lead into a folder, when asked for', () => {
  test.each<[string, string, boolean, string[]]>([
    ['deploy', 'without names, as before', false, []],
    ['deploy', 'with names', true, ['config/prod']],
    ['deploy/prod', 'the target itself: its names are its landings', true, []],
    ['docs', 'a folder no link leads into', true, []],
    ['.', 'the top holds the link itself', true, ['deploy/prod']],
  ])('%j (%s)', (folder, _name, names, expected) => {
    const found = treeLinksBelow(linksOf(PROD), { names })(folder, '.').map((l) => ('path' in l ? l.path : `unknown: ${l.unknown}`));
    expect(found.sort()).toEqual([...expected].sort());
  });
});

describe('treeLanding: names only when asked for', () => {
  test.each<[string, string, string, boolean, string[]]>([
    ['deploy/prod/app.yml', '.', 'without names, as before', false, []],
    ['deploy/prod/app.yml', '.', 'with names', true, ['config/prod/app.yml']],
    ['prod/app.yml', 'deploy', 'from another folder', true, ['config/prod/app.yml']],
    ['config/prod/app.yml', '.', 'written through the link: its target only', true, ['deploy/prod/app.yml']],
    ['~/deploy/prod/app.yml', '.', 'a home path is no tree path', true, []],
  ])('%j from %j (%s)', (written, cwd, _name, names, expected) => {
    const found = treeLanding(linksOf(PROD), { names })(written, cwd).map((l) => ('path' in l ? l.path : `unknown: ${l.unknown}`));
    expect(found.sort()).toEqual([...expected].sort());
  });
});

const PROD_POLICY = 'rules:\n  - {capability: fs_write, effect: deny, match: ["config/prod/**"]}\n  - {capability: all, effect: allow}\n';
const ALLOW_ALL = 'rules: [{capability: all, effect: allow}]\n';

function effectOf(pairs: ReadonlyArray<readonly [string, string]>, policy: string, capability: RequestCapability, resource: string): Effect {
  const links = linksOf(pairs);
  const compiled = compilePolicy([loadPolicy(policy, '.github/agent-gate.yml', 'workspace')], {
    home: '/home/ci', root: '/work/repo', policyPaths: ['.github/agent-gate.yml'], replayedPaths: true,
    landing: treeLanding(links, { names: true }), linksBelow: treeLinksBelow(links, { names: true }),
  });
  return explainEntry(compiled, { capability, resource, cwd: '.' }).effect;
}

describe('replayed log entries: a write to a link\'s target is judged under the link\'s name', () => {
  test.each<[string, ReadonlyArray<readonly [string, string]>, string, RequestCapability, string, Effect]>([
    ['a file below the target of config/prod', PROD, PROD_POLICY, 'fs_write', 'deploy/prod/app.yml', 'deny'],
    ['a redirection there', PROD, PROD_POLICY, 'shell', 'echo b > deploy/prod/app.yml', 'deny'],
    ['through two links', CHAIN, PROD_POLICY, 'fs_write', 'deploy/prod/app.yml', 'deny'],
    ['conf/cli.json with .kiro/settings -> ../conf', KIRO, ALLOW_ALL, 'fs_write', 'conf/cli.json', 'deny'],
    ['conf/cli.json linked from .kiro/settings/cli.json', KIRO_FILE, ALLOW_ALL, 'fs_write', 'conf/cli.json', 'deny'],
    // What an archive puts in a folder above the target appears under the link.
    ['an archive unpacked above the target', PROD, PROD_POLICY, 'shell', 'tar -xf /tmp/x.tar -C deploy', 'ask'],
    ['an archive unpacked into the target', PROD, PROD_POLICY, 'shell', 'tar -xf /tmp/x.tar -C deploy/prod', 'deny'],
    // Everyday writes stay allowed.
    ['a file no link leads to', PROD, PROD_POLICY, 'fs_write', 'deploy/other.yml', 'allow'],
    ['a redirection to it', PROD, PROD_POLICY, 'shell', 'echo b > deploy/other.yml', 'allow'],
    ['a file linked from a name no rule protects', UNPROTECTED, ALLOW_ALL, 'fs_write', 'notes/a.md', 'allow'],
    ['a file in a repository with a link to its top', LOOP, ALLOW_ALL, 'fs_write', 'notes.md', 'allow'],
    ['an archive unpacked beside the target', PROD, PROD_POLICY, 'shell', 'tar -xf /tmp/x.tar -C docs', 'allow'],
  ])('%s', (_name, pairs, policy, capability, resource, effect) => {
    expect(effectOf(pairs, policy, capability, resource)).toBe(effect);
  });
});
