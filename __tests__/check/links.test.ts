// Symlink targets resolved through the other links of a tree, as the file system would.
import { resolveLinks, type TreeEntryKind, type TreeLookup } from '../../src/check/links.ts';

/**
 * A tree given as its symlinks (path -> target) and files; every other path is a folder.
 */
function treeOf(links: Record<string, string>, files: readonly string[] = []): { lookup: TreeLookup; rounds: () => number } {
  let rounds = 0;
  return {
    lookup: async (paths) => {
      rounds++;
      const answer = new Map<string, TreeEntryKind>();
      for (const p of paths) {
        const link = links[p];
        answer.set(p, link !== undefined ? { link } : { kind: files.includes(p) ? 'file' : 'folder' });
      }
      return answer;
    },
    rounds: () => rounds,
  };
}

describe('resolveLinks', () => {
  test.each<[string, Record<string, string>, string, string | null, string[]]>([
    // link, other links in the tree, link target, where it lands, links followed
    ['a/l', {}, '../b/c', 'b/c', []],
    ['a/l', {}, '../../x', null, []],
    ['a/l', {}, '/etc/passwd', null, []],
    ['l', { 'd/b': '../t' }, 'd/b/../secrets/key', 'secrets/key', ['d/b']],
    ['l', { 'd/b': '../t' }, 'd/b/../../etc', null, ['d/b']],
    ['l', { 'd/b': '/etc' }, 'd/b/passwd', null, ['d/b']],
    ['l', { m: 'n', n: 'secrets' }, 'm/key', 'secrets/key', ['m', 'n']],
    ['l', { last: 'secrets/key' }, 'last', 'secrets/key', ['last']],
    ['x/l', {}, '..', null, []],
  ])('%s -> %j with %j lands at %j', async (link, links, target, lands, via) => {
    const tree = treeOf({ ...links, [link]: target });
    const r = (await resolveLinks(new Map([[link, target]]), tree.lookup)).get(link);
    expect(r?.target ?? null).toBe(lands);
    expect(r?.via).toEqual(via);
  });

  test('a target longer than PATH_MAX is not walked: no file system follows it', async () => {
    const tree = treeOf({});
    const target = 'a/'.repeat(25000) + '../'.repeat(25000) + 'secrets/k';
    const r = (await resolveLinks(new Map([['l', target]]), tree.lookup)).get('l');
    expect(r).toMatchObject({ target: null, problem: 'a target longer than 4096 bytes' });
    expect(tree.rounds()).toBe(0);
  });

  test('a loop stops after 40 links with a reason', async () => {
    const tree = treeOf({ a: 'b', b: 'a' });
    const r = (await resolveLinks(new Map([['l', 'a/x']]), tree.lookup)).get('l');
    expect(r).toMatchObject({ target: null, problem: 'more than 40 symlinks in a row' });
  });

  test('the resolution says whether the target is a file', async () => {
    const tree = treeOf({ 'src/i.ts': 'a.ts', 'src/cur': 'v2' }, ['src/a.ts']);
    const r = await resolveLinks(new Map([['src/i.ts', 'a.ts'], ['src/cur', 'v2']]), tree.lookup);
    expect(r.get('src/i.ts')).toMatchObject({ target: 'src/a.ts', kind: 'file' });
    expect(r.get('src/cur')).toMatchObject({ target: 'src/v2', kind: 'folder' });
  });

  test('a plain walk is settled in one round of lookups', async () => {
    const tree = treeOf({});
    await resolveLinks(new Map([['a/l', '../b/c/d'], ['x/m', '../y']]), tree.lookup);
    expect(tree.rounds()).toBe(1);
  });
});
