// Kiro CLI `/chat save FILE` exports: one JSON object, the serialised conversation state.
//   {"conversation_id":"…","history":[{"user":{…,"env_context":{"env_state":{"current_working_directory":"/repo"}}},
//     "assistant":{"ToolUse":{"message_id":"…","content":"…","tool_uses":[{"id":"…","name":"execute_bash","args":{…}}]}},
//     "request_metadata":{"request_start_timestamp_ms":1763632800000,"model_id":"…"}}, …],
//    "model_info":{"model_id":"claude-sonnet-4.5"}}
// An assistant message is {"Response":{…}} (no calls) or {"ToolUse":{…}}. Older exports store a
// history entry as a [user, assistant] pair and the model as "model". A call's timestamp comes from
// its request metadata, else from ImportOptions.fallbackTs; its model from the request metadata,
// else from model_info/model. Detection is tolerant (a `history` array and one of the state's
// other keys), content is strict: a malformed entry is an error with its JSON position.

import type { EntryDraft } from '../entry.ts';
import { isRecord, show } from '../json.ts';
import { mapKiroTool } from '../tools/kiro.ts';
import { ImportError, mapAt, stringOrNull, toDrafts, type ImportOptions } from './common.ts';

const STATE_KEYS = ['conversation_id', 'valid_history_range', 'model_info', 'transcript', 'next_message'];

export function looksLikeKiroExport(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Array.isArray(value.history) && STATE_KEYS.some((k) => k in value);
}

function entryParts(entry: unknown, where: string): { user: unknown; assistant: unknown; meta: unknown } {
  if (Array.isArray(entry)) {
    if (entry.length < 2) throw new ImportError(`${where}: expected a [user, assistant] pair`);
    return { user: entry[0], assistant: entry[1], meta: undefined };
  }
  if (!isRecord(entry)) throw new ImportError(`${where}: expected an object with "user" and "assistant", got ${show(entry)}`);
  if (!('assistant' in entry)) throw new ImportError(`${where}: missing "assistant"`);
  return { user: entry.user, assistant: entry.assistant, meta: entry.request_metadata };
}

function userCwd(user: unknown): string | null {
  if (!isRecord(user) || !isRecord(user.env_context) || !isRecord(user.env_context.env_state)) return null;
  const cwd = user.env_context.env_state.current_working_directory;
  return typeof cwd === 'string' && cwd !== '' ? cwd : null;
}

function metaTimestamp(meta: unknown, fallback: string, where: string): string {
  if (!isRecord(meta) || meta.request_start_timestamp_ms === undefined || meta.request_start_timestamp_ms === null) return fallback;
  const ms = meta.request_start_timestamp_ms;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
    throw new ImportError(`${where}.request_metadata.request_start_timestamp_ms must be milliseconds since 1970, got ${show(ms)}`);
  }
  return new Date(ms).toISOString();
}

function stateModel(state: Record<string, unknown>): string | null {
  if (isRecord(state.model_info)) {
    const id = stringOrNull(state.model_info.model_id, 'Kiro export', 'model_info.model_id');
    if (id !== null) return id;
  }
  return stringOrNull(state.model, 'Kiro export', 'model');
}

export function importKiro(state: Record<string, unknown>, opts: ImportOptions): EntryDraft[] {
  const session = stringOrNull(state.conversation_id, 'Kiro export', 'conversation_id');
  const defaultModel = stateModel(state);
  const history = state.history as unknown[];
  const drafts: EntryDraft[] = [];
  history.forEach((raw, i) => {
    const where = `Kiro export history[${i}]`;
    const { user, assistant, meta } = entryParts(raw, where);
    if (!isRecord(assistant) || Object.keys(assistant).length !== 1) {
      throw new ImportError(`${where}.assistant: expected {"Response": {...}} or {"ToolUse": {...}}, got ${show(assistant)}`);
    }
    if ('Response' in assistant) return;
    const toolUse = assistant.ToolUse;
    if (!isRecord(toolUse)) throw new ImportError(`${where}.assistant: expected {"Response": {...}} or {"ToolUse": {...}}, got ${show(assistant)}`);
    const uses = toolUse.tool_uses;
    if (!Array.isArray(uses)) throw new ImportError(`${where}.assistant.ToolUse.tool_uses must be an array, got ${show(uses)}`);
    const metaModel = isRecord(meta) ? stringOrNull(meta.model_id, `${where}.request_metadata`, 'model_id') : null;
    const context = {
      ts: metaTimestamp(meta, opts.fallbackTs, where),
      agent: 'kiro' as const,
      session,
      model: metaModel ?? defaultModel,
    };
    const cwd = userCwd(user);
    uses.forEach((use, j) => {
      const at = `${where}.assistant.ToolUse.tool_uses[${j}]`;
      if (!isRecord(use)) throw new ImportError(`${at}: expected {"id", "name", "args"}, got ${show(use)}`);
      const name = use.name;
      if (typeof name !== 'string' || name === '') throw new ImportError(`${at}: "name" must be a non-empty string, got ${show(name)}`);
      if (!isRecord(use.args)) throw new ImportError(`${at}: "args" must be an object, got ${show(use.args)}`);
      const requests = mapAt(`${at} (${name})`, () => mapKiroTool(name, use.args, { cwd, repoRoot: opts.repoRoot, home: opts.home, ...(opts.physical ? { physical: opts.physical } : {}) }));
      drafts.push(...toDrafts(requests, context));
    });
  });
  return drafts;
}
