// Paths in recorded tool calls: absolute paths inside the repository become relative to its root,
// so workspace rules (anchored at the root) apply to them. Paths in the writer's home folder (and
// not in the repository) become `~/...`: check expands `~` against its own HOME, so `~/...` rules
// judge them the same on a CI runner whose HOME differs. Other paths stay absolute, where `/...`
// rules match them. Pure string work on POSIX paths; the file system is read only through the
// caller's `physical`.

import { posix } from 'node:path';

export interface PathContext {
  /** Absolute working folder of the tool call, or null when the source does not say. */
  cwd: string | null;
  /** Absolute root of the repository that holds the log, or null when unknown. */
  repoRoot: string | null;
  /** Absolute home folder of the writer, or null when unknown (its paths then stay absolute). */
  home: string | null;
  /**
   * Where the file system puts an absolute path, links followed and `..` taken from the folder a
   * link really leads to. Given by `record`, which runs on the agent's machine while the files
   * are there; without it `..` is resolved as text. `repoRoot` and `home` must then be physical too.
   */
  physical?: (abs: string) => string;
}

function inside(abs: string, root: string): boolean {
  return root === '/' || abs === root || abs.startsWith(`${root}/`);
}

function trimRoot(root: string): string {
  const normal = posix.normalize(root);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** An absolute, normalised path as written to the log: repository-relative, else `~/...`, else as is. */
function fromRoot(abs: string, ctx: PathContext): string {
  // The repository first: it may itself lie in the home folder, and workspace rules need its paths relative.
  if (ctx.repoRoot !== null) {
    const root = trimRoot(ctx.repoRoot);
    if (inside(abs, root)) return posix.relative(root, abs) || '.';
  }
  if (ctx.home !== null && ctx.home.startsWith('/')) {
    const home = trimRoot(ctx.home);
    // A home of `/` would turn every path into `~/...`; such a home says nothing about the path.
    if (home !== '/' && inside(abs, home)) {
      const rest = posix.relative(home, abs);
      return rest === '' ? '~' : `~/${rest}`;
    }
  }
  return abs;
}

/**
 * A tool call's path as the engine should see it. Relative paths are taken from the call's cwd;
 * `..` segments are resolved the way the agent's file system would resolve them.
 */
export function toRepoPath(path: string, ctx: PathContext): string {
  // `~/…` is the writer's home: followed like any absolute path there, so a link in it that leads
  // into the repository (`~/proj/src/keys -> ../secrets`) is judged where it lands.
  if ((path === '~' || path.startsWith('~/')) && ctx.home !== null && ctx.home.startsWith('/')) {
    return toRepoPath(`${trimRoot(ctx.home)}${path.slice(1)}`, ctx);
  }
  if (path === '~' || path.startsWith('~/')) return path;
  // `~NAME/…` is not expanded by the agents' file tools: it is a folder named `~NAME` here.
  if (path.startsWith('~')) return toRepoPath(`./${path}`, ctx);
  if (path.startsWith('/')) return fromRoot(ctx.physical ? ctx.physical(path) : posix.normalize(path), ctx);
  if (ctx.cwd !== null && ctx.cwd.startsWith('/')) {
    return fromRoot(ctx.physical ? ctx.physical(`${ctx.cwd}/${path}`) : posix.join(ctx.cwd, path), ctx);
  }
  // Without a cwd a relative path can only be read as relative to the repository root.
  const normal = posix.normalize(path);
  return normal === './' ? '.' : normal.replace(/^\.\//, '');
}

/** The entry's `cwd` field: '.' when unknown. */
export function toRepoCwd(ctx: PathContext): string {
  if (ctx.cwd === null || ctx.cwd === '') return '.';
  return toRepoPath(ctx.cwd, { ...ctx, cwd: null });
}

/** The folder a call ran in when it names its own (Codex `workdir`, Kiro `working_dir`), else the session's. */
export function withWorkdir(ctx: PathContext, workdir: string | null): PathContext {
  if (workdir === null || workdir === '') return ctx;
  // Kiro expands a leading `~` in working_dir.
  if ((workdir === '~' || workdir.startsWith('~/')) && ctx.home !== null && ctx.home.startsWith('/')) {
    return withWorkdir(ctx, `${trimRoot(ctx.home)}${workdir.slice(1)}`);
  }
  // Kept as written: with `physical`, a `..` after a linked folder (`src/keys/..`) is resolved
  // where the link leads, as the kernel does on chdir; without it, toRepoPath resolves it as text.
  if (workdir.startsWith('/')) return { ...ctx, cwd: workdir };
  if (ctx.cwd !== null && ctx.cwd.startsWith('/')) return { ...ctx, cwd: `${ctx.cwd}/${workdir}` };
  return ctx;
}
