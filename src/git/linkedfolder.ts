// A file git cannot read from a tree because a folder on its way is a link or a gitlink. Kept
// apart from log.ts, which the hook loads only when it needs it: the hook's start-up reads this.

/**
 * Why a file below `folder` cannot be read from a tree when the folder's entry has `mode`: git
 * does not follow a link or enter a gitlink on the way. Null for any other mode.
 */
export function linkedFolderReason(path: string, folder: string, mode: string | undefined | null, at: string): string | null {
  if (mode !== '120000' && mode !== '160000') return null;
  const what = mode === '120000' ? 'a symbolic link' : 'a submodule';
  return `${path} lies below ${folder}, which is ${what} at ${at}; git reads no file through it, so make ${folder} a folder`;
}
