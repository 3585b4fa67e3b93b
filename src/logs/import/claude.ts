// Claude Code transcripts (~/.claude/projects/<project>/<session>.jsonl). Each line is one event;
// tool calls are `tool_use` blocks in the `message.content` of lines with `type: "assistant"`:
//   {"type":"assistant","sessionId":"…","cwd":"/repo","timestamp":"…",
//    "message":{"model":"claude-sonnet-4-5-…","content":[{"type":"tool_use","id":"…","name":"Bash","input":{…}}]}}
// Other lines (user turns, tool results, summaries, snapshots) carry no calls and are passed over.

import type { EntryDraft } from '../entry.ts';
import { isRecord, show } from '../json.ts';
import { mapClaudeTool } from '../tools/claude.ts';
import { ImportError, jsonLines, mapAt, stringOrNull, timestamp, toDrafts, type ImportOptions } from './common.ts';
import { lookupTable } from '../../lookup.ts';

/** The API's own tools, as the Claude Code tools that do the same. */
const SERVER_TOOLS: Readonly<Record<string, string>> = lookupTable({ web_search: 'WebSearch', web_fetch: 'WebFetch' });

export function looksLikeClaudeRecord(record: Record<string, unknown>): boolean {
  if (typeof record.type !== 'string') return false;
  return typeof record.sessionId === 'string' || (record.type === 'summary' && typeof record.leafUuid === 'string');
}

/**
 * The subagents a transcript ran whose calls it does not hold. Newer Claude Code writes each
 * subagent's turns to `<session>/subagents/agent-<id>.jsonl` and leaves only the `Task` call and
 * its result (`toolUseResult.agentId`) in the session file; older ones inlined them as
 * `isSidechain` lines, which carry the same `agentId`. By id, the line of the result naming it.
 */
export function claudeSubagentsElsewhere(text: string): Map<string, number> {
  const named = new Map<string, number>();
  const inline = new Set<string>();
  for (const { line, value } of jsonLines(text, 'Claude Code transcript')) {
    const result = value.toolUseResult;
    if (isRecord(result) && typeof result.agentId === 'string' && !named.has(result.agentId)) named.set(result.agentId, line);
    if (value.isSidechain === true && typeof value.agentId === 'string') inline.add(value.agentId);
  }
  for (const id of inline) named.delete(id);
  return named;
}

/**
 * The Bash commands of one assistant message so far. A line's `cwd` is written before the
 * message's calls run, while the Bash tool keeps its folder from one call to the next: a `cd` in
 * an earlier call of the same message (one line, or lines sharing `message.id`) moves the later
 * ones, which are judged after those commands (audit 46, BH-4).
 */
interface MessageBash {
  key: string;
  cwd: string | null;
  commands: string[];
}

export function importClaude(text: string, opts: ImportOptions): EntryDraft[] {
  const drafts: EntryDraft[] = [];
  let bash: MessageBash | null = null;
  for (const { line, value } of jsonLines(text, 'Claude Code transcript')) {
    if (value.type !== 'assistant') continue;
    const where = `Claude Code transcript line ${line}`;
    const message = value.message;
    if (!isRecord(message)) throw new ImportError(`${where}: "message" must be an object, got ${show(message)}`);
    const content = message.content;
    if (typeof content === 'string') continue;
    if (!Array.isArray(content)) throw new ImportError(`${where}: message.content must be an array, got ${show(content)}`);
    const context = {
      ts: timestamp(value.timestamp, opts.fallbackTs, where),
      agent: 'claude' as const,
      session: stringOrNull(value.sessionId, where, 'sessionId'),
      model: stringOrNull(message.model, where, 'message.model'),
    };
    const cwd = stringOrNull(value.cwd, where, 'cwd');
    const key = typeof message.id === 'string' && message.id !== '' ? `id:${message.id}` : `line:${line}`;
    if (bash === null || bash.key !== key || bash.cwd !== cwd) bash = { key, cwd, commands: [] };
    const messageBash = bash;
    content.forEach((block, i) => {
      // `server_tool_use`: a tool the API ran itself (web search, web fetch); still the agent's call.
      if (!isRecord(block) || (block.type !== 'tool_use' && block.type !== 'server_tool_use')) return;
      const at = `${where}: message.content[${i}]`;
      const name = block.type === 'server_tool_use' ? SERVER_TOOLS[String(block.name)] ?? block.name : block.name;
      if (typeof name !== 'string' || name === '') throw new ImportError(`${at}: tool_use "name" must be a non-empty string, got ${show(name)}`);
      if (!isRecord(block.input)) throw new ImportError(`${at}: tool_use "input" must be an object, got ${show(block.input)}`);
      let input = block.input;
      const command = input.command;
      if (name === 'Bash' && typeof command === 'string') {
        if (messageBash.commands.length > 0) input = { ...input, command: [...messageBash.commands, command].join('\n') };
        messageBash.commands.push(command);
      }
      const requests = mapAt(at, () => mapClaudeTool(name, input, { cwd, repoRoot: opts.repoRoot, home: opts.home, ...(opts.physical ? { physical: opts.physical } : {}) }));
      drafts.push(...toDrafts(requests, context));
    });
  }
  return drafts;
}
