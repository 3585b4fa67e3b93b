// Files outside the workspace that tools read when they start (audit 41, AQ-1, AQ-2, AQ-4, AQ-5,
// AQ-7): `~/.gitconfig` (aliases run with `!`), the zsh and bash start-up files, `~/.curlrc`,
// `~/.ssh/config` (ProxyCommand, for ssh and git over ssh), pip's and cargo's user settings, and
// programs in the folders PATH usually lists. Under a policy that allows writes there, writing
// one and then running the tool in the same command runs what was written, which no rule judged
// as a command. Paths are as the walker notes writes: `~/…` for the home folder (an absolute
// spelling of it is matched by its tail).
import { PYTHON } from './pytest.ts';

const SSH = ['~/.ssh'];
const ZSH = ['~/.zshenv', '~/.zshrc', '~/.zprofile', '~/.zlogin', '~/.zlogout'];
const PROFILE = ['~/.profile'];

/** Program name -> the files and folders (below the home folder) it reads settings or code from. */
const READS: ReadonlyMap<string, readonly string[]> = new Map([
  ['git', ['~/.gitconfig', '~/.config/git', ...SSH]],
  ...['ssh', 'scp', 'sftp', 'rsync'].map((n): [string, readonly string[]] => [n, SSH]),
  ['zsh', ZSH],
  ['bash', ['~/.bashrc', '~/.bash_profile', '~/.bash_login', '~/.profile', '~/.bash_logout']],
  // A POSIX login shell (`sh -l`, `exec -l sh`) reads ~/.profile; ksh and mksh ~/.kshrc and
  // ~/.mkshrc when interactive (audit 43, AV-3). busybox runs them as applets.
  ...['sh', 'dash', 'ash', 'busybox', 'toybox'].map((n): [string, readonly string[]] => [n, PROFILE]),
  ['ksh', [...PROFILE, '~/.kshrc']],
  ['ksh93', [...PROFILE, '~/.kshrc']],
  ['mksh', [...PROFILE, '~/.mkshrc']],
  ['curl', ['~/.curlrc', '~/.config/curlrc']],
  // ftp's netrc macros (`macdef init`) and lftp's start-up commands run what they name.
  ...['ftp', 'tnftp'].map((n): [string, readonly string[]] => [n, ['~/.netrc']]),
  ['lftp', ['~/.netrc', '~/.lftprc', '~/.lftp', '~/.config/lftp']],
  ['wget', ['~/.wgetrc']],
  ...['npm', 'npx', 'pnpm', 'yarn'].map((n): [string, readonly string[]] => [n, ['~/.npmrc', '~/.yarnrc', '~/.yarnrc.yml']]),
  ...['pip', 'pip3'].map((n): [string, readonly string[]] => [n, ['~/.config/pip', '~/.pip']]),
  ['cargo', ['~/.cargo/config', '~/.cargo/config.toml']],
]);
/** What python reads at start: `.pth` files and usercustomize in the user site folder. */
const PYTHON_READS = ['~/.local/lib'];

/** Folders PATH usually lists, where a program written then runs by its bare name. */
export const PATH_FOLDERS = [
  '~/.local/bin', '~/bin', '~/.cargo/bin', '~/go/bin', '/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/usr/sbin', '/bin', '/sbin',
  '/opt/homebrew/bin',
];

/** The files and folders program `name` (a path's last segment) reads when it starts; empty for most. */
export function startupReads(name: string): readonly string[] {
  return READS.get(name) ?? (name.startsWith('python') && PYTHON.test(name) ? PYTHON_READS : []);
}
