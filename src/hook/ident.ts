// Who git will record as the author and committer of the commit being made, from `git var -l`
// (one process, started with the hook's other git reads). git applies GIT_AUTHOR_NAME/EMAIL,
// GIT_COMMITTER_* and user.name/email itself, so an agent shell's identity is seen as git sees it.
import { GateError } from '../errors.ts';

export interface Ident { name: string; email: string }

export interface Idents { author: Ident; committer: Ident }

function parseIdent(value: string, key: string): Ident {
  // `Name <email> 1700000000 +0000`.
  const m = /^(.*?) ?<([^>]*)> -?\d+ [+-]\d{4}$/.exec(value);
  if (m === null) throw new GateError(`git var -l gave an unreadable ${key} (${JSON.stringify(value)}), so the commit's identity cannot be judged`);
  return { name: m[1] ?? '', email: m[2] ?? '' };
}

/**
 * The last line for each key wins: git prints the configuration first and its own variables after
 * it, so a configuration value with a newline cannot stand in for the real identity.
 */
export function parseVarList(out: Buffer): Idents {
  let author: string | undefined;
  let committer: string | undefined;
  for (const line of out.toString('utf8').split('\n')) {
    if (line.startsWith('GIT_AUTHOR_IDENT=')) author = line.slice('GIT_AUTHOR_IDENT='.length);
    else if (line.startsWith('GIT_COMMITTER_IDENT=')) committer = line.slice('GIT_COMMITTER_IDENT='.length);
  }
  if (author === undefined || committer === undefined) throw new GateError('git var -l did not name the author and committer, so the commit\'s identity cannot be judged');
  return { author: parseIdent(author, 'GIT_AUTHOR_IDENT'), committer: parseIdent(committer, 'GIT_COMMITTER_IDENT') };
}
