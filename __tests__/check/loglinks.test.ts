import { addLink, CARRIED_FROM, entryLinkNoter, linksThrough, treeLanding, treeLinkedNames, UNKNOWN_LINKS, type TreeLinks } from '../../src/check/loglinks.ts';

function linksOf(pairs: Array<[string, string]>): TreeLinks {
  const links: TreeLinks = new Map();
  for (const [path, target] of pairs) addLink(links, path, target);
  return links;
}

const WHERE = 'of the range (in its trees, or made by an earlier entry)';
const HOW = `through a symlink ${WHERE}`;

describe('treeLanding: where a log path lands through the links in the trees', () => {
  const landing = treeLanding(linksOf([
    ['lnk', 'secrets'], ['src/keys', '../secrets/inner'], ['cfg', '~/.kiro/settings'], ['abs', '/etc'],
    ['loop', 'loop'], ['a/b', '..'],
    // Audit round 21 (N-2): a relative target that climbs out of the repository.
    ['docs/out', '../../clone/secrets'], ['docs/etc', '../../../../../etc'],
    // N-3: links meet paths in canonical form, as on the case-insensitive disks agents run on.
    ['Docs/Keys', '../secrets'],
    // N-5: a link retargeted in the range keeps every target it had.
    ['moved', 'src'], ['moved', 'secrets/old'],
  ]));
  test.each([
    ['lnk/key', '.', ['secrets/key']],
    ['key', 'lnk', ['secrets/key']],
    ['src/keys/../key', '.', ['secrets/key']],
    ['src/keys/k', '.', ['secrets/inner/k']],
    ['cfg/cli.json', '.', ['~/.kiro/settings/cli.json']],
    ['abs/passwd', '.', ['/etc/passwd']],
    ['a/b/lnk/x', '.', ['secrets/x']],
    ['docs/out/key', '.', ['../clone/secrets/key']],
    ['docs/etc/passwd', '.', ['../../../../etc/passwd']],
    ['docs/keys/key', '.', ['secrets/key']],
    ['DOCS/keys./key', '.', ['secrets/key']],
    ['moved/k', '.', ['src/k', 'secrets/old/k']],
    ['src/a.ts', '.', []],
    ['src/../lnk2', '.', []],
    ['/abs/x', '.', []],
    ['~/lnk/x', '.', []],
    ['x', '~/proj', []],
    ['../x', '.', []],
    ['loop/x', '.', []],
  ] as Array<[string, string, string[]]>)('%j from %j lands on %j', (written, cwd, expected) => {
    const paths = landing(written, cwd).map((l) => ('path' in l ? l.path : l.unknown));
    expect(paths.sort()).toEqual([...expected].sort());
  });

  test('the map is read when called, so links added later count', () => {
    const grown: TreeLinks = new Map();
    const land = treeLanding(grown);
    expect(land('l/k', '.')).toEqual([]);
    addLink(grown, 'l', 'secrets');
    expect(land('l/k', '.')).toEqual([{ path: 'secrets/k', how: HOW }]);
  });

  test('a target already known is not added twice', () => {
    const links: TreeLinks = new Map();
    expect(addLink(links, 'l', 'secrets')).toBe(true);
    expect(addLink(links, 'L', 'secrets')).toBe(false);
    expect(addLink(links, 'l', 'src')).toBe(true);
    expect(links).toEqual(new Map([['l', ['secrets', 'src']]]));
  });

  test('more ways through the links than are walked give a landing that cannot be known', () => {
    // Links in a row where each leads on two ways: more than 600 ways to the end.
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < 14; i++) pairs.push([`d${i}`, `d${i + 1}`], [`d${i}`, `e${i + 1}`], [`e${i}`, `d${i + 1}`]);
    const found = treeLanding(linksOf(pairs))('d0/k', '.');
    expect(found[found.length - 1]).toEqual({ unknown: `more than 256 ways through the symlinks ${WHERE}` });
  });
});

test('a path longer than PATH_MAX lands nowhere, and is not walked', () => {
  const links: TreeLinks = new Map();
  addLink(links, 'a', 'secrets');
  const land = treeLanding(links);
  const started = Date.now();
  expect(land(`a/${'b/'.repeat(500_000)}k`, '.')).toEqual([]);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(land('a/k', '.')).toEqual([{ path: 'secrets/k', how: HOW }]);
});

// Audit round 22: a link spelled another way (`src/l.`, `src/L`) beside the folder
// `src/l` took its place, so the link `src/l/x` inside the folder was never met.
test('a link beside a folder of the same canonical name does not hide the links in the folder', () => {
  const links: TreeLinks = new Map();
  addLink(links, 'src/l/x', '../../secrets');
  addLink(links, 'src/l.', '../docs');
  const paths = treeLanding(links)('src/l/x/key', '.').map((l) => ('path' in l ? l.path : l.unknown));
  expect(paths).toContain('secrets/key');
});

// a link with two targets that both lead back to its folder, met on every segment of a long
// path, took minutes; the walks are bounded and each costs no more than the path's length.
test('a long path through a link with many ways back is bounded', () => {
  const links: TreeLinks = new Map();
  addLink(links, 'src/d', '.');
  addLink(links, 'src/d', './');
  const started = Date.now();
  const found = treeLanding(links)(`src/${'d/'.repeat(2000)}k`, '.');
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(found[found.length - 1]).toEqual({ unknown: `more than 256 ways through the symlinks ${WHERE}` });
});

describe('linksThrough: the links whose written targets pass through a path', () => {
  const links: TreeLinks = new Map();
  for (const [path, target] of [['docs/z', 'y/../settings'], ['a/b', '../Y/x'], ['c', 'docs/y'], ['d', 'docs/yy/x'], ['e', '/abs/docs/y'], ['docs/y', 'k'], ['f', '../docs/y']] as const) addLink(links, path, target);
  const through = linksThrough(links);
  test.each([
    ['docs/y', ['c', 'docs/z']],
    ['Y', ['a/b']],
    // A link inside the folder is spelled from it.
    ['docs', ['c', 'd', 'docs/y', 'docs/z']],
    ['nothing', []],
  ])('%j -> %j', (path, expected) => {
    expect(through(path).map((t) => t.link).sort()).toEqual(expected);
  });
  test('the target is spelled from the root with its .. kept', () => {
    expect(through('docs/y')).toContainEqual({ link: 'docs/z', target: 'y/../settings', spelled: 'docs/y/../settings' });
  });
  // The targets are filed once (audit 47, BJ-3: walking every link per question was quadratic),
  // so links and targets added after the first question must still be filed.
  test('links and targets added after a question are found by the next one', () => {
    const grown: TreeLinks = new Map([['g', ['q/x']]]);
    const ask = linksThrough(grown);
    expect(ask('q').map((t) => t.link)).toEqual(['g']);
    addLink(grown, 'h', 'q/../r');
    addLink(grown, 'g', 'r/s');
    expect(ask('q').map((t) => t.link).sort()).toEqual(['g', 'h']);
    expect(ask('r').map((t) => `${t.link} -> ${t.target}`).sort()).toEqual(['g -> r/s', 'h -> q/../r']);
    expect(addLink(grown, 'g', 'r/s')).toBe(false);
    expect(ask('r')).toHaveLength(2);
  });
});

// Audit 47, BJ-3: each question walked every link (8,000 links added in one commit took 46 s in
// check). A bound far above what the filed answers take, not a benchmark.
test('many links to one place: the questions check asks per changed path stay cheap', () => {
  const links: TreeLinks = new Map();
  const count = 20_000;
  for (let i = 0; i < count; i++) addLink(links, `links/l${i}`, '../src/a.txt');
  const through = linksThrough(links);
  const names = treeLinkedNames(links);
  const started = Date.now();
  let passing = 0;
  let named = 0;
  for (let i = 0; i < count; i++) {
    passing += through(`links/l${i}`).length;
    named += names(`links/l${i}`).length;
  }
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(passing).toBe(0);
  // Past 256 names a path has through the links, the rest is not looked at: one more says so.
  expect(named).toBe(count * 257);
  expect(names('links/l0').at(-1)).toEqual({ unknown: `more than 256 names through the symlinks ${WHERE} lead to "links/l0"` });
});

// Audit 49, BP-2/BP-1: a folder of unknown links (what an entry unpacked) and links an entry moved.
describe('entryLinkNoter: folders of unknown links and carried links', () => {
  test('a path below a folder of unknown links lands where it is not known, and through the known links there too', () => {
    const links: TreeLinks = new Map();
    addLink(links, 'src/k', '../secrets');
    const noter = entryLinkNoter(links, () => undefined);
    noter.note('src', UNKNOWN_LINKS);
    const found = treeLanding(links)('src/k/x', '.');
    expect(found[0]).toEqual({ path: 'secrets/x', how: `through a symlink ${WHERE}` });
    expect(found[found.length - 1]).toMatchObject({ unknown: expect.stringContaining('"src" holds what an earlier entry unpacked') });
    // The folder itself is a plain folder.
    expect(treeLanding(links)('src', '.')).toEqual([]);
  });

  test('a carried link stands at its new place with the same target text', () => {
    const links: TreeLinks = new Map();
    const heard: boolean[] = [];
    const noter = entryLinkNoter(links, (rejudge) => heard.push(rejudge));
    noter.note('src/a/b/l', '../../secrets');
    expect(noter.note('src/a/l', `${CARRIED_FROM}src/a/b/l`)).toBe(true);
    expect(treeLanding(links)('src/a/l/key', '.')).toContainEqual({ path: 'secrets/key', how: `through a symlink ${WHERE}` });
    expect(noter.count()).toBe(2);
    expect(heard).toEqual([true, true]);
  });
});
