// Loads and validates one policy file. Validation is strict and fails closed: every problem is a
// PolicyError naming file:line:col, and a bad file never degrades to "no rules" (SPEC 2).
import { Minimatch } from 'minimatch';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { PolicyError } from '../errors.ts';
import { spellUnseen, utf8SequenceAt } from '../report/escape.ts';
import { DEFAULT_LOG_PATHS, DEFAULT_NOTES_REF } from './builtin.ts';
import { identityPatternFix, trailerPatternFix } from '../git/agents.ts';
import { backslashReason, countBraceAlternatives, deadGlobReason, MAX_BRACE_ALTERNATIVES, unbalancedReason } from '../match/fs.ts';
import { canonicalLetters, canonicalSegment } from '../match/path.ts';
import { textPatternReason } from '../match/text.ts';
import { describeCode } from '../shell/chars.ts';
import { commandPatternWarnings } from './command-pattern-warnings.ts';
import { routeClassWarning } from './fs-pattern-warnings.ts';
import {
  RULE_CAPABILITIES, SCOPE_EFFECTS,
  type AgentsConfig, type Effect, type LogsConfig, type ModelPolicy, type PolicyFile, type PolicyTest,
  type PolicyTestKey, type RawRule, type RuleCapability, type ScopeName,
} from './types.ts';

const EFFECTS: readonly Effect[] = ['deny', 'ask', 'allow'];
const MAX_PATTERN_LENGTH = 64 * 1024;
const TOP_KEYS = ['rules', 'trustedCommands', 'models', 'agents', 'logs', 'tests', 'failOn'] as const;
const RULE_KEYS = ['capability', 'effect', 'match', 'exclude'] as const;
const TEST_REQUEST_KEYS: readonly PolicyTestKey[] = ['shell', 'write', 'read', 'fetch', 'search', 'mcp', 'model'];
const FS_CAPABILITIES: ReadonlySet<RuleCapability> = new Set(['fs_read', 'fs_write', 'filesystem', 'all', 'builtin']);
/**
 * Capabilities whose patterns are only ever paths. An `all` or `builtin` pattern is also matched as
 * text (a URL, a command), where `//`, a final `/` and `\` are ordinary: the checks that a glob
 * can match a file apply to these alone.
 */
const PATH_ONLY_CAPABILITIES: ReadonlySet<RuleCapability> = new Set(['fs_read', 'fs_write', 'filesystem']);

class Reader {
  private readonly lines = new LineCounter();
  readonly doc: Document.Parsed;
  /** The text parsed: a byte order mark is no column of the first line, so positions count from after it. */
  readonly body: string;

  constructor(readonly file: string, text: string) {
    this.body = text.startsWith('\ufeff') ? text.slice(1) : text;
    this.doc = parseDocument(this.body, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
  }

  fail(node: Node | null | undefined, message: string): never {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    throw new PolicyError(this.file, line, col, message);
  }

  readonly warnings: string[] = [];

  warn(node: Node, message: string): void {
    const { line, col } = this.lines.linePos(node.range?.[0] ?? 0);
    this.warnings.push(spellUnseen(`${this.file}:${line}:${col}: warning: ${message}`));
  }

  failAt(offset: number, message: string): never {
    const { line, col } = this.lines.linePos(offset);
    throw new PolicyError(this.file, line, col, message);
  }

  line(node: Node): number {
    return this.lines.linePos(node.range?.[0] ?? 0).line;
  }

  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = this.anchored(node.source, node.range?.[0] ?? 0);
      if (target === null) this.fail(node, `alias *${node.source} refers to no anchor before it`);
      return target;
    }
    return node as Node;
  }

  // Anchors by name, in document order: Alias.resolve searches the whole document each time,
  // which makes a policy of many aliases take quadratic time.
  private anchors: Map<string, Node[]> | null = null;

  /** The node of the last anchor `name` before `offset` (YAML's rule for which anchor an alias means). */
  private anchored(name: string, offset: number): Node | null {
    if (this.anchors === null) {
      const anchors = new Map<string, Node[]>();
      visit(this.doc, {
        Node: (_key, n) => {
          if (n.anchor === undefined) return;
          const list = anchors.get(n.anchor);
          if (list === undefined) anchors.set(n.anchor, [n]);
          else list.push(n);
        },
      });
      this.anchors = anchors;
    }
    let found: Node | null = null;
    for (const n of this.anchors.get(name) ?? []) if ((n.range?.[0] ?? 0) < offset) found = n;
    return found;
  }
}

interface Entry { key: string; keyNode: Node; value: Node | null }

/**
 * The entries of a mapping, checked for unknown and repeated keys. With `unknownInOrder`, an
 * unknown key is returned for the caller to refuse when it gets there, so a file with several
 * mistakes is reported at the first of them, not at a later stray key.
 */
function entries(r: Reader, node: Node, what: string, allowed: readonly string[], unknownInOrder = false): Entry[] {
  if (!isMap(node)) r.fail(node, `${what} must be a mapping`);
  const out: Entry[] = [];
  for (const pair of node.items) {
    const keyNode = r.resolve(pair.key);
    // Under `%YAML 1.1` the parser reads `<<` as a merge key (a symbol); the policy format has no merges.
    if (keyNode && isScalar(keyNode) && typeof keyNode.value === 'symbol') r.fail(keyNode, `${what} uses a YAML merge key "<<", which a policy does not support; write the keys out in full`);
    if (!keyNode || !isScalar(keyNode) || typeof keyNode.value !== 'string') r.fail(keyNode, `${what} has a key that is not a string`);
    const key = keyNode.value as string;
    if (!allowed.includes(key) && !unknownInOrder) unknownKey(r, keyNode, key, what, allowed);
    // The parser's duplicate check compares keys as written; `*a :` repeats the key `&a` names.
    if (out.some((e) => e.key === key)) r.fail(pair.key as Node, `duplicate key "${key}" in ${what}`);
    out.push({ key, keyNode, value: r.resolve(pair.value) });
  }
  return out;
}

function unknownKey(r: Reader, keyNode: Node, key: string, what: string, allowed: readonly string[]): never {
  r.fail(keyNode, `unknown key "${key}" in ${what} (expected one of: ${allowed.join(', ')})`);
}

function str(r: Reader, node: Node | null, what: string, keyNode: Node): string {
  if (!node || !isScalar(node) || typeof node.value !== 'string') r.fail(node ?? keyNode, `${what} must be a string`);
  return node.value as string;
}

/**
 * A pattern on more than one line matches only a line break inside a quoted shell argument (a
 * path with one is denied as malformed; URLs, tools and names have none), so a deny rule
 * `match: |`, whose pattern keeps the block scalar's final line break, would look right and
 * never fire.
 */
function checkOneLine(r: Reader, node: Node, what: string, pattern: string): void {
  if (/[\r\n]/.test(pattern)) {
    r.fail(node, `${what} pattern "${pattern}" contains a line break (a block scalar "|" or ">" keeps its last one); write the pattern on one line as a plain or quoted scalar`);
  }
  // Patterns one per line without `- ` (or `>-`) are folded by YAML into one pattern joined by a
  // space, which matches nothing its author meant, so a deny rule never fired (audit 45, BC-1).
  const [start, end] = node.range ?? [0, 0];
  const source = r.body.slice(start, end);
  // A block scalar's header (`|-`, `>2`) is no pattern line: one line under it is one pattern.
  const lines = isScalar(node) ? source.split(/\r?\n|\r/).map((l) => l.trim()).filter((l, i) => l !== '' && !(i === 0 && /^[|>][-+0-9]*$/.test(l))) : [];
  if (lines.length > 1) {
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const list = quoted ? '' : `write a list with one pattern per item (${JSON.stringify(lines)}), or `;
    r.fail(node, `${what} pattern "${pattern}" is written over several lines, which YAML joins into this one pattern; ${list}write the pattern on one line`);
  }
  // No request can hold either: argv words end at a NUL, and a path or text with a lone surrogate
  // is not UTF-8 (such a path is denied as malformed first). The rule could never fire (audit 38, AK-5).
  const dead = /\0|[\uD800-\uDFFF]/u.exec(pattern);
  if (dead) {
    const fix = pattern.replace(/\0|[\uD800-\uDFFF]/gu, '');
    const name = dead[0] === '\0' ? 'a NUL character (U+0000), which no argument, path or name holds' : `a lone surrogate (${describeCode(dead[0].charCodeAt(0))}), which no UTF-8 text holds`;
    r.fail(node, `${what} pattern ${JSON.stringify(pattern)} contains ${name}, so the rule would never fire; delete it (${JSON.stringify(fix)})`);
  }
}

/** A pattern list: one string or a list of strings, each on one line. */
function strList(r: Reader, node: Node | null, what: string, keyNode: Node): { values: string[]; nodes: Node[] } {
  if (node && isScalar(node) && typeof node.value === 'string') {
    checkOneLine(r, node, what, node.value);
    // `match: secrets/**, **/.env` is valid YAML for one string, so the rule named a single
    // pattern that matched nothing its author meant; a one-element list says one was meant.
    if (node.value.includes(', ')) {
      // A flow list quoted whole (`"[a, b]"`) means the list inside the brackets (audit 49, BO-6).
      const inner = /^\[.*\]$/s.test(node.value.trim()) ? node.value.trim().slice(1, -1) : node.value;
      const list = inner.split(', ').map((p) => JSON.stringify(p.trim())).join(', ');
      r.fail(node, `${what} is one string holding ", ", which YAML reads as the single pattern "${node.value}"; write a list ([${list}]), or a one-element list ([${JSON.stringify(node.value)}]) if one pattern is meant`);
    }
    return { values: [node.value], nodes: [node] };
  }
  if (!node || !isSeq(node)) r.fail(node ?? keyNode, `${what} must be a string or a list of strings`);
  const values: string[] = [];
  const nodes: Node[] = [];
  for (const item of node.items) {
    const n = r.resolve(item);
    // An error in a value reached through an alias is reported where the alias is used.
    const at = isAlias(item) ? item : n;
    if (!n || !isScalar(n) || typeof n.value !== 'string') r.fail(at ?? node, `${what} must be a string or a list of strings`);
    checkOneLine(r, at ?? n, what, n.value as string);
    values.push(n.value as string);
    nodes.push(at ?? n);
  }
  return { values, nodes };
}

/** A shell, web, MCP, model or other text pattern (SPEC 4): one that can fire. */
function checkTextPattern(r: Reader, node: Node, what: string, pattern: string): void {
  const reason = textPatternReason(pattern);
  if (reason) r.fail(node, `${what} pattern "${pattern}" ${reason}`);
}

function effect(r: Reader, node: Node | null, keyNode: Node, scope: ScopeName): Effect {
  const value = str(r, node, 'effect', keyNode);
  if (!(EFFECTS as readonly string[]).includes(value)) r.fail(node, `unknown effect "${value}" (expected deny, ask or allow)`);
  const e = value as Effect;
  if (!SCOPE_EFFECTS[scope].includes(e)) {
    r.fail(node, `effect "${e}" is not allowed in the ${scope} scope (it may use ${SCOPE_EFFECTS[scope].join(', ')})`);
  }
  return e;
}

// C0 and C1 controls (tab and U+0085 NEXT LINE among them), and the line and paragraph separators.
const STRAY_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const STRAY_CHARACTERS = new RegExp(STRAY_CHARACTER.source, 'g');
const UNICODE_LINE_BREAK = /[\u0085\u2028\u2029]/;

/**
 * Why a filesystem pattern holds a character no path it could meet has, or null. YAML reads U+2028,
 * U+2029 and U+0085 as ordinary characters of a scalar, and editors show them as line ends, so
 * `secrets/**` followed by one looks right; a path holding a control character is denied as
 * malformed before rules see it, and the canonical form drops a segment's final spaces (Windows
 * does). Inner spaces stay: `my file.txt` is a name.
 */
function strayCharacterReason(pattern: string): string | null {
  const fix = pattern.replace(STRAY_CHARACTERS, '').replace(/\p{White_Space}+$/u, '');
  const code = (c: string): string => describeCode(c.codePointAt(0) ?? 0);
  const lineBreak = UNICODE_LINE_BREAK.exec(pattern);
  if (lineBreak) return `contains a line break (${code(lineBreak[0])}), which YAML keeps inside the scalar though editors end the line there, so the rule would not fire; delete it ("${fix}")`;
  const final = /\p{White_Space}$/u.exec(pattern);
  if (final) return `ends with whitespace (${code(final[0])}): the canonical form of a path drops a name's final spaces, and a path holding a tab or other control character is denied as malformed, so the rule would not fire; write "${fix}"`;
  const control = STRAY_CHARACTER.exec(pattern);
  if (control) return `contains the control character ${code(control[0])}: a path holding one is denied as malformed before rules see it, so the rule would not fire; delete it ("${fix}")`;
  return null;
}

function checkFsPattern(r: Reader, node: Node, what: string, pattern: string, pathOnly: boolean): void {
  if (pattern === '') r.fail(node, 'empty pattern');
  if (pattern.length > MAX_PATTERN_LENGTH) r.fail(node, `pattern is ${pattern.length} characters long (at most ${MAX_PATTERN_LENGTH})`);
  const stray = strayCharacterReason(pattern);
  if (stray) r.fail(node, `${what} pattern "${pattern}" ${stray}`);
  // Globs compile on first use, so anything minimatch would reject must be found here.
  if (/[()]/.test(pattern)) {
    try {
      new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true });
    } catch (e) {
      r.fail(node, `bad glob "${pattern}": ${(e as Error).message}`);
    }
  }
  const unbalanced = unbalancedReason(pattern);
  if (unbalanced) r.fail(node, `bad glob "${pattern}": ${unbalanced}`);
  // Deny and ask rules match canonical paths through the pattern's NFKC form, where a fullwidth
  // `［` is a `[`: that form must be sound too.
  const normalised = canonicalLetters(pattern);
  const unbalancedNormalised = normalised === pattern ? null : unbalancedReason(normalised);
  if (unbalancedNormalised) r.fail(node, `bad glob "${pattern}": once NFKC-normalised as paths are, ${unbalancedNormalised}`);
  const n = countBraceAlternatives(pattern);
  if (n > MAX_BRACE_ALTERNATIVES) {
    r.fail(node, `bad glob "${pattern}": brace expansion gives ${n > 1e9 ? 'over 10^9' : n} alternatives (at most ${MAX_BRACE_ALTERNATIVES})`);
  }
  if (!pathOnly) return;
  const backslash = backslashReason(pattern);
  if (backslash) r.fail(node, `bad glob "${pattern}": ${backslash}`);
  const backslashNormalised = normalised === pattern ? null : backslashReason(normalised);
  if (backslashNormalised) r.fail(node, `bad glob "${pattern}": once NFKC-normalised as paths are, ${backslashNormalised}`);
  const dead = deadGlobReason(pattern);
  if (dead) r.fail(node, `bad glob "${pattern}": ${dead}`);
}

const COMMAND_CAPABILITIES: ReadonlySet<RuleCapability> = new Set(['shell', 'all', 'builtin']);

/**
 * `**` in an allow text pattern is literal, so that it cannot widen the allow (docs/policy.md):
 * written as a filesystem glob (`https://docs.example/**`, `github/**`, `claude-**`) it matches
 * almost nothing. It loads, since reading it literally is the fail-closed side; say so.
 */
function warnLiteralGlobstar(r: Reader, node: Node, what: string, pattern: string, command = false): void {
  if (!pattern.includes('**')) return;
  // In a command, `src/**/*.ts` is most likely the shell glob the agent types, which the pattern
  // matches as written; "*" there would also match other words (`src/ --plugin x/a.ts`), so it is
  // not offered. A `**` standing as a word (`npm **`) can only have meant "anything".
  const inWord = command && pattern.replace(/(?:^|\s)\*{2,}(?=\s|$)/g, ' ').includes('**');
  if (inWord) {
    r.warn(node, `${what} pattern ${JSON.stringify(pattern)} holds "**" inside a word, which is literal in allow text patterns (it cannot widen an allow): it matches a command that spells that glob as written, not other paths; "*" would match any run of characters, spaces and options included, so list the commands to allow instead`);
    return;
  }
  r.warn(node, `${what} pattern ${JSON.stringify(pattern)} holds "**", which is literal in allow text patterns (it cannot widen an allow), so it matches only text holding two asterisks; write "*", which matches any run of characters: ${JSON.stringify(pattern.replace(/\*{2,}/g, '*'))}`);
}

function readRule(r: Reader, node: Node, scope: ScopeName): RawRule {
  const fields = entries(r, node, 'a rule', RULE_KEYS);
  const get = (k: string): Entry | undefined => fields.find((f) => f.key === k);
  const cap = get('capability');
  const eff = get('effect');
  if (!cap) r.fail(node, 'rule has no "capability"');
  if (!eff) r.fail(node, 'rule has no "effect"');
  const capability = str(r, cap.value, 'capability', cap.keyNode);
  if (!(RULE_CAPABILITIES as readonly string[]).includes(capability)) {
    r.fail(cap.value, `unknown capability "${capability}" (expected one of: ${RULE_CAPABILITIES.join(', ')})`);
  }
  const rule: RawRule = { capability: capability as RuleCapability, effect: effect(r, eff.value, eff.keyNode, scope), line: r.line(node) };
  for (const key of ['match', 'exclude'] as const) {
    const f = get(key);
    if (!f) continue;
    const { values, nodes } = strList(r, f.value, key, f.keyNode);
    if (values.length === 0) r.fail(f.value ?? f.keyNode, `${key} is an empty list (omit "${key}" to ${key === 'match' ? 'match everything' : 'exclude nothing'})`);
    nodes.forEach((n, i) => {
      const v = values[i] ?? '';
      if (v === '') r.fail(n, `empty pattern in ${key}`);
      if (FS_CAPABILITIES.has(rule.capability)) checkFsPattern(r, n, key, v, PATH_ONLY_CAPABILITIES.has(rule.capability));
      else checkTextPattern(r, n, key, v);
      const routeClass = PATH_ONLY_CAPABILITIES.has(rule.capability) ? routeClassWarning(`${rule.capability} ${key}`, v) : null;
      if (routeClass) r.warn(n, routeClass);
      if (COMMAND_CAPABILITIES.has(rule.capability)) {
        for (const w of commandPatternWarnings(`${rule.capability} ${key}`, v, rule.effect, key === 'match')) r.warn(n, w);
      }
      if (!FS_CAPABILITIES.has(rule.capability) && rule.effect === 'allow' && key === 'match') warnLiteralGlobstar(r, n, `${rule.capability} match`, v, COMMAND_CAPABILITIES.has(rule.capability));
    });
    rule[key] = values;
  }
  return rule;
}

function readModels(r: Reader, node: Node, scope: ScopeName): ModelPolicy {
  const fields = entries(r, node, 'models', ['allow', 'default', 'unknown']);
  const policy: ModelPolicy = { allow: [], unknown: 'ask' };
  let hasAllow = false;
  for (const f of fields) {
    if (f.key === 'allow') {
      const { values, nodes } = strList(r, f.value, 'models.allow', f.keyNode);
      nodes.forEach((n, i) => {
        checkTextPattern(r, n, 'models.allow', values[i] ?? '');
        warnLiteralGlobstar(r, n, 'models.allow', values[i] ?? '');
      });
      policy.allow = values;
      hasAllow = true;
    } else if (f.key === 'default') {
      policy.default = str(r, f.value, 'models.default', f.keyNode);
    } else {
      policy.unknown = effect(r, f.value, f.keyNode, scope);
    }
  }
  if (!hasAllow) r.fail(node, 'models has no "allow" list');
  return policy;
}

function readAgents(r: Reader, node: Node): AgentsConfig {
  if (isScalar(node)) {
    if (node.value === 'all') return { all: true };
    r.fail(node, 'agents must be "all" or a mapping of identities, trailers, branches and env');
  }
  const fields = entries(r, node, 'agents', ['identities', 'trailers', 'branches', 'env']);
  const config: AgentsConfig = { all: false, identities: [], trailers: [], branches: [], env: [] };
  for (const f of fields) {
    const key = f.key as 'identities' | 'trailers' | 'branches' | 'env';
    const { values, nodes } = strList(r, f.value, `agents.${key}`, f.keyNode);
    if (values.length === 0) r.fail(f.value ?? f.keyNode, `agents.${key} is an empty list (omit it to add no ${key})`);
    nodes.forEach((n, i) => {
      const v = values[i] ?? '';
      if (v === '') r.fail(n, `empty pattern in agents.${key}`);
      if (key === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*(?:=|$)/.test(v)) {
        r.fail(n, `agents.env entries are NAME or NAME=PATTERN with a variable name, got "${v}"`);
      }
      const identity = key === 'identities' ? identityPatternFix(v) : null;
      if (identity !== null) {
        r.fail(n, `agents.identities entry "${v}" can never match: an identity is matched as "Name <email>" (both parts; * for any run); write "${identity}"`);
      }
      // Branches are matched by their short name (`ai/x`), which never starts `refs/` and, as git
      // refuses them, never holds whitespace (audit 39, AM-6).
      if (key === 'branches' && v.startsWith('refs/')) {
        const fix = v.replace(/^refs\/(?:heads\/|remotes\/[^/]+\/)?/, '');
        r.fail(n, `agents.branches entry "${v}" can never match: branches are matched by their short name ("ai/x", not "refs/heads/ai/x"); write "${fix}"`);
      }
      if (key === 'branches' && /\s/.test(v)) r.fail(n, `agents.branches entry ${JSON.stringify(v)} can never match: a branch name holds no whitespace`);
      const trailer = key === 'trailers' ? trailerPatternFix(v) : null;
      if (trailer !== null) {
        r.fail(n, `agents.trailers entry "${v}" can never match: a trailer is matched as "Key: value" (a key of letters, digits and "-"; * for any run); write "${trailer}"`);
      }
    });
    config[key] = values;
  }
  return config;
}

function readLogs(r: Reader, node: Node, scope: ScopeName): LogsConfig {
  const fields = entries(r, node, 'logs', ['paths', 'notes']);
  const logs: LogsConfig = { paths: [...DEFAULT_LOG_PATHS], notes: DEFAULT_NOTES_REF };
  for (const f of fields) {
    if (f.key === 'paths') {
      const { values, nodes } = strList(r, f.value, 'logs.paths', f.keyNode);
      if (values.length === 0) r.fail(f.value ?? f.keyNode, 'logs.paths is an empty list (omit it to keep .agent-gate/log/**)');
      nodes.forEach((n, i) => {
        const v = values[i] ?? '';
        // Logs are read from the commits' trees, where every path is relative to the repository
        // root: a `~/`, absolute or climbing pattern matches none, and the logs went unjudged (audit 39, AM-5).
        if (/^(?:~|\/|\.\.(?:\/|$))/.test(v)) r.fail(n, `logs.paths pattern "${v}" can never match: logs are read from commits, whose paths are relative to the repository root; write a pattern inside the repository such as "logs/agent/**"`);
        // git never puts a path inside .git in a commit, so logs written there are never judged (audit 43, AW-7).
        if (v.split('/').some((seg) => canonicalSegment(seg) === '.git')) r.fail(n, `logs.paths pattern "${v}" names a place inside .git, which git never commits, so check would never read the logs; write a pattern such as ".agent-gate/log/**"`);
        checkFsPattern(r, n, 'logs.paths', v, true);
      });
      logs.paths = values;
    } else {
      // The check reads one notes ref; the repository's policy says which one its agents write.
      if (scope === 'admin') r.fail(f.keyNode, 'logs.notes can only be set in the workspace policy; remove it from the admin policy');
      const ref = str(r, f.value, 'logs.notes', f.keyNode);
      // git check-ref-format also refuses an empty component, one starting with `.` or ending
      // in `.lock`, and a name ending in `/` or `.` (audit 49, BO-4): notes there are never read.
      const components = ref.split('/');
      const refused = components.some((c) => c === '' || c.startsWith('.') || c.endsWith('.lock')) || ref.endsWith('.');
      if (!/^refs\/notes\/[A-Za-z0-9._\/-]+$/.test(ref) || ref.includes('..') || refused) {
        r.fail(f.value, `logs.notes must be a notes ref like refs/notes/agent-gate, got "${ref}"`);
      }
      logs.notes = ref;
    }
  }
  return logs;
}

function readTest(r: Reader, node: Node): PolicyTest {
  const fields = entries(r, node, 'a test', [...TEST_REQUEST_KEYS, 'expect', 'cwd']);
  const requests = fields.filter((f) => (TEST_REQUEST_KEYS as readonly string[]).includes(f.key));
  if (requests.length !== 1) {
    r.fail(node, `a test needs exactly one of ${TEST_REQUEST_KEYS.join(', ')} (found ${requests.length})`);
  }
  const req = requests[0] as Entry;
  const exp = fields.find((f) => f.key === 'expect');
  if (!exp) r.fail(node, 'a test has no "expect"');
  const expect = str(r, exp.value, 'expect', exp.keyNode);
  if (!(EFFECTS as readonly string[]).includes(expect)) r.fail(exp.value, `unknown effect "${expect}" in expect (expected deny, ask or allow)`);
  const test: PolicyTest = {
    key: req.key as PolicyTestKey,
    value: str(r, req.value, req.key, req.keyNode),
    expect: expect as Effect,
    line: r.line(node),
  };
  const cwd = fields.find((f) => f.key === 'cwd');
  if (cwd) test.cwd = str(r, cwd.value, 'cwd', cwd.keyNode);
  return test;
}

/** Parses and validates a policy file's text. `file` is the name used in errors and decisions. */
/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function invalidUtf8At(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const len = utf8SequenceAt(bytes, i);
    if (len === 0) return i;
    i += len;
  }
  return -1;
}

/**
 * The error for a policy file whose bytes are not UTF-8, at the first bad byte (line and column
 * counted as the loader counts them: a byte order mark is no column).
 */
export function notUtf8Error(file: string, bytes: Buffer): PolicyError {
  const at = Math.max(0, invalidUtf8At(bytes));
  const before = bytes.toString('utf8', 0, at).replace(/^\ufeff/, '');
  const lines = before.split(/\r\n|\r|\n/);
  const line = lines.length;
  const col = (lines[lines.length - 1] ?? '').length + 1;
  return new PolicyError(file, line, col, 'the policy file is not valid UTF-8; save it as UTF-8');
}

/**
 * Characters a YAML 1.2 stream may not hold (outside c-printable), and line breaks other than LF
 * and CRLF: YAML ends a comment at a lone CR, and editors end the line at U+0085, U+2028 and
 * U+2029, so a rule after one is read by Kiro and shown by editors, yet this parser took it as
 * comment text; an escape sequence can erase a rule from a terminal's view (audit 43, AW-4).
 */
const UNSEEN_BREAK_OR_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|\r(?!\n)|[\ud800-\udfff]/u;

function unseenCharacterReason(c: string): string {
  if (c === '\r') return 'a carriage return not followed by a line feed, where YAML and editors end the line but this line would read on; save the file with LF (or CRLF) line endings';
  const code = c.codePointAt(0) ?? 0;
  if (code === 0x85 || code === 0x2028 || code === 0x2029) return `${describeCode(code)}, a line break to editors and YAML readers but not to every parser, so the file would mean different rules to each; use a plain line break`;
  if (code >= 0xd800 && code <= 0xdfff) return `${describeCode(code)}, half of a character, which YAML does not allow; save the file as UTF-8`;
  return `the control character ${describeCode(code)}, which YAML does not allow in a file (on a terminal it can hide or redraw text); remove it`;
}

export function loadPolicy(text: string, file: string, scope: ScopeName): PolicyFile {
  const r: Reader = new Reader(file, text);
  const unseen = UNSEEN_BREAK_OR_CONTROL.exec(r.body);
  const first = r.doc.errors[0];
  if (first) {
    // The parser stumbles after one of these without naming it.
    if (unseen !== null) r.failAt(unseen.index, unseenCharacterReason(unseen[0]));
    // The parser's own wording for this one names a library call; say what to do instead.
    if (first.code === 'MULTIPLE_DOCS') r.failAt(first.pos[0], 'more than one YAML document (a second "---"); keep one policy per file');
    if (first.message.includes('Maximum call stack')) r.failAt(first.pos[0], 'invalid YAML: nested too deeply to read; a policy needs only a few levels, so flatten the file');
    r.failAt(first.pos[0], `invalid YAML: ${first.message.split('\n')[0] ?? ''}`);
  }
  const root = r.resolve(r.doc.contents);
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    r.failAt(0, 'the policy file is empty; write a mapping such as "rules: []" (a Kiro permissions.yaml is one)');
  }
  if (isSeq(root)) r.fail(root, 'the policy file is a list; it must be a mapping with a "rules:" key (Kiro permissions.yaml format)');
  const policy: PolicyFile = { file, scope, rules: [], trustedCommands: [], tests: [] };
  for (const f of entries(r, root, 'the policy file', TOP_KEYS, true)) {
    const v = f.value;
    switch (f.key) {
      case 'rules': {
        if (!v || !isSeq(v)) r.fail(v ?? f.keyNode, 'rules must be a list of rules');
        for (const item of v.items) {
          const n = r.resolve(item);
          if (!n) r.fail(v, 'a rule is empty');
          policy.rules.push(readRule(r, n, scope));
        }
        break;
      }
      case 'trustedCommands': {
        const { values, nodes } = strList(r, v, 'trustedCommands', f.keyNode);
        if (!SCOPE_EFFECTS[scope].includes('allow') && values.length > 0) {
          r.fail(v, `trustedCommands allow commands, which the ${scope} scope may not do`);
        }
        nodes.forEach((n, i) => {
          if ((values[i] ?? '') === '') r.fail(n, 'empty pattern in trustedCommands');
          checkTextPattern(r, n, 'trustedCommands', values[i] ?? '');
          for (const w of commandPatternWarnings('trustedCommands', values[i] ?? '', 'allow', true)) r.warn(n, w);
          warnLiteralGlobstar(r, n, 'trustedCommands', values[i] ?? '', true);
        });
        policy.trustedCommands = values;
        break;
      }
      case 'models':
        if (!v) r.fail(f.keyNode, 'models must be a mapping with an "allow" list');
        policy.models = readModels(r, v, scope);
        break;
      case 'agents':
        if (!v) r.fail(f.keyNode, 'agents must be "all" or a mapping');
        policy.agents = readAgents(r, v);
        break;
      case 'logs':
        if (!v) r.fail(f.keyNode, 'logs must be a mapping of paths and notes');
        policy.logs = readLogs(r, v, scope);
        break;
      case 'failOn': {
        const value = str(r, v, 'failOn', f.keyNode);
        if (value !== 'deny' && value !== 'ask') r.fail(v, `failOn must be "deny" or "ask", got "${value}"`);
        policy.failOn = value as 'deny' | 'ask';
        break;
      }
      case 'tests': {
        if (!v || !isSeq(v)) r.fail(v ?? f.keyNode, 'tests must be a list');
        for (const item of v.items) {
          const n = r.resolve(item);
          if (!n) r.fail(v, 'a test is empty');
          policy.tests.push(readTest(r, n));
        }
        break;
      }
      default:
        unknownKey(r, f.keyNode, f.key, 'the policy file', TOP_KEYS);
    }
  }
  // Last, so a pattern holding one is reported by the pattern's own check, which names the fix;
  // what is left is in a comment or between tokens, where it hides or shows rules.
  if (unseen !== null) r.failAt(unseen.index, unseenCharacterReason(unseen[0]));
  if (r.warnings.length > 0) policy.warnings = r.warnings;
  return policy;
}
