// Kiro CLI tool calls (hook payloads and /chat save exports) as requests.
//
// Names: Kiro reports built-in tools under their internal names (execute_bash, fs_read, ...) and
// newer releases under short aliases (shell, read, ...); both are accepted. MCP tools arrive as
// `@server/tool` in hook payloads and as `server___tool` (the name the model sees) in exports.
// `use_aws` runs the AWS CLI, so it is recorded as the shell command it amounts to, where shell
// rules such as `aws s3 *` apply to it.

import { isRecord, show } from '../json.ts';
import type { PathContext } from '../paths.ts';
import { joinArgv } from '../quote.ts';
import {
  inputObject, mcpName, optionalString, pathRequest, request, requireString, ToolInputError,
  unknownTool, type ToolRequest,
} from './common.ts';

/** Tools that only touch the agent's own state (notes, plans, its knowledge base). */
const CONTEXT_TOOLS = new Set(['thinking', 'todo_list', 'todo', 'introspect', 'knowledge', 'report_issue', 'report']);

export const KIRO_TOOL_NAMES: readonly string[] = [
  'execute_bash', 'execute_cmd', 'shell', 'fs_write', 'write', 'fs_read', 'read', 'glob', 'grep',
  'web_fetch', 'web_search', 'use_aws', 'aws', 'use_subagent', 'subagent', 'delegate', 'code',
  ...CONTEXT_TOOLS,
];

function readPaths(name: string, input: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const take = (where: string, value: unknown): void => {
    if (typeof value !== 'string' || value === '') throw new ToolInputError(`tool ${name} needs ${where} as a non-empty string, got ${show(value)}`);
    paths.push(value);
  };
  const collect = (where: string, op: Record<string, unknown>): void => {
    if (op.path !== undefined) take(`${where}path`, op.path);
    if (op.image_paths !== undefined) {
      if (!Array.isArray(op.image_paths)) throw new ToolInputError(`tool ${name} needs ${where}image_paths as an array of paths`);
      op.image_paths.forEach((p, i) => take(`${where}image_paths[${i}]`, p));
    }
  };
  if (input.operations !== undefined) {
    if (!Array.isArray(input.operations)) throw new ToolInputError(`tool ${name} needs "operations" as an array, got ${show(input.operations)}`);
    input.operations.forEach((op, i) => {
      if (!isRecord(op)) throw new ToolInputError(`tool ${name}: operations[${i}] must be an object`);
      const before = paths.length;
      collect(`operations[${i}].`, op);
      if (paths.length === before) throw new ToolInputError(`tool ${name}: operations[${i}] names no path`);
    });
  } else {
    collect('', input);
  }
  if (paths.length === 0) throw new ToolInputError(`tool ${name} names no path (expected "path" or "operations[].path")`);
  return paths;
}

function awsCommand(name: string, input: Record<string, unknown>): string {
  const argv = ['aws', requireString(name, input, 'service_name'), requireString(name, input, 'operation_name')];
  const params = input.parameters;
  if (params !== undefined && params !== null) {
    if (!isRecord(params)) throw new ToolInputError(`tool ${name} needs "parameters" as an object, got ${show(params)}`);
    for (const [key, value] of Object.entries(params)) {
      argv.push(key.startsWith('-') ? key : `--${key}`);
      if (value === true || value === '' || value === null) continue;
      argv.push(typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  const region = optionalString(name, input, 'region');
  if (region !== null) argv.push('--region', region);
  const profile = optionalString(name, input, 'profile_name');
  if (profile !== null) argv.push('--profile', profile);
  return joinArgv(argv);
}

function subagents(name: string, input: Record<string, unknown>, ctx: PathContext): ToolRequest[] {
  const content = input.content;
  if (isRecord(content) && content.subagents !== undefined) {
    if (!Array.isArray(content.subagents)) throw new ToolInputError(`tool ${name} needs content.subagents as an array`);
    // An empty list is still a call to the tool: recorded as the default subagent, as a call that
    // names none is, so a policy denying subagents blocks it instead of it leaving no entry.
    if (content.subagents.length === 0) return [request('subagent', 'default', ctx)];
    return content.subagents.map((sub, i) => {
      if (!isRecord(sub)) throw new ToolInputError(`tool ${name}: content.subagents[${i}] must be an object`);
      return request('subagent', optionalString(name, sub, 'agent_name') ?? 'default', ctx);
    });
  }
  const agent = optionalString(name, input, 'agent_name') ?? optionalString(name, input, 'agent');
  return [request('subagent', agent ?? 'default', ctx)];
}

export function mapKiroTool(name: string, rawInput: unknown, ctx: PathContext): ToolRequest[] {
  if (name.startsWith('@')) return [mcpName(name, name.slice(1), '/', ctx)];
  const input = inputObject(name, rawInput ?? {});
  switch (name) {
    case 'execute_bash':
    case 'execute_cmd':
    case 'shell':
      return [request('shell', requireString(name, input, 'command'), ctx)];
    case 'fs_write':
    case 'write':
      return [pathRequest('fs_write', requireString(name, input, 'path'), ctx)];
    case 'fs_read':
    case 'read':
      return readPaths(name, input).map((p) => pathRequest('fs_read', p, ctx));
    case 'glob':
    case 'grep':
      // The folder searched is what is read; the pattern only filters it.
      return [pathRequest('fs_read', optionalString(name, input, 'path') ?? '.', ctx)];
    case 'code':
      return [pathRequest('fs_read', optionalString(name, input, 'file_path') ?? optionalString(name, input, 'path') ?? '.', ctx)];
    case 'web_fetch':
      return [request('web_fetch', requireString(name, input, 'url'), ctx)];
    case 'web_search':
      return [request('web_search', requireString(name, input, 'query'), ctx)];
    case 'use_aws':
    case 'aws':
      return [request('shell', awsCommand(name, input), ctx)];
    case 'use_subagent':
    case 'subagent':
    case 'delegate':
      return subagents(name, input, ctx);
    default:
      if (CONTEXT_TOOLS.has(name)) return [request('context', name, ctx)];
      if (name.includes('___')) return [mcpName(name, name, '___', ctx)];
      return [unknownTool(name, ctx)];
  }
}

