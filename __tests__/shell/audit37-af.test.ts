// Audit 37, findings AF-1 to AF-12 (the shell evaluator). Every ask and deny row was allow before
// unless its group says otherwise (`alias x='echo;#'` with a quoted newline and `unshare -R … > /k`,
// a path no rule covers, already asked); the allow
// rows are the ordinary neighbours that stay allowed.
import { everythingAllowedBut, rowsOf, shellTable } from '../helpers/shell-table.ts';
import { policyOf } from '../helpers/policy.ts';

// Every command and every write allowed, but `rm`.
const policy = everythingAllowedBut(['rm *']);

shellTable(policy, 'audit 37 AF-12: an alias whose value starts a comment', [
  ...rowsOf('ask', 'the comment hides a heredoc operator or a quote, and the lines after it run',
    "shopt -s expand_aliases\nalias cat='#'\ncat <<'EOF'\nrm -rf ~\nEOF",
    "shopt -s expand_aliases\nalias cat='true #'\ncat <<'EOF'\nrm -rf ~\nEOF",
    "shopt -s expand_aliases\nalias x='echo;#'\nx 'a\nrm -rf ~\n'",
  ),
  ...rowsOf('allow', 'a # inside a word is no comment',
    "shopt -s expand_aliases\nalias e='echo a#b'\ne hi",
  ),
]);

shellTable(policy, 'audit 37 AF-4: xargs --process-slot-var sets a variable for every command', [
  ...rowsOf('ask', 'a dangerous name, or one only known at run time',
    "printf 'rm -rf ~\\n' > 0; echo x | xargs --process-slot-var=BASH_ENV bash -c 'echo hi'",
    'echo x | xargs --process-slot-var=PATH ls',
    "echo x | xargs --process-slot=BASH_ENV bash -c 'echo hi'",
    'echo x | xargs --process-slot-var GIT_DIR git status',
    'echo x | xargs --process-slot-var "$v" ls',
  ),
  ...rowsOf('allow', 'an ordinary name',
    'echo x | xargs --process-slot-var=SLOT ls',
    'echo x | xargs -P4 ls',
  ),
]);

shellTable(policy, 'audit 37 AF-5: make passes its command-line variables to every recipe', [
  ...rowsOf('ask', 'a dangerous variable',
    'make PATH=./evil test',
    'make BASH_ENV=./evil test',
    'make LD_PRELOAD=./evil.so test',
    "make NODE_OPTIONS='--require ./evil.js' test",
    'make GIT_DIR=/tmp/x test',
    'gmake -j4 LD_LIBRARY_PATH=lib test',
  ),
  ...rowsOf('allow', 'ordinary variables',
    'make CFLAGS=-O2 test',
    'make -j4 PREFIX=/usr/local install',
  ),
]);

shellTable(policy, 'audit 37 AF-1: python -m pytest imports pytest from the current folder first', [
  ...rowsOf('ask', 'a pytest module this command wrote there',
    "printf 'import os' > pytest.py; python3 -m pytest",
    'printf x > pytest/__init__.py; python3 -m pytest -q',
    'printf x > _pytest/__init__.py; python -m pytest',
  ),
  ...rowsOf('allow', 'other files',
    'printf x > notes.txt; python3 -m pytest',
  ),
]);

shellTable(policy, 'audit 37 AF-2 and AF-11: package runners run programs from node_modules and the virtualenv', [
  ...rowsOf('ask', 'a file this command wrote there, or a Python start-up file',
    'printf x > node_modules/.bin/jest; chmod +x node_modules/.bin/jest; npx jest',
    'printf x > node_modules/.bin/jest; npm exec jest',
    'printf x > node_modules/.bin/jest; yarn jest',
    'printf x > node_modules/.bin/jest; pnpm exec jest',
    'printf x > node_modules/.bin/jest; bunx jest',
    'printf x > node_modules/typescript/bin/tsc; npx tsc',
    'printf x > .venv/bin/pytest; uv run pytest',
    'printf x > .venv/bin/pytest; poetry run pytest',
    'printf x > .venv/bin/pytest; pdm run pytest',
    'printf x > bin/rspec; bundle exec rspec',
    "printf 'import os' > .venv/lib/python3.11/site-packages/x.pth; .venv/bin/python -m pytest",
    'printf x > .venv/lib/python3.11/site-packages/x.pth; uv run pytest',
    'printf x > .venv/lib/python3.11/site-packages/sitecustomize.py; uv run python -V',
    'printf x > lib/x.pth; python3 app.py',
  ),
  ...rowsOf('allow', 'nothing written where they look',
    'printf x > src/a.ts; npx jest',
    'printf x > src/a.py; uv run pytest',
    'npx jest; uv run pytest',
  ),
]);

shellTable(policy, 'audit 37 AF-3: git runs hooks a written file configures or is', [
  ...rowsOf('ask', 'a hook manager\'s settings or a usual core.hooksPath folder',
    "printf 'id' > .husky/pre-commit; git commit -qm x",
    'printf x >> .husky/pre-commit; git commit -qam x',
    "printf 'repos: []' > .pre-commit-config.yaml; git commit -qm x",
    'printf x > lefthook.yml; git push',
    'printf x > .githooks/pre-push; git push origin HEAD',
  ),
  ...rowsOf('allow', 'other files, or git commands that run no hook',
    'printf x > src/a.ts; git commit -qam x',
    'printf x > .husky/pre-commit; git status',
  ),
]);

shellTable(policy, 'audit 37 AF-6: variables set through a runner\'s options or read from a written file', [
  ...rowsOf('ask', 'a dangerous name, or a variables file this command wrote',
    "bwrap --dev-bind / / --setenv BASH_ENV ./x bash -c 'echo hi'",
    'bwrap --dev-bind / / --setenv PATH ./x ls',
    'systemd-run --user -E PATH=./x ls',
    "systemd-run --user -E 'BASH_ENV=./x' bash -c 'echo hi'",
    'systemd-run --user --setenv=LD_PRELOAD=x ls',
    "tmux new-session -d -e BASH_ENV=./x 'bash -c \"echo hi\"'",
    'tmux set-environment -g BASH_ENV ./x',
    'tmux setenv -t s0 PATH ./x',
    'firejail --env=PATH=./x ls',
    'nsjail -E PATH=./x -- ls',
    'flatpak-spawn --env=PATH=./x ls',
    'nix shell --set-env-var PATH ./x -c ls',
    'sudo bwrap --setenv PATH ./x ls',
    "printf 'rm -rf ~' > env/BASH_ENV; envdir env bash -c 'echo hi'",
    "printf 'NODE_OPTIONS=--require ./x.js' > .env; node --env-file=.env app.js",
    "printf 'NODE_OPTIONS=--require ./x.js' > .env; uv run --env-file .env make",
    "printf 'BASH_ENV=./x' > .env; dotenv -- make test",
    "printf 'rm -rf ~' > .envrc; direnv allow .; direnv exec . make test",
  ),
  ...rowsOf('allow', 'ordinary names, or files not written here',
    'bwrap --setenv FOO bar ls',
    'systemd-run -E HOME ls',
    'tmux setenv -g FOO bar',
    'chpst -e env make test',
    'node --env-file=.env app.js',
  ),
]);

shellTable(policy, 'audit 37 AF-8: build and infrastructure files are code their tools run', [
  ...rowsOf('ask', 'the file this command wrote is read by the tool',
    `printf 'data "external" "x" { program = ["sh"] }' > main.tf; terraform plan`,
    'printf x > main.tf; terraform plan -out=p',
    'printf x > main.tf; tofu plan',
    'printf x > build.ninja; ninja',
    'printf x > a.csproj; dotnet build',
    'printf x > composer.json; composer install',
    'printf x > meson.build; meson setup build',
    'printf x > mise.toml; mise run x',
    'printf x > Vagrantfile; vagrant status',
    'printf x > build.sbt; sbt compile',
    'printf x > mix.exs; mix compile',
    'printf x > tasks.py; invoke build',
    'printf x > pyproject.toml; hatch run test',
    'printf x > turbo.json; turbo run build',
    'printf x > terragrunt.hcl; terragrunt plan',
    'printf x > a.pkr.hcl; packer build .',
    'printf x > Pulumi.yaml; pulumi preview',
  ),
  ...rowsOf('allow', 'a formatter, or a file the tool does not read',
    'printf x > main.tf; terraform fmt',
    'printf x > notes.md; terraform plan',
  ),
]);

// Every command and write allowed, but writes under secrets/.
const folders = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: fs_write, effect: allow, match: ["**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
`,
}, ['.github/agent-gate.yml']);

shellTable(folders, 'audit 37 AF-7: runners that start their command in another folder, or under another root', [
  ...rowsOf('ask', 'the relative write may land in that folder',
    "pnpm -C secrets exec sh -c 'echo x > k'",
    "pnpm --dir secrets exec sh -c 'echo x > k'",
    "pnpm --filter ./secrets exec sh -c 'echo x > k'",
    "pnpm -F ./secrets exec sh -c 'echo x > k'",
    "pnpm -r exec sh -c 'echo x > k'",
    "yarn --cwd secrets exec sh -c 'echo x > k'",
    "yarn --cwd=secrets exec sh -c 'echo x > k'",
    "yarn workspace x exec sh -c 'echo x > k'",
    "npm exec -w secrets -- sh -c 'echo x > k'",
    "bun --cwd secrets x sh -c 'echo x > k'",
    "parallel --workdir secrets sh -c 'echo x > k' ::: 1",
    "fd --base-directory secrets -x sh -c 'echo x > k'",
    "start-stop-daemon -S -d secrets -x /bin/sh -- -c 'echo x > k'",
    "daemonize -c secrets /bin/sh -c 'echo x > k'",
    "nsenter --wdns=secrets sh -c 'echo x > k'",
    "chroot secrets sh -c 'echo x > k'",
    "unshare -R secrets sh -c 'echo x > /k'",
    "unshare --root=secrets sh -c 'echo x > k'",
  ),
  ...rowsOf('deny', 'the program start-stop-daemon runs gets the words after --',
    "start-stop-daemon -S -x /bin/sh -- -c 'echo x > secrets/k'",
  ),
  ...rowsOf('allow', 'the command runs here',
    "pnpm exec sh -c 'echo x > k'",
    'pnpm -r test',
    "npm exec -- sh -c 'echo x > k'",
    "start-stop-daemon -S -x /bin/sh -- -c 'echo x > k'",
  ),
]);

shellTable(policy, 'audit 37 AF-9: options that name a kubeconfig or hgrc lines', [
  ...rowsOf('ask', 'they do what KUBECONFIG or HGRCPATH does',
    'kubectl --kubeconfig kc get pods',
    'kubectl get pods --kubeconfig=kc',
    'helm --kubeconfig kc list',
    'k9s --kubeconfig kc',
    "hg --config 'hooks.pre-status=rm -rf ~' status",
    "hg --config 'alias.x=!rm -rf ~' x",
    'hg --conf ui.editor=vi commit',
    'helm template x ./c --post-renderer ./pr.sh',
  ),
  ...rowsOf('allow', 'without them',
    'kubectl get pods',
    'hg status',
    'helm template x ./c',
  ),
]);

shellTable(policy, 'audit 37 AF-10: settings stored for later calls that name a program', [
  ...rowsOf('deny', 'the stored command is judged now',
    "gh alias set --shell x 'rm -rf ~'",
    "gh alias set x '!rm -rf ~'",
    "gh config set editor 'rm -rf ~'",
    "gh config set browser 'rm -rf ~'",
  ),
  ...rowsOf('ask', 'settings that run programs later',
    'go env -w GOFLAGS=-toolexec=/tmp/evil',
    "go env -w CC='cc -B/tmp/x'",
    'go env -w GOTOOLCHAIN=go1.99',
    'gh alias import src/aliases.yml',
    'yarn config set yarnPath src/evil.cjs',
    'pnpm config set script-shell /tmp/evil',
  ),
  ...rowsOf('allow', 'settings that run nothing',
    'go env -w GOPRIVATE=github.com/x',
    'go env GOPATH',
    "gh alias set co 'pr checkout'",
    "gh config set pager 'less -R'",
    'gh config set git_protocol ssh',
    'yarn config set npmRegistryServer https://r.example',
  ),
]);
