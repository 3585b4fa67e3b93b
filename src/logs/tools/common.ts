// Shared pieces of the tool-name mappers: what a mapped tool call looks like, and strict readers
// for tool inputs. Mappers throw ToolInputError; the hook mapper and the importers add where the
// bad input was.

import { braceExpand } from 'minimatch';
import type { RequestCapability } from '../../policy/types.ts';
import { isRecord, show } from '../json.ts';
import { toRepoCwd, toRepoPath, type PathContext } from '../paths.ts';

/** One request a tool call makes, before the entry's ts/agent/session/model are added. */
export interface ToolRequest {
  capability: RequestCapability;
  resource: string;
  cwd: string;
  /** The model the call itself names (a subagent started on another model), over the session's. */
  model?: string;
}

export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

/**
 * Fail-closed stand-in for a tool this version does not know: an `mcp` request on the reserved
 * server name `unknown`. It is not `diagnostics` or `fs_read` (allowed by the default scope) and
 * not `shell` (whose analyser could read the tool name as an allowed command), and it is outside
 * `builtin`, so only an explicit mcp rule decides it; with none, the engine asks.
 */
export const UNKNOWN_TOOL_SERVER = 'unknown';

export function unknownTool(name: string, ctx: PathContext): ToolRequest {
  return { capability: 'mcp', resource: `${UNKNOWN_TOOL_SERVER}/${name}`, cwd: toRepoCwd(ctx) };
}

export function inputObject(toolName: string, input: unknown): Record<string, unknown> {
  if (!isRecord(input)) throw new ToolInputError(`the input of tool ${toolName} must be a JSON object, got ${show(input)}`);
  return input;
}

export function requireString(toolName: string, input: Record<string, unknown>, key: string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') {
    throw new ToolInputError(`tool ${toolName} needs "${key}" as a non-empty string, got ${show(value)}`);
  }
  return value;
}

/** An optional string field: absent or null gives null; any other non-string is an error. */
export function optionalString(toolName: string, input: Record<string, unknown>, key: string): string | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ToolInputError(`tool ${toolName} needs "${key}" as a string, got ${show(value)}`);
  return value === '' ? null : value;
}

export function request(capability: RequestCapability, resource: string, ctx: PathContext): ToolRequest {
  return { capability, resource, cwd: toRepoCwd(ctx) };
}

/** The longest path a file system opens (Linux's PATH_MAX); a longer one fails with ENAMETOOLONG. */
export const MAX_PATH = 4096;

export function pathRequest(capability: 'fs_read' | 'fs_write', path: string, ctx: PathContext): ToolRequest {
  // Resolving an absurdly long path would take longer than the hook may run.
  if (path.length > MAX_PATH) throw new ToolInputError(`a path of ${path.length} characters is longer than any file system opens (${MAX_PATH})`);
  return { capability, resource: toRepoPath(path, ctx), cwd: toRepoCwd(ctx) };
}

/**
 * Splits `server<sep>tool` at the first separator; both halves must be non-empty. With `__` or
 * `___` a later separator may be the real split: the engine judges those readings too.
 */
export function mcpName(name: string, body: string, separator: string, ctx: PathContext): ToolRequest {
  const at = body.indexOf(separator);
  const server = at === -1 ? '' : body.slice(0, at);
  const tool = at === -1 ? '' : body.slice(at + separator.length);
  if (server === '' || tool === '') throw new ToolInputError(`MCP tool name ${JSON.stringify(name)} does not name a server and a tool`);
  return request('mcp', `${server}/${tool}`, ctx);
}

/**
 * An agent's own tool that talks to the MCP server its `server` field names (Claude Code's
 * `ReadMcpResourceTool`, Codex's `read_mcp_resource`): `server/TOOL`, so the server's rules meet
 * it (audit 45, BC-6); without a server it is an unknown tool.
 */
export function mcpServerTool(name: string, input: Record<string, unknown>, ctx: PathContext): ToolRequest {
  const server = optionalString(name, input, 'server');
  return server === null ? unknownTool(name, ctx) : request('mcp', `${server}/${name}`, ctx);
}

const MAX_ALTERNATIVES = 64;

/**
 * Braces worth expanding: lists whose alternatives multiply to a few hundred at most, and no
 * `{1..N}` sequence, since braceExpand builds every alternative before any is cut.
 */
function expandable(filter: string): boolean {
  if (!filter.includes('{') || filter.length > 1024 || /\{[^}]*\.\.[^}]*\}/.test(filter)) return false;
  let product = 1;
  for (const group of filter.match(/\{[^{}]*\}/g) ?? []) product *= group.split(',').length;
  return product <= 256;
}

/**
 * A search tool's reads: the folder searched, and the files its filter picks there (`glob:
 * "secrets/**"`, `include: "*.pem"`), which are what it returns. A filter without a `/` matches
 * names in any folder below.
 */
export function searchRequests(name: string, input: Record<string, unknown>, folder: string, filterKeys: readonly string[], ctx: PathContext): ToolRequest[] {
  const out = [pathRequest('fs_read', folder, ctx)];
  for (const key of filterKeys) {
    const filter = optionalString(name, input, key);
    if (filter === null) continue;
    // `{.env,*.ts}` is `.env` or `*.ts`: each alternative spells its own files (a huge expansion
    // is cut, and then the filter as written still stands for the rest).
    const alternatives = expandable(filter) ? braceExpand(filter).slice(0, MAX_ALTERNATIVES) : [];
    for (const one of new Set([filter, ...alternatives])) {
      const within = one.includes('/') ? one : `**/${one}`;
      out.push(pathRequest('fs_read', folder === '.' ? within : `${folder.replace(/\/+$/, '')}/${within}`, ctx));
    }
  }
  return out;
}
