import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insideWorkspace, UnsafeWorkspacePath, writeInsideWorkspace } from '../../src/action/workspacefile.ts';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'ag-wsfile-'));
  dirs.push(d);
  return d;
}

describe('insideWorkspace', () => {
  test('segments below the workspace, with . and .. resolved before anything is followed', () => {
    const ws = temp();
    expect(insideWorkspace(ws, join(ws, 'a/b.sarif'))?.segments).toEqual(['a', 'b.sarif']);
    expect(insideWorkspace(ws, `${ws}/link/../x.sarif`)?.segments).toEqual(['x.sarif']);
    expect(insideWorkspace(ws, join(ws, '..', 'elsewhere.sarif'))).toBeNull();
    expect(insideWorkspace(ws, ws)).toBeNull();
    expect(insideWorkspace(ws, '/etc/x.sarif')).toBeNull();
  });

  test('the workspace reached through a link of the runner\'s own counts as the workspace', () => {
    const real = temp();
    const alias = join(temp(), 'alias');
    symlinkSync(real, alias);
    expect(insideWorkspace(alias, join(real, 'r.sarif'))?.segments).toEqual(['r.sarif']);
  });
});

// Audit 35 (AB-1): a path through a link outside the workspace that leads into it is inside too,
// and the links below the workspace's root are left for the refusal to see.
describe('insideWorkspace through links outside the workspace', () => {
  test.each<[string, (ws: string, out: string) => string, string[] | null]>([
    ['a link to the workspace', (ws, out) => { symlinkSync(ws, join(out, 'alias')); return join(out, 'alias/link/r.sarif'); }, ['link', 'r.sarif']],
    ['a link to a folder above it', (ws, out) => { symlinkSync(join(ws, '..'), join(out, 'up')); return join(out, 'up', ws.split('/').pop() ?? '', 'r.sarif'); }, ['r.sarif']],
    ['a relative link', (ws, out) => { symlinkSync(join('..', ws.split('/').pop() ?? ''), join(out, 'rel')); return join(out, 'rel/a/b.sarif'); }, ['a', 'b.sarif']],
    ['a link into a folder of it', (ws, out) => { mkdirSync(join(ws, 'sub')); symlinkSync(join(ws, 'sub'), join(out, 'into')); return join(out, 'into/r.sarif'); }, ['sub', 'r.sarif']],
    ['a link elsewhere', (_ws, out) => { symlinkSync(tmpdir(), join(out, 'tmp')); return join(out, 'tmp/r.sarif'); }, null],
    ['a loop', (_ws, out) => { symlinkSync(join(out, 'loop'), join(out, 'loop')); return join(out, 'loop/r.sarif'); }, null],
  ])('%s', (_name, make, segments) => {
    const ws = temp();
    const out = temp();
    const path = make(ws, out);
    expect(insideWorkspace(ws, path)?.segments ?? null).toEqual(segments);
  });
});

describe('writeInsideWorkspace', () => {
  test('refuses a linked file or folder, and a non-file, before writing anything', () => {
    const ws = temp();
    const elsewhere = temp();
    writeFileSync(join(elsewhere, 'victim'), 'precious');
    symlinkSync(join(elsewhere, 'victim'), join(ws, 'file-link'));
    symlinkSync(elsewhere, join(ws, 'dir-link'));
    mkdirSync(join(ws, 'a-folder'));
    writeFileSync(join(ws, 'plain'), 'x');
    expect(() => writeInsideWorkspace(ws, ['file-link'], 'new')).toThrow(new UnsafeWorkspacePath('"file-link" is a symbolic link in the workspace, which the pull request controls'));
    expect(() => writeInsideWorkspace(ws, ['dir-link', 'victim'], 'new')).toThrow(/"dir-link" is a symbolic link/);
    expect(() => writeInsideWorkspace(ws, ['a-folder'], 'new')).toThrow(/"a-folder" is not a regular file/);
    expect(() => writeInsideWorkspace(ws, ['plain', 'x.sarif'], 'new')).toThrow(/"plain" is not a folder/);
    expect(readFileSync(join(elsewhere, 'victim'), 'utf8')).toBe('precious');
  });

  test('makes missing folders and replaces a regular file', () => {
    const ws = temp();
    writeInsideWorkspace(ws, ['x', 'y', 'r.sarif'], 'one');
    writeInsideWorkspace(ws, ['x', 'y', 'r.sarif'], 'two');
    expect(readFileSync(join(ws, 'x/y/r.sarif'), 'utf8')).toBe('two');
  });
});
