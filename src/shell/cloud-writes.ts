// Cloud-storage copies, image builds and infrastructure tools that write local files (audit 34,
// WW-5): `aws s3 cp|mv|sync` (the AWS CLI's other writes are in aws-writes.ts),
// `gsutil cp|mv|rsync`, `gcloud storage cp|mv|rsync`, `az storage blob|file download[-batch]`,
// `rclone copy|sync|move|copyto|moveto`, `docker|podman|buildah build -o` (and `--iidfile`,
// `--metadata-file`), `terraform init|get|plan|apply …` and `helm pull|fetch|package`. A local
// destination is judged like cp's: a file, or a folder that receives files whose names are only
// known at run time. Uploads (`aws s3 cp ./a s3://b/a`) write nothing here.
import { contentWrite as content, has, hereWrite, isStdio, knownPrefix, madeArg, readWords, treeWrite as tree, valuesOf, withValue, type OperandWrite, type Options, type ProgramWrites } from './operand-words.ts';
import { awsCommandWrites } from './aws-writes.ts';
import { joined } from './here-writes.ts';
import type { Arg } from './words.ts';


/**
 * Where one of `paths` (a command's words: `s3 cp`) starts in `args`, with only options and their
 * values before it (`aws --profile p s3 cp`: a word right after an option without `=` may be its value).
 */
function commandAt(args: readonly Arg[], paths: ReadonlyArray<readonly string[]>): { path: readonly string[]; next: number } | undefined {
  for (let i = 1; i < args.length; i++) {
    const path = paths.find((p) => p.every((word, k) => args[i + k]?.dynamic === null && args[i + k]?.value === word));
    if (path !== undefined) return { path, next: i + path.length };
    const v = (args[i] as Arg).value;
    if (v === '--') return undefined;
    const previous = (args[i - 1] as Arg).value;
    if (!v.startsWith('-') && !(i > 1 && previous.startsWith('-') && !previous.includes('='))) return undefined;
  }
  return undefined;
}

/** How a copying command reads its operands. */
interface Copy {
  by: string;
  /** The local path an operand names, or null for a remote one (`s3://b/k`, `remote:path`). */
  local: (a: Arg) => Arg | null;
  /** It copies folders whole (`sync`, `-r`): the destination is a folder. */
  trees: boolean;
  /** The destination is the file itself, never a folder it goes into (`rclone copyto`). */
  exact?: true;
  /** It takes away what it copied (`mv`). */
  moves: boolean;
  /** It takes one source only, so more words than two were misread: any after the first may be the destination. */
  oneSource: boolean;
}

/** The name a single source keeps in a destination folder: the last segment of its path, or null when not known. */
function sourceName(source: Arg | undefined): string | null {
  if (source === undefined || source.dynamic !== null) return null;
  // A URL's key may hold colons (`s3://b/a:b`); rclone's `remote:name` has none after the remote's.
  const url = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(source.value);
  const path = (url === null ? source.value : source.value.slice(url[0].length)).replace(/\/+$/, '');
  const name = url !== null || path.includes('/') ? path.slice(path.lastIndexOf('/') + 1) : path.slice(path.indexOf(':') + 1);
  return name === '' || name === '.' || name === '..' || /[*?[\]{}]/.test(name) ? null : name;
}

/** A local destination: a folder whose files' names are only known at run time, a file, or a folder the source keeps its name in. */
function destinationWrites(dest: Arg, sources: readonly Arg[], c: Copy): OperandWrite[] {
  if (c.trees || sources.length !== 1) return [tree(dest, c.by)];
  if (c.exact === true) return [{ ...content(dest, c.by), mayBeFolder: true }, tree(dest, c.by)];
  const name = sourceName(sources[0]);
  const inside = name === null ? tree(dest, c.by) : content(joined(dest, name), c.by);
  // `.`, `..` and `DIR/` are surely folders.
  if (dest.dynamic === null && /(?:^|\/)\.{0,2}$/.test(dest.value)) return [inside];
  return [{ ...content(dest, c.by), mayBeFolder: true }, inside];
}

/** The local files a copy writes (and, for a move, takes away): its last operand, when local. */
function copyWrites(paths: readonly Arg[], c: Copy): OperandWrite[] {
  const dest = paths[paths.length - 1];
  if (dest === undefined) return [];
  // One word (`gsutil cp -I DIR` reads its sources from standard input) is the destination.
  const sources = paths.length > 1 ? paths.slice(0, -1) : [];
  const dests = c.oneSource && paths.length > 2 ? paths.slice(1) : [dest];
  const out: OperandWrite[] = [];
  for (const d of dests) {
    const file = c.local(d);
    if (file !== null) out.push(...destinationWrites(file, sources, c));
  }
  if (c.moves) {
    for (const s of sources) {
      const file = c.local(s);
      if (file !== null) out.push({ file, by: c.by, kind: c.trees ? 'removeTree' : 'entry' });
    }
  }
  return out;
}


/** aws: `s3://…` is remote; a word that may start otherwise is a local path. */
const awsLocal = (a: Arg): Arg | null => (knownPrefix(a).startsWith('s3://') || isStdio(a) ? null : a);

/** gsutil and gcloud storage: `gs://…`, `s3://…` and other URLs are remote; `file://PATH` is PATH. */
function cloudUrlLocal(a: Arg): Arg | null {
  const prefix = knownPrefix(a);
  if (/^file:\/\//i.test(prefix)) return withValue(a, a.value.slice('file://'.length));
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(prefix) || isStdio(a) ? null : a;
}

/** rclone: `remote:path` (a colon before any slash) and `:backend:path` are remote, but `:local:PATH` is PATH. */
function rcloneLocal(a: Arg): Arg | null {
  const prefix = knownPrefix(a);
  const onTheFly = /^:local(?:,[^:]*)?:/.exec(prefix);
  if (onTheFly !== null) return withValue(a, a.value.slice(onTheFly[0].length));
  return /^[^/]*:/.test(prefix) ? null : a;
}

const AWS_S3: Options = {
  valued: '',
  long: ['--profile', '--region', '--endpoint-url', '--output', '--query', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--color',
    '--cli-binary-format', '--page-size', '--acl', '--sse', '--sse-c', '--sse-c-key', '--sse-kms-key-id', '--sse-c-copy-source',
    '--sse-c-copy-source-key', '--storage-class', '--grants', '--website-redirect', '--content-type', '--cache-control', '--content-disposition',
    '--content-encoding', '--content-language', '--expires', '--source-region', '--include', '--exclude', '--metadata', '--metadata-directive',
    '--expected-size', '--request-payer', '--checksum-mode', '--checksum-algorithm', '--copy-props', '--case-conflict'],
};

/** `aws s3 cp|mv|sync SRC DEST`: a local DEST is written (a folder with `--recursive` or `sync`), a local SRC of mv taken away; other commands: aws-writes.ts. */
function awsWrites(args: readonly Arg[]): OperandWrite[] {
  const found = commandAt(args, [['s3', 'cp'], ['s3', 'mv'], ['s3', 'sync']]);
  if (found === undefined) return awsCommandWrites(args);
  const verb = found.path[1] as string;
  const w = readWords(args, found.next, AWS_S3);
  return copyWrites(w.operands, { by: `aws s3 ${verb}`, local: awsLocal, trees: verb === 'sync' || has(w, '--recursive'), moves: verb === 'mv', oneSource: true });
}

const GSUTIL: Options = { valued: 'ajLsxyz', long: [] };

/** `gsutil [-m …] cp|mv|rsync … SRC… DEST`; `-L FILE` writes a manifest. */
function gsutilWrites(args: readonly Arg[]): OperandWrite[] {
  const found = commandAt(args, [['cp'], ['mv'], ['rsync']]);
  if (found === undefined) return [];
  const verb = found.path[0] as string;
  const w = readWords(args, found.next, GSUTIL);
  const by = `gsutil ${verb}`;
  const manifests = verb === 'rsync' ? [] : valuesOf(w, '-L').map((f) => content(f, `${by} -L`));
  return [...manifests, ...copyWrites(w.operands, { by, local: cloudUrlLocal, trees: verb === 'rsync' || has(w, '-r', '-R'), moves: verb === 'mv', oneSource: false })];
}

const GCLOUD_STORAGE: Options = {
  valued: 'asxL',
  long: ['--project', '--account', '--billing-project', '--configuration', '--flags-file', '--format', '--verbosity', '--impersonate-service-account',
    '--additional-headers', '--cache-control', '--content-disposition', '--content-encoding', '--content-language', '--content-type',
    '--custom-metadata', '--custom-time', '--storage-class', '--predefined-acl', '--encryption-key', '--decryption-keys', '--manifest-path',
    '--exclude', '--trace-token', '--update-custom-metadata', '--remove-custom-metadata', '--clear-custom-metadata'],
};

/** `gcloud [alpha|beta] storage cp|mv|rsync … SRC… DEST`; `--manifest-path FILE` writes a manifest. */
function gcloudWrites(args: readonly Arg[]): OperandWrite[] {
  const verbs = ['cp', 'mv', 'rsync'];
  const found = commandAt(args, [...verbs.map((v) => ['storage', v]), ...verbs.flatMap((v) => [['alpha', 'storage', v], ['beta', 'storage', v]])]);
  if (found === undefined) return [];
  const verb = found.path[found.path.length - 1] as string;
  const w = readWords(args, found.next, GCLOUD_STORAGE);
  const by = `gcloud storage ${verb}`;
  const manifests = valuesOf(w, '-L', '--manifest-path').map((f) => content(f, `${by} --manifest-path`));
  const trees = verb === 'rsync' || has(w, '-r', '-R', '--recursive');
  return [...manifests, ...copyWrites(w.operands, { by, local: cloudUrlLocal, trees, moves: verb === 'mv', oneSource: false })];
}

const AZ: Options = {
  valued: 'cnfdso',
  long: ['--file', '--destination', '--dest', '--container-name', '--name', '--source', '--account-name', '--account-key', '--connection-string',
    '--sas-token', '--auth-mode', '--pattern', '--subscription', '--output', '--query', '--max-connections', '--start-range', '--end-range',
    '--version-id', '--snapshot', '--timeout', '--lease-id', '--blob-endpoint', '--path', '--share-name', '--file-endpoint'],
};

/** `az storage blob download -f|--file FILE`, `az storage file download --dest PATH`, `download-batch -d|--destination DIR`. */
function azWrites(args: readonly Arg[]): OperandWrite[] {
  const found = commandAt(args, ['blob', 'file'].flatMap((kind) => [['storage', kind, 'download'], ['storage', kind, 'download-batch']]));
  if (found === undefined) return [];
  const by = `az ${found.path.join(' ')}`;
  const w = readWords(args, found.next, AZ);
  if (found.path[2] === 'download-batch') return valuesOf(w, '-d', '--destination', '--dest').map((d) => tree(d, by));
  if (found.path[1] === 'blob') return valuesOf(w, '-f', '--file').map((f) => content(f, by));
  // A folder keeps the share's file name.
  return valuesOf(w, '--dest').flatMap((d) => [{ ...content(d, by), mayBeFolder: true as const }, tree(d, by)]);
}

const RCLONE: Options = {
  valued: '',
  long: ['--config', '--transfers', '--checkers', '--log-file', '--log-level', '--exclude', '--include', '--filter', '--exclude-from',
    '--include-from', '--filter-from', '--files-from', '--files-from-raw', '--bwlimit', '--max-age', '--min-age', '--max-size', '--min-size',
    '--max-depth', '--max-transfer', '--backup-dir', '--suffix', '--compare-dest', '--copy-dest', '--order-by', '--stats', '--stats-log-level',
    '--timeout', '--contimeout', '--retries', '--low-level-retries', '--tpslimit', '--user-agent', '--header', '--multi-thread-streams',
    '--buffer-size', '--cache-dir', '--temp-dir', '--track-renames-strategy', '--cutoff-mode', '--retries-sleep', '--password-command'],
  flags: ['--track-renames'],
};

/** `rclone copy|sync|move SRC DEST` fill a local DEST folder; `copyto|moveto` write it as a file (or folder); move takes a local SRC away. */
function rcloneWrites(args: readonly Arg[]): OperandWrite[] {
  const found = commandAt(args, [['copy'], ['sync'], ['move'], ['copyto'], ['moveto']]);
  if (found === undefined) return [];
  const verb = found.path[0] as string;
  const w = readWords(args, found.next, RCLONE);
  const exact = verb.endsWith('to');
  const logs = valuesOf(w, '--log-file').map((f) => content(f, `rclone --log-file`));
  const copy: Copy = { by: `rclone ${verb}`, local: rcloneLocal, trees: !exact, moves: verb.startsWith('move'), oneSource: true };
  if (exact) copy.exact = true;
  return [...logs, ...copyWrites(w.operands, copy)];
}

/** The words that start an image build, by program (`docker buildx build`, `buildah bud`). */
const BUILDS: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  docker: [['build'], ['buildx', 'build'], ['buildx', 'b'], ['image', 'build'], ['builder', 'build']],
  podman: [['build'], ['buildx', 'build'], ['image', 'build']],
  buildah: [['build'], ['bud'], ['build-using-dockerfile']],
};

const BUILD: Options = {
  valued: 'ftmcov',
  long: ['--file', '--tag', '--output', '--build-arg', '--platform', '--target', '--label', '--cache-from', '--cache-to', '--secret', '--ssh',
    '--network', '--progress', '--iidfile', '--metadata-file', '--builder', '--add-host', '--build-context', '--annotation', '--attest',
    '--shm-size', '--ulimit', '--allow', '--call', '--cgroup-parent', '--isolation', '--memory', '--memory-swap',
    '--cpu-shares', '--cpuset-cpus', '--cpu-period', '--cpu-quota', '--security-opt', '--volume', '--env', '--format', '--jobs'],
};

/**
 * One `-o|--output` of an image build: a bare PATH is the local exporter's folder (`-` standard
 * output); `type=local,dest=DIR` a folder, `type=tar|oci|docker,dest=FILE` a file, any other
 * type with a dest either. A field only known at run time may be any of them.
 */
function exportWrites(o: Arg, by: string): OperandWrite[] {
  if (!o.value.includes('=')) return isStdio(o) ? [] : [tree(o, by)];
  const fields = o.value.split(',');
  const unknown = (text: string): boolean => /[$`"']/.test(text);
  if (fields.some((f) => !f.includes('=') || unknown(f.slice(0, f.indexOf('='))))) return [content(madeArg(o.value, o.dynamic ?? 'a quoted build output'), by)];
  const field = (key: string): string | undefined => {
    const last = fields.filter((f) => f.slice(0, f.indexOf('=')).trim().toLowerCase() === key).pop();
    return last?.slice(last.indexOf('=') + 1);
  };
  const destText = field('dest');
  if (destText === undefined || destText === '-') return [];
  const dest = madeArg(destText, unknown(destText) ? o.dynamic ?? 'a build output' : null);
  const type = field('type') ?? 'local';
  if (type === 'local') return [tree(dest, by)];
  if (!unknown(type) && ['tar', 'oci', 'docker'].includes(type)) return [content(dest, by)];
  return [{ ...content(dest, by), mayBeFolder: true }, tree(dest, by)];
}

/** `docker|podman|buildah build … -o|--output PATH|type=…,dest=PATH`, `--iidfile FILE`, `--metadata-file FILE`. */
function buildWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const found = commandAt(args, BUILDS[name] ?? []);
  if (found === undefined) return [];
  const by = `${name} ${found.path.join(' ')}`;
  const w = readWords(args, found.next, BUILD);
  return [...valuesOf(w, '-o', '--output').flatMap((o) => exportWrites(o, `${by} -o`)), ...valuesOf(w, '--iidfile', '--metadata-file').map((f) => content(f, by))];
}

/** terraform's flags that name a file it writes, by command (Go flags: `-out=F`, `--out F`). */
const TERRAFORM_FILES: Readonly<Record<string, readonly string[]>> = {
  plan: ['out', 'generate-config-out'],
  apply: ['out', 'state', 'state-out', 'backup'],
  destroy: ['state', 'state-out', 'backup'],
  refresh: ['state', 'state-out', 'backup'],
  import: ['state', 'state-out', 'backup'],
};

/**
 * `terraform [-chdir=DIR] init` makes `.terraform/` and `.terraform.lock.hcl` there (`-from-module`
 * copies a module in too), `get` fills `.terraform/`, `providers lock|mirror DIR` write the lock
 * file or DIR; `plan -out=FILE` and the state flags write FILE, relative to DIR.
 */
function terraformWrites(args: readonly Arg[]): OperandWrite[] {
  let chdir: Arg | undefined;
  let at = 1;
  for (; at < args.length && (args[at] as Arg).value.startsWith('-'); at++) {
    const a = args[at] as Arg;
    if (/^--?chdir=/.test(a.value)) chdir = withValue(a, a.value.slice(a.value.indexOf('=') + 1));
  }
  const verb = args[at]?.value ?? '';
  const by = `terraform ${verb}`;
  const moved = (f: Arg): Arg => (chdir === undefined || f.value.startsWith('/') ? f : joined(chdir, f));
  const flags = new Map<string, Arg[]>();
  const operands: Arg[] = [];
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const m = /^--?([a-z][a-z-]*)(?:=(.*))?$/s.exec(a.value);
    if (m === null) {
      operands.push(a);
      continue;
    }
    const name = m[1] as string;
    const value = m[2] !== undefined ? withValue(a, m[2]) : (TERRAFORM_FILES[verb] ?? []).includes(name) ? args[++i] : undefined;
    flags.set(name, [...(flags.get(name) ?? []), ...(value === undefined ? [] : [value])]);
  }
  const here = (f: string): Arg => moved(madeArg(f));
  switch (verb) {
    case 'init': {
      const out = [tree(here('.terraform'), by), content(here('.terraform.lock.hcl'), by)];
      if (flags.has('from-module')) out.push(chdir === undefined ? hereWrite(`${by} -from-module`) : tree(chdir, `${by} -from-module`));
      return out;
    }
    case 'get':
      return [tree(here('.terraform'), by)];
    case 'providers':
      if (operands[0]?.value === 'lock') return [content(here('.terraform.lock.hcl'), `${by} lock`)];
      // Go's flags come first, so the folder is the last word.
      return operands[0]?.value === 'mirror' && operands.length > 1 ? [tree(moved(operands[operands.length - 1] as Arg), `${by} mirror`)] : [];
    default:
      return (TERRAFORM_FILES[verb] ?? []).flatMap((flag) => (flags.get(flag) ?? []).filter((f) => !(flag === 'backup' && isStdio(f))).map((f) => content(moved(f), `${by} -${flag}`)));
  }
}

const HELM: Options = {
  valued: 'dn',
  long: ['--destination', '--untardir', '--version', '--repo', '--username', '--password', '--ca-file', '--cert-file', '--key-file', '--keyring',
    '--namespace', '--kube-context', '--kubeconfig', '--registry-config', '--repository-cache', '--repository-config', '--app-version', '--key',
    '--passphrase-file', '--burst-limit', '--qps', '--kube-apiserver', '--kube-as-user', '--kube-as-group', '--kube-token', '--kube-ca-file'],
  // `--untar` is a flag, not an abbreviation of `--untardir`.
  flags: ['--untar'],
};

/** A file named by the chart (`NAME-VERSION.tgz`) in `dir`, or where the shell stands: only rules naming it decide, as for npm pack's. */
function chartFile(dir: Arg | undefined, pattern: string, by: string): OperandWrite {
  const file = dir === undefined ? madeArg(pattern, 'glob') : { ...joined(dir, pattern), dynamic: dir.dynamic ?? 'glob' };
  return { file, by, kind: 'entry' };
}

/**
 * `helm pull|fetch CHART [-d DIR]` saves `NAME-VERSION.tgz` (and `.prov`) in DIR or here; with
 * `--untar`, the chart's folder lands in `--untardir` (under DIR when relative). `helm package
 * PATH [-d DIR]` writes its archive the same way.
 */
function helmWrites(args: readonly Arg[]): OperandWrite[] {
  const found = commandAt(args, [['pull'], ['fetch'], ['package']]);
  if (found === undefined) return [];
  const by = `helm ${found.path[0] as string}`;
  const w = readWords(args, found.next, HELM);
  const dir = valuesOf(w, '-d', '--destination').pop();
  if (found.path[0] === 'package' || !has(w, '--untar')) {
    const signed = has(w, '--prov', '--sign');
    return [chartFile(dir, '*.tgz', by), ...(signed ? [chartFile(dir, '*.tgz.prov', by)] : [])];
  }
  const untar = valuesOf(w, '--untardir').pop();
  const folder = untar === undefined ? dir : dir === undefined || untar.value.startsWith('/') ? untar : joined(dir, untar);
  return [folder === undefined ? hereWrite(`${by} --untar`) : tree(folder, `${by} --untar`)];
}

/** The programs this file knows; other tables may know them too (`docker save -o`, `rclone mount`). */
const CLOUD_WRITERS = new Map<string, ProgramWrites>([
  ['aws', awsWrites], ['gsutil', gsutilWrites], ['gcloud', gcloudWrites], ['az', azWrites], ['rclone', rcloneWrites],
  ['docker', buildWrites], ['podman', buildWrites], ['buildah', buildWrites], ['terraform', terraformWrites], ['helm', helmWrites],
]);

/** The local files the programs this file knows write, or null for any other name. */
export function cloudWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = CLOUD_WRITERS.get(name);
  return writes === undefined ? null : writes(args, name);
}
