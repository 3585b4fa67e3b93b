// `agent-gate import FILE`: recognise which agent wrote a session record and convert it. A record
// that matches no known format is refused; guessing could drop every call in it.

import { decodeUtf8, isRecord, parseJson, undecodedReason, type Parsed } from '../json.ts';
import { importClaude, looksLikeClaudeRecord } from './claude.ts';
import { importCodex, looksLikeCodexRecord } from './codex.ts';
import { ImportError, type ImportFormat, type ImportOptions, type ImportResult } from './common.ts';
import { importKiro, looksLikeKiroExport } from './kiro.ts';
import { jsonErrorOffset, lineColumn } from './position.ts';

export { ImportError, type ImportFormat, type ImportOptions, type ImportResult } from './common.ts';
export { claudeSubagentsElsewhere, importClaude } from './claude.ts';
export { importCodex } from './codex.ts';
export { patchPaths } from '../../shell/apply-patch.ts';
export { importKiro } from './kiro.ts';

export const SUPPORTED_FORMATS = 'a Kiro CLI "/chat save" export (JSON), a Claude Code transcript (.jsonl) or a Codex CLI rollout (.jsonl)';

/** How many leading records of a JSON Lines file are looked at to recognise it. */
const SNIFF_LINES = 50;

export function detectFormat(text: string, whole: Parsed = parseJson(text)): ImportFormat | null {
  if (whole.ok && looksLikeKiroExport(whole.value)) return 'kiro';
  let seen = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    if (++seen > SNIFF_LINES) break;
    // A broken line is passed over here, so that the importer reports it with its line number.
    const parsed = parseJson(raw);
    if (!parsed.ok || !isRecord(parsed.value)) continue;
    if (looksLikeCodexRecord(parsed.value)) return 'codex';
    if (looksLikeClaudeRecord(parsed.value)) return 'claude';
  }
  return null;
}

/** Why a record matched no format, naming where it is broken when it is not JSON. */
function unrecognised(text: string, whole: Parsed): ImportError {
  const fix = `agent-gate import reads ${SUPPORTED_FORMATS}`;
  if (text.trim() === '') return new ImportError(`unrecognised session record: the file is empty; ${fix}`);
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (whole.ok || parseJson(lines[first] as string).ok) {
    return new ImportError(`unrecognised session record: JSON, but neither a Kiro export nor Claude Code or Codex records (first ${SNIFF_LINES} lines read); ${fix}`);
  }
  const at = lineColumn(text, jsonErrorOffset(text) ?? 0);
  return new ImportError(`unrecognised session record: not JSON at ${at} (${whole.error.replace(/\s+/g, ' ')}); ${fix}`);
}

export function importSession(bytes: Uint8Array | string, opts: ImportOptions): ImportResult {
  const text = typeof bytes === 'string' ? bytes : decodeUtf8(bytes);
  if (text === null) throw new ImportError(`the session record is ${undecodedReason(bytes.length)}; expected ${SUPPORTED_FORMATS}`);
  const whole = parseJson(text);
  const format = detectFormat(text, whole);
  switch (format) {
    case 'kiro':
      if (whole.ok && looksLikeKiroExport(whole.value)) return { format, drafts: importKiro(whole.value, opts) };
      throw unrecognised(text, whole);
    case 'claude':
      return { format, drafts: importClaude(text, opts) };
    case 'codex':
      return { format, drafts: importCodex(text, opts) };
    case null:
      throw unrecognised(text, whole);
  }
}
