// A commit's identities and message read from the object itself. `git log --encoding=UTF-8`
// converts a commit from the encoding its header declares, headers included: a commit that
// declares IBM037 or UCS-2 but holds UTF-8 (what `git -c i18n.commitEncoding=IBM037 commit`
// writes) comes back with empty names and a garbled message, which would hide every agent signal.

export interface RawIdentities {
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  message: string;
}

/** `Name <email> 1700000000 +0000`, read leniently: what cannot be split stays in the name. */
function identity(value: string): { name: string; email: string } {
  const open = value.indexOf('<');
  if (open < 0) return { name: value.trim(), email: '' };
  const close = value.indexOf('>', open);
  return { name: value.slice(0, open).trim(), email: value.slice(open + 1, close < 0 ? undefined : close) };
}

/** Encodings git output needs no conversion from. */
export function isUtf8Encoding(encoding: string): boolean {
  return encoding === '' || /^utf-?8$/i.test(encoding);
}

export function parseRawCommit(object: Buffer): RawIdentities {
  const end = object.indexOf('\n\n');
  const header = object.toString('utf8', 0, end < 0 ? object.length : end);
  const out: RawIdentities = { authorName: '', authorEmail: '', committerName: '', committerEmail: '', message: end < 0 ? '' : object.toString('utf8', end + 2) };
  for (const line of header.split('\n')) {
    // A signature's continuation lines start with a space and are not headers.
    if (line.startsWith('author ') && out.authorName === '' && out.authorEmail === '') {
      const id = identity(line.slice(7));
      out.authorName = id.name;
      out.authorEmail = id.email;
    } else if (line.startsWith('committer ') && out.committerName === '' && out.committerEmail === '') {
      const id = identity(line.slice(10));
      out.committerName = id.name;
      out.committerEmail = id.email;
    }
  }
  return out;
}
