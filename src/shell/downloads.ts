// The files curl and wget write (audit round 22, P-6): not only `-o`/`-O FILE`, but the files
// other options name (headers, cookies, traces), the folder `--output-dir`/`-P` puts them in, and
// the names a download takes from its URL (`curl -O`, a bare `wget URL`).
import type { Arg } from './words.ts';

interface Download {
  /** Short options that write the file they name (in a cluster too). */
  writesShort: string;
  /** Long options that write the file they name; getopt_long also takes a unique prefix. */
  writesLong: readonly string[];
  /** Other short options that take a value, so the value is not read as a cluster or a URL. */
  valueShort: string;
  /** Other long options that take the next word as value (the common ones; others count as flags). */
  valueLong: readonly string[];
}

const CURL: Download = {
  writesShort: 'oDc',
  writesLong: ['--output', '--dump-header', '--cookie-jar', '--trace', '--trace-ascii', '--stderr', '--libcurl', '--etag-save', '--hsts', '--alt-svc'],
  valueShort: 'AbCdeEFhHKmQrTuUwxXYyz',
  valueLong: ['--header', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--form', '--form-string', '--json',
    '--user', '--user-agent', '--referer', '--request', '--cookie', '--proxy', '--proxy-user', '--max-time', '--connect-timeout', '--retry',
    '--retry-delay', '--retry-max-time', '--cacert', '--capath', '--cert', '--key', '--config', '--range', '--resolve', '--connect-to',
    '--write-out', '--limit-rate', '--max-filesize', '--interface', '--oauth2-bearer', '--variable', '--upload-file', '--output-dir',
    '--url', '--etag-compare', '--time-cond', '--max-redirs', '--aws-sigv4', '--unix-socket', '--dns-servers', '--noproxy', '--ciphers'],
};

const WGET: Download = {
  // -o and -a are wget's log files.
  writesShort: 'Ooa',
  writesLong: ['--output-document', '--output-file', '--append-output', '--save-cookies', '--save-headers-file', '--warc-file',
    '--rejected-log'],
  valueShort: 'eiPtTwQUBDlARIX',
  valueLong: ['--directory-prefix', '--input-file', '--execute', '--tries', '--timeout', '--wait', '--quota', '--user-agent', '--header',
    '--user', '--password', '--http-user', '--http-password', '--load-cookies', '--post-data', '--post-file', '--body-data', '--method',
    '--level', '--accept', '--reject', '--domains', '--exclude-domains', '--include-directories', '--exclude-directories', '--base',
    '--referer', '--limit-rate', '--cut-dirs', '--default-page', '--config', '--ca-certificate', '--certificate', '--private-key',
    '--restrict-file-names', '--wait-retry', '--dns-timeout', '--connect-timeout', '--read-timeout', '--bind-address'],
};

/** A file a download writes: its word, or one made up from a folder and a name (`DIR/NAME`). */
export interface DownloadWrite {
  file: Arg;
  /** The option or operand that names it, for reasons (`curl -O`, `wget -P`). */
  by: string;
  /** `file` is a folder that files whose names (or paths, in a tree) are only known at run time land in. */
  into?: 'names' | 'paths';
}

interface Scan {
  /** Files options name, each with its option. */
  named: Array<{ file: Arg; option: string }>;
  /** Words that may be URLs: operands, and `--url` values. */
  urls: Arg[];
  /**
   * Options seen that name no file, long ones as written (or the long name a value option's prefix
   * stands for) and short ones one letter at a time (`-O`, `--remote-name`, `-i`).
   */
  flags: Set<string>;
  /** Values of the folder options (`--output-dir`, `-P`), the last one counting. */
  folders: Arg[];
  /** The values of the other options that take one. */
  values: Array<{ option: string; value: Arg }>;
}

/** Reads curl's or wget's words: what options name, which words may be URLs, and the flags. */
function scan(spec: Download, args: readonly Arg[], folderShort: string, folderLong: string): Scan {
  const out: Scan = { named: [], urls: [], flags: new Set(), folders: [], values: [] };
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') {
      out.urls.push(...args.slice(i + 1));
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const written = eq < 0 ? v : v.slice(0, eq);
      const takeValue = (): Arg | undefined => (eq < 0 ? args[++i] : { ...a, value: v.slice(eq + 1), pos: -1 });
      // getopt_long takes a unique prefix (`--out f`); a short one stands for nothing here.
      const prefix = (l: string): boolean => written.length >= 5 && l.startsWith(written);
      // An exact name wins over a longer one it begins (`--output` is not `--output-dir`).
      const writes = spec.writesLong.find((l) => l === written) ?? (written === folderLong ? undefined : spec.writesLong.find(prefix));
      if (writes === undefined && (written === folderLong || (written.length >= 8 && folderLong.startsWith(written)))) {
        const value = takeValue();
        if (value !== undefined) out.folders.push(value);
      } else if (writes !== undefined) {
        const value = takeValue();
        if (value !== undefined) out.named.push({ file: value, option: writes });
      } else if (written === '--url') {
        const value = takeValue();
        if (value !== undefined) out.urls.push(value);
      } else if (spec.valueLong.some(prefix)) {
        const option = spec.valueLong.find(prefix) ?? written;
        out.flags.add(option);
        const value = takeValue();
        if (value !== undefined) out.values.push({ option, value });
      } else {
        out.flags.add(written);
      }
      continue;
    }
    if (!v.startsWith('-') || v === '-') {
      out.urls.push(a);
      continue;
    }
    if (a.dynamic !== null) continue;
    // wget's two-letter `-nc`, `-nd`, `-nH`, `-nv`.
    if (spec === WGET && /^-n[a-zA-Z]$/.test(v)) {
      out.flags.add(v);
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const writes = spec.writesShort.includes(ch);
      const folder = ch === folderShort;
      if (!writes && !folder && !spec.valueShort.includes(ch)) {
        out.flags.add(`-${ch}`);
        continue;
      }
      if (!writes) out.flags.add(`-${ch}`);
      const value = j + 1 < v.length ? { ...a, value: v.slice(j + 1), pos: -1 } : args[++i];
      if (value !== undefined && !writes && !folder) out.values.push({ option: `-${ch}`, value });
      if (value !== undefined && writes) out.named.push({ file: value, option: `-${ch}` });
      if (value !== undefined && folder) out.folders.push(value);
      break;
    }
  }
  return out;
}

/** The working folder, where a download lands without a folder option. */
const HERE: Arg = { value: '.', dynamic: null, split: false, pos: -1, end: -1 };

/** `DIR/NAME` as one word: dynamic if either part is, and spelled from DIR's word for `~`. */
function inFolder(folder: Arg | undefined, name: Arg): Arg {
  if (folder === undefined) return name;
  const value = `${folder.value.replace(/\/+$/, '')}/${name.value}`;
  return { value, dynamic: folder.dynamic ?? name.dynamic, split: folder.split || name.split, pos: folder.pos, end: folder.end };
}

/**
 * The name a download takes from its URL: the last segment of the path, without the query and
 * fragment (with the query too when `withQuery`, as wget keeps it); null when none can be told.
 */
function urlName(url: Arg, emptyName: string | null, withQuery: boolean): string[] | null {
  if (url.dynamic !== null) return null;
  let rest = url.value.replace(/#.*$/s, '');
  const query = rest.indexOf('?');
  const path = query < 0 ? rest : rest.slice(0, query);
  rest = path.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/, '');
  // A scheme-less URL starts with its host (`example.com/f`).
  if (rest === path && !path.startsWith('/')) rest = path.includes('/') ? path.slice(path.indexOf('/')) : '';
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  // curl's globs (`f[1-3].txt`, `{a,b}`) make several names.
  if (/[[\]{}]/.test(name)) return null;
  if (name === '' || name === '.' || name === '..') return emptyName === null ? null : [emptyName];
  const names = [name];
  if (withQuery && query >= 0) names.push(`${name}${url.value.slice(query).replace(/#.*$/s, '')}`);
  return names;
}

/** What a URL's download writes in `folder` (or the working folder). */
function namedAfterUrls(urls: readonly Arg[], folder: Arg | undefined, by: string, emptyName: string | null, withQuery: boolean): DownloadWrite[] {
  const out: DownloadWrite[] = [];
  for (const url of urls) {
    const names = urlName(url, emptyName, withQuery);
    if (names === null) {
      out.push({ file: folder ?? HERE, by, into: 'names' });
      continue;
    }
    for (const name of names) out.push({ file: inFolder(folder, { value: name, dynamic: null, split: false, pos: -1, end: -1 }), by });
  }
  return out;
}

/** Files curl writes: the options' files (`-o` and `-O` under `--output-dir`), and URL names with `-O`. */
function curlWrites(args: readonly Arg[]): DownloadWrite[] {
  const s = scan(CURL, args, '', '--output-dir');
  const out: DownloadWrite[] = [];
  // `--next` starts over without the folder, so a file may then be where it is named as well.
  const folders: Array<Arg | undefined> = s.folders.length === 0 ? [undefined] : [...s.folders];
  if (s.folders.length > 0 && (s.flags.has('-:') || s.flags.has('--next'))) folders.push(undefined);
  for (const { file, option } of s.named) {
    const placed = option === '-o' || option === '--output';
    if (placed && file.dynamic === null && file.value === '-') continue;
    for (const folder of placed ? folders : [undefined]) out.push({ file: inFolder(folder, file), by: `curl ${option}` });
  }
  // A config file (`-K FILE`) may name outputs and folders of its own.
  if (s.values.some(({ option }) => option === '-K' || option === '--config')) {
    out.push({ file: { ...HERE, dynamic: 'curl -K reads options from a file, which may name where it writes' }, by: 'curl -K', into: 'paths' });
  }
  const remote = s.flags.has('-O') || [...s.flags].some((f) => f.length >= 10 && '--remote-name-all'.startsWith(f));
  if (remote) {
    // `-J` takes the name from the server's answer.
    const serverNamed = s.flags.has('-J') || [...s.flags].some((f) => f.length >= 10 && '--remote-header-name'.startsWith(f));
    for (const folder of folders) {
      if (serverNamed) out.push({ file: folder ?? HERE, by: 'curl -J', into: 'names' });
      else out.push(...namedAfterUrls(s.urls, folder, 'curl -O', null, false));
    }
  }
  return out;
}

/** Long flags of wget that lay out a tree of files, or take their names from elsewhere. */
const WGET_TREES = ['--recursive', '--mirror', '--page-requisites', '--force-directories'];
const WGET_OTHER_NAMES = ['--content-disposition', '--trust-server-names'];

/**
 * wgetrc commands (`-e robots=off`) that name no file and do not change where files go; wget
 * reads a command's name without case, `-` or `_`.
 */
const HARMLESS_WGETRC = new Set(['robots', 'tries', 'timeout', 'wait', 'waitretry', 'randomwait', 'useragent', 'checkcertificate', 'quiet',
  'verbose', 'httpproxy', 'httpsproxy', 'useproxy', 'noproxy', 'continue', 'timestamping', 'noclobber', 'header', 'limitrate', 'readtimeout',
  'connecttimeout', 'dnstimeout', 'retryconnrefused', 'showprogress', 'progress', 'serverresponse', 'inet4only', 'inet6only']);

function harmlessWgetrc(command: Arg): boolean {
  const eq = command.value.indexOf('=');
  return command.dynamic === null && eq > 0 && HARMLESS_WGETRC.has(command.value.slice(0, eq).replace(/[-_\s]/g, '').toLowerCase());
}

/** Files wget writes: `-O`, its logs and cookies, or each URL's name in `-P DIR`; a tree asks. */
function wgetWrites(args: readonly Arg[]): DownloadWrite[] {
  const s = scan(WGET, args, 'P', '--directory-prefix');
  const out: DownloadWrite[] = s.named.filter(({ file, option }) => !(file.dynamic === null && file.value === '-' && /^-O|^--output-d/.test(option)))
    .map(({ file, option }) => ({ file, by: `wget ${option}` }));
  // -O names the one file every download goes to.
  if (s.named.some(({ option }) => option === '-O' || option === '--output-document')) return out;
  const folder = s.folders[s.folders.length - 1];
  const long = (names: readonly string[]): boolean => [...s.flags].some((f) => f.length >= 5 && names.some((n) => n.startsWith(f)));
  const tree = ['-r', '-m', '-p', '-x'].some((f) => s.flags.has(f)) || long(WGET_TREES);
  // URLs read from a file, wgetrc commands (`-e dir_prefix=…`), or names the server gives.
  // A wgetrc command (`-e dir_prefix=…`) or file may move the files anywhere.
  const moved = s.flags.has('--config') || s.values.some(({ option, value }) => (option === '-e' || option === '--execute') && !harmlessWgetrc(value));
  if (moved) {
    out.push({ file: { ...HERE, dynamic: 'a wgetrc command or file (-e, --config) may set where wget writes' }, by: 'wget', into: 'paths' });
    return out;
  }
  // URLs read from a file, or names the server gives.
  const elsewhere = s.flags.has('-i') || s.flags.has('--input-file') || long(WGET_OTHER_NAMES);
  if (tree || elsewhere) {
    out.push({ file: folder ?? HERE, by: tree ? 'wget -r' : 'wget', into: tree ? 'paths' : 'names' });
    return out;
  }
  out.push(...namedAfterUrls(s.urls, folder, folder === undefined ? 'wget' : 'wget -P', 'index.html', true));
  return out;
}

/** The files curl or wget writes, or none for any other program. */
export function downloadWrites(name: string, args: readonly Arg[]): DownloadWrite[] {
  if (name === 'curl') return curlWrites(args);
  if (name === 'wget') return wgetWrites(args);
  return [];
}
