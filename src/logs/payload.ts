// One hook payload (standard input of `agent-gate record`) to neutral entry drafts.
//
// Kiro CLI sends {"hook_event_name":"preToolUse","cwd","tool_name","tool_input"}; Claude Code sends
// {"session_id","transcript_path","cwd","hook_event_name":"PreToolUse","tool_name","tool_input"}.
// The event name tells them apart (camelCase vs PascalCase), except that newer Kiro releases use
// PascalCase too; their tool names then tell (isKiroToolName). A payload that is malformed in any way
// is a PayloadError: recording a guess would put a call in the log that nobody made, and skipping
// it would leave out one that was made. Unknown tool names are not errors: they are recorded as
// `mcp unknown/<name>` (see tools/common.ts) so that the engine asks about them.

import type { EntryDraft } from './entry.ts';
import { decodeUtf8, findDuplicateKey, isRecord, parseJson, show, undecodedReason } from './json.ts';
import type { PathContext } from './paths.ts';
import { mapClaudeTool } from './tools/claude.ts';
import { ToolInputError, type ToolRequest } from './tools/common.ts';
import { KIRO_TOOL_NAMES, mapKiroTool } from './tools/kiro.ts';
import { lookupTable } from '../lookup.ts';

export class PayloadError extends Error {
  override name = 'PayloadError';
}

export type HookAgent = 'kiro' | 'claude';

/** A payload that passed validation, before its paths are made relative. */
export interface HookPayload {
  agent: HookAgent;
  event: string;
  /** Absolute working folder of the agent, null when the payload has none. */
  cwd: string | null;
  toolName: string;
  toolInput: Record<string, unknown>;
  /** The payload's own session id, when it carries one. */
  session: string | null;
  model: string | null;
}

export interface PayloadOptions {
  /** Root of the repository that holds `cwd` (found by the caller), or null. */
  repoRoot: string | null;
  /** The writer's home folder: paths in it (and not in the repository) are written as `~/...`. */
  home: string | null;
  /** Where the file system puts an absolute path (see PathContext.physical); live hooks only. */
  physical?: (abs: string) => string;
  /** `--session ID`, used when the payload has no session of its own. */
  session?: string | null;
  /** The entry's timestamp (RFC 3339). */
  now: string;
}

const EVENTS: Readonly<Record<string, HookAgent>> = lookupTable({
  preToolUse: 'kiro',
  postToolUse: 'kiro',
  PreToolUse: 'claude',
  PostToolUse: 'claude',
  PostToolUseFailure: 'claude',
  PermissionRequest: 'claude',
});

/**
 * Kiro IDE 1.x and Kiro CLI 3 (standalone `.kiro/hooks/*.json`) name their events in PascalCase, as
 * Claude Code does, but still send Kiro's tool names (`execute_bash`, `fs_write`, `@server/tool`,
 * `server___tool`).
 * The two tool vocabularies do not overlap (Claude's built-ins are PascalCase, its MCP tools
 * `mcp__...`), so such a call is Kiro's. Read as Claude's it would become `mcp unknown/execute_bash`
 * and escape every shell and path rule.
 */
function isKiroToolName(name: string): boolean {
  return KIRO_TOOL_NAMES.includes(name) || name.startsWith('@') || (name.includes('___') && !name.startsWith('mcp__'));
}

const FIX = 'agent-gate record reads one Kiro CLI or Claude Code tool hook event (preToolUse/postToolUse, PreToolUse/PostToolUse) on standard input';

function optionalField(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new PayloadError(`hook payload field "${key}" must be a string, got ${show(value)}; ${FIX}`);
  return value;
}

export function parseHookPayload(input: Uint8Array | string): HookPayload {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text === null) throw new PayloadError(`hook payload is ${undecodedReason(input.length)}; ${FIX}`);
  if (text.trim() === '') throw new PayloadError(`no hook payload on standard input; ${FIX}`);
  const parsed = parseJson(text);
  if (!parsed.ok) throw new PayloadError(`hook payload is not JSON (${parsed.error}); ${FIX}`);
  // JSON.parse keeps the last of two equal keys, the agent's own reader may keep the first: the
  // call judged could differ from the call run (`"command":"rm -rf /","command":"ls"`). The log
  // reader refuses duplicates for the same reason.
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) throw new PayloadError(`hook payload has the key ${JSON.stringify(duplicate)} twice in one object; ${FIX}`);
  const payload = parsed.value;
  if (!isRecord(payload)) throw new PayloadError(`hook payload must be a JSON object, got ${show(payload)}; ${FIX}`);

  const event = payload.hook_event_name;
  if (typeof event !== 'string' || event === '') throw new PayloadError(`hook payload has no "hook_event_name"; ${FIX}`);
  const agent = EVENTS[event];
  if (agent === undefined) {
    throw new PayloadError(`hook event ${JSON.stringify(event)} carries no tool call; register agent-gate record only for preToolUse/postToolUse (Kiro) or PreToolUse/PostToolUse (Claude Code)`);
  }
  const toolName = payload.tool_name;
  if (typeof toolName !== 'string' || toolName === '') throw new PayloadError(`hook payload has no "tool_name" (a non-empty string); ${FIX}`);
  const toolInput = payload.tool_input;
  if (!isRecord(toolInput)) throw new PayloadError(`hook payload "tool_input" must be a JSON object, got ${show(toolInput)}; ${FIX}`);
  const session = optionalField(payload, 'session_id');
  return {
    agent: agent === 'claude' && isKiroToolName(toolName) ? 'kiro' : agent,
    event,
    cwd: optionalField(payload, 'cwd'),
    toolName,
    toolInput,
    session: session === '' ? null : session,
    model: optionalField(payload, 'model') || null,
  };
}

export function payloadToDrafts(payload: HookPayload, opts: PayloadOptions): EntryDraft[] {
  const ctx: PathContext = { cwd: payload.cwd, repoRoot: opts.repoRoot, home: opts.home, ...(opts.physical ? { physical: opts.physical } : {}) };
  let requests: ToolRequest[];
  try {
    requests = payload.agent === 'kiro'
      ? mapKiroTool(payload.toolName, payload.toolInput, ctx)
      : mapClaudeTool(payload.toolName, payload.toolInput, ctx);
  } catch (err) {
    if (err instanceof ToolInputError) {
      throw new PayloadError(`hook payload "tool_input" is malformed: ${err.message}; ${FIX}`);
    }
    throw err;
  }
  // A call with no entry would be neither logged nor judged, so --enforce would let it through.
  if (requests.length === 0) throw new PayloadError(`hook payload "tool_input" names nothing to record for tool ${JSON.stringify(payload.toolName)}; ${FIX}`);
  const session = payload.session ?? (opts.session || null) ?? 'default';
  return requests.map((r) => ({
    ts: opts.now,
    agent: payload.agent,
    session,
    model: payload.model,
    capability: r.capability,
    resource: r.resource,
    cwd: r.cwd,
  }));
}

/** parseHookPayload then payloadToDrafts: several drafts when one call reads several files. */
export function mapHookPayload(input: Uint8Array | string, opts: PayloadOptions): EntryDraft[] {
  return payloadToDrafts(parseHookPayload(input), opts);
}
