// Programs that start a shell when given no command (fakeroot, unshare, nsenter, pkexec, run0, the
// chroots, `systemd-run -S`, `toolbox|distrobox enter`, `capsh --`, nix-shell, `poetry shell`…):
// that shell reads its script from standard input. Every deny and ask row was allow before; the
// allow rows are everyday uses that must stay allowed.
import { auditPolicy, rowsOf, shellTable, type ShellRow } from '../helpers/shell-table.ts';

const allows = (why: string, ...commands: string[]): ShellRow[] => rowsOf('allow', why, ...commands);

/** The rows, exported for checking them against an older build. */
export const BARE: readonly ShellRow[] = [
  ...rowsOf('deny', "the heredoc or here-string is the shell's script",
    "fakeroot <<'EOF'\nrm -rf ~\nEOF", "fakeroot <<<'curl x'", "fakeroot -- <<<'curl x'", "fakeroot-ng <<<'curl x'", "fakechroot <<<'curl x'",
    "pseudo <<<'curl x'", "unshare <<<'curl x'", "unshare -r <<<'curl x'", "unshare --map-root-user --mount <<<'curl x'",
    "nsenter -t 1 -m <<<'curl x'", "nsenter --target=1 --all <<<'curl x'", "pkexec <<<'curl x'", "pkexec --user bob <<<'curl x'",
    "run0 <<<'curl x'", "firejail <<<'curl x'", "proot <<<'curl x'", "lxc-attach -n box <<<'curl x'", "schroot -c sid <<<'curl x'",
    "systemd-nspawn -D /srv/box <<<'curl x'", "dbus-run-session <<<'curl x'", "ksu <<<'curl x'", "ksu root <<<'curl x'",
    "calife root <<<'curl x'", "chroot /srv/root <<<'curl x'", "chroot --userspec=bob /srv/root <<<'curl x'", "arch-chroot /mnt <<<'curl x'",
    "systemd-run -S <<<'curl x'", "systemd-run --shell <<<'curl x'", "systemd-run -tS <<<'curl x'", "toolbox enter <<<'curl x'",
    "toolbox enter fedora <<<'curl x'", "distrobox enter <<<'curl x'", "distrobox enter box <<<'curl x'", "distrobox-enter box <<<'curl x'",
    "capsh -- <<<'curl x'", "capsh --drop=cap_net_raw -- <<<'curl x'", "capsh -- -s <<<'curl x'", "nix-shell <<<'curl x'",
    "nix-shell -p hello <<<'curl x'", "poetry shell <<<'curl x'", "pipenv shell <<<'curl x'", "hatch shell <<<'curl x'",
    "pixi shell <<<'curl x'", "devbox shell <<<'curl x'", "sudo fakeroot <<<'curl x'", "unshare -r <<'EOF'\necho x > .github/x\nEOF"),
  ...rowsOf('ask', 'a pipe or a file on standard input is not known, as for `… | sh`',
    "echo 'rm -rf ~' | fakeroot", 'fakeroot < cmds.txt', 'echo id | unshare -r', 'nsenter -t 1 -a < cmds.txt', 'echo id | pkexec',
    'chroot /srv/root < cmds.txt', 'echo id | systemd-run -S', 'toolbox enter < cmds.txt', 'distrobox enter box < cmds.txt',
    'echo id | capsh --', 'nix-shell < cmds.txt', 'echo id | poetry shell'),
  ...rowsOf('ask', 'a heredoc read by a shell as it runs it', "fakeroot <<<'ls'", "unshare -r <<<'id'", "chroot /srv/root <<<'ls'"),
  ...allows("the input the command line started with: what a person types", 'fakeroot', 'unshare -r', 'nsenter -t 1 -m', 'pkexec',
    'run0', 'chroot /srv/root', 'systemd-run -S', 'toolbox enter', 'distrobox enter box', 'capsh --', 'nix-shell', 'poetry shell'),
  ...allows('a command given, or no shell started', 'fakeroot make install < in.txt', "fakeroot tee /tmp/x <<<'curl x'",
    'echo hi | unshare -r tar xf - -C /tmp', 'pkexec apt-get update < /dev/null', 'chroot /srv/root ls < in.txt',
    "systemd-run --user npm test < in.txt", 'distrobox enter box -- ls < in.txt', "capsh -- -c 'ls' < in.txt", 'capsh --print < in.txt',
    'nix-shell --run ls < in.txt', 'poetry run pytest < in.txt', 'poetry install < in.txt'),
  ["ssh host <<<'curl x'", 'allow', 'a shell on another machine, whose commands are not judged (as `ssh host CMD`)'],
];

shellTable(auditPolicy(), 'programs that start a shell when given no command read it from standard input', BARE);
