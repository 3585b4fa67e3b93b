// Where a run that could not judge posts its "could not judge" comment. A run that failed on its
// inputs or its event payload never got as far as reading them whole, but as long as the token,
// the pull request number and the repository can still be read, the comment must not keep an
// earlier "all clear" up under the failed check.
import { commentScope, type GateConfig } from './comment.ts';
import { pullNumberOf } from './event.ts';
import { COMMENT_MODES, NO_ADMIN_POLICY, parseBoolean, parseRepoPath, type ActionInputs, type CommentMode, type InputReader } from './inputs.ts';
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
export function commentTarget(inputs: ActionInputs, pullNumber: number | undefined, payload: unknown, scope: string): CommentTarget | null {
  return pullNumber === undefined ? null : { token: inputs.token, mode: inputs.comment, pullNumber, payload, scope };
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
  return pullNumber === undefined ? null : { token, mode, pullNumber, payload, scope: gateScope(get) };
}

/**
 * The comment scope (see commentScope) of the raw inputs. It is read the same way whether or not
 * the inputs were valid, so a "could not judge" comment lands where this gate's reports go; a value
 * that cannot be read (the reason the run could not judge, perhaps) counts as left out.
 */
export function gateScope(get: InputReader): string {
  const admin = get('admin-policy').trim();
  const failOn = get('fail-on').trim();
  const gate: GateConfig = {
    policyPath: orDefault(() => parseRepoPath('policy', get('policy')), parseRepoPath('policy', '')),
    adminPolicy: admin === '' || admin === NO_ADMIN_POLICY ? null : admin,
    allCommits: orDefault(() => get('all-commits').trim() !== '' && parseBoolean('all-commits', get('all-commits')), false),
    // `deny` is action.yml's default, and the policy's own fail-on still tightens it either way.
    failOn: failOn === 'ask' ? 'ask' : null,
  };
  return commentScope(gate);
}

function orDefault<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
