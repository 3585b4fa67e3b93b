// Audit 43, AW-5: a link on disk was followed only when the path spelled its name exactly. On the
// disks developers use (APFS, NTFS) `CFG/cli.json` and `cfg./cli.json` open `cfg/cli.json`, so with
// `cfg -> .kiro/settings` they write the user's settings, yet explain and record allowed them. A
// name not on disk as spelled is now also read as the entry its folder holds under another
// spelling (case, Unicode form, trailing dots), both ways: through a link, and as the target of one.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { cleanupRepos, TestRepo } from '../helpers/gitrepo.ts';

afterAll(cleanupRepos);

const THROUGH = `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["deploy/prod/**"]}
  - {capability: fs_read, effect: allow, match: ["**"]}
  - {capability: shell, effect: allow, match: ["echo *", "cp *", "rm *"]}
`;
const NAMED = `rules:
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["config/prod/**"]}
`;

/** The finding's layout: `cfg -> .kiro/settings`, `config/prod -> ../deploy/prod`, `café -> .kiro/settings`, all committed. */
function layout(): string {
  const repo = TestRepo.init();
  const dir = repo.dir;
  mkdirSync(join(dir, '.kiro/settings'), { recursive: true });
  mkdirSync(join(dir, 'deploy/prod'), { recursive: true });
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, '.kiro/settings/cli.json'), '{}\n');
  writeFileSync(join(dir, 'deploy/prod/app.yml'), 'a\n');
  writeFileSync(join(dir, 'src/a.ts'), 'a\n');
  symlinkSync('.kiro/settings', join(dir, 'cfg'));
  symlinkSync('.kiro/settings', join(dir, 'caf\u00e9'));
  symlinkSync('../deploy/prod', join(dir, 'config/prod'));
  symlinkSync('/etc', join(dir, 'src/etclink'));
  repo.git(['add', '-A']);
  repo.git(['commit', '-qm', 'base']);
  writeFileSync(join(dir, 'through.yml'), THROUGH);
  writeFileSync(join(dir, 'named.yml'), NAMED);
  return dir;
}

type Row = [what: string, policy: string | null, flag: string, resource: string, effect: string, reason: string];

const ROWS: Row[] = [
  // Through a link: the spellings of the finding, and the exact one that already held.
  ['exact name', 'through.yml', '--write', 'cfg/cli.json', 'deny', 'this is ".kiro/settings/cli.json"'],
  ['upper case', 'through.yml', '--write', 'CFG/cli.json', 'deny', 'as a disk that ignores case opens this spelling) this is ".kiro/settings/cli.json"'],
  ['mixed case', 'through.yml', '--write', 'Cfg/cli.json', 'deny', 'kiro rule #0'],
  ['trailing dot', 'through.yml', '--write', 'cfg./cli.json', 'deny', 'kiro rule #0'],
  ['NFD spelling of an NFC link name', 'through.yml', '--write', 'cafe\u0301/cli.json', 'deny', 'kiro rule #0'],
  ['a link below a folder spelled otherwise', 'through.yml', '--write', 'Config/prod/app.yml', 'deny', 'deploy/prod/**'],
  ['the link itself spelled otherwise', 'through.yml', '--write', 'config/PROD/app.yml', 'deny', 'deploy/prod/**'],
  ['both spelled otherwise', 'through.yml', '--write', 'CONFIG/PROD/app.yml', 'deny', 'deploy/prod/**'],
  ['cp onto it', 'through.yml', '--shell', 'cp evil.json Cfg/cli.json', 'deny', 'kiro rule #0'],
  ['a redirection onto it', 'through.yml', '--shell', 'echo x > config/PROD/app.yml', 'deny', 'deploy/prod/**'],
  ['a folder write through it', 'through.yml', '--shell', 'rm -r CFG', 'deny', 'kiro rule #0'],
  ['no policy: the kiro rule still holds', null, '--write', 'CFG/cli.json', 'deny', 'kiro rule #0'],
  ['a read through a link out of the repository', null, '--read', 'src/ETCLINK/shadow', 'ask', 'this is "/etc/shadow"'],
  // The target of a link, spelled otherwise, is a write under the link's name too.
  ['target, exact', 'named.yml', '--write', 'deploy/prod/app.yml', 'deny', 'config/prod/**'],
  ['target, upper case', 'named.yml', '--write', 'DEPLOY/prod/app.yml', 'deny', 'config/prod/**'],
  ['target, its last folder otherwise', 'named.yml', '--write', 'deploy/PROD/app.yml', 'deny', 'config/prod/**'],
  ['target, trailing dot', 'named.yml', '--write', 'deploy./prod/app.yml', 'deny', 'config/prod/**'],
  // Names with no other spelling on disk are judged as written.
  ['a new file', 'through.yml', '--write', 'src/new.ts', 'allow', 'allow pattern "**"'],
  ['a new folder', 'through.yml', '--write', 'lib/x/y.ts', 'allow', 'allow pattern "**"'],
  ['an existing file in other case', 'through.yml', '--write', 'SRC/A.ts', 'allow', 'allow pattern "**"'],
];

describe('explain follows links on disk under every spelling a case-insensitive disk opens (audit 43, AW-5)', () => {
  const dir = layout();
  test.each(ROWS)('%s', (_what, policy, flag, resource, effect, reason) => {
    const args = ['explain', '--json', ...(policy === null ? [] : ['--policy', policy]), flag, resource];
    const r = runCli(args, { cwd: dir });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { effect: string; reason: string };
    expect(out.effect).toBe(effect);
    expect(out.reason).toContain(reason);
  });

  test('record --enforce blocks a Kiro write through the link spelled otherwise', () => {
    const payload = JSON.stringify({ hook_event_name: 'preToolUse', cwd: dir, tool_name: 'fs_write', tool_input: { command: 'create', path: 'CFG/cli.json', file_text: '{}' } });
    const r = runCli(['record', '--enforce', '--policy', 'through.yml', '--log', join(dir, 'log.jsonl')], { cwd: dir, input: payload });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kiro rule #0');
  });
});
