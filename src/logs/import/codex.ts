// Codex CLI rollouts (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl), the envelope format that
// Codex has written since 2025: every line is {"timestamp","type","payload"}.
//   session_meta   payload {id, cwd, ...}                  -> session, cwd
//   turn_context   payload {model, cwd, ...}               -> model and cwd for the calls after it
//   response_item  payload {type: "function_call", name, arguments: "<JSON text>", call_id}
//                  payload {type: "custom_tool_call", name, input: "<free text>"}  (apply_patch)
//                  payload {type: "local_shell_call", action: {type: "exec", command: [argv], working_directory}}
//                  payload {type: "web_search_call", action: {type: "search", query} | {type: "open_page", url}}
// Function calls: shell / container.exec {command: argv, workdir}, shell_command {command: string,
// workdir}, exec_command {cmd, workdir, shell?, login?}, unified_exec {input: argv, session_id?}, write_stdin
// {chars}, apply_patch {input}, update_plan,
// view_image {path}, read_file {file_path}, list_dir {dir_path}, grep_files {pattern, include?,
// path?}, spawn_agent {message, agent_type?}; MCP tools as `mcp__server__tool`, as `server__tool` (older releases), or with
// a `namespace` field. Other lines (messages, reasoning, outputs, event_msg) carry no calls.
// Assumptions, from Codex's source and published samples rather than a specification: argv
// `["bash","-lc",SCRIPT]` ran SCRIPT; `["apply_patch",PATCH]` and a bare `apply_patch <<'EOF'`
// heredoc are patches, which Codex intercepts instead of running. The older pre-envelope rollout
// format is not read (it is refused as an unknown format).

import { posix } from 'node:path';
import { patchPaths } from '../../shell/apply-patch.ts';
import type { EntryDraft } from '../entry.ts';
import { isRecord, parseJson, show } from '../json.ts';
import { withWorkdir, type PathContext } from '../paths.ts';
import { joinArgv, shellWrapperScript, systemShellName } from '../quote.ts';
import {
  inputObject, mcpName, mcpServerTool, optionalString, pathRequest, request, requireString, searchRequests, ToolInputError,
  unknownTool, type ToolRequest,
} from '../tools/common.ts';
import { ImportError, jsonLines, mapAt, stringOrNull, timestamp, toDrafts, type ImportOptions } from './common.ts';

const RECORD_TYPES = new Set(['session_meta', 'turn_context', 'response_item', 'event_msg', 'compacted']);

export function looksLikeCodexRecord(record: Record<string, unknown>): boolean {
  return typeof record.type === 'string' && RECORD_TYPES.has(record.type) && isRecord(record.payload);
}

// Codex's matcher takes any heredoc: no blank needed before `<<`, any delimiter word, blanks after it.
const PATCH_HEREDOC_START = /^\s*(?:apply_patch|applypatch)[ \t]*<<(-?)[ \t]*(['"]?)([^\s'"<>|&;()`$\\]+)\2[ \t]*\n/;

/**
 * The patch of a script that is one `apply_patch <<EOF` heredoc and nothing else, which Codex
 * applies itself; null for any other script, which Codex runs with bash. The body ends at the
 * first line that is the delimiter, as bash reads it (after leading tabs for `<<-`): with
 * commands after that line (`…\nEOF\nrm -rf ~\nEOF`), bash runs them, so it is a shell command.
 */
function patchHeredoc(script: string): { body: string; expands: boolean } | null {
  const start = PATCH_HEREDOC_START.exec(script);
  if (start === null) return null;
  const stripTabs = start[1] === '-';
  const delimiter = start[3] as string;
  const lines = script.slice(start[0].length).split('\n');
  const end = lines.findIndex((line) => (stripTabs ? line.replace(/^\t+/, '') : line) === delimiter);
  if (end < 0 || lines.slice(end + 1).some((line) => line.trim() !== '')) return null;
  const body = lines.slice(0, end).join('\n');
  // With an unquoted delimiter a shell that runs the script expands `$(…)` and backquotes in the body.
  return { body, expands: start[2] === '' && /[$`\\]/.test(body) };
}

/**
 * Whether Codex applies a heredoc patch itself rather than running the script: `always` for
 * `bash -lc` (every release), `recent` for bash, zsh or sh with `-c`/`-lc` and the string tools
 * (later releases only), `never` for any other shell or flag, which runs the script.
 */
type Interception = 'always' | 'recent' | 'never';

function interceptionOf(argv: readonly string[]): Interception {
  if (argv.length !== 3) return 'never';
  const [shell, flag] = argv as [string, string, string];
  if (shell === 'bash' && flag === '-lc') return 'always';
  // A shell the agent may have written itself runs whatever it likes with the script.
  const base = systemShellName(shell);
  return (base === 'bash' || base === 'zsh' || base === 'sh') && (flag === '-c' || flag === '-lc') ? 'recent' : 'never';
}

function patchRequests(patch: string, ctx: PathContext): ToolRequest[] {
  const paths = patchPaths(patch);
  if (paths.length === 0) throw new ToolInputError('apply_patch input names no file (no "*** Add File:", "*** Update File:", "*** Delete File:" or "*** Move to:" line)');
  return paths.map((p) => pathRequest('fs_write', p, ctx));
}

// Codex also intercepts `cd DIR && apply_patch <<'EOF'`, applying the patch in DIR.
const CD_PATCH_HEREDOC = /^\s*cd\s+('[^']*'|"[^"\\$`]*"|[^\s'"$`;&|<>()]+)\s*&&\s*((?:apply_patch|applypatch)\s+<<[\s\S]*)$/;

/**
 * A script or argv as requests: a patch Codex intercepts, else one shell command. A patch a shell
 * may have run instead (see Interception) is judged as the shell command too, when running it
 * would expand something in the body.
 */
function commandRequests(script: string, ctx: PathContext, interception: Interception = 'recent'): ToolRequest[] {
  const heredoc = patchHeredoc(script);
  const ranByShell = (h: { expands: boolean }): boolean => interception === 'never' || (interception === 'recent' && h.expands);
  if (heredoc !== null && !ranByShell(heredoc)) return patchRequests(heredoc.body, ctx);
  const cd = CD_PATCH_HEREDOC.exec(script);
  const inner = cd === null ? null : patchHeredoc(cd[2] as string);
  if (cd !== null && inner !== null && !ranByShell(inner)) {
    const raw = cd[1] as string;
    const dir = raw.startsWith("'") || raw.startsWith('"') ? raw.slice(1, -1) : raw;
    const patch = inner.body;
    const inDir = withWorkdir(ctx, dir);
    const requests = patchRequests(patch, inDir);
    // With no known session folder a relative DIR cannot be resolved: judge the paths under DIR
    // from the repository root as well, so the folder the patch lands in is not lost.
    if (inDir === ctx && !dir.startsWith('/')) requests.push(...patchPaths(patch).map((p) => pathRequest('fs_write', posix.join(dir, p), ctx)));
    return requests;
  }
  if (script.trim() === '') throw new ToolInputError('the command is empty');
  // A patch in a script that is more than one heredoc (or spelt so this reader misses it) still
  // writes its files if Codex or the script applies it: they are judged as well as the script.
  const mentioned = /\b(?:apply_patch|applypatch)\b/.test(script) ? patchPaths(script) : [];
  const requests = [request('shell', script, ctx), ...mentioned.map((p) => pathRequest('fs_write', p, ctx))];
  if (cd !== null && mentioned.length > 0) {
    // After `cd DIR &&` the patch lands in DIR.
    const raw = cd[1] as string;
    const dir = raw.startsWith("'") || raw.startsWith('"') ? raw.slice(1, -1) : raw;
    requests.push(...mentioned.map((p) => pathRequest('fs_write', posix.join(dir, p), ctx)));
  }
  return requests;
}

function argvRequests(name: string, argv: unknown, ctx: PathContext, field = 'command'): ToolRequest[] {
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a): a is string => typeof a === 'string')) {
    throw new ToolInputError(`tool ${name} needs "${field}" as a non-empty array of strings, got ${show(argv)}`);
  }
  if ((argv[0] === 'apply_patch' || argv[0] === 'applypatch') && argv.length === 2) return patchRequests(argv[1] as string, ctx);
  return commandRequests(shellWrapperScript(argv) ?? joinArgv(argv), ctx, interceptionOf(argv));
}

/**
 * Terminal sessions: `exec_command` (and `unified_exec` without a session) starts a command that
 * may keep running, whose output names its session id; `write_stdin` types into it. What is typed
 * runs where that command started, after it and after everything typed before (a typed `cd`
 * persists), so it is judged as that whole text (audit 46, BH-3: it was judged alone, at the
 * turn's folder).
 */
interface Sessions {
  /** Calls that may start a session, by call_id: where, and the command. */
  starting: Map<string, { ctx: PathContext; text: string }>;
  /** Sessions by id: where they started, and the command with what was typed so far. */
  running: Map<string, { ctx: PathContext; text: string }>;
}

/** The text typed into session `id` (or, unknown here, on its own), as one shell request. */
function typedRequests(chars: string, id: unknown, ctx: PathContext, sessions: Sessions): ToolRequest[] {
  if (chars.replace(/\r?\n$/, '').trim() === '') return [];
  const session = typeof id === 'number' || typeof id === 'string' ? sessions.running.get(String(id)) : undefined;
  if (session === undefined) return [request('shell', chars.replace(/\r?\n$/, ''), ctx)];
  session.text += chars;
  return [request('shell', session.text.replace(/\r?\n$/, ''), session.ctx)];
}

/** A call's output naming the session its command runs in ("Process running with session ID 7"). */
function noteSession(callId: unknown, output: unknown, sessions: Sessions): void {
  if (typeof callId !== 'string') return;
  const started = sessions.starting.get(callId);
  if (started === undefined) return;
  const text = typeof output === 'string' ? output : JSON.stringify(output) ?? '';
  const id = /session[ _]?id\W{0,3}(\d+)/i.exec(text)?.[1];
  if (id !== undefined) sessions.running.set(id, { ctx: started.ctx, text: `${started.text}\n` });
}

function functionCall(name: string, namespace: string | null, rawArgs: unknown, base: PathContext, callId: unknown, sessions: Sessions): ToolRequest[] {
  // Newer releases group MCP tools under a namespace such as "mcp__github" and name the tool alone.
  if (namespace !== null && namespace.startsWith('mcp__')) return [mcpName(`${namespace}/${name}`, `${namespace.slice(5)}/${name}`, '/', base)];
  if (typeof rawArgs !== 'string') throw new ToolInputError(`"arguments" must be a string of JSON, got ${show(rawArgs)}`);
  const parsed = parseJson(rawArgs);
  if (!parsed.ok) throw new ToolInputError(`"arguments" is not JSON (${parsed.error})`);
  const args = inputObject(name, parsed.value);
  const ctx = withWorkdir(base, optionalString(name, args, 'workdir'));
  switch (name) {
    case 'shell':
    case 'container.exec':
    case 'local_shell':
      return argvRequests(name, args.command, ctx);
    case 'shell_command':
      return commandRequests(requireString(name, args, 'command'), ctx);
    case 'exec_command': {
      // The model may name the shell the string runs under (a program it wrote, or `pwsh`, whose
      // language is not bash): the command is then that shell running it (audit 45, BB-1).
      const cmd = requireString(name, args, 'cmd');
      const shell = optionalString(name, args, 'shell');
      const argv = shell === null ? null : [shell, args.login === false ? '-c' : '-lc', cmd];
      const text = argv === null ? cmd : shellWrapperScript(argv) ?? joinArgv(argv);
      if (typeof callId === 'string') sessions.starting.set(callId, { ctx, text });
      return argv === null ? commandRequests(cmd, ctx) : commandRequests(text, ctx, interceptionOf(argv));
    }
    case 'unified_exec': {
      // {input: argv} starts a command in a terminal; with a session_id, input is typed into the
      // one already running there, as write_stdin's characters are.
      const input = args.input;
      if (args.session_id === undefined || args.session_id === null) {
        const requests = argvRequests(name, input, ctx, 'input');
        if (typeof callId === 'string') sessions.starting.set(callId, { ctx, text: shellWrapperScript(input as string[]) ?? joinArgv(input as string[]) });
        return requests;
      }
      if (!Array.isArray(input) || !input.every((a): a is string => typeof a === 'string')) {
        throw new ToolInputError(`tool ${name} needs "input" as an array of strings, got ${show(input)}`);
      }
      return typedRequests(input.join(''), args.session_id, ctx, sessions);
    }
    case 'write_stdin':
      // Characters typed into a running command: fail closed and judge them as a command; an
      // empty write only polls for output and does nothing.
      return typedRequests(optionalString(name, args, 'chars') ?? '', args.session_id, ctx, sessions);
    case 'apply_patch':
      return patchRequests(requireString(name, args, 'input'), ctx);
    case 'update_plan':
      return [request('context', name, ctx)];
    case 'view_image':
      return [pathRequest('fs_read', requireString(name, args, 'path'), ctx)];
    // Codex's own file tools read as Kiro's and Claude Code's do (audit 45, BB-2: as unknown tools
    // they only asked, so a read the policy denies passed the check).
    case 'read_file':
      return [pathRequest('fs_read', requireString(name, args, 'file_path'), ctx)];
    case 'list_dir':
      return [pathRequest('fs_read', requireString(name, args, 'dir_path'), ctx)];
    case 'grep_files':
      return searchRequests(name, args, optionalString(name, args, 'path') ?? '.', ['include'], ctx);
    case 'read_mcp_resource':
    case 'list_mcp_resources':
    case 'list_mcp_resource_templates':
      return [mcpServerTool(name, args, ctx)];
    case 'spawn_agent': {
      // The model the subagent runs on is held to models.allow, not the parent's (audit 46, BH-5).
      const model = optionalString(name, args, 'model');
      const agent = request('subagent', optionalString(name, args, 'agent_type') ?? 'default', ctx);
      return [model === null || model === '' ? agent : { ...agent, model }];
    }
    case 'web_search':
      return [request('web_search', requireString(name, args, 'query'), ctx)];
    default:
      if (name.startsWith('mcp__')) return [mcpName(name, name.slice(5), '__', ctx)];
      if (name.includes('__')) return [mcpName(name, name, '__', ctx)];
      return [unknownTool(name, ctx)];
  }
}

function responseItem(item: Record<string, unknown>, ctx: PathContext, where: string, sessions: Sessions): ToolRequest[] {
  switch (item.type) {
    case 'function_call': {
      const name = item.name;
      if (typeof name !== 'string' || name === '') throw new ImportError(`${where}: function_call "name" must be a non-empty string, got ${show(name)}`);
      const namespace = stringOrNull(item.namespace, where, 'namespace');
      return mapAt(`${where} (${name})`, () => functionCall(name, namespace, item.arguments, ctx, item.call_id, sessions));
    }
    case 'function_call_output':
      noteSession(item.call_id, item.output, sessions);
      return [];
    case 'custom_tool_call': {
      const name = item.name;
      if (typeof name !== 'string' || name === '') throw new ImportError(`${where}: custom_tool_call "name" must be a non-empty string, got ${show(name)}`);
      if (typeof item.input !== 'string') throw new ImportError(`${where}: custom_tool_call "input" must be a string, got ${show(item.input)}`);
      const input = item.input;
      return mapAt(`${where} (${name})`, () => {
        if (name === 'apply_patch') return patchRequests(input, ctx);
        if (name === 'exec_command' || name === 'shell' || name === 'shell_command') return commandRequests(input, ctx);
        return [unknownTool(name, ctx)];
      });
    }
    case 'local_shell_call': {
      const action = item.action;
      if (!isRecord(action)) throw new ImportError(`${where}: local_shell_call "action" must be an object, got ${show(action)}`);
      return mapAt(`${where} (local_shell_call)`, () => {
        const local = withWorkdir(ctx, optionalString('local_shell_call', action, 'working_directory'));
        return argvRequests('local_shell_call', action.command, local);
      });
    }
    case 'web_search_call': {
      const action = isRecord(item.action) ? item.action : {};
      if (typeof action.query === 'string' && action.query !== '') return [request('web_search', action.query, ctx)];
      if (typeof action.url === 'string' && action.url !== '') return [request('web_fetch', action.url, ctx)];
      // The search happened but its query was not kept: still recorded, so it is judged.
      return [request('web_search', '(query not recorded)', ctx)];
    }
    default:
      return [];
  }
}

export function importCodex(text: string, opts: ImportOptions): EntryDraft[] {
  const drafts: EntryDraft[] = [];
  let session: string | null = null;
  let cwd: string | null = null;
  let model: string | null = null;
  const sessions: Sessions = { starting: new Map(), running: new Map() };
  for (const { line, value } of jsonLines(text, 'Codex rollout')) {
    const where = `Codex rollout line ${line}`;
    if (typeof value.type !== 'string') throw new ImportError(`${where}: no "type" (expected a {"timestamp","type","payload"} record)`);
    const payload = value.payload;
    if (!isRecord(payload)) throw new ImportError(`${where}: "payload" must be an object, got ${show(payload)}`);
    switch (value.type) {
      case 'session_meta':
        session = stringOrNull(payload.id, where, 'payload.id') ?? session;
        cwd = stringOrNull(payload.cwd, where, 'payload.cwd') ?? cwd;
        break;
      case 'turn_context':
        model = stringOrNull(payload.model, where, 'payload.model') ?? model;
        cwd = stringOrNull(payload.cwd, where, 'payload.cwd') ?? cwd;
        break;
      case 'response_item': {
        const requests = responseItem(payload, { cwd, repoRoot: opts.repoRoot, home: opts.home, ...(opts.physical ? { physical: opts.physical } : {}) }, where, sessions);
        if (requests.length === 0) break;
        const ts = timestamp(value.timestamp, opts.fallbackTs, where);
        drafts.push(...toDrafts(requests, { ts, agent: 'codex', session, model }));
        break;
      }
      default:
        break;
    }
  }
  return drafts;
}
