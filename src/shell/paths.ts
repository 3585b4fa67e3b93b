// Lexical path forms for command words and script operands: `/bin//sh`, `/bin/./sh` and
// `/usr/bin/../bin/sh` name the same program as `/bin/sh`.

/**
 * Folders whose `..` is known without looking at the disk: system folders, which are real
 * folders (or, as `/bin` on a merged /usr, links to another system folder), never links into a
 * user's folder. `''` is the root.
 */
const SYSTEM_FOLDER = /^(?:\/usr(?:\/local)?|\/opt(?:\/homebrew)?)?(?:\/s?bin)?$/;

/** True when `path` may have another lexical form (`//`, `/./`, `/../`, a trailing `/.`). */
export function mayCollapse(path: string): boolean {
  return path.includes('//') || path.includes('/.');
}

export interface LexicalPath {
  path: string;
  /**
   * A `..` left a folder that is not a system folder: if that folder is a link, the program
   * the path names on disk is not the one its lexical form names.
   */
  linked: boolean;
}

/** The lexical form of an absolute path: `//` and `.` segments dropped, `..` resolved. */
export function lexicalPath(path: string): LexicalPath {
  const segments: string[] = [];
  let linked = false;
  let folder = '';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (!SYSTEM_FOLDER.test(folder)) linked = true;
      segments.pop();
      folder = segments.length === 0 ? '' : `/${segments.join('/')}`;
      continue;
    }
    segments.push(segment);
    folder += `/${segment}`;
  }
  return { path: `/${segments.join('/')}`, linked };
}
