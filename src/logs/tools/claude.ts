// Claude Code tool calls (hook payloads and transcripts) as requests. MCP tools are named
// `mcp__server__tool`. A server name may hold `__` too, so the name is ambiguous: it is recorded
// split at the first `__` after the prefix, and the engine judges every other split as well
// (mcpReadings in engine/decide.ts), so old logs are read the same way.

import { posix } from 'node:path';
import { toRepoCwd, type PathContext } from '../paths.ts';
import {
  inputObject, mcpName, mcpServerTool, optionalString, pathRequest, request, requireString, searchRequests, unknownTool,
  type ToolRequest,
} from './common.ts';

/** Tools that only touch Claude Code's own state: plans, todos, its background shells. */
const CONTEXT_TOOLS = new Set(['TodoWrite', 'TodoRead', 'ExitPlanMode', 'EnterPlanMode', 'BashOutput', 'KillShell', 'KillBash', 'AskUserQuestion']);

export const CLAUDE_TOOL_NAMES: readonly string[] = [
  'Bash', 'Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'Read', 'NotebookRead', 'LS', 'Glob', 'Grep',
  'WebFetch', 'WebSearch', 'Task', 'Agent', 'Skill', 'SlashCommand', 'ReadMcpResourceTool', 'ListMcpResourcesTool', ...CONTEXT_TOOLS,
];

/**
 * A file Claude Code opens: it trims the path and resolves `..` as text (path.resolve) before the
 * file system follows any link, where the hook's own reading follows links first. Both readings
 * are judged when they differ, so neither `" secrets/key"` nor `link/../../secrets/key` slips by.
 */
function claudePath(capability: 'fs_read' | 'fs_write', raw: string, ctx: PathContext): ToolRequest[] {
  const asWritten = pathRequest(capability, raw, ctx);
  const trimmed = raw.trim();
  // Claude Code expands `~` and `~/…` against the home folder and takes any other path from the
  // cwd, `~NAME/…` too, removing `..` as text either way.
  let lexical = trimmed;
  if ((trimmed === '~' || trimmed.startsWith('~/')) && ctx.home !== null && ctx.home.startsWith('/')) lexical = posix.join(ctx.home, trimmed.slice(1));
  else if (!(trimmed === '~' || trimmed.startsWith('~/')) && ctx.cwd !== null && ctx.cwd.startsWith('/')) lexical = posix.resolve(ctx.cwd, trimmed);
  if (lexical === '') return [asWritten];
  const asClaude = pathRequest(capability, lexical, ctx);
  return asClaude.resource === asWritten.resource ? [asWritten] : [asClaude, asWritten];
}

export function mapClaudeTool(name: string, rawInput: unknown, ctx: PathContext): ToolRequest[] {
  if (name.startsWith('mcp__')) return [mcpName(name, name.slice(5), '__', ctx)];
  const input = inputObject(name, rawInput ?? {});
  switch (name) {
    case 'Bash':
      return [request('shell', requireString(name, input, 'command'), ctx)];
    case 'Write':
    case 'Edit':
    case 'MultiEdit':
      return claudePath('fs_write', requireString(name, input, 'file_path'), ctx);
    case 'NotebookEdit':
      return claudePath('fs_write', requireString(name, input, 'notebook_path'), ctx);
    case 'Read':
      return claudePath('fs_read', requireString(name, input, 'file_path'), ctx);
    case 'NotebookRead':
      return claudePath('fs_read', requireString(name, input, 'notebook_path'), ctx);
    case 'LS':
      return [pathRequest('fs_read', requireString(name, input, 'path'), ctx)];
    case 'Glob':
    case 'Grep': {
      // The folder searched, read as Claude Code reads it too (trimmed, `..` resolved as text).
      const folders = claudePath('fs_read', optionalString(name, input, 'path') ?? '.', ctx).map((r) => r.resource);
      // Those readings are relative to the repository's root already.
      const fromRoot = { ...ctx, cwd: ctx.repoRoot ?? ctx.cwd };
      const requests = folders.flatMap((folder) => searchRequests(name, input, folder, name === 'Glob' ? ['pattern'] : ['glob'], fromRoot));
      const cwd = toRepoCwd(ctx);
      return requests.filter((r, i) => requests.findIndex((o) => o.resource === r.resource) === i).map((r) => ({ ...r, cwd }));
    }
    case 'ReadMcpResourceTool':
    case 'ListMcpResourcesTool':
      return [mcpServerTool(name, input, ctx)];
    case 'WebFetch':
      return [request('web_fetch', requireString(name, input, 'url'), ctx)];
    case 'WebSearch':
      return [request('web_search', requireString(name, input, 'query'), ctx)];
    case 'Task':
    case 'Agent':
      return [request('subagent', optionalString(name, input, 'subagent_type') ?? 'general-purpose', ctx)];
    case 'Skill':
      return [request('skill', optionalString(name, input, 'skill') ?? requireString(name, input, 'command'), ctx)];
    case 'SlashCommand':
      return [request('skill', requireString(name, input, 'command'), ctx)];
    default:
      if (CONTEXT_TOOLS.has(name)) return [request('context', name, ctx)];
      return [unknownTool(name, ctx)];
  }
}
