// The two built-in scopes of SPEC 3, as data. `kiro` cannot be switched off; `default` is Kiro's
// default agent policy.
import { literalGlob } from '../match/fs.ts';
import { BUILTIN_FILE, type PolicyFile } from './types.ts';

export const DEFAULT_POLICY_PATH = '.github/agent-gate.yml';
export const DEFAULT_LOG_PATHS: readonly string[] = ['.agent-gate/log/**'];
export const DEFAULT_NOTES_REF = 'refs/notes/agent-gate';
/** The pattern of the kiro rule that denies tampering with a command log (rule #9). */
export const LOG_TAMPER_PATTERN = 'append-only, chained command log';

/**
 * agent-gate's own V8 code cache (cli/codecache.ts, its default place): V8 checks cached code only
 * against the length of its source, so code written there runs in place of the bundle's (ZZ-3).
 */
export const CODE_CACHE_PATTERN = '~/.cache/agent-gate/**';

/** Kiro IDE protected paths (seed: "Protected path patterns"), matched on the canonical path. */
export const IDE_PROTECTED_CONTAINS: readonly string[] = ['.vscode/', 'vscode~', '.git/', 'git~', '.code-workspace'];
export const IDE_PROTECTED_BASENAMES: readonly string[] = ['.git', 'mcp.json', '.kiroignore'];

/**
 * The kiro scope's glob rules. The workspace policy file is appended at compile time, because its
 * path depends on where the policy came from; it is a file name, not a glob (`conf/[p]ol.yml`).
 */
export function kiroScope(policyPaths: readonly string[]): PolicyFile {
  return {
    file: BUILTIN_FILE,
    scope: 'kiro',
    rules: [
      { capability: 'fs_write', effect: 'deny', match: ['~/.kiro/settings/**', '**/.kiro/settings/**', '~/.kiro/workspace-roots/**', CODE_CACHE_PATTERN], line: 0 },
      { capability: 'fs_write', effect: 'deny', match: [...new Set([DEFAULT_POLICY_PATH, ...policyPaths])].map(literalGlob), line: 0 },
      { capability: 'fs_write', effect: 'ask', match: ['**/.git', '**/.git/**', '**/.kiro/agents/**', '**/.kiro/hooks/**', '**/.kiroignore'], line: 0 },
    ],
    trustedCommands: [],
    tests: [],
  };
}

const DEFAULT_SHELL = [
  'git status *', 'git log *', 'git diff *', 'git show *', 'git branch', 'git branch --list *',
  'git branch -a', 'git branch -r', 'git rev-parse *', 'git ls-files *', 'git remote -v', 'git blame *',
  'pwd', 'whoami', 'uname *', 'hostname', 'id *', 'date', 'which *', 'env',
];

export function defaultScope(): PolicyFile {
  return {
    file: BUILTIN_FILE,
    scope: 'default',
    rules: [
      { capability: 'fs_read', effect: 'allow', match: ['./**'], line: 0 },
      { capability: 'diagnostics', effect: 'allow', line: 0 },
      {
        capability: 'shell', effect: 'allow', match: DEFAULT_SHELL,
        // `--no-list` (any abbreviation from `--no-l`) undoes `git branch --list`, which then
        // deletes, renames or creates as told (audit 43, AW-1).
        exclude: ['*--output*', '*--ext-diff*', '*--textconv*', '*--exec*', '*--no-l*'], line: 0,
      },
    ],
    trustedCommands: [],
    tests: [],
  };
}
