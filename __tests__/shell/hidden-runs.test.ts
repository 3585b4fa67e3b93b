// Audit JJ (round 30): programs, options and variables that run or write what the command's own
// words do not show. Each row is judged as `agent-gate explain --shell` would, under a policy that
// allows every command but `rm`/`curl`, and writes under src/ and /tmp but not secrets/, .env or
// .github/ (the audit's pol.yml).
import { describe, expect, test } from '@jest/globals';
import type { Effect } from '../../src/policy/types.ts';
import { judge, policyOf } from '../helpers/policy.ts';
import { parts } from './summary.ts';

const OPEN = policyOf({
  workspace: `
rules:
  - capability: shell
    effect: allow
    match: ["*"]
  - capability: shell
    effect: deny
    match: ["rm *", "curl *", "wget *"]
  - capability: fs_write
    effect: allow
    match: ["src/**", "dist/**", "/tmp/**"]
  - capability: fs_write
    effect: deny
    match: ["secrets/**", "**/.env", ".github/**"]
`,
});

type Row = readonly [command: string, effect: Effect, cwd?: string];

function table(rows: readonly Row[]): void {
  test.each(rows.map(([command, effect, cwd]) => [JSON.stringify(command) + (cwd === undefined ? '' : ` in ${cwd}`), effect, command, cwd ?? '.'] as const))(
    '%s -> %s',
    (_title, effect, command, cwd) => {
      const r = judge(OPEN, 'shell', command, cwd);
      expect({ effect: r.effect, reason: r.reason }).toMatchObject({ effect });
    },
  );
}

describe('JJ-1: less runs what a key file or an initial command says, and writes its log file', () => {
  table([
    ["less --lesskey-src=<(printf '#env\\nLESSOPEN=|rm x %%s\\n') f", 'ask'],
    ['less --lesskey-src=/tmp/k src/a.ts', 'ask'],
    ['less --lesskey-file /tmp/k f', 'ask'],
    ['less --lesskey-content=x f', 'ask'],
    ['less --lessk=/tmp/k f', 'ask'],
    ['less -k/tmp/k f', 'ask'],
    ['less -Nk /tmp/k f', 'ask'],
    ['LESSKEYIN=/tmp/k less f', 'ask'],
    ['LESSKEY=/tmp/k less f', 'ask'],
    ["LESSKEY_CONTENT=$'#env\\nLESSOPEN=|rm x %s' less f", 'ask'],
    ['export LESSKEYIN_SYSTEM=/tmp/k', 'ask'],
    ["less $'+!rm x\\n' f", 'ask'],
    ["less '+|rm x' f", 'ask'],
    ["less '+s secrets/k' f", 'ask'],
    ["less $'+/x\\n!rm y' f", 'ask'],
    ["git -c core.pager='less --lesskey-src=/tmp/k' log", 'ask'],
    ["GIT_PAGER='less -k /tmp/k' git log", 'ask'],
    ['less "$opt" f', 'ask'],
    ['lesskey', 'ask'],
    // less's log file is a write, judged by the fs_write rules.
    ['echo evil | less -o .github/agent-gate.yml', 'deny'],
    ['less -Osecrets/k f', 'deny'],
    ['less --log-file=secrets/k f', 'deny'],
    ['less --LOG-FILE secrets/k f', 'deny'],
    ['lesskey -o secrets/k src', 'deny'],
    ['less -o /tmp/log f', 'allow'],
    // Everyday use stays as it was.
    ['less f', 'allow'],
    ['less -R +G f', 'allow'],
    ['less -N +F f', 'allow'],
    ['less +/TODO src/a.ts', 'allow'],
    ['less +42 f', 'allow'],
    ['GIT_PAGER=less git log', 'allow'],
    ['PAGER="less -R" git log', 'allow'],
  ]);
});

describe('JJ-5: runners outside the old runner list judge the command they run', () => {
  table([
    ['run0 rm x', 'deny'],
    ['stdbuf -o0 nice run0 rm x', 'deny'],
    ['run0 -u root --chdir=/tmp rm x', 'deny'],
    ['please rm x', 'deny'],
    ['ksu root -e /bin/rm x', 'deny'],
    ['gksudo rm x', 'deny'],
    ['gksudo "rm x"', 'deny'],
    ['kdesu -c "rm x"', 'deny'],
    ['lxsudo rm x', 'deny'],
    ['machinectl shell .host /bin/rm x', 'deny'],
    ['schroot -- rm x', 'deny'],
    ['schroot -c sid -- rm x', 'deny'],
    ['fakechroot rm x', 'deny'],
    ['nocache rm x', 'deny'],
    ['trickle -d 10 rm x', 'deny'],
    ['setlock f rm x', 'deny'],
    ['softlimit -m 1 rm x', 'deny'],
    ['s6-setuidgid u rm x', 'deny'],
    ['with-contenv rm x', 'deny'],
    ['gpg-agent --daemon rm x', 'deny'],
    ['flatpak run --command=rm org.x x', 'deny'],
    ['flatpak run --command rm org.x x', 'deny'],
    ['konsole -e rm x', 'deny'],
    ['gnome-terminal -- rm x', 'deny'],
    ['gnome-terminal -e "rm x"', 'deny'],
    ['xfce4-terminal -e "ls; rm x"', 'deny'],
    ['alacritty -e rm x', 'deny'],
    ['kitty rm x', 'deny'],
    ['foot rm x', 'deny'],
    ['wezterm start -- rm x', 'deny'],
    ['x-terminal-emulator -e rm x', 'deny'],
    ['dtach -c /tmp/s rm x', 'deny'],
    ['abduco -c s rm x', 'deny'],
    ['zellij run -- rm x', 'deny'],
    ['byobu new "rm x"', 'deny'],
    ['pm2 start "rm x"', 'deny'],
    // What they run writes as the command would.
    ["run0 sh -c 'echo x > secrets/k'", 'deny'],
    ["nocache sh -c 'echo x > .github/agent-gate.yml'", 'deny'],
    ["trickle -s sh -c 'cp src/a secrets/k'", 'deny'],
    ["please bash -c 'echo > .env'", 'deny'],
    ['run0 tee secrets/k', 'deny'],
    ['run0 cp src/a .env', 'deny'],
    // A runner whose folder option moves the command: where its redirections write is not known.
    ["please -d src sh -c 'echo x > a'", 'ask'],
    // lldb's command options run lldb commands (`platform shell CMD`).
    ['lldb -o "platform shell rm x"', 'ask'],
    ['lldb --one-line=script x', 'ask'],
    ['run0 ls', 'allow'],
    ['machinectl list', 'allow'],
  ]);
});

describe('JJ-10: assignments to variables that run code or name what runs ask', () => {
  table([
    ["VIMINIT=':!rm x' vim f", 'ask'],
    ["EXINIT=':!rm x' vim f", 'ask'],
    ["GVIMINIT=':!rm x' gvim f", 'ask'],
    ["env VIMINIT=':!rm x' nvim f", 'ask'],
    ["VIMINIT=':!rm x' git commit", 'ask'],
    ["export VIMINIT=':!rm x'; git commit", 'ask'],
    ["VIMINIT=':w! secrets/k|q' vim src/a", 'ask'],
    ['VIMRUNTIME=/tmp/v vim f', 'ask'],
    ['SYSTEMD_PAGER="rm x" systemctl status', 'ask'],
    ['SYSTEMD_EDITOR="rm x" systemctl edit u', 'ask'],
    ['SYSTEMD_LESS="-k /tmp/k" systemctl status', 'ask'],
    ['SUDO_ASKPASS=/tmp/x sudo -A true', 'ask'],
    ['SUDO_EDITOR=/tmp/x sudoedit f', 'ask'],
    ['JAVA_TOOL_OPTIONS=-javaagent:/tmp/a.jar java A', 'ask'],
    ['_JAVA_OPTIONS=-javaagent:/tmp/a.jar java A', 'ask'],
    ['JDK_JAVA_OPTIONS="-XX:OnError=rm" java A', 'ask'],
    ["JAVA_OPTS='-XX:OnOutOfMemoryError=rm' java A", 'ask'],
    ['PERL5LIB=/tmp perl a.pl', 'ask'],
    ['PERLLIB=/tmp perl a.pl', 'ask'],
    ['RUBYLIB=/tmp ruby a.rb', 'ask'],
    ['NODE_PATH=/tmp node a.js', 'ask'],
    ['PYTHONHOME=/tmp python3 a.py', 'ask'],
    ['OPENSSL_CONF=/tmp/c openssl version', 'ask'],
    ['OPENSSL_ENGINES=/tmp openssl version', 'ask'],
    ['GCONV_PATH=/tmp iconv -f a -t b f', 'ask'],
    ['KUBECONFIG=/tmp/k kubectl get po', 'ask'],
    ['AWS_CONFIG_FILE=/tmp/c aws s3 ls', 'ask'],
    ['ZDOTDIR=/tmp zsh -c ls', 'ask'],
    ['FZF_DEFAULT_COMMAND="rm x" fzf', 'ask'],
    ['sudo VIMINIT=x vim f', 'ask'],
    // Values that run nothing stay allowed.
    ['SYSTEMD_PAGER= systemctl status', 'allow'],
    ['SYSTEMD_PAGER=cat systemctl status', 'allow'],
    ['MAVEN_OPTS=-Xmx2g mvn test', 'allow'],
    ['JAVA_OPTS="-Xms1g -Xmx2g -XX:+UseG1GC" java A', 'allow'],
  ]);
});

describe('JJ-11: search tools and clients run commands their options name', () => {
  table([
    ['fd -x rm', 'deny'],
    ['fd . -X rm', 'deny'],
    ['fdfind --exec rm {}', 'deny'],
    ['fd --exec-batch rm', 'deny'],
    ['fd -e txt -x rm -f {}', 'deny'],
    ['fd -xrm', 'deny'],
    ['fd --exec=rm', 'deny'],
    ['fd -Hx rm', 'deny'],
    ['fd -e ts -x echo {} ";" -x rm', 'deny'],
    ['fd -x sh -c "echo > secrets/k"', 'deny'],
    // The command is filled in with each path found: run as a script, it is not known here.
    ['fd -x sh -c {}', 'ask'],
    ['fd -x {}', 'ask'],
    ['rg --pre rm x', 'deny'],
    ['rg --pre=rm x', 'deny'],
    ['rg --hostname-bin=rm x', 'deny'],
    ['tcpdump -w /tmp/c -G 1 -z rm', 'deny'],
    ['tcpdump -w /tmp/c -G 1 --postrotate-command=rm', 'deny'],
    ['mysql -e "\\! rm x"', 'ask'],
    ['mysql -e "system rm x"', 'ask'],
    ['mariadb -e "pager rm x; select 1"', 'ask'],
    ['lftp -c "!rm x"', 'ask'],
    ['fzf --bind "start:execute(rm x)"', 'ask'],
    ["fzf --preview 'cat {}'", 'ask'],
    ['ansible localhost -m shell -a "rm x"', 'deny'],
    ['ansible all -i localhost, -c local -m command -a "rm x"', 'deny'],
    ['ansible all -a "rm x"', 'deny'],
    ['ansible all -m ansible.builtin.raw -a "rm x"', 'deny'],
    ['ansible all -m "$m" -a "ls"', 'ask'],
    // Everyday searches run nothing.
    ['fd -e ts', 'allow'],
    ['fd -t f -x wc -l', 'allow'],
    ['rg -n foo src', 'allow'],
    ['rg --pre-glob "*.gz" foo', 'allow'],
    ['tcpdump -i eth0 -n', 'allow'],
    ['mysql -e "select 1" db', 'allow'],
    ['fzf -m --height 40%', 'allow'],
    ['ansible all -m ping', 'allow'],
  ]);

  test('fd appends the path found when its command names no placeholder', () => {
    expect(parts('fd -e ts -x wc -l')).toEqual(['fd -e ts -x wc -l', 'wc -l {}']);
    expect(parts('fd -x wc -l {/} ";" src')).toEqual(['fd -x wc -l {/} ; src', 'wc -l {/}']);
  });
});

describe('JJ-12: /proc/self/cwd is the folder the shell is in, /proc/self/root is /', () => {
  table([
    ['cd .github && echo x > /proc/self/cwd/agent-gate.yml', 'deny'],
    ['cd secrets && echo x > /proc/self/cwd/k', 'deny'],
    ['cd secrets && cp src/a /proc/self/cwd/k', 'deny'],
    ['cd .github; tee /proc/self/cwd/agent-gate.yml', 'deny'],
    ['cd /proc/self/cwd/secrets && echo x > k', 'deny'],
    ['echo x > /proc/thread-self/cwd/secrets/k', 'deny'],
    ['echo x > /proc/self/task/1/cwd/secrets/k', 'deny'],
    // Against the entry's cwd, not agent-gate's own folder.
    ['echo x > /proc/self/cwd/k', 'deny', 'secrets'],
    ['echo x > /proc/self/cwd/a.ts', 'allow', 'src'],
    ['echo x > /proc/self/root/tmp/x', 'allow'],
    ['echo x > /proc/self/root/work/repo/secrets/k', 'deny'],
    // Another process's folder is only known at run time, as is an odd spelling of the link.
    ['echo x > /proc/1/cwd/src/a', 'ask'],
    ['echo x > /proc/$$/cwd/src/a', 'ask'],
    ['echo x > /proc/./self/cwd/src/a', 'ask'],
    ['echo x > /proc/self/cwd/src/a', 'allow'],
  ]);

  test('the write is judged at the working-folder path', () => {
    expect(parts('echo x > /proc/self/cwd/secrets/k')).toEqual(['echo x', '> ./secrets/k']);
    expect(parts('echo x > /proc/self/root/tmp/x')).toEqual(['echo x', '> /tmp/x']);
  });
});
