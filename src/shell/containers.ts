// Container runners (audit round 23, T-5): `docker run IMAGE CMD…`, `docker exec CTR CMD…`,
// `docker compose run|exec SERVICE CMD…`, podman and nerdctl alike, and `kubectl exec|run … -- CMD`
// run a command, often on the workspace through a bind mount. The command is a tightening view of
// the host, as sudo's is, so a deny for `rm -rf *` holds inside `docker run … rm -rf /w`.
import { NO_RUNS as NONE, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

export const CONTAINER_TOOLS = new Set(['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'kubectl', 'oc']);

/** Global options of docker and podman that take a value. */
const GLOBAL_VALUES = new Set(['-c', '--context', '-H', '--host', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--url', '--connection', '--root', '--runroot']);
/** compose options that take a value. */
const COMPOSE_VALUES = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel']);
/** Options of `run`/`create`/`exec` (and compose's) that take a value; `--entrypoint` is the command's start. */
const RUN_VALUES = new Set([
  '-a', '-c', '-e', '-h', '-l', '-m', '-p', '-u', '-v', '-w', '--add-host', '--attach', '--blkio-weight', '--cap-add', '--cap-drop',
  '--cgroup-parent', '--cidfile', '--cpu-period', '--cpu-quota', '--cpu-shares', '--cpus', '--cpuset-cpus', '--device', '--dns',
  '--dns-search', '--entrypoint', '--env', '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--hostname', '--ip',
  '--ipc', '--label', '--label-file', '--link', '--log-driver', '--log-opt', '--mac-address', '--memory', '--mount', '--name',
  '--network', '--net', '--pid', '--platform', '--publish', '--pull', '--restart', '--runtime', '--security-opt', '--shm-size',
  '--stop-signal', '--stop-timeout', '--tmpfs', '--ulimit', '--user', '--userns', '--uts', '--volume', '--volumes-from', '--workdir',
  '--detach-keys', '--index',
]);
/** Bounds the views of a long argument list: past it the command is a question. */
const MAX_SUFFIXES = 256;
/** Commands whose value is a command run in the container. */
const COMMAND_VALUES = new Set(['--entrypoint', '--health-cmd']);

const words = (text: string): Arg[] => text.split(/\s+/).filter((w) => w !== '').map((value) => ({ value, dynamic: null, split: false, pos: -1, end: -1 }));

/** The first word from `from` that is not an option or an option's value (`values`), or -1. */
function operandAt(args: readonly Arg[], from: number, values: ReadonlySet<string>): number {
  for (let i = from; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v === '--') return i + 1 < args.length ? i + 1 : -1;
    if (!v.startsWith('-') || v === '-') return i;
    if (!v.includes('=') && values.has(v)) i++;
  }
  return -1;
}

/**
 * Where `podman [GLOBAL OPTIONS] unshare` has its verb, or -1: it runs its command (or the user's
 * shell) here, in a user namespace, not in a container.
 */
export function podmanUnshareAt(args: readonly Arg[]): number {
  const at = operandAt(args, 1, GLOBAL_VALUES);
  return at > 0 && args[at]?.dynamic === null && args[at]?.value === 'unshare' ? at : -1;
}

/**
 * What `docker run …` and its kin run: the words after the image, container or service (with
 * `--entrypoint`'s value in front), each a view. A word that splits at run time before the command
 * may be anything, the command included, so it asks.
 */
export function containerRuns(args: readonly Arg[], name: string): Unwrapped {
  if (name === 'kubectl' || name === 'oc') return kubectlRuns(args, name);
  let at = name.endsWith('-compose') ? 0 : operandAt(args, 1, GLOBAL_VALUES);
  let verb = name.endsWith('-compose') ? 'compose' : args[at]?.value ?? '';
  if (verb === 'container') verb = args[++at]?.value ?? '';
  if (verb === 'compose') {
    at = operandAt(args, at + 1, COMPOSE_VALUES);
    verb = args[at]?.value ?? '';
    if (verb !== 'run' && verb !== 'exec') return NONE;
  } else if (verb !== 'run' && verb !== 'exec' && verb !== 'create') {
    return NONE;
  }
  const target = operandAt(args, at + 1, RUN_VALUES);
  const views: Arg[][] = [];
  let forceAsk: string | null = null;
  const end = target < 0 ? args.length : target + 1;
  for (let i = at + 1; i < end; i++) {
    const a = args[i] as Arg;
    if (a.dynamic !== null && a.split) forceAsk ??= `${name} ${verb} is given a word that splits at run time (${a.dynamic}) where an option or the command may stand`;
    if (i === target) break;
    const eq = a.value.indexOf('=');
    const option = eq < 0 ? a.value : a.value.slice(0, eq);
    if (COMMAND_VALUES.has(option)) {
      const value = eq < 0 ? args[i + 1] : { ...a, value: a.value.slice(eq + 1) };
      if (value !== undefined) views.push(value.dynamic === null ? [...words(value.value), ...(option === '--entrypoint' && target >= 0 ? args.slice(target + 1) : [])] : [value]);
    }
  }
  if (target >= 0 && target + 1 < args.length) views.push(args.slice(target + 1));
  // Options not listed here may take a value and hide where the image stands: every suffix after
  // the verb is a view too (views only tighten), as for the runners whose options are not modelled.
  // A suffix that starts with a word only known at run time is an option's value (`-v "$PWD":/w`);
  // one where the command may start was asked about above.
  for (let i = at + 1; i < args.length && i <= at + MAX_SUFFIXES; i++) if (args[i]?.dynamic === null) views.push(args.slice(i));
  if (args.length > at + 1 + MAX_SUFFIXES) forceAsk ??= `${name} ${verb} has too many arguments to judge each possible command in them`;
  if (views.length === 0 && forceAsk === null) return NONE;
  return { wrapper: false, commands: [], views, scripts: [], forceAsk };
}

/** `kubectl exec|run|debug … -- CMD…`: the words after `--`. */
function kubectlRuns(args: readonly Arg[], name: string): Unwrapped {
  const dash = args.findIndex((a) => a.value === '--');
  const end = dash < 0 ? args.length : dash;
  // Global options with values may come first (`kubectl -n NS exec`): any of the verbs before `--`.
  const at = args.findIndex((a, i) => i > 0 && i < end && (a.value === 'exec' || a.value === 'run' || a.value === 'debug' || a.value === 'attach'));
  if (at < 0) return NONE;
  const verb = args[at]?.value ?? '';
  const forceAsk = args.slice(1, end).some((a) => a.dynamic !== null && a.split) ? `${name} ${verb} is given a word that splits at run time before its command` : null;
  if (dash >= 0) return dash + 1 < args.length ? { wrapper: false, commands: [], views: [args.slice(dash + 1)], scripts: [], forceAsk } : NONE;
  // The older `kubectl exec POD CMD…` without `--`: any suffix after the verb may be the command.
  const views: Arg[][] = [];
  for (let i = at + 1; i < args.length && i <= at + MAX_SUFFIXES; i++) if (args[i]?.dynamic === null) views.push(args.slice(i));
  return views.length === 0 && forceAsk === null ? NONE : { wrapper: false, commands: [], views, scripts: [], forceAsk };
}
