// `agent-gate import FILE`: recognise which agent wrote a session record and convert it. A record
// that matches no known format is refused; guessing could drop every call in it.

import { decodeUtf8, isRecord, parseJson } from '../json.ts';
import { importClaude, looksLikeClaudeRecord } from './claude.ts';
import { importCodex, looksLikeCodexRecord } from './codex.ts';
import { ImportError, type ImportFormat, type ImportOptions, type ImportResult } from './common.ts';
import { importKiro, looksLikeKiroExport } from './kiro.ts';

export { ImportError, type ImportFormat, type ImportOptions, type ImportResult } from './common.ts';
export { importClaude } from './claude.ts';
export { importCodex, patchPaths } from './codex.ts';
export { importKiro } from './kiro.ts';

export const SUPPORTED_FORMATS = 'a Kiro CLI "/chat save" export (JSON), a Claude Code transcript (.jsonl) or a Codex CLI rollout (.jsonl)';

/** How many leading records of a JSON Lines file are looked at to recognise it. */
const SNIFF_LINES = 50;

export function detectFormat(text: string): ImportFormat | null {
  const whole = parseJson(text);
  if (whole.ok && looksLikeKiroExport(whole.value)) return 'kiro';
  let seen = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    if (++seen > SNIFF_LINES) break;
    const parsed = parseJson(raw);
    if (!parsed.ok || !isRecord(parsed.value)) return null;
    if (looksLikeCodexRecord(parsed.value)) return 'codex';
    if (looksLikeClaudeRecord(parsed.value)) return 'claude';
  }
  return null;
}

export function importSession(bytes: Uint8Array | string, opts: ImportOptions): ImportResult {
  const text = typeof bytes === 'string' ? bytes : decodeUtf8(bytes);
  if (text === null) throw new ImportError(`the session record is not valid UTF-8; expected ${SUPPORTED_FORMATS}`);
  const format = detectFormat(text);
  switch (format) {
    case 'kiro': {
      const state = JSON.parse(text) as Record<string, unknown>;
      return { format, drafts: importKiro(state, opts) };
    }
    case 'claude':
      return { format, drafts: importClaude(text, opts) };
    case 'codex':
      return { format, drafts: importCodex(text, opts) };
    case null:
      throw new ImportError(`unrecognised session record; agent-gate import reads ${SUPPORTED_FORMATS}`);
  }
}
