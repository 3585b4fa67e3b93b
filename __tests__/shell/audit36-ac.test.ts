// Audit 36, findings AC-1 to AC-4, AC-7, AC-8, AC-10 and AC-11 (the shell evaluator). Every deny
// and ask row was allow before, but `lz4 --rm secrets/k` and `sudo -h rm -rf /`, which keep
// readings that were already denied.
import { rowsOf, shellTable } from '../helpers/shell-table.ts';
import { policyOf } from '../helpers/policy.ts';

// Every command and every write allowed, but `rm` and writes under secrets/.
const policy = policyOf({
  workspace: `
rules:
  - {capability: shell, effect: allow}
  - {capability: shell, effect: deny, match: ["rm *"]}
  - {capability: fs_write, effect: allow, match: ["**", "~/**", "/tmp/**"]}
  - {capability: fs_write, effect: deny, match: ["secrets/**"]}
`,
}, ['.github/agent-gate.yml']);

shellTable(policy, 'audit 36 AC-1: archivers and copiers that delete their sources', [
  ...rowsOf('deny', 'the policy file or a denied path is deleted',
    'tar -cf /tmp/a.tar --remove-files .github/agent-gate.yml',
    'tar --remove-files -czf /tmp/a.tgz secrets',
    'zip -m /tmp/a.zip .github/agent-gate.yml',
    'rsync --remove-source-files .github/agent-gate.yml /tmp/',
    '7z a -sdel /tmp/a.7z secrets/k',
    'lz4 --rm secrets/k',
  ),
  ...rowsOf('allow', 'the sources are kept, or allowed',
    'tar -czf /tmp/a.tgz .github/agent-gate.yml',
    'zip /tmp/a.zip secrets/k',
    'tar -czf out/backup.tgz "src-$(date +%F)"',
    'tar -cf /tmp/a.tar --remove-files src/a',
  ),
]);

shellTable(policy, 'audit 36 AC-2: sudo -h HOST CMD runs CMD on sudo before 1.9.17p1', [
  ...rowsOf('deny', 'CMD is judged in both readings of -h',
    'sudo -h localhost rm -rf /',
    'sudo -h rm -rf /',
    'sudo -u root -h host rm -rf /',
  ),
  ...rowsOf('allow', 'help only', 'sudo -h', 'sudo -h localhost ls'),
]);

shellTable(policy, 'audit 36 AC-3 and AC-10: more runners of a file this command wrote', [
  ...rowsOf('ask', 'the runner runs or loads the file written',
    "echo 'rm -rf ~' > src/s.ts; deno serve src/s.ts",
    "echo 'import os' > src/s.py; pypy3 src/s.py",
    "echo 'import os' > src/s.py; py src/s.py",
    "echo 'import os' > setup.py; pip install .",
    "echo 'import os' > src/pyproject.toml; pip3 install ./src",
    "echo 'system(1)' > Gemfile; bundle install",
    "echo 'repos: []' > .pre-commit-config.yaml; pre-commit run",
  ),
  ...rowsOf('allow', 'nothing written is run', "echo x > src/a.txt; pip install requests", 'echo x > setup.py; pip list'),
]);

shellTable(policy, 'audit 36 AC-11: sudoedit writes the files it edits', [
  ...rowsOf('deny', 'a denied file', 'sudoedit secrets/k', 'sudo -e secrets/k', 'sudo --edit secrets/k'),
  ...rowsOf('allow', 'an allowed file', 'sudoedit src/a', 'sudo -e src/a'),
]);

shellTable(policy, 'audit 36 AC-4: bash before 5.2 expands an arithmetic subscript twice', [
  ...rowsOf('deny', 'the escaped substitution runs on the second expansion',
    'BASH_COMPAT=51; echo $(( a[\\$(rm -rf ~)] ))',
    'echo $(( a[\\$(rm y)] ))',
    'echo "$(( a[\\$(rm y)] ))"',
    'echo $[ a[\\$(rm y)] ]',
    'echo $(( a[\\`rm y\\`] ))',
    'echo $(( b[a[\\$(rm y)]] ))',
    'for ((i=a[\\$(rm y)]; i<1; i++)); do :; done',
  ),
  ...rowsOf('ask', 'an escaped expansion in a subscript, or the compatibility level set',
    'echo $(( a[\\$x] ))',
    'BASH_COMPAT=51; echo hi',
  ),
  ...rowsOf('allow', 'plain arithmetic', 'echo $(( a[1] + 2 ))', 'echo $(( a[i] ))'),
]);

shellTable(policy, 'audit 36 AC-7: git settings that make git write a file', [
  ...rowsOf('deny', 'the cookie jar or credential store is the policy file or a protected path',
    'git -c http.cookieFile=.github/agent-gate.yml -c http.saveCookies=true ls-remote http://127.0.0.1:18765/x.git',
    'git -c http.cookieFile=.kiro/settings/mcp.json -c http.saveCookies=true fetch https://example.com/r.git',
    'git config http.cookieFile .github/agent-gate.yml && git config http.saveCookies true && git fetch',
    "git -c credential.helper='store --file=.github/agent-gate.yml' fetch https://example.com/r",
    "git -c credential.helper='cache --socket=.kiro/settings/s' fetch https://example.com/r",
    "git config credential.helper 'store --file .github/agent-gate.yml'; git fetch",
  ),
  ...rowsOf('allow', 'allowed places, or no file named',
    'git -c credential.helper=store fetch',
    'git -c http.cookieFile=/tmp/c fetch',
  ),
]);

shellTable(policy, 'audit 36 AC-8: the dynamic loader, logsave and other runners', [
  ...rowsOf('deny', 'the command they run is judged',
    '/lib64/ld-linux-x86-64.so.2 /bin/rm y',
    '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 /bin/rm y',
    'ld.so rm y',
    "/lib64/ld-linux-x86-64.so.2 /bin/sh -c 'rm y'",
    '/lib/ld-musl-x86_64.so.1 /bin/rm y',
    "logsave -a /tmp/l sh -c 'rm y'",
    'logsave secrets/k true',
    'coreutils rm y',
    'run-one rm y',
    'qemu-x86_64 /bin/rm y',
  ),
  ...rowsOf('allow', 'allowed commands', 'logsave /tmp/l ls', '/lib64/ld-linux-x86-64.so.2 --list /bin/ls'),
]);
