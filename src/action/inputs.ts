// The Action's inputs, read and validated in one place. Every input comes from a workflow file a
// human wrote, but a typo must still fail the step with one clear line instead of silently
// falling back to a weaker gate (an unknown `fail-on` must never mean "never fail").
import { isAbsolute, resolve } from 'node:path';
import { GateError } from '../errors.ts';
import { DEFAULT_POLICY_PATH } from '../policy/builtin.ts';
import type { FailOn } from '../report/model.ts';

export const COMMENT_MODES = ['on-findings', 'always', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export const FAIL_ON = ['deny', 'ask'] as const;

export interface ActionInputs {
  /** Repository path of the workspace policy, read from the base commit. */
  policyPath: string;
  adminPolicy?: { disk: string } | { text: string; label: string };
  /** Absent when the input is empty: check then uses its own default. */
  failOn?: FailOn;
  comment: CommentMode;
  token: string;
  /** Absolute path, or absent. */
  sarifFile?: string;
  allCommits: boolean;
}

/** Reads one input the way `@actions/core` does (`INPUT_FAIL-ON`), injectable for tests. */
export type InputReader = (name: string) => string;

/** action.yml's default for `admin-policy`, so that an empty value shows it was given empty. */
export const NO_ADMIN_POLICY = 'none';

/**
 * Inputs whose action.yml default is not empty: given empty, they were written as an expression
 * that came out empty (`\${{ vars.X }}` where GitHub passes no variables, as on a pull request from
 * a fork), and the check falls back to the weaker default.
 */
export const NONEMPTY_DEFAULTS: Readonly<Record<string, string>> = {
  'admin-policy': 'the check ran without an admin policy',
  'all-commits': 'only agent-made commits were judged',
  'fail-on': 'the check fails on deny only (or as the policy\'s failOn says)',
};

/** The label inline admin policies carry in error messages (`admin-policy input:3:5: ...`). */
export const INLINE_ADMIN_LABEL = 'admin-policy input';

// Control characters in a path input can only be a mistake or an attempt to forge log lines.
const CONTROL = /[\u0000-\u001f\u007f]/;

function bad(name: string, value: string, expected: string): GateError {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return new GateError(`input ${name}: ${expected}, got ${JSON.stringify(shown)}`);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim();
  const hit = allowed.find((a) => a === v);
  if (hit === undefined) throw bad(name, value, `expected one of ${allowed.join(', ')}`);
  return hit;
}

/** YAML 1.2 core schema booleans, the same set `core.getBooleanInput` accepts. */
export function parseBoolean(name: string, value: string): boolean {
  const v = value.trim();
  if (v === 'true' || v === 'True' || v === 'TRUE') return true;
  if (v === 'false' || v === 'False' || v === 'FALSE') return false;
  throw bad(name, value, 'expected true or false');
}

/**
 * A path inside the repository as git names it: relative, `/`-separated, no `.`/`..` segments.
 * The policy is read with `git show BASE:PATH`, so anything else would either not exist or read
 * something other than what the workflow author meant.
 */
export function parseRepoPath(name: string, value: string): string {
  let p = value.trim();
  if (p === '') return DEFAULT_POLICY_PATH;
  if (CONTROL.test(p)) throw bad(name, value, 'expected a repository path without control characters');
  while (p.startsWith('./')) p = p.slice(2);
  if (p.startsWith('/') || p.includes('\\') || /^[A-Za-z]:/.test(p)) {
    throw bad(name, value, 'expected a path relative to the repository root, with / separators');
  }
  const segments = p.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw bad(name, value, 'expected a path inside the repository (no empty, "." or ".." segments)');
  }
  return p;
}

function diskPath(name: string, value: string, workspace: string): string {
  if (CONTROL.test(value)) throw bad(name, value, 'expected a file path without control characters');
  return isAbsolute(value) ? value : resolve(workspace, value);
}

/**
 * `admin-policy`: inline YAML when it spans lines or names `rules:` (a one-line flow mapping such
 * as `{rules: [...]}` is still inline), otherwise a file on the runner.
 */
export function parseAdminPolicy(value: string, workspace: string): ActionInputs['adminPolicy'] {
  if (value.trim() === '' || value.trim() === NO_ADMIN_POLICY) return undefined;
  if (value.includes('\n') || value.includes('rules:')) return { text: value, label: INLINE_ADMIN_LABEL };
  return { disk: diskPath('admin-policy', value.trim(), workspace) };
}

/** How the run names the admin policy it applied. */
export function describeAdminPolicy(admin: ActionInputs['adminPolicy']): string {
  if (admin === undefined) return 'none';
  return 'disk' in admin ? admin.disk : 'inline (the admin-policy input)';
}

export function readInputs(get: InputReader, workspace: string): ActionInputs {
  const inputs: ActionInputs = {
    policyPath: parseRepoPath('policy', get('policy')),
    comment: get('comment').trim() === '' ? 'on-findings' : oneOf('comment', get('comment'), COMMENT_MODES),
    token: get('token').trim(),
    allCommits: get('all-commits').trim() === '' ? false : parseBoolean('all-commits', get('all-commits')),
  };
  const admin = parseAdminPolicy(get('admin-policy'), workspace);
  if (admin !== undefined) inputs.adminPolicy = admin;
  if (get('fail-on').trim() !== '') inputs.failOn = oneOf('fail-on', get('fail-on'), FAIL_ON);
  const sarif = get('sarif-file').trim();
  if (sarif !== '') inputs.sarifFile = diskPath('sarif-file', sarif, workspace);
  return inputs;
}
