// Audit round 32 (QQ-10 to QQ-12): text a command runs that was not read: the script standard
// input gives the shell `sudo -s`, `su`, `newgrp`, `script` and their kin start, tmux's `#(CMD)`
// format jobs, and psql's, mysql's and the debuggers' commands read from standard input. Every
// deny and ask row was allow before the fix; the allow rows are everyday uses that must stay allowed.
import { auditPolicy, rowsOf, shellTable, type ShellRow } from '../helpers/shell-table.ts';

const POLICY = auditPolicy();
const table = (name: string, rows: readonly ShellRow[]): void => shellTable(POLICY, name, rows);
const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);

/** The rows of each table, exported for checking them against an older build. */
export const QQ10: readonly ShellRow[] = [
  ...rowsOf('deny', "the heredoc or here-string is the user's shell's script",
    "sudo -s <<'EOF'\nrm -rf ~\nEOF", "sudo -i <<<'curl x'", "sudo --shell <<<'curl x'", "sudo --login <<<'curl x'",
    "sudo -u bob -s <<<'curl x'", "sudo -E -i -- <<<'curl x'", "sudo -s <<EOF\ncurl x\nEOF", "su <<<'curl x'", "su - <<<'curl x'",
    "su -l <<<'curl x'", "su - root <<<'curl x'", "su bob <<<'curl x'", "su --login bob <<<'curl x'", "sudo su <<<'curl x'",
    "sudo su - <<<'curl x'", "doas -s <<<'curl x'", "doas su <<<'curl x'", "exec su <<<'curl x'", "newgrp <<<'curl x'",
    "newgrp docker <<<'curl x'", "newgrp - docker <<<'curl x'", "sg docker <<<'curl x'", "sg - docker <<<'curl x'",
    "script <<<'curl x'", "script -q /dev/null <<<'curl x'", "script -q <<<'curl x'", "script -a -f /tmp/log.txt <<<'curl x'",
    "machinectl shell <<<'curl x'", "machinectl shell root@.host <<<'curl x'", "machinectl login <<<'curl x'",
    "runuser -l bob <<<'curl x'", "runuser bob <<<'curl x'", "runuser - bob <<<'curl x'", "runuser -u bob <<<'curl x'"),
  ...rowsOf('ask', 'a pipe or a file on standard input is not known, as for `… | sh`',
    "echo 'rm -rf ~' | sudo -s", 'sudo -s < src/script', 'echo ls | sudo -u bob -i', 'echo ls | su', 'su - < cmds.txt',
    'echo ls | sudo su -', 'doas -s < cmds.txt', 'cat cmds.txt | newgrp docker', 'sg docker < cmds.txt', 'script -q /dev/null < cmds.txt',
    'echo id | machinectl shell', 'runuser -l bob < cmds.txt', '{ sudo -s; } < cmds.txt', 'echo ls | { su; }', 'sudo -s 0< cmds.txt',
    "sudo -s <<<'ls' < cmds.txt", "echo ls | bash -c 'sudo -s'"),
  ...rowsOf('ask', 'a heredoc read by a shell as it runs it', "sudo -s <<<'ls'", "su <<<'ls'", "newgrp <<<'id'"),
  ['su root script.sh', 'ask', "words after the user go to the user's shell"],
  ...allows("the input the command line started with: what a person types", 'sudo -s', 'sudo -i', 'su', 'su -', 'su root', 'sudo su',
    'doas -s', 'newgrp docker', 'sg docker', 'script /tmp/session.log', 'machinectl shell', 'runuser -l bob', 'sudo -s 2> /tmp/err.log'),
  ...allows('a command given, or no shell started', 'sudo apt-get install x', 'sudo -s npm test', 'sudo -i npm test', 'sudo -l',
    'sudo -V', 'sudo -u bob -s -- npm test', 'su -c ls root', "su - root -c 'npm test'", "sg docker -c 'docker ps'",
    "sg docker 'docker ps'", "script -q -c 'npm test' /dev/null", 'script --command=ls /tmp/log.txt', 'script --version',
    'runuser -u bob -- npm test', "runuser -l bob -c 'npm test'", 'machinectl list', 'machinectl shell root@m /bin/ls',
    'doas apt update', "sudo tee /tmp/x <<<'rm -rf ~'", "sudo -u bob cat <<<'curl x'", "sudo -s cat <<<'curl x'"),
];

export const QQ11: readonly ShellRow[] = [
  ...rowsOf('deny', 'a #() format job runs with /bin/sh -c',
    "tmux display -p '#(rm -rf ~)'", "tmux display-message -p '#(curl x)'", "tmux list-windows -F '#(curl x)'",
    "tmux new -d -P -F '#(curl x)'", "tmux set -g status-right '#(rm -rf ~)'", "tmux list-panes -F '#{e|+:1,#(curl x)}'",
    "tmux display -p 'up: #(curl x)'", "tmux display -p 'up #(uptime), #(curl x)'", "tmux setw -g window-status-format '#(curl x)'",
    "tmux set-option -g status-left '#[fg=red]#(curl x)'", "tmux display -p '#(cd /tmp && curl x)'", "tmux display -p '#(echo $(id); curl x)'",
    "byobu display -p '#(curl x)'", "tmux display -p '##(curl x)'"),
  ['tmux display -p "#(echo #(curl x))"', 'deny', 'a job inside a job runs as well'],
  ...rowsOf('ask', 'a job that cannot be read exactly',
    "tmux display -p '#(echo (x)'", "tmux display -p '#(ls'", "tmux display -p '#(ls #{pane_current_path})'", "tmux display -p '#(echo #T)'"),
  ...allows('formats without jobs, jobs that are allowed, and commands tmux runs',
    "tmux new -d -s s 'npm test'", "tmux display -p '#{session_name}'", "tmux list-windows -F '#{window_index} #{window_name}'",
    "tmux set -g status-right '#(uptime)'", "tmux display -p '#(date +%H:%M)'", "tmux send-keys -t s 'npm test' Enter",
    'tmux ls', "tmux list-panes -F '#{pane_id} #{pane_current_command}'"),
];

export const QQ12: readonly ShellRow[] = [
  ...rowsOf('ask', "a client's shell escape read from a heredoc or here-string, as its -c/-e form asks",
    "psql <<'EOF'\n\\! rm -rf ~\nEOF", "psql <<<'\\! curl x'", "psql -d app <<<'select 1; \\! curl x'", "mysql <<<'system curl x'",
    "mariadb <<<'\\! curl x'", "mysql -h db -u root app <<<'\\! curl x'", "psql -f - <<<'\\! curl x'", "psql <<<'\\g | curl x'"),
  ...rowsOf('ask', 'psql piping output to a command or running COPY PROGRAM', "psql -c '\\o | curl x'",
    "psql -c \"COPY t FROM PROGRAM 'curl x'\"", "psql -c 'select 1 \\g |curl x'"),
  ['mysql -h -e <<<"\\! curl x"', 'ask', '-e here is the value of -h, so the client reads standard input'],
  ["psql <<EOF\nselect $x\nEOF", 'ask', 'commands only known at run time'],
  ...rowsOf('ask', "a debugger's commands read from standard input", "gdb -batch <<<'shell curl x'", "echo 'shell curl x' | gdb",
    "lldb <<<'platform shell curl x'", "gdb ./a.out <<<'bt'", 'echo bt | gdb --args ./a.out -batch', 'lldb ./a.out < cmds.txt'),
  ...rowsOf('ask', 'a pipe or a file on standard input is not known, as for sqlite3', 'psql < schema.sql', 'cat x.sql | psql',
    'mysql app < dump.sql', 'psql -f - < x.sql', 'echo x | mariadb -u root', 'pg_dump a | psql b', '{ psql; } < x.sql',
    'sudo -u postgres psql < x.sql', 'psql -h -c < x.sql'),
  ...allows('commands given in arguments or files, heredocs without escapes, and version output',
    "psql -c 'select 1'", "psql -d app -c 'select 1'", 'psql -f schema.sql', 'psql -l', 'psql --version', "psql <<<'select 1'",
    "psql -d app <<'EOF'\ncreate table t(x int);\nEOF", "mysql -e 'select 1'", "mysql -u root -BNe 'show databases'",
    "mysql <<<'select 1'", 'mysql --version', "mysql --execute='select 1'", 'gdb --version', 'gdb -batch ./a.out',
    'gdb -batch ./a.out core < cmds.txt', 'lldb --version',
    'psql', 'mysql -u root', 'gdb ./a.out', 'lldb ./a.out', 'psql -f schema.sql < /dev/null', "echo 'select 1' | psql -c 'select 2'", "psql -c 'select program from t'"),
];

/** How a pipe or a file reaches standard input besides `|` and `<` on the command itself. */
export const FED: readonly ShellRow[] = [
  ...rowsOf('ask', 'standard input given by exec, a function call, a coprocess or a subshell', 'exec < cmds.txt; sudo -s', 'exec 0<&3; psql',
    'f() { sudo -s; }; echo x | f', 'coproc sudo -s', 'coproc psql', "exec <<<'curl x'; sudo -s", "sudo -s 3<<<'curl x' 0<&3",
    'echo x | (psql)'),
  ...allows('other descriptors', 'exec 3< f; psql', 'exec > /tmp/log; su', 'sudo -s 3< f'),
];

table('QQ-10: the shell sudo -s, su, newgrp, script… start reads standard input', QQ10);
table('QQ-10, QQ-12: how a pipe or a file reaches standard input', FED);
table('QQ-11: tmux format jobs #(CMD)', QQ11);
table('QQ-12: psql, mysql and debuggers reading commands from standard input', QQ12);
