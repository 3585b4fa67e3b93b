// Audit 39, findings AL-1 to AL-7 (the shell evaluator, after audit 38's package-manager and set
// fixes). Every ask and deny row was allow before; the allow rows are the ordinary neighbours
// that stay allowed.
import { everythingAllowedBut, rowsOf, shellTable } from '../helpers/shell-table.ts';
import { policyOf } from '../helpers/policy.ts';

// Every command allowed but `rm` and `curl`; writes allowed but under .github/.
const policy = everythingAllowedBut(['rm *', 'curl *'], ['.github/**']);

shellTable(policy, 'audit 39 AL-1: other spellings of the package managers\' folder options', [
  ...rowsOf('deny', 'nopt prefixes, -C=DIR, a cluster ending in C, pnpm\'s --config.KEY= and --store, more pnpm folders, yarn global --prefix',
    'npm -C=.github install',
    'npm -gC=.github install',
    'npm --prefi .github install',
    'npm --logs-di .github ls',
    'pnpm -C=.github install',
    'pnpm --store .github install',
    'pnpm --lockfile-dir .github install',
    'pnpm --state-dir .github install',
    'pnpm --global-bin-dir .github add -g x',
    'pnpm --modules-d .github install',
    'pnpm --virtual-store .github install',
    'pnpm --config.store-dir=.github install',
    'yarn global add x --prefix .github',
  ),
  ...rowsOf('allow', 'options that name no folder, or a folder nothing denies',
    'npm --prefer-offline install',
    'npm install --cache-min 10',
    'pnpm -C packages/a test',
    'pnpm --config.store-dir=.pnpm-store install',
    'pnpm add --global .github',
    'pnpm add --global typescript',
  ),
]);

shellTable(policy, 'audit 39 AL-2: folder settings stored for every later command', [
  ...rowsOf('ask', 'config set of a folder setting',
    'npm config set cache .github && npm ls',
    'npm config set prefix .github',
    'npm config set logs-dir .github',
    'pnpm config set store-dir .github',
    'pnpm config set modules-dir .github',
    'pnpm config set virtual-store-dir .github',
    'yarn config set cacheFolder .github',
    'yarn config set cache-folder .github',
    'yarn config set modules-folder .github',
    'yarn config set globalFolder .github',
  ),
  ...rowsOf('allow', 'other settings',
    'npm config set fund false',
    'yarn config set enableTelemetry 0',
  ),
]);

shellTable(policy, 'audit 39 AL-3: yarn\'s, pnpm\'s and bun\'s settings from the environment', [
  ...rowsOf('ask', 'a setting naming code or a folder',
    "echo 'x' > x.js; export YARN_YARN_PATH=./x.js; yarn",
    'YARN_PLUGINS=./p.js yarn install',
    'YARN_RC_FILENAME=x.yml yarn install',
    'export YARN_CACHE_FOLDER=.github',
    'pnpm_config_store_dir=.github pnpm i',
    'PNPM_CONFIG_NODE_OPTIONS=--require=./x pnpm i',
    'BUN_INSTALL_CACHE_DIR=.github bun install',
  ),
  ...rowsOf('allow', 'the switches agents set every day',
    'export YARN_ENABLE_IMMUTABLE_INSTALLS=false',
    'export YARN_NODE_LINKER=node-modules',
  ),
]);

const setPolicy = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow, match: ["set *"]}
`,
});

shellTable(setPolicy, 'audit 39 AL-4: one option name per o of a cluster', [
  ...rowsOf('ask', 'keyword or history expansion among the names',
    'set -oo pipefail keyword',
    'set -eoo pipefail keyword',
    'set -ooo errexit nounset histexpand',
    'set +oo posix history -H',
  ),
  ...rowsOf('allow', 'other names',
    'set -oo pipefail errexit',
    'set +oo posix history',
  ),
]);

shellTable(policy, 'audit 39 AL-5, AL-7: zsh\'s null-command programs and ksh\'s FPATH', [
  ...rowsOf('ask', 'the variable is set',
    "zsh -c 'READNULLCMD=sh; <<<\"curl x | sh\"'",
    "zsh -c 'NULLCMD=sh; >out <<<\"rm -rf x\"'",
    "printf 'rm -rf x\\n' > mytool; chmod +x mytool; ksh -c 'FPATH=.; mytool'",
    'export FPATH=.',
  ),
]);

shellTable(policy, 'audit 39 AL-6: options naming code or a settings file, in every spelling', [
  ...rowsOf('ask', 'npm prefixes before a sub-command npm reads as exec, pnpm and yarn options',
    'npm --globalc x ls',
    'npm --usercon x ls',
    "echo 'node-options=--require ./e.js' > x; npm --globalc x ls",
    'pnpm --pnpmfile x.cjs install',
    'pnpm --pnpmf x.cjs install',
    'pnpm --global-pnpmfile x.cjs install',
    'pnpm --config.pnpmfile=x.cjs install',
    'pnpm --config.node-options=--require=./x install',
    'pnpm --config.script-shell=./x run build',
    'yarn --use-yarnrc f install',
  ),
  ...rowsOf('allow', 'ordinary options',
    'pnpm --filter web build',
    'yarn --frozen-lockfile install',
    'npm --silent ls',
    'pnpm add --global typescript',
    'yarn global add typescript',
  ),
]);

// `--global` is a flag, not the start of pnpm's --global-dir or --global-pnpmfile: read as one, it
// made the package name a folder written (and asked) under a policy that allows writes to src/ only.
const srcOnly = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["src/**"]}
`,
});

shellTable(srcOnly, 'audit 39 review: --global is no folder option', [
  ...rowsOf('allow', 'a global install names a package, not a folder',
    'pnpm add --global typescript',
    'pnpm --global add typescript',
  ),
  ...rowsOf('ask', 'the folder options themselves still count',
    'pnpm --global-dir tools add --global typescript',
    'pnpm --global-d tools add --global typescript',
  ),
]);
