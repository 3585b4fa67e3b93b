import { toRepoPath } from '../../src/logs/index.ts';
import { toRepoCwd } from '../../src/logs/paths.ts';

describe('toRepoPath', () => {
  const cases: [string, string | null, string | null, string][] = [
    ['/r/src/a.ts', '/r', '/r', 'src/a.ts'],
    ['/r', '/r', '/r', '.'],
    ['/r/', '/r', '/r/', '.'],
    ['/rx/a', '/r', '/r', '/rx/a'],
    ['/r/src/../.kiro/settings/mcp.json', '/r', '/r', '.kiro/settings/mcp.json'],
    ['a.ts', '/r/src', '/r', 'src/a.ts'],
    ['./a.ts', '/r', '/r', 'a.ts'],
    ['../../etc/passwd', '/r/src', '/r', '/etc/passwd'],
    ['~/.ssh/id_rsa', '/r', '/r', '~/.ssh/id_rsa'],
    ['//r//src///a', '/r', '/r', 'src/a'],
    ['/anything', '/', '/', 'anything'],
    ['./src/a.ts', null, '/r', 'src/a.ts'],
    ['/r/a.ts', '/r', null, '/r/a.ts'],
    ['.', null, null, '.'],
  ];
  test.each(cases)('%s (cwd %s, root %s) -> %s', (path, cwd, repoRoot, expected) => {
    expect(toRepoPath(path, { cwd, repoRoot, home: null })).toBe(expected);
  });
});

describe('toRepoPath: the home folder', () => {
  // [path, cwd, repoRoot, home, expected]
  const cases: [string, string | null, string | null, string | null, string][] = [
    ['/home/dev/.kiro/workspace-roots/x', '/work/r', '/work/r', '/home/dev', '~/.kiro/workspace-roots/x'],
    ['/home/dev', '/work/r', '/work/r', '/home/dev', '~'],
    ['/home/dev/.ssh/id_rsa', '/work/r', '/work/r', '/home/dev/', '~/.ssh/id_rsa'],
    ['../../home/dev/.aws/credentials', '/work/r', '/work/r', '/home/dev', '~/.aws/credentials'],
    ['.bashrc', '/home/dev', '/work/r', '/home/dev', '~/.bashrc'],
    ['/home/devx/a', '/work/r', '/work/r', '/home/dev', '/home/devx/a'],
    ['/etc/hosts', '/work/r', '/work/r', '/home/dev', '/etc/hosts'],
    ['/home/dev/a', null, null, '/home/dev', '~/a'],
    // The repository inside the home folder: its paths stay repository-relative.
    ['/home/dev/project/src/a.ts', '/home/dev/project', '/home/dev/project', '/home/dev', 'src/a.ts'],
    ['/home/dev/project', '/home/dev/project', '/home/dev/project', '/home/dev', '.'],
    ['/home/dev/other/a.ts', '/home/dev/project', '/home/dev/project', '/home/dev', '~/other/a.ts'],
    ['../.kiro/settings/mcp.json', '/home/dev/project', '/home/dev/project', '/home/dev', '~/.kiro/settings/mcp.json'],
    // A home folder that names nothing useful leaves paths as they were.
    ['/etc/hosts', '/work/r', '/work/r', '/', '/etc/hosts'],
    ['/home/dev/a', '/work/r', '/work/r', 'home/dev', '/home/dev/a'],
    ['/home/dev/a', '/work/r', '/work/r', null, '/home/dev/a'],
  ];
  test.each(cases)('%s (cwd %s, root %s, home %s) -> %s', (path, cwd, repoRoot, home, expected) => {
    expect(toRepoPath(path, { cwd, repoRoot, home })).toBe(expected);
  });

  test('the cwd field too', () => {
    expect(toRepoCwd({ cwd: '/home/dev/other', repoRoot: '/home/dev/project', home: '/home/dev' })).toBe('~/other');
    expect(toRepoCwd({ cwd: '/home/dev/project/pkg', repoRoot: '/home/dev/project', home: '/home/dev' })).toBe('pkg');
  });
});
