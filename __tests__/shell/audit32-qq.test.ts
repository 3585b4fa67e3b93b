// Audit round 32 (QQ-1 to QQ-6): programs that run a command and were not read as doing so:
// `su -s PROGRAM`, setarch under its personality names, shells whose language is not sh, Homebrew's
// g-prefixed GNU tools, ssh settings with a quoted keyword, and more system runners. Every deny
// and ask row was allow before the fix; the allow rows are everyday uses that must stay allowed.
import { describe, expect, test } from '@jest/globals';
import { analyzeShell } from '../../src/shell/analyze.ts';
import { auditPolicy, rowsOf, shellTable, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = auditPolicy();
const table = (name: string, rows: readonly ShellRow[]): void => shellTable(POLICY, name, rows);
const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);

table('QQ-1: su -s PROGRAM USER ARGS runs PROGRAM ARGS', [
  ...rowsOf('deny', 'the program with the words after the user',
    'su -s /bin/rm root -- -rf ~', 'su -s /bin/rm -- root -rf ~', 'su -s /usr/bin/curl root x', 'su -s/usr/bin/curl root x',
    'su --shell /usr/bin/curl - root x', 'su root -s /usr/bin/curl x', 'su -s /usr/bin/terraform root destroy',
    'su --shell=/usr/bin/curl root', 'su -l -s /usr/bin/wget root http://x'),
  ['su -s /usr/bin/curl -c x root', 'deny', 'su -c CMD becomes PROGRAM -c CMD'],
  ['su -s "$P" root x', 'ask', 'the program is only known at run time'],
  ['su -s /bin/bash root', 'ask', 'bash with no command reads its script from standard input'],
  ...allows('a shell given a command', 'su - root -c ls', 'su -s /bin/bash - root -c ls', "su root -c 'npm test'", "su -s /bin/sh root -c 'echo hi'"),
]);

table('QQ-2: setarch under a personality name', [
  ...rowsOf('deny', 'the command after the personality', 'x86_64 rm -rf ~', 'i386 curl x', 'i686 curl x', 'aarch64 curl x',
    'x86_64 -R curl x', 'ppc64le curl x', 's390x curl x', 'uname26 curl x', 'armv7l curl x', 'arm64 curl x', 'riscv64 curl x',
    "i386 bash -c 'rm -rf ~'"),
  ...allows('everyday builds', 'x86_64 -R make', 'i386 ./configure', 'linux32 uname -m'),
]);

table('QQ-3: shells whose language is not sh', [
  ...rowsOf('deny', 'a simple command in the string is judged too', "csh -c 'rm -rf ~'", "tcsh -fc 'rm -rf ~'", "fish -c 'rm -rf ~'",
    "fish --command='rm -rf ~'", "pwsh -Command 'rm -rf ~'", 'pwsh -Command curl x', "tcsh <<<'rm -rf ~'", 'powershell.exe -Command curl x',
    'cmd.exe /c curl x', "nu -c 'curl x'", 'powershell curl x'),
  ...rowsOf('deny', 'busybox hush is a POSIX shell, read as sh', "busybox hush -c 'rm -rf ~'", "hush -c 'rm -rf ~'"),
  ...rowsOf('ask', 'a command string in another language', "tcsh -c 'ls'", "fish -c 'ls'", 'xonsh -c ls', 'elvish -c ls', 'rc -c ls',
    'es -c ls', 'ion -c ls', 'pwsh -c Get-ChildItem', "fish -c 'if true; rm -rf ~; end'", "fish -C 'echo x' s.fish", 'cmd.exe /c dir'),
  ...rowsOf('ask', 'a script read from standard input', "echo 'rm -rf ~' | tcsh", 'echo ls | fish', 'fish', 'fish -', 'pwsh -File -',
    "csh <<'EOF'\nls\nEOF"),
  ['fish "$ARGS"', 'ask', 'a word only known at run time may be -c'],
  ["printf 'rm -rf ~' > src/s.fish; fish src/s.fish", 'ask', 'runs a file this command writes'],
  ...allows('a script file, version output, and sh-like hush', 'fish script.fish', 'tcsh -f build.csh', 'pwsh -NoProfile -File build.ps1',
    'pwsh ./build.ps1', 'fish --version', 'hush -c ls', 'X=$(echo a) cmd'),
]);

table("QQ-4: Homebrew's g-prefixed GNU tools are the GNU programs", [
  ...rowsOf('deny', 'a wrapper runs its command', 'gtimeout 5 rm -rf ~', 'genv rm -rf ~', 'gnice rm -rf ~', 'gnohup rm -rf ~',
    'gstdbuf -o0 rm -rf ~', 'gchroot / rm -rf ~', 'gtime rm -rf ~', 'echo ~ | gxargs rm -rf', 'gfind . -exec rm -rf ~ \\;',
    '/opt/homebrew/bin/gtimeout 5 curl x', 'GTIMEOUT 5 curl x'),
  ...rowsOf('deny', 'the file it writes', 'gsed -i s/a/b/ .github/agent-gate.yml', 'gtee .github/x', 'gcp a .github/x', 'gmv a .github/x',
    'ginstall a .github/x', 'gdd of=.github/x', 'gtruncate -s0 .github/agent-gate.yml', 'gtouch .github/x', 'gsort -o .github/x a',
    'gln -s a .github/x', 'gmkdir .kiro/settings', 'grm -rf ~'),
  ["original-awk 'BEGIN{system(\"rm -rf ~\")}'", 'deny', 'awk system()'],
  ['gsed -n "1e rm -rf ~" f', 'ask', "sed's e command, as for sed"],
  ...allows('everyday uses, and programs whose names only start with g', 'ggrep -r foo .', 'gsed -i s/a/b/ src/x', 'gls -la', 'gdate +%s',
    'gtimeout 5 npm test', "gfind . -name '*.ts'", 'echo a | gxargs echo', 'gsort -o src/out a', 'git status', 'grep x y', 'gh pr list'),
]);

table('QQ-5: an ssh setting whose keyword is quoted', [
  ...rowsOf('deny', "OpenSSH removes the keyword's quotes", `ssh -o '"ProxyCommand" rm -rf ~' h`, `ssh -o '"ProxyCommand"=rm -rf ~' h`,
    `ssh -o 'Proxy"Command" rm -rf ~' h`, `ssh -o '"LocalCommand" rm -rf ~' h`, `ssh -o '"KnownHostsCommand" rm -rf ~' h`,
    `scp -o '"ProxyCommand" rm -rf ~' a h:b`, `sftp -o '"proxycommand"curl x' h`, `ssh -o ' = ProxyCommand curl x' h`,
    `rsync -e 'ssh -o "\\"ProxyCommand\\" rm -rf ~"' a h:b`),
  [`ssh -o '"ProxyCommand rm -rf ~' h`, 'ask', 'a quote left open in the keyword'],
  ...allows('everyday settings', 'ssh -o StrictHostKeyChecking=no h', 'ssh -o "ProxyCommand ssh -W %h:%p bastion" h',
    `ssh -o 'SendEnv "LANG LC_*"' h`, 'scp -o User=git a h:b'),
]);

table('QQ-6: more system runners', [
  ...rowsOf('deny', 'the command they run', 'systemd-cat rm -rf ~', 'systemd-cat --identifier=x -- rm -rf ~', 'ip netns exec n curl x',
    'ip -n ns1 vrf exec blue curl x', 'ip -all netns exec curl x', 'ip net e n rm -rf ~', 'debconf-apt-progress -- curl x',
    'dpkg-architecture -c curl x', "dpkg-architecture -aarm64 -c 'curl x'", 'launchctl asuser 501 curl x', 'launchctl submit -l x -- curl x',
    'launchctl submit -l x -p /usr/bin/curl -- c x', 'launchctl bsexec 1 rm -rf ~', 'systemd-socket-activate -l 80 curl x', 'enosys rm -rf ~',
    'enosys -s fork -- curl x', 'setpgid rm -rf ~', 'setpgid -f curl x'),
  ['launchctl submit -l x -o .github/x -- ls', 'deny', 'launchctl submit -o writes the job output there'],
  ['ip -b cmds', 'ask', 'ip -batch reads ip commands, which may be netns exec'],
  ['launchctl "$SUB" 501 curl x', 'ask', 'the sub-command is only known at run time'],
  ['ip "$OBJ" exec n ls', 'ask', 'the object is only known at run time'],
  ...allows('everyday uses', 'ip addr show dev eth0', 'ip netns list', 'ip route add default via 10.0.0.1', 'ip link set "$IF" up',
    'ip netns exec n ip addr', 'launchctl list', 'dpkg-architecture -qDEB_HOST_ARCH', 'systemd-cat echo hi', 'enosys -s fork ls'),
]);

describe('QQ-4: the prefixed program is judged by its own name, the GNU one as a view', () => {
  test('gsed keeps its text and gets a sed view', () => {
    const part = analyzeShell('gsed -i s/a/b/ src/x').parts[0];
    expect(part?.kind === 'command' ? part.text : null).toBe('gsed -i s/a/b/ src/x');
    expect(part?.kind === 'command' ? part.views : []).toContain('sed -i s/a/b/ src/x');
  });
});
