// Where a run that could not judge posts its "could not judge" comment. A run that failed on its
// inputs or its event payload never got as far as reading them whole, but as long as the token,
// the pull request number and the repository can still be read, the comment must not keep an
// earlier "all clear" up under the failed check.
import { commentScope } from './comment.ts';
import { pullNumberOf } from './event.ts';
import { COMMENT_MODES, parseRepoPath, type ActionInputs, type CommentMode, type InputReader } from './inputs.ts';
import { readEventPayload } from './runner.ts';

export interface CommentTarget {
  token: string;
  mode: CommentMode;
  pullNumber: number;
  /** The event payload: the repository's name when GITHUB_REPOSITORY is not set. */
  payload: unknown;
  /** See commentScope. */
  scope: string;
}

/** From inputs and an event that were read whole; null when the event is no pull request. */
export function commentTarget(inputs: ActionInputs, pullNumber: number | undefined, payload: unknown): CommentTarget | null {
  return pullNumber === undefined ? null : { token: inputs.token, mode: inputs.comment, pullNumber, payload, scope: commentScope(inputs.policyPath) };
}

/**
 * From the raw inputs and event file, after reading them failed. A `comment` value that is not
 * one of the modes counts as `on-findings`: a typo there must not keep an old "all clear" up, and
 * with a "could not judge" body (no findings) on-findings only updates a comment, never creates
 * one. `never` is honoured. Null when the token, the event file or the pull request number cannot
 * be read.
 */
export function earlyCommentTarget(get: InputReader, eventName: string, eventPath: string | undefined): CommentTarget | null {
  const token = get('token').trim();
  if (token === '') return null;
  const mode = COMMENT_MODES.find((m) => m === get('comment').trim()) ?? 'on-findings';
  let payload: unknown;
  try {
    payload = readEventPayload(eventPath);
  } catch {
    return null;
  }
  const pullNumber = pullNumberOf(eventName, payload);
  return pullNumber === undefined ? null : { token, mode, pullNumber, payload, scope: earlyScope(get('policy')) };
}

/**
 * The comment scope of a policy input read before the inputs were: a value that is no repository
 * path (the reason the run could not judge, perhaps) names no other gate, so the default comment
 * is the one an "all clear" may stand in.
 */
function earlyScope(policy: string): string {
  try {
    return commentScope(parseRepoPath('policy', policy));
  } catch {
    return '';
  }
}
