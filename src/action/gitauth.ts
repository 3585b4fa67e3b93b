// The `token` input also authenticates the fetches that complete a shallow or partial checkout.
// actions/checkout normally leaves its own credentials in the clone's config; with
// `persist-credentials: false` (advised for pull_request_target) it does not, and a private
// repository's history could not be fetched. The header is passed to git through GIT_CONFIG_*
// variables of this process only: nothing is written to the repository's config.
import { textOf, type Git } from '../git/exec.ts';

export interface AuthHeader {
  key: string;
  value: string;
  /** The secret part, to be masked in logs. */
  secret: string;
}

/** The extra header git sends to the GitHub server, the way actions/checkout configures it. */
export function authHeader(token: string, serverUrl: string): AuthHeader {
  const server = serverUrl.replace(/\/+$/, '');
  const secret = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  return { key: `http.${server}/.extraheader`, value: `AUTHORIZATION: basic ${secret}`, secret };
}

/** Appends one setting to the GIT_CONFIG_COUNT/KEY/VALUE list of `env` (which git reads). */
export function addConfigEnv(env: NodeJS.ProcessEnv, key: string, value: string): void {
  const raw = env['GIT_CONFIG_COUNT'];
  const n = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
  env[`GIT_CONFIG_KEY_${n}`] = key;
  env[`GIT_CONFIG_VALUE_${n}`] = value;
  env['GIT_CONFIG_COUNT'] = String(n + 1);
}

/**
 * Whether to add the header: there is a token, origin is on the GitHub server over https, and no
 * extra header is configured already (a second AUTHORIZATION header makes the server refuse).
 */
export async function needsAuth(git: Git, token: string, serverUrl: string, remote = 'origin'): Promise<boolean> {
  if (token === '' || !/^https:\/\//.test(serverUrl)) return false;
  const url = await git.exec(['remote', 'get-url', '--', remote]);
  if (url.exitCode !== 0) return false;
  const server = serverUrl.replace(/\/+$/, '').toLowerCase();
  if (!textOf(url.stdout).trim().toLowerCase().startsWith(`${server}/`)) return false;
  const existing = await git.exec(['config', '--get-regexp', '^http\\..*\\.extraheader$']);
  return !(existing.exitCode === 0 && textOf(existing.stdout).trim() !== '');
}

/**
 * Lets this process's git calls (check's deepening fetches included) authenticate with `token`
 * when they need to; the encoded secret is masked first. Returns whether it did.
 */
export async function authenticateFetches(git: Git, token: string, serverUrl: string, mask: (secret: string) => void, remote = 'origin'): Promise<boolean> {
  if (!(await needsAuth(git, token, serverUrl, remote))) return false;
  const header = authHeader(token, serverUrl);
  mask(header.secret);
  addConfigEnv(process.env, header.key, header.value);
  return true;
}
