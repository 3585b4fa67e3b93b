// Kiro CLI tool calls (hook payloads and /chat save exports) as requests.
//
// Names: Kiro reports built-in tools under their internal names (execute_bash, fs_read, ...) and
// newer releases under short aliases (shell, read, ...); both are accepted. MCP tools arrive as
// `@server/tool` in hook payloads and as `server___tool` (the name the model sees) in exports.
// `use_aws` runs the AWS CLI, so it is recorded as the shell command it amounts to, where shell
// rules such as `aws s3 *` apply to it.

import { isRecord, show } from '../json.ts';
import { withWorkdir, type PathContext } from '../paths.ts';
import { joinArgv } from '../quote.ts';
import {
  inputObject, MAX_PATH, mcpName, optionalString, pathRequest, request, requireString, searchRequests, ToolInputError,
  unknownTool, type ToolRequest,
} from './common.ts';

/** Operations of Kiro's `code` tool that change files (code.rs `is_write_operation`), spelled without `_`. */
const CODE_WRITES = new Set(['renamesymbol', 'format', 'patternrewrite', 'applycodeaction']);

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

/**
 * The AWS CLI command Kiro's use_aws runs (use_aws.rs): `aws SERVICE OPERATION POSITIONAL…
 * --kebab-name VALUE…`, parameter names turned to kebab case as Kiro does, so rules written for
 * the real command (`aws s3 rm s3://prod*`) meet it. Kiro passes `--region`/`--profile` first; the
 * AWS CLI takes them anywhere, and at the end they do not stand between a rule and the command.
 */
function awsCommand(name: string, input: Record<string, unknown>): string {
  const argv = ['aws', requireString(name, input, 'service_name'), requireString(name, input, 'operation_name')];
  const positional = input.positional_args;
  if (positional !== undefined && positional !== null) {
    if (!Array.isArray(positional) || !positional.every((p) => typeof p === 'string')) {
      throw new ToolInputError(`tool ${name} needs "positional_args" as an array of strings, got ${show(positional)}`);
    }
    argv.push(...positional);
  }
  const params = input.parameters;
  const globalsFromParameters: string[] = [];
  if (params !== undefined && params !== null) {
    if (!isRecord(params)) throw new ToolInputError(`tool ${name} needs "parameters" as an object, got ${show(params)}`);
    for (const [key, value] of Object.entries(params)) {
      const option = kebabCase(key.replace(/^-+/, ''));
      const words = [`--${option}`];
      if (!(value === true || value === '' || value === null)) {
        words.push(typeof value === 'string' ? value : parameterJson(name, key, value));
      }
      argv.push(...words);
      const global = awsGlobalOption(option);
      if (global !== null) globalsFromParameters.push(`--${global}`, ...words.slice(1));
    }
  }
  const region = optionalString(name, input, 'region');
  if (region !== null) argv.push('--region', region);
  const profile = optionalString(name, input, 'profile_name');
  if (profile !== null) argv.push('--profile', profile);
  // Kiro puts --region/--profile before the parameters, so a parameter named like a global
  // option is the one the AWS CLI uses (the last wins). Repeated last, a rule ending in
  // `--profile prod` meets the profile that is really used, whichever way it was passed.
  argv.push(...globalsFromParameters);
  return joinArgv(argv);
}

/** The AWS CLI's global options (`aws help`, "GLOBAL OPTIONS"). */
const AWS_GLOBAL_OPTIONS = [
  'debug', 'endpoint-url', 'no-verify-ssl', 'no-paginate', 'output', 'query', 'profile', 'region',
  'version', 'color', 'no-sign-request', 'ca-bundle', 'cli-read-timeout', 'cli-connect-timeout',
  'cli-binary-format', 'no-cli-pager', 'cli-auto-prompt', 'no-cli-auto-prompt',
];

/**
 * The global option a parameter name stands for: itself, or the one option it is a prefix of,
 * since the CLI's argparse may take an unambiguous abbreviation (`--prof` for `--profile`).
 */
function awsGlobalOption(option: string): string | null {
  if (option === '') return null;
  if (AWS_GLOBAL_OPTIONS.includes(option)) return option;
  const longer = AWS_GLOBAL_OPTIONS.filter((g) => g.startsWith(option));
  return longer.length === 1 ? (longer[0] ?? null) : null;
}

/** A parameter value as the AWS CLI takes a structure: JSON text. */
function parameterJson(name: string, key: string, value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    // JSON.parse reads thousands of levels; stringify recurses and overflows the stack.
    throw new ToolInputError(`tool ${name}: parameter "${key}" is nested too deeply to be judged`);
  }
}

/** `BucketName`, `bucket_name`, `bucketName` -> `bucket-name`, as the convert_case crate's Kebab case does. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase())
    .join('-');
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
    case 'shell': {
      // Kiro runs the command in working_dir when the call names one (its schema tells the model
      // to use it instead of `cd`): redirections and relative paths are judged from there.
      const dir = optionalString(name, input, 'working_dir');
      if (dir !== null && dir.length > MAX_PATH) throw new ToolInputError(`tool ${name}: working_dir is longer than any file system opens (${MAX_PATH})`);
      if (dir !== null && dir.startsWith('~') && !(dir === '~' || dir.startsWith('~/'))) {
        throw new ToolInputError(`tool ${name}: working_dir ${JSON.stringify(dir)} names another user's home folder, which is not known here`);
      }
      return [request('shell', requireString(name, input, 'command'), withWorkdir(ctx, dir))];
    }
    case 'fs_write':
    case 'write':
      return [pathRequest('fs_write', requireString(name, input, 'path'), ctx)];
    case 'fs_read':
    case 'read':
      return readPaths(name, input).map((p) => pathRequest('fs_read', p, ctx));
    case 'glob':
      return searchRequests(name, input, optionalString(name, input, 'path') ?? '.', ['pattern'], ctx);
    case 'grep':
      // grep's `pattern` is a regular expression for the text; `include` picks the files.
      return searchRequests(name, input, optionalString(name, input, 'path') ?? '.', ['include'], ctx);
    case 'code': {
      const file = optionalString(name, input, 'file_path') ?? optionalString(name, input, 'path');
      // code.rs's write operations edit the file, and without one (or for a rename, which edits
      // every file that uses the symbol) the whole workspace.
      const operation = (optionalString(name, input, 'operation') ?? '').replace(/[_-]/g, '').toLowerCase();
      if (CODE_WRITES.has(operation)) {
        const writes = file !== null ? [pathRequest('fs_write', file, ctx)] : [];
        if (file === null || operation === 'renamesymbol') writes.push(pathRequest('fs_write', '.', ctx));
        return writes;
      }
      return [pathRequest('fs_read', file ?? '.', ctx)];
    }
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
    case 'knowledge': {
      // `knowledge add/update` indexes the files at a path, whose text a later search returns.
      const command = optionalString(name, input, 'command');
      const path = optionalString(name, input, 'path') ?? optionalString(name, input, 'value');
      if ((command === 'add' || command === 'update') && path !== null) return [request('context', name, ctx), pathRequest('fs_read', path, ctx)];
      return [request('context', name, ctx)];
    }
    default:
      if (CONTEXT_TOOLS.has(name)) return [request('context', name, ctx)];
      if (name.includes('___')) return [mcpName(name, name, '___', ctx)];
      return [unknownTool(name, ctx)];
  }
}

