// What the runner gives the step besides inputs: the event file, the repository slug, and the
// ways to write to the log and the job summary. Every log line that carries data from the pull
// request is printed with workflow commands switched off, so it cannot forge one.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { GateError } from '../errors.ts';
import type { AnnotationSink } from './annotations.ts';

export function readEventPayload(path: string | undefined): unknown {
  if (path === undefined || path === '') {
    throw new GateError('GITHUB_EVENT_PATH is not set; agent-gate runs as a step of a GitHub Actions workflow');
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new GateError(`cannot read the event file ${JSON.stringify(path)} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GateError(`the event file ${JSON.stringify(path)} is not valid JSON`);
  }
}

/** `owner/repo` from GITHUB_REPOSITORY, else from the payload; null when neither says. */
export function repoSlug(envValue: string | undefined, payload: unknown): { owner: string; repo: string } | null {
  let slug = envValue ?? '';
  if (slug === '' && typeof payload === 'object' && payload !== null) {
    const repo = (payload as { repository?: { full_name?: unknown } }).repository;
    if (typeof repo?.full_name === 'string') slug = repo.full_name;
  }
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(slug);
  return m && m[1] !== undefined && m[2] !== undefined ? { owner: m[1], repo: m[2] } : null;
}

export const coreAnnotations: AnnotationSink = {
  error: (message, props) => core.error(message, props),
  warning: (message, props) => core.warning(message, props),
  notice: (message, props) => core.notice(message, props),
};

/**
 * Prints untrusted text between `::stop-commands::` and its resume token: the runner ignores any
 * `::command::` inside, so a commit subject or trailer cannot set outputs or annotations. CRs are
 * made visible because some log viewers treat them as line breaks.
 */
export function printUntrusted(text: string, write: (s: string) => void = (s) => { process.stdout.write(s); }): void {
  const token = randomBytes(16).toString('hex');
  write(`::stop-commands::${token}\n`);
  write(text.replace(/\r/g, '\\r').replace(/\n?$/, '\n'));
  write(`::${token}::\n`);
}

/** Appends to the job summary; false (with a log line) when there is no summary file. */
export async function writeSummary(markdown: string): Promise<boolean> {
  if ((process.env['GITHUB_STEP_SUMMARY'] ?? '') === '') {
    core.info('agent-gate: GITHUB_STEP_SUMMARY is not set; no job summary written');
    return false;
  }
  await core.summary.addRaw(markdown, true).write();
  core.summary.emptyBuffer();
  return true;
}

/** One line, bounded: what `core.setFailed` and annotations may carry. */
export function oneLine(text: string, max = 1000): string {
  const t = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}
