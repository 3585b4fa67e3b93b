// Audit 34, XX-2: a write to the target of a symlink on disk is a write under the link's name too.
// `~/.kiro/settings/permissions.yaml -> REPO/dotkiro/permissions.yaml` made a write to
// `dotkiro/permissions.yaml` an allowed rewrite of the user's permission file. The links of
// ~/.kiro and of the repository's .kiro are looked for; links elsewhere in the repository are not
// (`config/prod -> ../deploy/prod` under a deny on `config/prod/**` is left open, see the note).
// Real temp folders and real links; the engine judges with diskLanding as explain and record do.
import { describe, expect, test } from '@jest/globals';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolvedOnDisk } from '../../src/cli/ondisk.ts';
import { diskLanding, diskLinksBelow } from '../../src/cli/physical.ts';
import { compilePolicy } from '../../src/engine/compile.ts';
import { explain } from '../../src/engine/explain.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import type { Effect, RequestCapability } from '../../src/policy/types.ts';
import { tempDir } from '../helpers/gitrepo.ts';

interface World { root: string; home: string }

/** A repository folder and a home folder, with files (`~/…` in the home) and links [at, target]. */
function world(files: string[], links: Array<[string, string]>): World {
  const base = realpathSync(tempDir('ag-xx2-'));
  const w = { root: join(base, 'repo'), home: join(base, 'home') };
  mkdirSync(w.root);
  mkdirSync(w.home);
  const place = (p: string): string => (p.startsWith('~/') ? join(w.home, p.slice(2)) : join(w.root, p));
  for (const f of files) {
    mkdirSync(dirname(place(f)), { recursive: true });
    writeFileSync(place(f), 'x\n');
  }
  for (const [at, target] of links) {
    mkdirSync(dirname(place(at)), { recursive: true });
    // `REPO/…` names the repository folder, for links from the home folder into it.
    symlinkSync(target.replace(/^REPO/, w.root), place(at));
  }
  return w;
}

const paths = (w: World, written: string, cwd = '.'): string[] =>
  diskLanding(w.root, w.home)(written, cwd).map((l) => ('path' in l ? l.path : `unknown: ${l.unknown}`));

const ALLOW_ALL = 'rules: [{capability: all, effect: allow}]\n';
const PROD = 'rules:\n  - {capability: fs_write, effect: deny, match: ["config/prod/**"]}\n  - {capability: all, effect: allow}\n';

function effectOf(w: World, policy: string, capability: RequestCapability, resource: string, cwd = '.'): Effect {
  const compiled = compilePolicy([loadPolicy(policy, '.github/agent-gate.yml', 'workspace')], {
    home: w.home, root: w.root, policyPaths: ['.github/agent-gate.yml'],
    landing: diskLanding(w.root, w.home), linksBelow: diskLinksBelow(w.root, w.home), resolveLinks: resolvedOnDisk,
  });
  return explain(compiled, { capability, resource, cwd }).effect;
}

// The layouts of the finding, and the ones around them.
const DOTKIRO = (): World => world(['dotkiro/permissions.yaml', 'README.md'], [['~/.kiro/settings/permissions.yaml', 'REPO/dotkiro/permissions.yaml']]);
const MCP = (): World => world(['README.md'], [['~/.kiro/settings/mcp.json', 'REPO/u.yml']]);
const KIRO_FOLDER = (): World => world(['dotfiles/kiro/settings/cli.json'], [['~/.kiro', 'REPO/dotfiles/kiro']]);
const REPO_KIRO = (): World => world(['conf/cli.json', 'conf/other/x.json', 'notes.md'], [['.kiro/settings', '../conf']]);
const REPO_KIRO_FILE = (): World => world(['dot/mcp.json'], [['.kiro/settings/mcp.json', '../../dot/mcp.json']]);
const CHAIN = (): World => world(['deploy/settings/cli.json'], [['.kiro', 'x'], ['x/settings', '../deploy/settings']]);
const PROD_LINK = (): World => world(['deploy/prod/app.yml', 'deploy/other.yml', 'notes.md'], [['config/prod', '../deploy/prod']]);
const LOOP = (): World => world(['notes.md'], [['.kiro/loop', '..']]);

describe('diskLanding: the names symlinks on disk give a written path', () => {
  test.each<[string, () => World, string, string, string[]]>([
    ['a file linked from ~/.kiro', DOTKIRO, 'dotkiro/permissions.yaml', '.', ['~/.kiro/settings/permissions.yaml']],
    ['a file linked from ~/.kiro that does not exist yet', MCP, 'u.yml', '.', ['~/.kiro/settings/mcp.json']],
    ['~/.kiro itself linked', KIRO_FOLDER, 'dotfiles/kiro/settings/cli.json', '.', ['~/.kiro/settings/cli.json']],
    ['a file below the repository\'s linked .kiro/settings', REPO_KIRO, 'conf/cli.json', '.', ['.kiro/settings/cli.json']],
    ['a new file there', REPO_KIRO, 'conf/new.json', '.', ['.kiro/settings/new.json']],
    ['the same from another folder', REPO_KIRO, 'cli.json', 'conf', ['.kiro/settings/cli.json']],
    ['the linked folder itself', REPO_KIRO, 'conf', '.', ['.kiro/settings']],
    ['a file linked from the repository\'s .kiro', REPO_KIRO_FILE, 'dot/mcp.json', '.', ['.kiro/settings/mcp.json']],
    ['a name below another link\'s target', CHAIN, 'deploy/settings/cli.json', '.', ['.kiro/settings/cli.json']],
    ['a link to a folder above the link, each link once', LOOP, 'notes.md', '.', ['.kiro/loop/notes.md']],
    ['a file no link leads to', REPO_KIRO, 'notes.md', '.', []],
    ['a path written through the link lands on its target only', REPO_KIRO, '.kiro/settings/cli.json', '.', ['conf/cli.json']],
    ['links outside .kiro are not looked for', PROD_LINK, 'deploy/prod/app.yml', '.', []],
  ])('%s', (_name, make, written, cwd, expected) => {
    expect(paths(make(), written, cwd).sort()).toEqual([...expected].sort());
  });

  test('the links are looked for at the first path judged, once per landing', () => {
    const w = world(['deploy/settings/cli.json'], []);
    const landing = diskLanding(w.root, w.home);
    // Made after the landing but before its first use: seen.
    mkdirSync(join(w.root, '.kiro'));
    symlinkSync('../deploy/settings', join(w.root, '.kiro', 'settings'));
    expect(landing('deploy/settings/cli.json', '.')).toEqual([{ path: '.kiro/settings/cli.json', how: 'below the target of a symlink on disk at ".kiro/settings"' }]);
    // Made after: this landing has read the disk already; the next one (the next call) sees it.
    symlinkSync('../deploy/settings/cli.json', join(w.root, '.kiro', 'cli.json'));
    expect(landing('deploy/settings/cli.json', '.')).toHaveLength(1);
    expect(paths(w, 'deploy/settings/cli.json').sort()).toEqual(['.kiro/cli.json', '.kiro/settings/cli.json']);
  });

  test('a big repository is not walked: no doubt, so everyday writes stay allowed', () => {
    const w = world(['notes.md'], []);
    mkdirSync(join(w.root, 'big'));
    for (let i = 0; i < 20_001; i++) writeFileSync(join(w.root, 'big', `f${i}`), '');
    expect(diskLanding(w.root, w.home)('notes.md', '.')).toEqual([]);
    expect(effectOf(w, ALLOW_ALL, 'fs_write', 'notes.md')).toBe('allow');
  });
});

describe('explain with the disk: a write to a link\'s target is judged under the link\'s name', () => {
  test.each<[string, () => World, string, RequestCapability, string, Effect]>([
    // (a) The user's Kiro permission files, linked file by file from a dotfiles repository.
    ['permissions.yaml linked from ~/.kiro', DOTKIRO, ALLOW_ALL, 'fs_write', 'dotkiro/permissions.yaml', 'deny'],
    ['a redirection to it', DOTKIRO, ALLOW_ALL, 'shell', 'echo "rules: [{capability: all, effect: allow}]" > dotkiro/permissions.yaml', 'deny'],
    ['a copy over it', DOTKIRO, ALLOW_ALL, 'shell', 'cp /tmp/p.yaml dotkiro/permissions.yaml', 'deny'],
    ['the link\'s own name, as before', DOTKIRO, ALLOW_ALL, 'fs_write', '~/.kiro/settings/permissions.yaml', 'deny'],
    ['mcp.json linked to a file not made yet', MCP, ALLOW_ALL, 'fs_write', 'u.yml', 'deny'],
    ['~/.kiro linked as a whole', KIRO_FOLDER, ALLOW_ALL, 'fs_write', 'dotfiles/kiro/settings/cli.json', 'deny'],
    // (b) The repository's .kiro/settings linked elsewhere in it.
    ['a file below the target of .kiro/settings', REPO_KIRO, ALLOW_ALL, 'fs_write', 'conf/cli.json', 'deny'],
    ['a new file there', REPO_KIRO, ALLOW_ALL, 'fs_write', 'conf/new.json', 'deny'],
    ['a redirection there', REPO_KIRO, ALLOW_ALL, 'shell', 'echo b > conf/cli.json', 'deny'],
    ['a redirection after cd', REPO_KIRO, ALLOW_ALL, 'shell', 'cd conf && echo b > cli.json', 'deny'],
    ['through two links', CHAIN, ALLOW_ALL, 'fs_write', 'deploy/settings/cli.json', 'deny'],
    ['a file linked from .kiro/settings', REPO_KIRO_FILE, ALLOW_ALL, 'fs_write', 'dot/mcp.json', 'deny'],
    // What an archive puts in the target appears under the link.
    ['an archive unpacked into the target', REPO_KIRO, ALLOW_ALL, 'shell', 'tar -xf /tmp/x.tar -C conf', 'deny'],
    // Everyday writes stay allowed.
    ['a file no link leads to', REPO_KIRO, ALLOW_ALL, 'fs_write', 'notes.md', 'allow'],
    ['a redirection to it', REPO_KIRO, ALLOW_ALL, 'shell', 'echo b > notes.md', 'allow'],
    ['a file beside the linked one', DOTKIRO, ALLOW_ALL, 'fs_write', 'README.md', 'allow'],
    ['an archive unpacked beside the target', REPO_KIRO, ALLOW_ALL, 'shell', 'tar -xf /tmp/x.tar -C docs', 'allow'],
    // Left open: a link outside .kiro under a name a workspace rule denies.
    ['config/prod -> ../deploy/prod is not walked for', PROD_LINK, PROD, 'fs_write', 'deploy/prod/app.yml', 'allow'],
  ])('%s', (_name, make, policy, capability, resource, effect) => {
    expect(effectOf(make(), policy, capability, resource)).toBe(effect);
  });

  test('the reason names the link', () => {
    const w = DOTKIRO();
    const compiled = compilePolicy([loadPolicy(ALLOW_ALL, '.github/agent-gate.yml', 'workspace')], {
      home: w.home, root: w.root, policyPaths: ['.github/agent-gate.yml'], landing: diskLanding(w.root, w.home), resolveLinks: resolvedOnDisk,
    });
    const e = explain(compiled, { capability: 'fs_write', resource: 'dotkiro/permissions.yaml', cwd: '.' });
    expect(e.rule).toMatchObject({ scope: 'kiro' });
    expect(e.reason).toContain('as the target of a symlink on disk this is "~/.kiro/settings/permissions.yaml"');
  });
});
