import { describe, expect, test } from '@jest/globals';
import { canonicalPath } from '../../src/match/path.ts';
import { compileFsPattern, FsIndex, pathKey } from '../../src/match/fs.ts';

// The index may only skip entries that cannot match: every lookup must find what a plain scan of
// the same entries in rule order finds.

interface Row { pattern: string; restrictive: boolean; group: number; excludes?: string[] }

const HOME = '/home/u';

const ROWS: Row[] = [
  { pattern: 'secrets/**', restrictive: true, group: 0 },
  { pattern: 'src/**', restrictive: false, group: 2 },
  { pattern: '**/*.pem', restrictive: true, group: 0 },
  { pattern: '**/*.tar.gz', restrictive: true, group: 1 },
  { pattern: '**/*.', restrictive: true, group: 0 },
  { pattern: '**/*. ', restrictive: true, group: 1 },
  { pattern: 'vault/ΑΣ/**', restrictive: true, group: 0 },
  { pattern: '**/ΤΟΣ', restrictive: true, group: 1 },
  { pattern: 'docs/{a,b}/*.md', restrictive: false, group: 2 },
  { pattern: '{conf,etc}/**/*.key', restrictive: true, group: 0 },
  { pattern: 'Mixed/Case/**', restrictive: false, group: 2 },
  { pattern: 'Mixed/Case/**', restrictive: true, group: 1 },
  { pattern: '~/.ssh/**', restrictive: true, group: 0 },
  { pattern: '/etc/**', restrictive: true, group: 0 },
  { pattern: '**/.env', restrictive: true, group: 0, excludes: ['**/.env.example'] },
  { pattern: 'a:b/**', restrictive: true, group: 1 },
  { pattern: 'ｆｕｌｌ/**', restrictive: true, group: 0 },
  { pattern: 'out/*/gen/*.ts', restrictive: false, group: 2 },
  { pattern: 'x/[ab]c/**', restrictive: true, group: 1 },
  // Audit Z-4: NFKC makes one pattern segment two folders.
  { pattern: 'config／prod/**', restrictive: true, group: 0 },
  { pattern: '**/*.x／y', restrictive: true, group: 0 },
  // Audit EE-1: a fullwidth wildcard is a wildcard in NFKC form; the key was `**`, `vault?`, `*.crt`.
  { pattern: 'secrets2/＊＊', restrictive: true, group: 0 },
  { pattern: 'drafts/＊', restrictive: true, group: 1 },
  { pattern: 'vault？/**', restrictive: true, group: 1 },
  { pattern: '**/＊.crt', restrictive: true, group: 0 },
  { pattern: '**/*.＊', restrictive: true, group: 1 },
  { pattern: 'notes/＊＊', restrictive: false, group: 2 },
  { pattern: '**', restrictive: false, group: 2 },
];

const PATHS = [
  'secrets/k', 'SECRETS/k', 'src/a.ts', 'src/x/key.pem', 'src/x/KEY.PEM', 'src/x/key.pem:zone', 'a.tar.gz', 'b/A.TAR.GZ',
  'x/foo.', 'x/foo. ', 'x/foo', 'vault/ασ/k', 'vault/ας/k', 'vault/ΑΣ/k', 'secrets/ασ/k', 'x/τοσ', 'x/τος', 'x/ΤΟΣ',
  'docs/a/r.md', 'docs/c/r.md', 'etc/deep/x.key', 'conf/x.KEY', 'Mixed/Case/f', 'mixed/case/f', '/home/u/.ssh/id',
  '/etc/passwd', '/ETC/passwd', '.env', 'a/.env', 'a/.env.example', 'a/.ENV', 'a:b/c', 'a/c', 'full/x', 'FULL/x',
  'out/1/gen/a.ts', 'out/1/GEN/a.ts', 'x/ac/1', 'x/AC/1', 'x/cc/1', 'src\\.env', 'src/sub/.env.', 'mod/file.ext9',
  'config/prod/a', 'config／prod/a', 'CONFIG/prod/a', 'a.x/y',
  'secrets2/k', 'secrets2/a/b', 'secrets2/＊＊', 'SECRETS2/k', 'drafts/k', 'drafts/＊', 'drafts/a/b', 'vault1/k', 'vaultx/a/b',
  'vault？/k', 'a/x.crt', 'x.CRT', 'a/＊.crt', 'a/b.c', 'noext', 'notes/＊＊', 'notes/＊＊/x', 'notes/k',
];

function indexOf(indexed: boolean): FsIndex<number> {
  const index = new FsIndex<number>(3, indexed);
  ROWS.forEach((row, i) => index.add({
    ordinal: i,
    restrictive: row.restrictive,
    pattern: compileFsPattern(row.pattern, HOME),
    excludes: (row.excludes ?? []).map((x) => compileFsPattern(x, HOME)),
    payload: i,
  }, row.group));
  return index;
}

describe('the fs index finds what a plain scan finds', () => {
  const index = indexOf(true);
  const scan = indexOf(false);
  const found = (ix: FsIndex<number>, path: string): (string | null)[] =>
    ix.best(pathKey(path, canonicalPath(path))).map((hit) => (hit === null ? null : `${hit.entry.payload}${hit.alias ? ' alias' : ''}`));

  test.each(PATHS)('%j', (path) => {
    expect(found(index, path)).toEqual(found(scan, path));
  });
});

describe('entries the index used to miss', () => {
  const index = indexOf(true);
  const deny = (path: string): number | null => index.best(pathKey(path, canonicalPath(path)))[0]?.entry.payload ?? null;
  test.each([
    // `*.` had an empty suffix key that no path ever looks up.
    ['x/foo.', 4],
    // Final sigma: `ΑΣ` lower-cases to `ας`, but `ασ` names the same folder on a case-insensitive disk.
    ['vault/ασ/k', 6],
    ['vault/ας/k', 6],
    // A fullwidth solidus in a literal segment: the key was `config/prod`, which no segment equals.
    ['config/prod/a', 19],
    ['config／prod/a', 19],
    ['a.x/y', 20],
    // A fullwidth `＊` or `？` in a literal segment: filed under `**` or `*.crt`, which no segment equals.
    ['secrets2/k', 21],
    ['secrets2/a/b', 21],
    ['SECRETS2/k', 21],
    ['secrets2/＊＊', 21],
    ['a/x.crt', 24],
    ['x.CRT', 24],
  ])('%j is denied by row %d', (path, row) => {
    expect(deny(path)).toBe(row);
  });

  const ask = (path: string): number | null => index.best(pathKey(path, canonicalPath(path)))[1]?.entry.payload ?? null;
  test.each([
    ['drafts/k', 22],
    ['vault1/k', 23],
    ['vaultx/a/b', 23],
    ['a/b.c', 25],
  ])('%j asks by row %d', (path, row) => {
    expect(ask(path)).toBe(row);
  });

  // An allow is matched as written: NFKC must not widen `notes/＊＊` to every file under `notes`.
  const allow = (path: string): number | null => index.best(pathKey(path, canonicalPath(path)))[2]?.entry.payload ?? null;
  test.each([
    ['notes/＊＊', 26],
    ['notes/＊＊/x', 26],
    ['notes/k', 27],
  ])('%j is allowed by row %d', (path, row) => {
    expect(allow(path)).toBe(row);
  });
});

describe('the fs index agrees with the plain scan on generated paths', () => {
  // A small linear congruential generator: the same paths on every run.
  let seed = 12345;
  const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const PIECES = ['secrets', 'SECRETS', 'src', 'vault', 'ΑΣ', 'ασ', 'ας', 'τος', 'ΤΟΣ', 'docs', 'a', 'b', 'c', 'ac', 'AC', 'etc',
    'conf', 'Mixed', 'case', 'Case', 'out', 'gen', 'full', 'ｆｕｌｌ', 'a:b', '.env', '.ENV', '.env.example', 'key.pem', 'KEY.PEM',
    'k.pem:s', 'x.tar.gz', 'foo.', 'foo. ', 'f.key', 'r.md', 'τοσ.pem', 'x\u200b', '.ssh', 'home', 'u', 'secrets2', 'drafts', 'vault1',
    '＊＊', '＊', 'x.crt', 'notes', 'b.c'];
  const SEPARATORS = ['/', '/', '/', '\\'];
  const paths: string[] = [];
  for (let i = 0; i < 4000; i++) {
    let path = next(8) === 0 ? '/' : '';
    const depth = 1 + next(4);
    for (let d = 0; d < depth; d++) path += (d === 0 ? '' : (SEPARATORS[next(SEPARATORS.length)] ?? '/')) + (PIECES[next(PIECES.length)] ?? 'x');
    paths.push(path);
  }
  const index = indexOf(true);
  const scan = indexOf(false);
  test('4000 paths', () => {
    const differ: string[] = [];
    for (const path of paths) {
      const key = pathKey(path, canonicalPath(path));
      const a = index.best(key).map((h) => h?.entry.payload ?? null);
      const b = scan.best(key).map((h) => h?.entry.payload ?? null);
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${JSON.stringify(path)}: index ${JSON.stringify(a)}, scan ${JSON.stringify(b)}`);
    }
    expect(differ).toEqual([]);
  });
});
