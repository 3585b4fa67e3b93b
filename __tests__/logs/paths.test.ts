import { toRepoPath } from '../../src/logs/index.ts';

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
    expect(toRepoPath(path, { cwd, repoRoot })).toBe(expected);
  });
});
