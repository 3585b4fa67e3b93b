// The data model shared by every layer: requests in, decisions out.

export type Effect = 'allow' | 'ask' | 'deny';

export const EFFECT_RANK: Readonly<Record<Effect, number>> = { allow: 0, ask: 1, deny: 2 };

/** Capabilities a single request can have. `model` is judged by the model allow list, not by rules. */
export type RequestCapability =
  | 'fs_read'
  | 'fs_write'
  | 'shell'
  | 'web_fetch'
  | 'web_search'
  | 'mcp'
  | 'subagent'
  | 'skill'
  | 'diagnostics'
  | 'context'
  | 'model';

/** Capabilities a rule may name, including Kiro's meta capabilities. */
export type RuleCapability = Exclude<RequestCapability, 'model'> | 'filesystem' | 'all' | 'builtin';

export const RULE_CAPABILITIES: readonly RuleCapability[] = [
  'fs_read', 'fs_write', 'filesystem', 'shell', 'web_fetch', 'web_search', 'mcp',
  'subagent', 'skill', 'diagnostics', 'context', 'all', 'builtin',
];

export const CONCRETE_CAPABILITIES: readonly Exclude<RequestCapability, 'model'>[] = [
  'fs_read', 'fs_write', 'shell', 'web_fetch', 'web_search', 'mcp',
  'subagent', 'skill', 'diagnostics', 'context',
];

export type ScopeName = 'kiro' | 'admin' | 'workspace' | 'user' | 'default';

/** Scopes in the order their rules are reported when several share the winning effect. */
export const SCOPE_ORDER: readonly ScopeName[] = ['kiro', 'admin', 'workspace', 'user', 'default'];

export const SCOPE_EFFECTS: Readonly<Record<ScopeName, readonly Effect[]>> = {
  kiro: ['deny', 'ask'],
  admin: ['deny', 'ask'],
  workspace: ['deny', 'ask', 'allow'],
  user: ['deny', 'ask', 'allow'],
  default: ['allow'],
};

export const BUILTIN_FILE = '(built-in)';

/** The `RULE` object of SPEC section 10: which rule decided. */
export interface RuleRef {
  scope: ScopeName;
  file: string;
  index: number;
  effect: Effect;
  pattern: string;
}

export interface Decision {
  effect: Effect;
  rule: RuleRef | null;
  reason: string;
}

export interface Request {
  capability: RequestCapability;
  resource: string;
  /** Working folder of the request, relative to the workspace root ('.' when unknown). */
  cwd?: string;
}

/** One judged piece of a request: a sub-command or a redirection target. */
export interface DecisionPart extends Decision {
  text: string;
  capability: RequestCapability;
}

export interface Explanation extends Decision {
  capability: RequestCapability;
  resource: string;
  parts: DecisionPart[];
}

export interface ModelPolicy {
  allow: string[];
  default?: string;
  unknown: Effect;
}

export type AgentsConfig =
  | { all: true }
  | { all: false; identities: string[]; trailers: string[]; branches: string[]; env: string[] };

export interface LogsConfig {
  paths: string[];
  notes: string;
}

export type PolicyTestKey = 'shell' | 'write' | 'read' | 'fetch' | 'search' | 'mcp' | 'model';

export interface PolicyTest {
  key: PolicyTestKey;
  value: string;
  expect: Effect;
  cwd?: string;
  line: number;
}

export interface RawRule {
  capability: RuleCapability;
  effect: Effect;
  match?: string[];
  exclude?: string[];
  line: number;
}

/** A validated policy file, before compilation. */
export interface PolicyFile {
  file: string;
  scope: ScopeName;
  rules: RawRule[];
  trustedCommands: string[];
  models?: ModelPolicy;
  agents?: AgentsConfig;
  logs?: LogsConfig;
  failOn?: 'deny' | 'ask';
  tests: PolicyTest[];
  /** `file:line:col: warning: ...` lines for patterns that load but cannot do what they seem to. */
  warnings?: string[];
}
