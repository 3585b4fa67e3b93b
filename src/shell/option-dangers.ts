// Options of runners and tools that change what their command runs, or where, without a word of
// shell syntax (audit 37). Runners that set variables in the environment of what they run (`bwrap
// --setenv BASH_ENV ./x`, `systemd-run -E PATH=./x`, `tmux setenv -g BASH_ENV ./x`) are held to
// the dangerous names as `env NAME=…` is (AF-6); options that name a config file or setting whose
// variable is dangerous (`kubectl --kubeconfig F` is `KUBECONFIG=F`, `hg --config` is an hgrc
// line) ask as it does (AF-9); settings stored for later calls that name a program ask (AF-10);
// options that start the command in another folder move its relative writes (AF-7).
import { dangerReason, isDangerousName } from './assignments.ts';
import { lookupTable } from '../lookup.ts';
import { packageLongOption, packageOptionNamed } from './package-folders.ts';
import type { Arg } from './words.ts';

interface EnvOptions {
  /** Options followed by `NAME VALUE` as two words. */
  pair?: readonly string[];
  /** Options whose value is `NAME=VALUE` (attached after `=` for a long one, or given apart). */
  assign?: readonly string[];
  /** Sub-commands whose first operand is the NAME they set (tmux `setenv [-g] [-t T] NAME VALUE`). */
  setters?: readonly string[];
}

const ENV_OPTIONS: Readonly<Record<string, EnvOptions>> = lookupTable({
  bwrap: { pair: ['--setenv'] },
  'systemd-run': { assign: ['-E', '--setenv'] },
  machinectl: { assign: ['-E', '--setenv'] },
  'systemd-nspawn': { assign: ['-E', '--setenv'] },
  tmux: { assign: ['-e'], setters: ['set-environment', 'setenv'] },
  firejail: { assign: ['--env'] },
  nsjail: { assign: ['-E', '--env'] },
  'flatpak-spawn': { assign: ['--env'] },
  flatpak: { assign: ['--env'] },
  nix: { pair: ['--set-env-var'] },
  'nix-shell': { pair: ['--set-env-var'] },
});

/** tmux options of set-environment that take a value (`-t TARGET`). */
const TMUX_SETTER_VALUES = new Set(['-t']);

/** Why `args` (a command named `name`) sets a dangerous variable through an option, or null. */
function envOptionDanger(name: string, args: readonly Arg[]): string | null {
  const spec = ENV_OPTIONS[name];
  if (spec === undefined) return null;
  const pair = spec.pair ?? [];
  const assign = spec.assign ?? [];
  const setters = spec.setters ?? [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (pair.includes(v)) return nameDanger(name, v, args[i + 1]);
    const eq = v.indexOf('=');
    const long = v.startsWith('--') && eq > 0 ? v.slice(0, eq) : null;
    if (long !== null && pair.includes(long)) return nameDanger(name, long, { ...a, value: v.slice(eq + 1) });
    if (assign.includes(v)) {
      const why = assignmentDanger(name, v, args[i + 1]);
      if (why !== null) return why;
      i++;
      continue;
    }
    if (long !== null && assign.includes(long)) {
      const why = assignmentDanger(name, long, { ...a, value: v.slice(eq + 1) });
      if (why !== null) return why;
      continue;
    }
    // `-EPATH=x`: a short option with its value attached.
    const short = assign.find((o) => o.length === 2 && v.startsWith(o) && v.length > 2);
    if (short !== undefined) {
      const why = assignmentDanger(name, short, { ...a, value: v.slice(2) });
      if (why !== null) return why;
      continue;
    }
    if (setters.includes(v)) {
      let k = i + 1;
      while (k < args.length && (args[k]?.value ?? '').startsWith('-')) k += TMUX_SETTER_VALUES.has(args[k]?.value ?? '') ? 2 : 1;
      const why = nameDanger(name, v, args[k]);
      if (why !== null) return why;
    }
    // A word only known at run time may be any of these options.
    if (a.dynamic !== null && v.startsWith('-')) return `${name} is given an option only known at run time, which may set a variable in the environment of what it runs`;
  }
  return null;
}

function nameDanger(name: string, option: string, word: Arg | undefined): string | null {
  if (word === undefined) return null;
  if (word.dynamic !== null) return `${name} ${option} sets a variable whose name is only known at run time`;
  return isDangerousName(word.value) ? `${name} ${option}: ${dangerReason(word.value)}` : null;
}

function assignmentDanger(name: string, option: string, word: Arg | undefined): string | null {
  if (word === undefined) return null;
  const eq = word.value.indexOf('=');
  const variable = eq < 0 ? word.value : word.value.slice(0, eq);
  if (word.dynamic !== null && /[$`]/.test(word.value.slice(0, eq < 0 ? undefined : eq))) return `${name} ${option} sets a variable whose name is only known at run time`;
  // `systemd-run -E NAME` passes the caller's own value on: nothing new is set.
  if (eq < 0) return null;
  return isDangerousName(variable) ? `${name} ${option}: ${dangerReason(variable)}` : null;
}

/** Tools that read a kubeconfig, whose `exec` entries name programs to run. */
const KUBECONFIG_READERS = new Set(['kubectl', 'oc', 'helm', 'k9s', 'kubectx', 'kubens', 'kustomize', 'stern', 'kubeseal', 'flux', 'argocd', 'kubelogin', 'minikube', 'kind', 'k3d', 'skaffold', 'tilt', 'helmfile']);

/**
 * Why an option of `name` does what a dangerous variable does (see envOptionDanger, and the
 * config options above), or null.
 */
export function optionDanger(name: string, args: readonly Arg[]): string | null {
  // This runs for every command and view: most names have nothing to look at.
  if (!OPTION_DANGER_NAMES.has(name)) return null;
  const env = envOptionDanger(name, args);
  if (env !== null) return env;
  const words = args.slice(1);
  if (KUBECONFIG_READERS.has(name) && words.some((a) => /^--kubeconfig(?:=|$)/.test(a.value))) {
    return `${name} --kubeconfig names a kubeconfig, whose exec entries run programs, as KUBECONFIG does`;
  }
  // helm runs the --post-renderer program on the manifests it renders.
  if (name === 'helm' && words.some((a) => /^--post-renderer(?:=|$)/.test(a.value))) {
    return 'helm --post-renderer runs a program on the rendered manifests, which is not judged here';
  }
  // Mercurial takes any unambiguous prefix of a long option; `--config` sets hgrc lines such as
  // hooks, `!` aliases, the editor and merge tools, which run shell commands.
  if ((name === 'hg' || name === 'chg') && words.some((a) => /^--conf(?:i|ig)?(?:=|$)/.test(a.value))) {
    return `${name} --config sets hgrc lines (hooks, aliases, editor, merge tools) that may run shell commands, as HGRCPATH does`;
  }
  const stored = storedSettingDanger(name, words);
  if (stored !== null) return stored;
  if (name === 'yarn' || name === 'pnpm') return jsRunningOption(name, words);
  return null;
}

/** yarn and pnpm options naming code they load or a settings file they read (audit 39, AL-6). */
const JS_RUNNING_OPTIONS = ['pnpmfile', 'global-pnpmfile', 'node-options', 'script-shell', 'shell-emulator', 'use-yarnrc', 'yarn-path', 'userconfig', 'globalconfig', 'npm-path', 'init-module'];

/**
 * Why a yarn or pnpm option names code or a settings file, or null; `--config.KEY=VALUE` sets any
 * setting, and prefixes count as package-folders.ts packageOptionNamed reads them.
 */
function jsRunningOption(name: string, words: readonly Arg[]): string | null {
  for (const a of words) {
    if (a.value === '--') break;
    const long = packageLongOption(a.value);
    const option = long === null ? undefined : packageOptionNamed(long.written, JS_RUNNING_OPTIONS);
    if (option !== undefined) return `${name} ${a.value.split('=')[0] ?? ''} names code or a settings file ${name} loads (--${option})`;
  }
  return null;
}

/** Every name optionDanger looks at. */
const OPTION_DANGER_NAMES: ReadonlySet<string> = new Set([...Object.keys(ENV_OPTIONS), ...KUBECONFIG_READERS, 'helm', 'hg', 'chg', 'go', 'yarn', 'pnpm']);

/** `go env -w` settings that only choose a platform or which modules are private: they run nothing. */
const GO_SAFE_SETTINGS = /^(?:GO111MODULE|GOPRIVATE|GONOPROXY|GOOS|GOARCH|CGO_ENABLED|GOAMD64|GOARM(?:64)?|GO386|GOMIPS(?:64)?|GOPPC64|GORISCV64|GOWASM|GODEBUG|GOTELEMETRY)$/;
/** yarn and pnpm settings that name code or a program they run. */
const JS_RUNNING_SETTINGS = /^(?:yarnPath|yarn-path|script-shell|shell-emulator|node-options|nodeOptions|init-module|injectEnvironmentFiles|plugins|pnpmfile|global-pnpmfile|git|editor|globalconfig|userconfig|npmPath)$/;
/** yarn and pnpm settings naming a folder every later command writes into (audit 39, AL-2). */
const JS_FOLDER_SETTINGS = /^(?:cacheFolder|cache-folder|modules-folder|globalFolder|global-folder|link-folder|prefix|store-dir|modules-dir|virtual-store-dir|lockfile-dir|state-dir|global-dir|global-bin-dir|cache-dir|pnpmHome|pnpm-home)$/;

/**
 * Settings stored for every later call (audit 37, AF-10): `go env -w` of anything but a platform
 * or privacy setting (GOFLAGS, CC, GOTOOLCHAIN… run programs), and yarn's or pnpm's `config set`
 * of a setting that names code (`yarnPath`, `script-shell`), as `npm config set` is held.
 */
function storedSettingDanger(name: string, words: readonly Arg[]): string | null {
  if (name === 'go' && words[0]?.value === 'env') {
    for (const a of words.slice(1)) {
      if (a.dynamic !== null) return 'go env is given a word only known at run time, which may store a setting every later go command uses';
      const set = /^([^=-][^=]*)=/.exec(a.value)?.[1];
      if (set !== undefined && !GO_SAFE_SETTINGS.test(set)) return `go env -w ${set}=…: stored for every later go command, and it may name a program go runs`;
    }
    return null;
  }
  if (name !== 'yarn' && name !== 'pnpm') return null;
  const config = words.findIndex((a) => a.value === 'config');
  if (config < 0 || words[config + 1]?.value !== 'set') return null;
  const key = words.slice(config + 2).find((a) => a.dynamic !== null || !a.value.startsWith('-'));
  if (key === undefined) return null;
  if (key.dynamic !== null) return `${name} config set of a key only known at run time, which may name code ${name} runs`;
  const bare = key.value.split('=')[0] ?? '';
  if (JS_FOLDER_SETTINGS.test(bare)) return `${name} config set ${bare} stores a folder every later ${name} command writes into`;
  return JS_RUNNING_SETTINGS.test(bare) ? `${name} config set ${bare} names code or a program ${name} runs for every later command` : null;
}

/**
 * Options that start a runner's command in another folder, beyond the ones every loose runner is
 * read for (runners.ts FOLDER_OPTION: `--chdir`, `--cwd`, `-C`…): `please -d DIR`, `schroot -d`,
 * and (audit 37, AF-7) `pnpm -C DIR`, `--filter`/`-r` (each selected package's folder), `yarn
 * --cwd`, `npm exec -w`, `bun --cwd`, `parallel --workdir`, `fd --base-directory`,
 * `start-stop-daemon -d`, `daemonize -c`, `nsenter --wdns`, `unshare --wd`. Its relative
 * redirections then ask.
 */
const FOLDER_MOVING: Readonly<Record<string, RegExp>> = lookupTable({
  please: /^-d/,
  schroot: /^-d/,
  dchroot: /^-d/,
  pnpm: /^(?:-C|--dir(?:=|$)|-F|--filter(?:=|$)|--filter-prod(?:=|$)|-r$|--recursive$|-w$|--workspace-root$)/,
  pnpx: /^(?:-C|--dir(?:=|$))/,
  yarn: /^(?:--cwd(?:=|$)|workspaces?$)/,
  npm: /^(?:-w|--workspaces?(?:=|$)|-ws$|--prefix(?:=|$)|-C)/,
  npx: /^(?:-w|--workspaces?(?:=|$)|-ws$|--prefix(?:=|$))/,
  bun: /^--cwd(?:=|$)/,
  bunx: /^--cwd(?:=|$)/,
  parallel: /^--(?:workdir|wd)(?:=|$)/,
  sem: /^--(?:workdir|wd)(?:=|$)/,
  fd: /^--base-directory(?:=|$)/,
  fdfind: /^--base-directory(?:=|$)/,
  'start-stop-daemon': /^(?:-d|--chdir(?:=|$))/,
  daemonize: /^-c/,
  nsenter: /^(?:-w|--wd(?:ns)?(?:=|$))/,
  unshare: /^(?:-w|--wd(?:=|$))/,
});

/** Options that give a runner's command another root folder, where even absolute paths point elsewhere. */
const ROOT_MOVING: Readonly<Record<string, RegExp>> = lookupTable({
  unshare: /^(?:-R|--root(?:=|$))/,
  nsenter: /^(?:-r|--root(?:=|$))/,
  'start-stop-daemon': /^(?:-r|--chroot(?:=|$))/,
});

/**
 * Why the command `name` runs may start in another folder (its relative writes move), or null. A
 * new root folder moves them too; its absolute paths are still judged as spelled.
 */
export function movedFolderDoubt(name: string, args: readonly Arg[]): string | null {
  if (name === 'chroot') return 'chroot runs the command with another root folder, so where its redirections write is not known';
  const moving = FOLDER_MOVING[name];
  const hit = moving === undefined ? undefined : args.find((a, i) => i > 0 && a.dynamic === null && moving.test(a.value));
  if (hit !== undefined) return `${name} ${hit.value.split('=')[0]} runs the command in another folder, so where its redirections write is not known`;
  const rooting = ROOT_MOVING[name];
  const root = rooting === undefined ? undefined : args.find((a, i) => i > 0 && a.dynamic === null && rooting.test(a.value));
  return root === undefined ? null : `${name} ${root.value.split('=')[0]} runs the command with another root folder, so where its redirections write is not known`;
}
