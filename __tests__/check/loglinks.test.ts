import { treeLanding } from '../../src/check/loglinks.ts';

describe('treeLanding: where a log path lands through the links in the trees', () => {
  const links = new Map([
    ['lnk', 'secrets'], ['src/keys', '../secrets/inner'], ['cfg', '~/.kiro/settings'], ['abs', '/etc'],
    ['loop', 'loop'], ['a/b', '..'],
  ]);
  const landing = treeLanding(links);
  test.each([
    ['lnk/key', '.', 'secrets/key'],
    ['key', 'lnk', 'secrets/key'],
    ['src/keys/../key', '.', 'secrets/key'],
    ['src/keys/k', '.', 'secrets/inner/k'],
    ['cfg/cli.json', '.', '~/.kiro/settings/cli.json'],
    ['abs/passwd', '.', '/etc/passwd'],
    ['a/b/lnk/x', '.', 'secrets/x'],
    ['src/a.ts', '.', null],
    ['src/../lnk2', '.', null],
    ['/abs/x', '.', null],
    ['~/lnk/x', '.', null],
    ['x', '~/proj', null],
    ['../x', '.', null],
    ['loop/x', '.', null],
  ] as Array<[string, string, string | null]>)('%j from %j lands on %j', (written, cwd, expected) => {
    expect(landing(written, cwd)?.path ?? null).toBe(expected);
  });

  test('the map is read when called, so links added later count', () => {
    const grown = new Map<string, string>();
    const land = treeLanding(grown);
    expect(land('l/k', '.')).toBeNull();
    grown.set('l', 'secrets');
    expect(land('l/k', '.')).toEqual({ path: 'secrets/k', how: "in the commit's tree" });
  });
});
