import { PolicyError } from '../../src/errors.ts';
import { loadPolicy, notUtf8Error } from '../../src/policy/load.ts';
import type { ScopeName } from '../../src/policy/types.ts';
import { detectAgent } from '../../src/git/agents.ts';
import { effectOf, policyOf } from '../helpers/policy.ts';

// The seed's example configuration (kiro-cli-v3-permissions.txt), verbatim in shape.
export const SEED_EXAMPLE = `rules:
  - capability: shell
    effect: allow
    match:
      - git *
      - npm *
      - npx *
  - capability: fs_write
    effect: allow
    match:
      - src/**
      - tests/**
  - capability: fs_read
    effect: allow
  - capability: mcp
    effect: allow
    match:
      - my-server/*
`;

function errorOf(text: string, scope: ScopeName = 'workspace'): string {
  try {
    loadPolicy(text, 'p.yml', scope);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as Error).message;
  }
  throw new Error('expected a policy error');
}

describe('policy loading', () => {
  test('the seed example loads as a workspace policy', () => {
    const p = loadPolicy(SEED_EXAMPLE, 'p.yml', 'workspace');
    expect(p.rules.map((r) => [r.capability, r.effect, r.match])).toEqual([
      ['shell', 'allow', ['git *', 'npm *', 'npx *']],
      ['fs_write', 'allow', ['src/**', 'tests/**']],
      ['fs_read', 'allow', undefined],
      ['mcp', 'allow', ['my-server/*']],
    ]);
  });

  test('every optional top-level key', () => {
    const p = loadPolicy(`rules:
  - {capability: shell, effect: allow, match: "npm *", exclude: ["npm publish*"]}
trustedCommands: ["npm test *", "git status"]
models:
  allow: [auto, claude-sonnet-4.5]
  default: auto
  unknown: deny
agents:
  identities: ["* <*@bots.example>"]
  trailers: ["Generated-by: *"]
  branches: ["ai/*"]
  env: ["MY_AGENT"]
logs: {paths: [".agent-gate/log/**"], notes: refs/notes/agent-gate}
failOn: ask
tests:
  - {shell: "npm test && curl x | sh", expect: ask}
  - {write: ".kiro/settings/mcp.json", expect: deny, cwd: "."}
`, 'p.yml', 'workspace');
    expect(p.rules[0]?.match).toEqual(['npm *']);
    expect(p.rules[0]?.exclude).toEqual(['npm publish*']);
    expect(p.trustedCommands).toEqual(['npm test *', 'git status']);
    expect(p.models).toEqual({ allow: ['auto', 'claude-sonnet-4.5'], default: 'auto', unknown: 'deny' });
    expect(p.agents).toEqual({ all: false, identities: ['* <*@bots.example>'], trailers: ['Generated-by: *'], branches: ['ai/*'], env: ['MY_AGENT'] });
    expect(p.failOn).toBe('ask');
    expect(p.tests).toEqual([
      { key: 'shell', value: 'npm test && curl x | sh', expect: 'ask', line: 16 },
      { key: 'write', value: '.kiro/settings/mcp.json', expect: 'deny', cwd: '.', line: 17 },
    ]);
  });

  test('agents: all', () => {
    expect(loadPolicy('agents: all\n', 'p.yml', 'workspace').agents).toEqual({ all: true });
  });

  test.each([
    // text, scope, expected "line:col: message" fragment
    ['rules:\n  - capability: shell\n    effect: permit\n', 'workspace', '3:13: unknown effect "permit"'],
    ['rules:\n  - capability: shel\n    effect: deny\n', 'workspace', '2:17: unknown capability "shel"'],
    ['rules:\n  - capability: shell\n    effect: deny\n    matches: ["x"]\n', 'workspace', '4:5: unknown key "matches" in a rule'],
    ['rulez: []\n', 'workspace', '1:1: unknown key "rulez"'],
    // A stray top-level key after a mistake in the rules: the first mistake in the file is named.
    ['rules:\n  - capability: shel\n    effect: deny\nfoo: 1\n', 'workspace', '2:17: unknown capability "shel"'],
    ['foo: 1\nrules:\n  - capability: shel\n    effect: deny\n', 'workspace', '1:1: unknown key "foo"'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match: [1, 2]\n', 'workspace', '4:13: match must be a string or a list of strings'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match: {a: 1}\n', 'workspace', '4:12: match must be a string or a list of strings'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match: []\n', 'workspace', '4:12: match is an empty list'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["src/{a,b"]\n', 'workspace', '4:13: bad glob "src/{a,b": unbalanced "{"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["src/[ab"]\n', 'workspace', 'bad glob "src/[ab": unbalanced "["'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["src/a}"]\n', 'workspace', 'unbalanced "}"'],
    // minimatch reads these as globs that match nothing, so the deny rule would be dropped silently.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/[[:digit:]*"]\n', 'workspace', '4:13: bad glob "secrets/[[:digit:]*": unbalanced "["'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/[x[:alpha:]"]\n', 'workspace', 'unbalanced "["'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/[z-a]"]\n', 'workspace', 'range "z-a" is out of order'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/[0-9z-a]"]\n', 'workspace', 'range "z-a" is out of order'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/[a-[:alpha:]]"]\n', 'workspace', 'a range cannot end in the POSIX class [:alpha:]'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    exclude: ["secrets/[!]"]\n', 'workspace', 'unbalanced "["'],
    // Audit 38, AK-1: minimatch splits at "/" before reading brackets and groups, so these were
    // literal names and the deny never fired.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["keys/[a/b]*.pem"]\n', 'workspace', '4:13: bad glob "keys/[a/b]*.pem": bracket expression "[a/…" holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["[s/k]/**"]\n', 'workspace', 'bracket expression "[s/…" holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["keys/[a\\\\/b]"]\n', 'workspace', 'holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["@(secrets|config/prod)/**"]\n', 'workspace', '4:13: bad glob "@(secrets|config/prod)/**": the pattern group "@(secrets|config/…" holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["!(public/x)/**"]\n', 'workspace', 'the pattern group "!(public/…" holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["a/+(b/c)"]\n', 'workspace', 'the pattern group "+(b/…" holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: ask\n    match: ["x/*(a|b/c)"]\n', 'workspace', 'holds "/"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/@(a|b"]\n', 'workspace', 'the pattern group "@(" is never closed'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    exclude: ["secrets/?(a"]\n', 'workspace', 'the pattern group "?(" is never closed'],
    ['logs:\n  paths: ["@(logs|audit/x)/**"]\n', 'workspace', 'holds "/"'],
    // Audit 38, AK-2: patterns expand only "~/"; these named workspace folders spelled so.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["~root/.ssh/**"]\n', 'workspace', '4:13: bad glob "~root/.ssh/**": it starts with "~root", which patterns do not expand'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["{~dev,~ops}/.aws/**"]\n', 'workspace', 'alternative "~dev/.aws/**" starts with "~dev"'],
    ['rules:\n  - capability: fs_read\n    effect: ask\n    match: ["~alice/x"]\n', 'workspace', 'starts with "~alice"'],
    // Audit 39, AM-5: logs are read from commits, whose paths are all relative.
    ['logs:\n  paths: ["~/logs/**"]\n', 'workspace', '2:11: logs.paths pattern "~/logs/**" can never match: logs are read from commits'],
    ['logs:\n  paths: ["/var/log/agent/**"]\n', 'workspace', 'logs.paths pattern "/var/log/agent/**" can never match'],
    // Audit 43, AW-7: git never commits a path inside .git, so such logs were never judged.
    ['logs:\n  paths: [".git/**"]\n', 'workspace', '2:11: logs.paths pattern ".git/**" names a place inside .git, which git never commits'],
    ['logs:\n  paths: ["logs/**", ".GIT./agent/*.jsonl"]\n', 'workspace', '2:22: logs.paths pattern ".GIT./agent/*.jsonl" names a place inside .git'],
    ['logs:\n  paths: ["**/.git/**"]\n', 'admin', 'names a place inside .git'],
    ['logs:\n  paths: ["../logs/**"]\n', 'workspace', 'write a pattern inside the repository such as "logs/agent/**"'],
    // Audit 39, AM-6: branches are matched by their short name.
    ['agents:\n  branches: ["refs/heads/ai/*"]\n', 'workspace', '2:14: agents.branches entry "refs/heads/ai/*" can never match: branches are matched by their short name ("ai/x", not "refs/heads/ai/x"); write "ai/*"'],
    ['agents:\n  branches: ["refs/remotes/origin/ai/*"]\n', 'workspace', 'write "ai/*"'],
    ['agents:\n  branches: ["ai bot/*"]\n', 'workspace', 'a branch name holds no whitespace'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["$HOME/.ssh/**"]\n', 'workspace', 'starts with the variable "$HOME", which patterns do not expand, so it names a workspace folder spelled so; write "~/…"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["${HOME}/.ssh/**"]\n', 'workspace', 'starts with the variable "${HOME}"'],
    ['rules:\n  - capability: fs_write\n    effect: allow\n    match: ["$XDG_CONFIG_HOME/**"]\n', 'workspace', 'write the absolute path it stands for'],
    // Audit 38, AK-5: no request holds a NUL or a lone surrogate, so these rules could never fire.
    ['rules:\n  - capability: shell\n    effect: deny\n    match: ["rm\\0 *"]\n', 'workspace', '4:13: match pattern "rm\\u0000 *" contains a NUL character (U+0000)'],
    ['rules:\n  - capability: web_fetch\n    effect: deny\n    match: ["https://x.example/\\0"]\n', 'workspace', 'contains a NUL character'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/\\ud800**"]\n', 'workspace', 'contains a lone surrogate (U+D800)'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match: "curl\\udc00 *"\n', 'workspace', '4:12: match pattern "curl\\udc00 *" contains a lone surrogate (U+DC00)'],
    ['trustedCommands: ["npm\\0 *"]\n', 'workspace', 'contains a NUL character'],
    // A fullwidth bracket is literal as written but a bracket in the NFKC form deny rules match with.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["secrets/\uff3bz-a\uff3d"]\n', 'workspace', 'once NFKC-normalised as paths are, range "z-a" is out of order'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["{a,b,c,d,e,f,g,h,i,j}{a,b,c,d,e,f,g,h,i,j}{a,b,c,d,e,f,g,h,i,j}{a,b}"]\n', 'workspace', 'brace expansion gives 2000 alternatives'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["{1..2000}"]\n', 'workspace', 'brace expansion gives 2000 alternatives'],
    ['rules:\n  - capability: shell\n    effect: allow\n', 'admin', '3:13: effect "allow" is not allowed in the admin scope'],
    ['trustedCommands: ["npm *"]\n', 'admin', 'trustedCommands allow commands'],
    ['rules:\n  - capability: shell\n', 'workspace', '2:5: rule has no "effect"'],
    ['rules:\n  - effect: deny\n', 'workspace', 'rule has no "capability"'],
    ['rules: {capability: shell}\n', 'workspace', '1:8: rules must be a list'],
    ['rules:\n  - [a, b]\n', 'workspace', '2:5: a rule must be a mapping'],
    ['- capability: shell\n  effect: deny\n', 'workspace', '1:1: the policy file is a list'],
    ['', 'workspace', '1:1: the policy file is empty'],
    ['# only a comment\n', 'workspace', 'the policy file is empty'],
    ['rules: [\n', 'workspace', 'invalid YAML'],
    ['rules: []\nrules: []\n', 'workspace', '2:1: invalid YAML: Map keys must be unique'],
    ['"just a string"\n', 'workspace', 'the policy file must be a mapping'],
    ['models: {default: auto}\n', 'workspace', 'models has no "allow" list'],
    ['models: {allow: [a], unknown: allow}\n', 'admin', 'effect "allow" is not allowed in the admin scope'],
    ['agents: some\n', 'workspace', 'agents must be "all" or a mapping'],
    ['logs: {notes: "refs/heads/main"}\n', 'workspace', 'logs.notes must be a notes ref'],
    // Audit 49, BO-4: names git check-ref-format refuses, whose notes check would never read.
    ...['refs/notes/x/', 'refs/notes//x', 'refs/notes/.x', 'refs/notes/x.', 'refs/notes/x.lock', 'refs/notes/a/.lock/b'].map(
      (ref) => [`logs: {notes: "${ref}"}\n`, 'workspace', `1:15: logs.notes must be a notes ref like refs/notes/agent-gate, got "${ref}"`] as const),
    ['tests:\n  - {shell: "x", write: "y", expect: deny}\n', 'workspace', 'a test needs exactly one of'],
    ['tests:\n  - {shell: "x"}\n', 'workspace', 'a test has no "expect"'],
    ['tests:\n  - {shell: "x", expect: maybe}\n', 'workspace', 'unknown effect "maybe" in expect'],
    ['failOn: never\n', 'workspace', 'failOn must be "deny" or "ask"'],
    // An empty list here read no logs at all, and a bad env entry matched nothing, without a word.
    ['logs: {paths: []}\n', 'workspace', '1:15: logs.paths is an empty list'],
    ['logs:\n  notes: refs/notes/org\n', 'admin', '2:3: logs.notes can only be set in the workspace policy'],
    ['agents: {env: []}\n', 'workspace', 'agents.env is an empty list'],
    ['agents: {env: ["=x"]}\n', 'workspace', 'agents.env entries are NAME or NAME=PATTERN'],
    ['agents: {trailers: [""]}\n', 'workspace', 'empty pattern in agents.trailers'],
    [`rules:\n  - {capability: fs_write, effect: deny, match: ["${'a'.repeat(70000)}"]}\n`, 'workspace', 'pattern is 70000 characters long'],
    // A key repeated through an alias is still a duplicate; otherwise one copy would silently win.
    ['models:\n  &a allow: [claude-sonnet-4.5]\n  *a : ["*"]\n', 'workspace', '3:3: duplicate key "allow" in models'],
    ['rules:\n  - &e effect: allow\n    capability: shell\n    *e : deny\n', 'workspace', '4:5: duplicate key "effect" in a rule'],
    ['rules:\n  - *nope\n', 'workspace', '2:5: alias *nope refers to no anchor before it'],
    // Under %YAML 1.1 `<<` is a merge key; it was reported as "a key that is not a string".
    ['%YAML 1.1\n---\nrules:\n  - <<: {capability: shell}\n    effect: deny\n    match: ["rm *"]\n', 'workspace', '4:5: a rule uses a YAML merge key "<<"'],
    ['rules: []\n---\nrules: []\n', 'workspace', '2:1: more than one YAML document (a second "---"); keep one policy per file'],
  ] as const)('%j (%s) -> %s', (text, scope, fragment) => {
    const message = errorOf(text, scope);
    expect(message.startsWith('p.yml:')).toBe(true);
    expect(message).toContain(fragment);
    expect(message).not.toContain('\n');
  });

  // An error in a value reached through an alias named the anchor's line, which is valid.
  test.each([
    ['rules:\n  - capability: shell\n    effect: deny\n    match: &m ["rm *"]\n  - capability: shell\n    effect: deny\n    match: ["x"]\n    exclude: [*m]\n', '8:15: exclude must be a string or a list of strings'],
    // Literal in a shell pattern, an unbalanced brace in a glob: the error is at the glob's use.
    ['rules:\n  - capability: shell\n    effect: deny\n    match: [&p "a{b", "c"]\n  - capability: fs_write\n    effect: deny\n    match: [*p]\n', '7:13: bad glob'],
  ])('%j -> %s', (text, expected) => {
    expect(errorOf(text)).toContain(`p.yml:${expected}`);
  });

  // The parser's stack overflow was passed on as "Maximum call stack size exceeded", naming no fix.
  test('a file nested too deeply to read names the fix', () => {
    expect(errorOf('['.repeat(100000))).toContain('invalid YAML: nested too deeply to read; a policy needs only a few levels, so flatten the file');
  });

  // Values were quoted raw: an ESC sequence reached the terminal, and "sh\u200bell" read as "shell".
  test.each([
    ['rules:\n  - capability: "shell\\u0000\\u001b[31mRED\\u0007"\n    effect: deny\n', '2:17: unknown capability "shell\\u0000\\u001b[31mRED\\u0007"'],
    ['rules:\n  - capability: "sh\\u200bell"\n    effect: deny\n', '2:17: unknown capability "sh\\u200bell"'],
    ['rules:\n  - capability: shell\n    effect: "de\\u202eny"\n', '3:13: unknown effect "de\\u202eny"'],
    ['rules:\n  - capability: shell\n    effect: deny\n    "match\\u2060": ["x"]\n', '4:5: unknown key "match\\u2060" in a rule'],
    ['failOn: "deny\\tx\\u0085"\n', '1:9: failOn must be "deny" or "ask", got "deny\\u0009x\\u0085"'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: ["a\\u00ad{b"]\n', '4:13: bad glob "a\\u00ad{b": unbalanced "{"'],
  ])('%j: controls and invisible characters are spelled out', (text, expected) => {
    const message = errorOf(text);
    expect(message.slice(0, `p.yml:${expected}`.length)).toBe(`p.yml:${expected}`);
    expect(message).toMatch(/^[\x20-\x7e]*$/);
  });

  // The BOM was counted as a column of the first line (1:2 for a key at 1:1).
  test.each([
    ['\ufefffoo: 1\nrules: []\n', '1:1: unknown key "foo"'],
    ['\ufeffrules:\n  - capability: shel\n    effect: deny\n', '2:17: unknown capability "shel"'],
    ['\ufeffrules: {capability: shell}\n', '1:8: rules must be a list'],
    ['\ufeff', '1:1: the policy file is empty'],
  ])('after a BOM %j -> %s', (text, fragment) => {
    expect(errorOf(text).startsWith(`p.yml:${fragment}`)).toBe(true);
  });

  test('a BOM before a valid policy is accepted', () => {
    expect(loadPolicy('\ufeffrules:\n  - {capability: shell, effect: deny, match: ["rm *"]}\n', 'p.yml', 'workspace').rules).toHaveLength(1);
  });

  // `match: |` keeps the final line break, so the deny rule passed lint and never matched.
  test.each([
    ['rules:\n  - capability: shell\n    effect: deny\n    match: |\n      rm *\n', '4:12: match pattern "rm *\\u000a" contains a line break'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match: >\n      rm *\n', '4:12: match pattern "rm *\\u000a" contains a line break'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match:\n      - |\n        curl *\n', '5:9: match pattern "curl *\\u000a" contains a line break'],
    ['rules:\n  - capability: web_fetch\n    effect: deny\n    match: ["https://x.dev/*\\n"]\n', '4:13: match pattern "https://x.dev/*\\u000a" contains a line break'],
    ['rules:\n  - capability: mcp\n    effect: ask\n    exclude: ["a/b\\r"]\n', '4:15: exclude pattern "a/b\\u000d" contains a line break'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: |\n      secrets/**\n', '4:12: match pattern "secrets/**\\u000a" contains a line break'],
    ['trustedCommands: ["npm test\\nrm x"]\n', '1:19: trustedCommands pattern "npm test\\u000arm x" contains a line break'],
    ['models:\n  allow: |\n    gpt-*\n', '2:10: models.allow pattern "gpt-*\\u000a" contains a line break'],
    ['agents:\n  trailers: ["Generated-by: *\\n"]\n', '2:14: agents.trailers pattern "Generated-by: *\\u000a" contains a line break'],
    ['logs:\n  paths: |\n    logs/**\n', '2:10: logs.paths pattern "logs/**\\u000a" contains a line break'],
  ])('%j -> %s', (text, fragment) => {
    const message = errorOf(text);
    expect(message.startsWith(`p.yml:${fragment}`)).toBe(true);
    expect(message.endsWith('(a block scalar "|" or ">" keeps its last one); write the pattern on one line as a plain or quoted scalar')).toBe(true);
  });

  test('a block scalar that folds to one line is fine', () => {
    const p = loadPolicy('rules:\n  - capability: shell\n    effect: deny\n    match: |-\n      rm *\n', 'p.yml', 'workspace');
    expect(p.rules[0]?.match).toEqual(['rm *']);
  });

  // Audit 45, BC-1: patterns one per line without `- ` are folded by YAML into one pattern joined
  // by a space; the rule loaded as "ok" and its deny never fired.
  test.each([
    ['plain, one pattern per line', 'match:\n      secrets/**\n      **/*.pem\n', '5:7', '["secrets/**","**/*.pem"]'],
    ['folded >-', 'match: >-\n      secrets/**\n      **/*.pem\n', '4:12', '["secrets/**","**/*.pem"]'],
    ['a list item run on to the next line', 'match:\n      - secrets/**\n        **/*.pem\n', '5:9', '["secrets/**","**/*.pem"]'],
    ['a double-quoted pattern over two lines', 'match: "curl\n      *"\n', '4:12', null],
    ['exclude, plain over two lines', 'match: ["**"]\n    exclude:\n      a\n      b\n', '6:7', '["a","b"]'],
  ])('a pattern written over several lines is refused: %s', (_name, tail, at, list) => {
    const text = `rules:\n  - capability: fs_write\n    effect: deny\n    ${tail}`;
    const message = errorOf(text);
    expect(message.startsWith(`p.yml:${at}: `)).toBe(true);
    expect(message).toContain('is written over several lines, which YAML joins into this one pattern');
    if (list !== null) expect(message).toContain(list);
  });

  test('trustedCommands written over several lines are refused too', () => {
    expect(errorOf('rules: []\ntrustedCommands:\n  npm test\n  npm run lint\n')).toContain('is written over several lines');
  });

  test('many aliases: each resolves to the anchor before it', () => {
    // Alias.resolve searches the whole document, which made 4,000 aliases take about 40 s.
    const more = Array.from({ length: 4000 }, () => '  - {capability: shell, effect: deny, match: *m}').join('\n');
    const text = `rules:\n  - {capability: shell, effect: deny, match: &m ["rm *", "curl *"]}\n${more}\n  - {capability: shell, effect: ask, match: &m ["wget *"]}\n  - {capability: shell, effect: ask, match: *m}\n`;
    const policy = loadPolicy(text, 'p.yml', 'workspace');
    expect(policy.rules).toHaveLength(4003);
    expect(policy.rules[4000]?.match).toEqual(['rm *', 'curl *']);
    expect(policy.rules[4002]?.match).toEqual(['wget *']);
  });

  test('text patterns keep braces and brackets literal', () => {
    expect(() => loadPolicy('rules:\n  - {capability: shell, effect: deny, match: ["echo {a"]}\n', 'p.yml', 'workspace')).not.toThrow();
  });

  test('admin policy may deny and ask', () => {
    const p = loadPolicy('rules:\n  - {capability: shell, effect: deny, match: ["rm *"]}\n  - {capability: all, effect: ask}\n', 'a.yml', 'admin');
    expect(p.rules).toHaveLength(2);
  });
});

// Audit W-9: each sub-command is matched on its own, so a pattern spelling a compound command
// denies nothing. It still loads (SPEC 2 lists what is an error), with a warning naming the split.
describe('shell patterns holding a control operator', () => {
  test.each([
    ['shell', 'curl * | sh', '|', '["curl *", "sh"]'],
    ['shell', 'git add * && git push *', '&&', '["git add *", "git push *"]'],
    ['shell', 'make || true', '||', '["make", "true"]'],
    ['shell', 'npm test; curl *', ';', '["npm test", "curl *"]'],
    ['shell', 'npm test ; curl *', ';', '["npm test", "curl *"]'],
    ['shell', 'sleep 9 &', '&', '["sleep 9"]'],
    ['shell', 'cat x |& tee y', '|&', '["cat x", "tee y"]'],
    ['all', 'curl * | sh', '|', '["curl *", "sh"]'],
  ])('%s %j warns about %j', (capability, pattern, op, split) => {
    const p = loadPolicy(ruleWith(pattern, capability), 'p.yml', 'workspace');
    expect(p.rules).toHaveLength(1);
    expect(p.warnings).toEqual([`p.yml:4:13: warning: ${capability} match pattern ${JSON.stringify(pattern)} holds the control operator "${op}", but each sub-command is matched on its own (SPEC 5), so it matches only a command that quotes the operator as an argument; write one pattern per sub-command: ${split}`]);
  });

  test.each([
    // The match text joins argv with spaces: a quoted operator inside a word can be matched.
    'grep a|b *', 'echo a;b', 'sh -c *', 'echo x&&y', 'npm test *',
  ])('%j loads without a warning', (pattern) => {
    expect(loadPolicy(ruleWith(pattern, 'shell'), 'p.yml', 'workspace').warnings).toBeUndefined();
  });

  test('a web pattern is not a command', () => {
    expect(loadPolicy(ruleWith('a | b', 'web_fetch'), 'p.yml', 'workspace').warnings).toBeUndefined();
  });

  test('trustedCommands are held to the same reading', () => {
    const p = loadPolicy('trustedCommands: ["npm i && npm test"]\n', 'p.yml', 'workspace');
    expect(p.warnings?.[0]).toMatch(/^p\.yml:1:19: warning: trustedCommands pattern "npm i && npm test" holds the control operator "&&".*\["npm i", "npm test"\]$/);
  });
});

// Audit AM-2: the match text of a sub-command has no redirections, no quotes and, for deny and
// ask, no leading assignments (SPEC 5.2), so a deny spelled with one loaded quietly and denied nothing.
describe('shell patterns the match text can never hold', () => {
  test.each([
    // pattern, effect, the warning's tail after `warning: shell match pattern "<pattern>" `
    ['curl * > *', 'deny', 'holds the redirection ">", but the match text of a sub-command has no redirections (SPEC 5.2), so it matches only a command that quotes it as an argument; write it without the redirection: "curl *", and write a rule on fs_write for where a redirection may write'],
    ['make 2>&1', 'deny', 'holds the redirection "2>&1", but the match text of a sub-command has no redirections (SPEC 5.2), so it matches only a command that quotes it as an argument; write it without the redirection: "make", and write a rule on fs_write for where a redirection may write'],
    ['tee >>*.log', 'ask', 'pattern "tee >>*.log" holds the redirection ">>*.log"'],
    ['cat < /etc/shadow', 'deny', 'write it without the redirection: "cat"'],
    ['bash <<< *', 'deny', 'write it without the redirection: "bash"'],
    ['npm test &> out.txt', 'allow', 'write it without the redirection: "npm test"'],
    ['> *', 'deny', 'holds the redirection ">", but the match text of a sub-command has no redirections (SPEC 5.2), so it matches only a command that quotes it as an argument; write a pattern of the command itself instead, and write a rule on fs_write for where a redirection may write'],
    // Audit 41 AR-7: a bare `*` left over is never suggested, as it would deny every command.
    ['* >~/.ssh/*', 'deny', 'so it matches only a command that quotes it as an argument; write a pattern of the command itself instead,'],
    ['FOO+=1 *', 'deny', 'so it never fires; write a pattern of the command itself, which denies'],
    ["git 'push' *", 'deny', 'holds the quoted text \'push\', but quotes are removed from the match text of a sub-command (SPEC 5.2), so it matches only a command whose argument holds the quote characters themselves; write it without quotes: "git push *"'],
    ['rm -rf "/"', 'deny', 'holds the quoted text "/", but quotes are removed from the match text of a sub-command (SPEC 5.2), so it matches only a command whose argument holds the quote characters themselves; write it without quotes: "rm -rf /"'],
    ['FOO=1 rm *', 'deny', 'starts with the assignment "FOO=1", but leading assignments are left out of the text deny rules match (SPEC 5.2), so it never fires; write "rm *", which denies the command with or without the assignment'],
    ['A=1 B+=2 curl *', 'ask', 'starts with the assignment "A=1", but leading assignments are left out of the text ask rules match (SPEC 5.2), so it never fires; write "curl *", which asks about the command with or without the assignment'],
    ['LD_PRELOAD=*', 'deny', 'starts with the assignment "LD_PRELOAD=*", but leading assignments are left out of the text deny rules match (SPEC 5.2), so it never fires; write a pattern of the command itself, which denies the command with or without the assignment'],
  ])('%j (%s) warns', (pattern, effect, tail) => {
    const p = loadPolicy(`rules:\n  - capability: shell\n    effect: ${effect}\n    match: [${JSON.stringify(pattern)}]\n`, 'p.yml', 'workspace');
    expect(p.rules).toHaveLength(1);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings?.[0]?.startsWith(`p.yml:4:13: warning: shell match pattern ${JSON.stringify(pattern)} `)).toBe(true);
    expect(p.warnings?.[0]).toContain(` ${tail}`);
  });

  test.each([
    // An allow must match the text with its assignments, so there a leading assignment is right.
    ['FOO=1 npm test', 'allow'],
    // A process substitution is no redirection; `->`, `=>` and a `>` inside a word are argv.
    ['diff <(*) *', 'deny'], ['echo -> *', 'deny'], ['awk $1>2 *', 'deny'],
    // A lone quote is a character an argument can hold.
    ["echo it's *", 'deny'],
    ['git push *', 'deny'], ['NOT_AN_ASSIGNMENT rm', 'deny'], ['env FOO=1 rm *', 'deny'],
  ])('%j (%s) loads without a warning', (pattern, effect) => {
    const p = loadPolicy(`rules:\n  - capability: shell\n    effect: ${effect}\n    match: [${JSON.stringify(pattern)}]\n`, 'p.yml', 'workspace');
    expect(p.warnings).toBeUndefined();
  });

  test('an exclude is read for redirections and quotes, not for assignments', () => {
    const p = loadPolicy('rules:\n  - capability: shell\n    effect: deny\n    match: ["rm *"]\n    exclude: ["FOO=1 rm x", "rm \'x\'"]\n', 'p.yml', 'workspace');
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings?.[0]).toMatch(/^p\.yml:5:29: warning: shell exclude pattern "rm 'x'" holds the quoted text 'x'/);
  });

  test('trustedCommands and all/builtin rules are read the same way', () => {
    const p = loadPolicy('trustedCommands: ["npm test > log"]\nrules:\n  - {capability: all, effect: deny, match: ["X=1 curl *"]}\n', 'p.yml', 'workspace');
    expect(p.warnings).toEqual([
      expect.stringMatching(/^p\.yml:1:19: warning: trustedCommands pattern "npm test > log" holds the redirection ">"/),
      expect.stringMatching(/^p\.yml:3:45: warning: all match pattern "X=1 curl \*" starts with the assignment "X=1"/),
    ]);
  });

  test('each warned deny pattern indeed never fires, and its suggested spelling does', () => {
    const shell = (pattern: string, command: string): string => effectOf(policyOf({ workspace: `rules:\n  - {capability: shell, effect: deny, match: [${JSON.stringify(pattern)}]}\n  - {capability: shell, effect: allow}\n  - {capability: fs_write, effect: allow}\n` }), 'shell', command);
    expect(shell('curl * > *', 'curl x > y')).toBe('allow');
    expect(shell('curl *', 'curl x > y')).toBe('deny');
    expect(shell("git 'push' *", "git 'push' x")).toBe('allow');
    expect(shell('git push *', "git 'push' x")).toBe('deny');
    expect(shell('FOO=1 rm *', 'FOO=1 rm x')).toBe('allow');
    expect(shell('rm *', 'FOO=1 rm x')).toBe('deny');
  });
});

// Audit AM-3: `app/[tenant]/**` reads `[tenant]` as a class of one character, so a deny meant for
// the route folder `app/[tenant]/` left it open and loaded without a word.
describe('route-like bracket segments in filesystem patterns', () => {
  test.each([
    ['app/[tenant]/**', 'fs_write', 'match', '4:13: warning: fs_write match pattern "app/[tenant]/**" holds [tenant], which is a character class matching one character, not a name spelled with brackets (such as a route folder); to match the name as written, escape the brackets: "app/\\\\[tenant\\\\]/**"; for one of the characters "t", "e", "n", "a", write {t,e,n,a}'],
    ['pages/[...slug].tsx', 'fs_write', 'match', '4:13: warning: fs_write match pattern "pages/[...slug].tsx" holds [...slug], which is a character class matching one character, not a name spelled with brackets (such as a route folder); to match the name as written, escape the brackets: "pages/\\\\[...slug\\\\].tsx"'],
    ['[id]', 'filesystem', 'exclude', '4:15: warning: filesystem exclude pattern "[id]" holds [id]'],
    ['x/[a]/[b]/y', 'fs_write', 'match', 'holds [a], which is a character class matching one character, not a name spelled with brackets (such as a route folder); to match the name as written, escape the brackets: "x/\\\\[a\\\\]/\\\\[b\\\\]/y"'],
  ])('%j (%s %s) warns', (pattern, capability, key, expected) => {
    const p = loadPolicy(ruleWith(pattern, capability, key as 'match' | 'exclude'), 'p.yml', 'workspace');
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings?.[0]).toContain(expected);
  });

  test.each([
    // Classes that are not a whole segment, ranges, negations, and escaped brackets.
    'src/**/*.[ch]', '[Mm]akefile', 'logs/[0-9]*', 'q/[!a]/x', 'k/[a-z]/x', 'app/\\[tenant\\]/**', 'v[12]/x',
  ])('%j loads without a warning', (pattern) => {
    expect(loadPolicy(ruleWith(pattern), 'p.yml', 'workspace').warnings).toBeUndefined();
  });

  test('the escaped spelling the warning names matches the route folder; the class does not', () => {
    const deny = (pattern: string, path: string): string => effectOf(policyOf({ workspace: `rules:\n  - {capability: fs_write, effect: deny, match: [${JSON.stringify(pattern)}]}\n  - {capability: fs_write, effect: allow}\n` }), 'fs_write', path);
    expect(deny('app/[tenant]/**', 'app/[tenant]/page.tsx')).toBe('allow');
    expect(deny('app/\\[tenant\\]/**', 'app/[tenant]/page.tsx')).toBe('deny');
  });
});

/** One deny rule with `pattern` as its only `match` (or `exclude`) entry, at 4:13 (4:15). */
function ruleWith(pattern: string, capability = 'fs_write', key: 'match' | 'exclude' = 'match'): string {
  return `rules:\n  - capability: ${capability}\n    effect: deny\n    ${key}: [${JSON.stringify(pattern)}]\n`;
}

// Audit L-1: paths are files and have no `.` or empty segment (such a path is denied as malformed
// before rules see it), so these globs matched nothing, and lint said "ok".
describe('filesystem patterns that could never match a file', () => {
  test.each([
    // pattern, capability, key, expected message after "p.yml:"
    ['secrets/**/', 'fs_write', 'match', '4:13: bad glob "secrets/**/": it ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("secrets/**")'],
    ['config/prod/*/', 'fs_write', 'match', '4:13: bad glob "config/prod/*/": it ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("config/prod/*")'],
    ['**/*.pem/', 'fs_read', 'match', '4:13: bad glob "**/*.pem/": it ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("**/*.pem")'],
    ['secrets/*/', 'filesystem', 'exclude', '4:15: bad glob "secrets/*/": it ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("secrets/*")'],
    ['~/.ssh/*/', 'fs_write', 'match', '4:13: bad glob "~/.ssh/*/": it ends in "/" after a wildcard'],
    ['/etc/**/', 'fs_write', 'match', '4:13: bad glob "/etc/**/": it ends in "/" after a wildcard'],
    ['secrets/[ab]/', 'fs_write', 'match', 'bad glob "secrets/[ab]/": it ends in "/" after a wildcard'],
    ['secrets/./**', 'fs_write', 'match', '4:13: bad glob "secrets/./**": it has a "." segment, which no path has; remove it ("secrets/**")'],
    ['secrets/.', 'fs_write', 'match', 'bad glob "secrets/.": it has a "." segment, which no path has; remove it ("secrets")'],
    ['/etc/./x', 'fs_write', 'match', 'it has a "." segment, which no path has; remove it ("/etc/x")'],
    ['~/./x', 'fs_write', 'match', 'it has a "." segment, which no path has; remove it ("~/x")'],
    ['./.', 'fs_write', 'match', 'it has a "." segment, which no path has; remove it (".")'],
    ['a//b', 'fs_write', 'match', '4:13: bad glob "a//b": it has an empty segment ("//"), which no path has; write one "/" ("a/b")'],
    ['secrets/**//x', 'fs_write', 'exclude', '4:15: bad glob "secrets/**//x": it has an empty segment ("//"), which no path has; write one "/" ("secrets/**/x")'],
    ['//secrets/**', 'fs_write', 'match', 'bad glob "//secrets/**": it has an empty segment ("//"), which no path has; write one "/" ("/secrets/**")'],
    // The leading "./" is dropped, which left the absolute "/secrets/**".
    ['.//secrets/**', 'fs_write', 'match', '4:13: bad glob ".//secrets/**": it has an empty segment ("//"), which no path has (once the leading "./" is dropped, "/secrets/**" is left: an absolute pattern); write one "/" ("./secrets/**")'],
    ['././/x', 'fs_write', 'match', '(once the leading "./" is dropped, "/x" is left: an absolute pattern); write one "/" ("././x")'],
    ['./', 'fs_write', 'match', '4:13: bad glob "./": it names nothing once its leading "./" is dropped; write "**" for every path in the workspace'],
    // Workspace paths never start with "..", and an empty alternative made `{src,}/x` absolute.
    ['../secrets/**', 'fs_write', 'match', 'bad glob "../secrets/**": it starts with "..", which no workspace path does'],
    ['..', 'fs_write', 'match', 'bad glob "..": it starts with ".."'],
    ['./../x', 'fs_write', 'match', 'it starts with ".."'],
    ['{secrets,}/**', 'fs_write', 'match', 'bad glob "{secrets,}/**": alternative "/**" is absolute, which the pattern as written is not'],
    // Every brace alternative is checked; the one at fault is named.
    ['{secrets/**/,keys/**}', 'fs_write', 'match', '4:13: bad glob "{secrets/**/,keys/**}": alternative "secrets/**/" ends in "/" after a wildcard, so it matches folders only and never a file; drop the final "/" ("secrets/**")'],
    ['secrets/{.,x}/**', 'fs_write', 'match', 'bad glob "secrets/{.,x}/**": alternative "secrets/./**" has a "." segment, which no path has; remove it ("secrets/**")'],
    // Deny and ask rules match through the NFKC form, where a fullwidth solidus is a "/".
    ['secrets/**\uff0f', 'fs_write', 'match', 'bad glob "secrets/**\uff0f": once NFKC-normalised as paths are, it ends in "/" after a wildcard'],
  ])('%j (%s %s) -> %s', (pattern, capability, key, expected) => {
    const message = errorOf(ruleWith(pattern, capability, key as 'match' | 'exclude'));
    expect(message).toMatch(key === 'match' ? /^p\.yml:4:13: bad glob / : /^p\.yml:4:15: bad glob /);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  test.each([
    ['logs:\n  paths: [".agent-gate/log/**/"]\n', '2:11: bad glob ".agent-gate/log/**/": it ends in "/" after a wildcard'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: secrets/**/\n', '4:12: bad glob "secrets/**/"'],
  ])('%j -> %s', (text, expected) => {
    expect(errorOf(text).startsWith(`p.yml:${expected}`)).toBe(true);
  });

  test.each([
    'secrets/', // no wildcard: the folder and everything below it
    'secrets/{a,b}/', // each alternative has no wildcard
    './secrets/**', '././secrets/**', '.', '~', '~/', '~/.ssh/**', '/', '/etc/**', '**',
    'x/../secrets/**', // a `..` inside is read as before (minimatch folds it); a leading one is refused above
  ])('%j is accepted', (pattern) => {
    expect(() => loadPolicy(ruleWith(pattern), 'p.yml', 'workspace')).not.toThrow();
    expect(() => loadPolicy(ruleWith(pattern, 'fs_read', 'exclude'), 'p.yml', 'workspace')).not.toThrow();
  });

  // `all` and `builtin` patterns are text patterns too, where "//" and a final "/" are ordinary.
  test.each(['all', 'builtin'])('a %s rule may hold a URL pattern', (capability) => {
    expect(() => loadPolicy(ruleWith('https://evil.example/*/', capability), 'p.yml', 'workspace')).not.toThrow();
  });
});

// Audit L-4: minimatch reads "\" as an escape, Windows (and the canonical form) as a separator, so
// `config\prod\app.yml` was the one name `configprodapp.yml` and the deny never fired.
describe('"\\" in filesystem patterns', () => {
  test.each([
    ['config\\prod\\app.yml', 'fs_write', 'match', '4:13: bad glob "config\\prod\\app.yml": "\\" is an escape in patterns, not a folder separator ("\\p" is a plain "p"); separate folders with "/" ("config/prod/app.yml")'],
    ['secrets\\**', 'fs_write', 'match', '4:13: bad glob "secrets\\**": "\\" is an escape in patterns, not a folder separator ("\\*" is a literal "*"); separate folders with "/" ("secrets/**"), and write a literal "*" or "?" as "[*]" or "[?]"'],
    ['**\\*.pem', 'fs_read', 'exclude', '4:15: bad glob "**\\*.pem": "\\" is an escape in patterns, not a folder separator ("\\*" is a literal "*"); separate folders with "/" ("**/*.pem")'],
    ['src\\?.ts', 'filesystem', 'match', '("\\?" is a literal "?"); separate folders with "/" ("src/?.ts")'],
    ['secrets\\', 'fs_write', 'match', '4:13: bad glob "secrets\\": "\\" is an escape in patterns, not a folder separator (a final "\\" escapes nothing); separate folders with "/" ("secrets/")'],
    ['*\\.pem', 'fs_write', 'match', '("\\." is a plain ".")'],
    // `@`, `!` and `+` are special only before "(".
    ['node_modules\\@types', 'fs_write', 'match', '("\\@" is a plain "@"); separate folders with "/" ("node_modules/@types")'],
    ['a\\\\b\\c', 'fs_write', 'match', '("\\c" is a plain "c"); separate folders with "/" ("a\\\\b/c")'],
    // The NFKC form deny and ask rules match with turns a fullwidth reverse solidus into "\".
    ['config\uff3cprod', 'fs_write', 'match', 'bad glob "config\uff3cprod": once NFKC-normalised as paths are, "\\" is an escape in patterns'],
  ])('%j (%s %s) -> %s', (pattern, capability, key, expected) => {
    const message = errorOf(ruleWith(pattern, capability, key as 'match' | 'exclude'));
    expect(message).toMatch(key === 'match' ? /^p\.yml:4:13: bad glob / : /^p\.yml:4:15: bad glob /);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  test('logs.paths too', () => {
    expect(errorOf('logs:\n  paths: [".agent-gate\\\\log\\\\**"]\n')).toContain('p.yml:2:11: bad glob ".agent-gate\\log\\**": "\\" is an escape in patterns');
  });

  test.each([
    'pages/\\[id\\].tsx', 'a/\\{x,y\\}', '{a\\,b,c}/**', 'x/\\(y\\)', 'x/\\@(y)', 'x/\\!(y)', 'x/\\+(y)', 'a/\\\\b', '\\~/x',
    '[\\]]', 'a[\\-_]b', // inside a bracket expression, "\" escapes anything
    '\\~root/x', '~$*.docx', '~*', '**/~*.tmp', '~alice', '$tf/**', '@(a|b)/**', 'x/!(y)', 'docs (old)/**', 'app/(auth)/x', 'a/*(b|c)/d', // groups closed in their folder
  ])('%j is accepted', (pattern) => {
    expect(() => loadPolicy(ruleWith(pattern), 'p.yml', 'workspace')).not.toThrow();
  });

  test('all and builtin patterns are text too, where "\\" is ordinary', () => {
    expect(() => loadPolicy(ruleWith('echo a\\b', 'all'), 'p.yml', 'workspace')).not.toThrow();
  });
});

// Audit L-3: a request's text has single spaces between its words and none at either end (a
// command's argv joined by single spaces, SPEC 5.2), so these patterns never fired.
describe('whitespace in text patterns', () => {
  const WHY = 'request texts have single spaces between words and none at either end, so the rule would not fire';
  test.each([
    [ruleWith('rm * ', 'shell'), `4:13: match pattern "rm * " ends with whitespace: ${WHY}; write "rm *"`],
    [ruleWith(' curl *', 'shell'), `4:13: match pattern " curl *" starts with whitespace: ${WHY}; write "curl *"`],
    [ruleWith('git  push *', 'shell'), `4:13: match pattern "git  push *" has a run of 2 whitespace characters: ${WHY}; write "git push *"`],
    [ruleWith('git push\t*', 'shell', 'exclude'), `4:15: exclude pattern "git push\\u0009*" has whitespace other than a plain space (U+0009): ${WHY}; write "git push *"`],
    [ruleWith('rm\u00a0-rf *', 'shell'), 'has whitespace other than a plain space (U+00A0)'],
    [ruleWith('rm\u3000*', 'shell'), 'has whitespace other than a plain space (U+3000)'],
    [ruleWith('rm\u0085*', 'shell'), 'has whitespace other than a plain space (U+0085)'],
    [ruleWith(' https://evil.example/*', 'web_fetch'), '4:13: match pattern " https://evil.example/*" starts with whitespace'],
    [ruleWith('github/delete_repo ', 'mcp'), '4:13: match pattern "github/delete_repo " ends with whitespace'],
    [ruleWith('how to  *', 'web_search'), 'has a run of 2 whitespace characters'],
    [ruleWith('x ', 'subagent'), 'match pattern "x " ends with whitespace'],
    ['trustedCommands: ["npm test ", "git status"]\n', `1:19: trustedCommands pattern "npm test " ends with whitespace: ${WHY}; write "npm test"`],
    ['models:\n  allow: [auto, " gpt-4o"]\n', '2:17: models.allow pattern " gpt-4o" starts with whitespace'],
  ])('%j -> %s', (text, expected) => {
    const message = errorOf(text);
    expect(message).toMatch(/^p\.yml:\d+:\d+: /);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  test('single spaces, and filesystem, all and agents patterns, are fine', () => {
    expect(() => loadPolicy(`${ruleWith('npm run build *', 'shell')}  - {capability: fs_write, effect: deny, match: ["my  file.txt", " x"]}
  - {capability: all, effect: deny, match: ["a  b"]}
trustedCommands: ["npm test *"]
models: {allow: ["claude-sonnet-4.5"]}
agents: {identities: ["John  Doe <*>"]}
`, 'p.yml', 'workspace')).not.toThrow();
  });
});

// Audit EE-3: YAML keeps U+2028, U+2029 and U+0085 inside a scalar, which editors show as the end
// of the line, and a path never ends its name in whitespace or holds a control character (the
// canonical form drops final spaces; a control makes a path malformed): such a filesystem pattern
// linted clean and never fired.
describe('line breaks, control characters and final whitespace in filesystem patterns', () => {
  test.each([
    // The audit's reproducers, as written.
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match:\n      - secrets/**\u2028\n      - "**/.env"\n',
      '5:9: match pattern "secrets/**\\u2028" contains a line break (U+2028), which YAML keeps inside the scalar though editors end the line there, so the rule would not fire; delete it ("secrets/**")'],
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: secrets/**\u0085\n', '4:12: match pattern "secrets/**\\u0085" contains a line break (U+0085)'],
    [ruleWith('secrets/** '), '4:13: match pattern "secrets/** " ends with whitespace (U+0020): the canonical form of a path drops a name\'s final spaces, and a path holding a tab or other control character is denied as malformed, so the rule would not fire; write "secrets/**"'],
    [ruleWith('secrets/**\t'), '4:13: match pattern "secrets/**\\u0009" ends with whitespace (U+0009)'],
    [ruleWith('secrets/**\u2029', 'fs_read'), '4:13: match pattern "secrets/**\\u2029" contains a line break (U+2029)'],
    [ruleWith('a/**\u3000', 'fs_read', 'exclude'), '4:15: exclude pattern "a/**\u3000" ends with whitespace (U+3000)'],
    [ruleWith('**/.env \t ', 'filesystem'), 'ends with whitespace (U+0020)'],
    [ruleWith('secrets/\u0001k'), '4:13: match pattern "secrets/\\u0001k" contains the control character U+0001: a path holding one is denied as malformed before rules see it, so the rule would not fire; delete it ("secrets/k")'],
    [ruleWith('my\tfile.txt'), 'contains the control character U+0009'],
    [ruleWith('a\u007f/**'), 'contains the control character U+007F'],
    [ruleWith('a\u2028b/**', 'filesystem'), 'contains a line break (U+2028)'],
    // `all` and `builtin` patterns are paths as well as texts, where none of these can match either.
    [ruleWith('secrets/** ', 'all'), 'match pattern "secrets/** " ends with whitespace'],
    [ruleWith('curl *\u0085', 'builtin'), 'contains a line break (U+0085)'],
    ['logs:\n  paths: [".agent-gate/log/** "]\n', '2:11: logs.paths pattern ".agent-gate/log/** " ends with whitespace (U+0020)'],
    ['rules:\n  - capability: fs_write\n    effect: ask\n    match: ["secrets/**", "**/*.pem\\t"]\n', '4:27: match pattern "**/*.pem\\u0009" ends with whitespace'],
  ])('%j -> %s', (text, expected) => {
    const message = errorOf(text);
    expect(message).toMatch(/^p\.yml:\d+:\d+: /);
    // A fragment that starts with its position names where the error points.
    if (/^\d/.test(expected)) expect(message.startsWith(`p.yml:${expected}`)).toBe(true);
    else expect(message).toContain(expected);
    // One line, with the stray character spelled out.
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  test.each(['my file.txt', 'my  file.txt', ' x', 'dir name/**', 'a b/c d.txt', 'secrets/\u200bk'])('%j is accepted', (pattern) => {
    expect(() => loadPolicy(ruleWith(pattern), 'p.yml', 'workspace')).not.toThrow();
    expect(() => loadPolicy(ruleWith(pattern, 'fs_read', 'exclude'), 'p.yml', 'workspace')).not.toThrow();
  });
});

// Audit L-7: a zero-width or bidi character in a text pattern never meets the command it shows,
// so `"rm\u200b *"` read as `"rm *"` in review and never fired.
describe('invisible characters in text patterns', () => {
  const WHY = 'an invisible character (default-ignorable or a bidi control): the text it shows would not match it';
  test.each([
    [ruleWith('rm\u200b *', 'shell'), `4:13: match pattern "rm\\u200b *" contains U+200B, ${WHY}; delete it ("rm *")`],
    [ruleWith('cu\u00adrl *', 'shell', 'exclude'), `4:15: exclude pattern "cu\\u00adrl *" contains U+00AD, ${WHY}; delete it ("curl *")`],
    [ruleWith('https://\u202eevil.example/*', 'web_fetch'), 'contains U+202E, '],
    [ruleWith('github/\u2066delete_repo\u2069', 'mcp'), 'contains U+2066, '],
    [ruleWith('how\u061c to *', 'web_search'), 'contains U+061C, '],
    [ruleWith('rm\u180e *', 'shell'), 'contains U+180E, '],
    [ruleWith('rm\u2060 *', 'shell'), 'contains U+2060, '],
    // Outside the BMP: a tag character, spelled as its UTF-16 pair.
    [ruleWith('rm\u{e0041} *', 'shell'), `4:13: match pattern "rm\\udb40\\udc41 *" contains U+E0041, ${WHY}; delete it ("rm *")`],
    ['trustedCommands: ["\ufeffnpm test *"]\n', `1:19: trustedCommands pattern "\\ufeffnpm test *" contains U+FEFF, ${WHY}; delete it ("npm test *")`],
    ['models:\n  allow: ["claude\u200e-*"]\n', '2:11: models.allow pattern "claude\\u200e-*" contains U+200E, '],
  ])('%j -> %s', (text, expected) => {
    const message = errorOf(text);
    expect(message).toMatch(/^p\.yml:\d+:\d+: /);
    expect(message).toContain(expected);
    // Spelled out: nothing invisible reaches the terminal.
    expect(message).toMatch(/^[\x20-\x7e]*$/);
  });

  test('filesystem patterns drop default-ignorables in canonical form, so they stay accepted', () => {
    expect(() => loadPolicy(ruleWith('secr\u200bets/**'), 'p.yml', 'workspace')).not.toThrow();
  });
});

// Audit L-2: `match: secrets/**, **/.env` is one YAML string, so the rule named one pattern that
// matched nothing, and lint said ok.
describe('a pattern list written as one string with ", "', () => {
  test.each([
    ['rules:\n  - capability: fs_write\n    effect: deny\n    match: secrets/**, **/.env\n', '4:12: match is one string holding ", ", which YAML reads as the single pattern "secrets/**, **/.env"; write a list (["secrets/**", "**/.env"]), or a one-element list (["secrets/**, **/.env"]) if one pattern is meant'],
    ['rules:\n  - capability: shell\n    effect: deny\n    match: rm *, curl *\n', '4:12: match is one string holding ", ", which YAML reads as the single pattern "rm *, curl *"; write a list (["rm *", "curl *"])'],
    // Audit 49, BO-6: a flow list quoted whole is suggested as the list inside its brackets.
    ['rules:\n  - {capability: fs_write, effect: deny, match: "[secrets/**, **/.env]"}\n', '2:49: match is one string holding ", ", which YAML reads as the single pattern "[secrets/**, **/.env]"; write a list (["secrets/**", "**/.env"])'],
    ['rules:\n  - capability: shell\n    effect: allow\n    exclude: "npm publish*, npm run x"\n', '4:14: exclude is one string holding ", "'],
    ['trustedCommands: npm test, git status\n', '1:18: trustedCommands is one string holding ", "'],
    ['models:\n  allow: auto, claude-sonnet-4.5\n', '2:10: models.allow is one string holding ", "'],
    ['agents:\n  identities: "* <a@bots.example>, * <b@bots.example>"\n', '2:15: agents.identities is one string holding ", "'],
    ['logs:\n  paths: a/**, b/**\n', '2:10: logs.paths is one string holding ", "'],
  ])('%j -> %s', (text, expected) => {
    const message = errorOf(text);
    expect(message.startsWith(`p.yml:${expected}`)).toBe(true);
    expect(message).not.toContain('\n');
  });

  test('a list, or a string without ", ", is fine', () => {
    const p = loadPolicy('rules:\n  - {capability: shell, effect: deny, match: ["echo a, b"]}\n  - {capability: fs_write, effect: deny, match: "a,b/**"}\n', 'p.yml', 'workspace');
    expect(p.rules.map((r) => r.match)).toEqual([['echo a, b'], ['a,b/**']]);
  });
});

// Audit L-5: SPEC 7 reads agents.identities as globs over "Name <email>" and agents.trailers as
// globs over "Key: value"; an entry that cannot match that text left the agent's commits unjudged.
describe('agents entries that can never match', () => {
  test.each([
    ['identities', 'ci-bot@bots.example', '2:16: agents.identities entry "ci-bot@bots.example" can never match: an identity is matched as "Name <email>" (both parts; * for any run); write "* <ci-bot@bots.example>"'],
    ['identities', 'Release Bot', 'write "Release Bot <*>"'],
    ['identities', '*@bots.example', 'write "* <*@bots.example>"'],
    ['identities', '<ci-bot@bots.example>', 'write "* <ci-bot@bots.example>"'],
    ['identities', 'Bot<ci-bot@bots.example>', 'write "Bot <ci-bot@bots.example>"'],
    ['identities', '* <ci-bot@bots.example> ', 'write "* <ci-bot@bots.example>"'],
    ['trailers', 'Generated-by', '2:14: agents.trailers entry "Generated-by" can never match: a trailer is matched as "Key: value" (a key of letters, digits and "-"; * for any run); write "Generated-by: *"'],
    ['trailers', 'Generated-by:some-bot*', 'write "Generated-by: some-bot*"'],
    ['trailers', 'Generated by: *', 'write "Generated-by: *"'],
    ['trailers', ' Generated-by: *', 'write "Generated-by: *"'],
    // Audit 38, AK-6: with no key, the fix echoed the refused entry back.
    ['trailers', ': x', 'write "*: x"'],
  ])('agents.%s %j -> %s', (key, entry, expected) => {
    const message = errorOf(`agents:\n  ${key}: [${JSON.stringify(entry)}]\n`);
    expect(message).toMatch(new RegExp(`^p\\.yml:2:${key === 'identities' ? 16 : 14}: agents\\.${key} entry `));
    expect(message).toContain(expected);
  });

  test('entries that can match are accepted, and do match', () => {
    const p = loadPolicy(`agents:
  identities: ["* <*@bots.example>", "Release Bot*", "*ci-bot*", "Kiro Agent <*>"]
  trailers: ["Generated-by: *", "Generated-by*", "*: some-bot*", "Co-authored-by: * <bot@x.example>"]
`, 'p.yml', 'workspace');
    const agents = p.agents;
    expect(agents).toBeDefined();
    const who = (name: string, email: string): boolean =>
      detectAgent({ authorName: name, authorEmail: email, committerName: 'H', committerEmail: 'h@x', message: 'x' }, { agents }).agent;
    expect(who('Release Bot', 'rb@corp.example')).toBe(true);
    expect(who('Someone', 'ci-bot@corp.example')).toBe(true);
    const by = (trailer: string): boolean =>
      detectAgent({ authorName: 'H', authorEmail: 'h@x', committerName: 'H', committerEmail: 'h@x', message: `Fix\n\n${trailer}\n` }, { agents }).agent;
    expect(by('Generated-by: tool 1.2')).toBe(true);
    expect(by('Reviewed-by: some-bot 2')).toBe(true);
  });
});

// Audit Z-6: the error named 1:1 whatever the bad byte's place.
describe('a policy file that is not UTF-8 names the first bad byte', () => {
  test.each<[string, Buffer, string]>([
    ['a Latin-1 byte on line 3', Buffer.concat([Buffer.from('rules:\n  - {capability: shell, effect: deny, match: ["a"]}\n  - x: "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]), 'p.yml:3:12'],
    ['after a BOM and a 4-byte character', Buffer.concat([Buffer.from('\ufeff# 😀 '), Buffer.from([0xff])]), 'p.yml:1:6'],
    ['a lone continuation byte first', Buffer.from([0x80, 0x41]), 'p.yml:1:1'],
    ['an overlong form', Buffer.from([0x41, 0xc0, 0x80]), 'p.yml:1:2'],
    ['a UTF-16 surrogate', Buffer.from([0x0a, 0xed, 0xa0, 0x80]), 'p.yml:2:1'],
    ['a sequence cut short at the end', Buffer.from([0x41, 0x42, 0xe2, 0x82]), 'p.yml:1:3'],
    ['CRLF lines', Buffer.concat([Buffer.from('a: 1\r\nb: '), Buffer.from([0xfe])]), 'p.yml:2:4'],
  ])('%s', (_name, bytes, at) => {
    expect(notUtf8Error('p.yml', bytes).message).toBe(`${at}: the policy file is not valid UTF-8; save it as UTF-8`);
  });
});

// Audit Z-5: `**` is literal in allow text patterns; written as a glob it matches almost nothing.
describe('"**" in allow text patterns', () => {
  test.each([
    ['web_fetch', 'https://docs.example/**', 'https://docs.example/*'],
    ['mcp', 'github/**', 'github/*'],
    ['shell', 'npm **', 'npm *'],
  ])('%s %j warns and names %j', (capability, pattern, fix) => {
    const p = loadPolicy(`rules:\n  - capability: ${capability}\n    effect: allow\n    match: [${JSON.stringify(pattern)}]\n`, 'p.yml', 'workspace');
    expect(p.warnings).toEqual([`p.yml:4:13: warning: ${capability} match pattern ${JSON.stringify(pattern)} holds "**", which is literal in allow text patterns (it cannot widen an allow), so it matches only text holding two asterisks; write "*", which matches any run of characters: ${JSON.stringify(fix)}`]);
  });

  // Audit 41: in a command, `src/**/*.ts` is the shell glob typed as written; `*` would widen the allow.
  test.each([
    ['shell', 'prettier --write src/**/*.ts'],
    ['shell', 'rm -rf build/**'],
  ])('%s %j: a "**" inside a word gets no "*" suggestion', (capability, pattern) => {
    const p = loadPolicy(`rules:\n  - capability: ${capability}\n    effect: allow\n    match: [${JSON.stringify(pattern)}]\n`, 'p.yml', 'workspace');
    expect(p.warnings).toEqual([`p.yml:4:13: warning: ${capability} match pattern ${JSON.stringify(pattern)} holds "**" inside a word, which is literal in allow text patterns (it cannot widen an allow): it matches a command that spells that glob as written, not other paths; "*" would match any run of characters, spaces and options included, so list the commands to allow instead`]);
  });

  test('a trusted command with "**" inside a word gets no "*" suggestion either', () => {
    const p = loadPolicy('trustedCommands: ["eslint --fix src/**"]\n', 'p.yml', 'workspace');
    expect(p.warnings).toEqual(['p.yml:1:19: warning: trustedCommands pattern "eslint --fix src/**" holds "**" inside a word, which is literal in allow text patterns (it cannot widen an allow): it matches a command that spells that glob as written, not other paths; "*" would match any run of characters, spaces and options included, so list the commands to allow instead']);
  });

  test('models.allow and trustedCommands too', () => {
    const p = loadPolicy('models:\n  allow: ["claude-**"]\ntrustedCommands: ["git **"]\n', 'p.yml', 'workspace');
    expect(p.warnings?.map((w) => w.slice(0, w.indexOf(' holds')))).toEqual(['p.yml:2:11: warning: models.allow pattern "claude-**"', 'p.yml:3:19: warning: trustedCommands pattern "git **"']);
  });

  test.each([
    ['fs_write', 'allow', 'src/**'],
    ['web_fetch', 'deny', 'https://x.example/**'],
    ['web_fetch', 'allow', 'https://docs.example/*'],
  ])('%s %s %j loads without a warning', (capability, effect, pattern) => {
    expect(loadPolicy(`rules:\n  - {capability: ${capability}, effect: ${effect}, match: [${JSON.stringify(pattern)}]}\n`, 'p.yml', 'workspace').warnings).toBeUndefined();
  });
});

// Audit 43, AW-4: YAML ends a comment at a lone CR (and PyYAML, editors and web diffs end the line
// at U+0085, U+2028 and U+2029), but this parser read the rule after one as comment text: lint said
// "ok" while Kiro and a reviewer saw a deny rule that was never enforced. Control characters YAML
// forbids (an escape sequence can erase a rule from a terminal's view) were accepted too.
describe('line breaks and control characters a reader would disagree on, outside patterns', () => {
  const ALLOW = '  - {capability: shell, effect: allow, match: ["*"]}';
  const DENY = '  - {capability: shell, effect: deny, match: ["curl *", "rm *"]}';
  test.each([
    ['a lone CR ending a comment', `rules:\n${ALLOW}  # agents may run commands\r${DENY}\n`, '2:80: a carriage return not followed by a line feed'],
    ['a lone CR before a comment', `rules:\n${ALLOW}\r  # deny curl too\n${DENY}\n`, '2:53: a carriage return'],
    ['NEL in a comment', `rules:\n${ALLOW}  # x\u0085${DENY}\n`, '2:58: U+0085, a line break to editors'],
    ['LS in a comment', `rules:\n${ALLOW}  # x\u2028${DENY}\n`, 'U+2028, a line break to editors'],
    ['PS in a comment', `rules:\n${ALLOW}  # x\u2029${DENY}\n`, 'U+2029, a line break to editors'],
    ['FF in a comment', `rules:\n${ALLOW}  # x\f${DENY}\n`, 'the control character U+000C, which YAML does not allow'],
    ['VT in a comment', `rules:\n${ALLOW}  # x\v${DENY}\n`, 'the control character U+000B'],
    ['an escape sequence in a comment', `rules:\n${ALLOW}\n  # \u001b[1A\u001b[2K\u001b[1A\n`, '3:5: the control character U+001B'],
    ['NUL in a comment', 'rules: []\n# a\u0000b\n', '2:4: the control character U+0000'],
    ['DEL in a comment', 'rules: []\n# a\u007fb\n', 'the control character U+007F'],
    ['a C1 control in a comment', 'rules: []\n# a\u009bb\n', 'the control character U+009B'],
    ['a control character between tokens', 'rules: [] \u0007\n', '1:11: the control character U+0007'],
    ['a control character in a shell pattern', `rules:\n  - {capability: shell, effect: deny, match: ["curl\u0001*"]}\n`, 'U+0001'],
  ])('%s is refused with its place', (_what, text, expected) => {
    const message = errorOf(text);
    expect(message).toMatch(/^p\.yml:\d+:\d+: /);
    if (/^\d/.test(expected)) expect(message.startsWith(`p.yml:${expected}`)).toBe(true);
    else expect(message).toContain(expected);
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  test.each([
    ['CRLF line endings', `rules:\r\n${ALLOW}  # ok\r\n${DENY}\r\n`, 2],
    ['a tab in a comment', `rules:\n${ALLOW}  #\tok\n${DENY}\n`, 2],
    ['a byte order mark', `\ufeffrules:\n${ALLOW}\n`, 1],
    ['letters of other scripts in a comment', `rules:\n${ALLOW}  # café 日本 \u{1f600}\n`, 1],
    ['a quoted escape that names a control character', 'rules:\n  - {capability: shell, effect: deny, match: ["a\\tb"]}\n', null],
  ])('%s still loads', (_what, text, rules) => {
    if (rules === null) {
      // The pattern's own check speaks for it, not the file's.
      expect(errorOf(text)).toContain('whitespace other than a plain space');
      return;
    }
    expect(loadPolicy(text, 'p.yml', 'workspace').rules).toHaveLength(rules);
  });
});
