// One entry point for every kind of request: request in, decision with its reason out.
import type { Decision, Explanation, Request } from '../policy/types.ts';
import type { CompiledPolicy } from './compile.ts';
import { decideModel, decidePath, decideText, malformedWrittenPath, moreRestrictive } from './decide.ts';
import { procFolderPath } from '../shell/paths.ts';
import type { ShellAnalysis } from '../shell/types.ts';
import { evaluateShell } from './shell.ts';

/**
 * Other spellings of a URL that deny/ask rules also see: WHATWG parsing lower-cases the scheme
 * and host and drops default ports and credentials, so `HTTPS://X.dev:443/a` meets `https://x.dev/*`;
 * a trailing dot on the host is dropped too. A percent-escaped unreserved character is that
 * character (RFC 3986 6.2.2.2), which servers decode before routing: `/%61dmin` is `/admin`. Each
 * path is also seen as servers route it (routedPath): `//admin/x` and `/admin;x/y` reach `/admin/…`,
 * and so does `/public/..%2Fadmin/x` once its encoded separator is decoded. The URL is also seen
 * without its fragment, which is never sent.
 */
function urlViews(resource: string): string[] {
  try {
    const u = new URL(resource);
    // `evil.example.` (a fully qualified name) is the host `evil.example`.
    if (u.hostname.endsWith('.') && u.hostname.length > 1) u.hostname = u.hostname.replace(/\.+$/, '');
    // The fragment never leaves the client: `/admin#x` fetches `/admin`.
    const sent = `${u.pathname}${u.search}`;
    const rest = sent + u.hash;
    const rests = u.hash === '' ? [rest] : [rest, sent];
    if (rest.includes('%')) rests.push(...rests.map(decodeUnreserved));
    for (const r of rests.slice()) {
      // WHATWG leaves a `?` or `#` in a path escaped, so the first one ends it.
      const end = r.search(/[?#]/);
      const path = end < 0 ? r : r.slice(0, end);
      if (!path.startsWith('/')) continue;
      // nginx decodes `%2F` before it resolves dot segments, and a decoded `%5C` is a `\`, which
      // IIS reads as `/`: `/public/..%2fsecret` is routed as `/secret`.
      const split = ENCODED_SEPARATOR.test(path) ? path.replace(ENCODED_SEPARATORS, '/') : path;
      if (split !== path || path.includes('//') || path.includes(';')) rests.push(routedPath(split) + r.slice(path.length));
    }
    const origins = [`${u.protocol}//${u.host}`];
    const v4 = embeddedIpv4(u.hostname);
    if (v4 !== null) origins.push(`${u.protocol}//${v4}${u.port === '' ? '' : `:${u.port}`}`);
    return [...new Set(origins.flatMap((origin) => rests.map((r) => origin + r)))].filter((v) => v !== resource);
  } catch {
    return [];
  }
}

const ENCODED_SEPARATOR = /%(?:2[Ff]|5[Cc])/;
const ENCODED_SEPARATORS = /%(?:2[Ff]|5[Cc])/g;

/**
 * The IPv4 address an IPv6 host carries and is routed to (`[::ffff:a9fe:a9fe]` is 169.254.169.254
 * to a dual-stack socket): IPv4-mapped `::ffff:0:0/96`, the translated `::ffff:0:0:0/96`, the old
 * IPv4-compatible `::/96` and NAT64's `64:ff9b::/96`. Null for any other host.
 */
function embeddedIpv4(hostname: string): string | null {
  if (!hostname.startsWith('[') || !hostname.endsWith(']')) return null;
  const text = hostname.slice(1, -1);
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const groups = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head;
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  const [a, b, c, d, e, f] = groups;
  const zero4 = a === 0 && b === 0 && c === 0 && d === 0;
  const embedded = (zero4 && e === 0 && (f === 0xffff || f === 0)) || (zero4 && e === 0xffff && f === 0) || (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0);
  if (!embedded) return null;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  // `::` and `::1` are IPv6's own unspecified and loopback addresses.
  if (zero4 && e === 0 && f === 0 && high === 0) return null;
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/**
 * A URL path as servers route it: runs of `/` merged (nginx's default `merge_slashes`, most
 * proxies) and `;params` cut from each segment (servlet containers), with the `.` and `..` this
 * leaves resolved, so `/public/..;/admin` is `/admin`. Only deny and ask rules see it: an allow
 * never gets wider from a spelling the server may not use.
 */
function routedPath(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const raw = segments[i] ?? '';
    const semi = raw.indexOf(';');
    const seg = semi < 0 ? raw : raw.slice(0, semi);
    const last = i === segments.length - 1;
    if (seg === '..') out.pop();
    if (seg === '.' || seg === '..' || seg === '') {
      // A final one leaves a folder, which keeps its `/`.
      if (last) out.push('');
      continue;
    }
    out.push(seg);
  }
  return '/' + out.join('/');
}

/** `%61` -> `a` for the unreserved characters; other escapes upper-cased (`%2f` -> `%2F`). */
function decodeUnreserved(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

/**
 * `/proc/self/cwd/…` names the requesting process's folder, the request's cwd, not the folder
 * agent-gate runs in (where the link resolves on disk): judged there too, the stricter decision
 * winning. Another process's folder is only known at run time, so at least ask.
 */
function procFolderDecision(policy: CompiledPolicy, capability: 'fs_read' | 'fs_write', resource: string, cwd: string, onDisk: Decision): Decision {
  const proc = procFolderPath(resource);
  if (proc === null) return onDisk;
  if (proc.doubt !== null) return moreRestrictive(onDisk.effect, 'ask') ? onDisk : { effect: 'ask', rule: null, reason: proc.doubt };
  const there = decidePath(policy, capability, proc.path, { resolve: true, cwd });
  if (!moreRestrictive(there.effect, onDisk.effect)) return onDisk;
  return { effect: there.effect, rule: there.rule, reason: `${JSON.stringify(resource)} is ${JSON.stringify(there.path)} from the request's folder ${JSON.stringify(cwd)}: ${there.reason}` };
}

/** `analysis`: the shell request's, when the caller has parsed it already. */
export function explain(policy: CompiledPolicy, request: Request, analysis?: ShellAnalysis): Explanation {
  const { capability, resource } = request;
  const cwd = request.cwd ?? '.';
  let d: Decision;
  switch (capability) {
    case 'shell':
      return evaluateShell(policy, resource, cwd, analysis);
    case 'fs_read':
    case 'fs_write': {
      const p = decidePath(policy, capability, resource, { resolve: true, cwd });
      d = procFolderDecision(policy, capability, resource, cwd, { effect: p.effect, rule: p.rule, reason: p.reason });
      break;
    }
    case 'model':
      d = decideModel(policy, resource === '' ? null : resource);
      break;
    case 'web_fetch':
      d = decideText(policy, capability, [resource, ...urlViews(resource)], resource);
      break;
    default:
      d = decideText(policy, capability, [resource], resource);
  }
  return { capability, resource, effect: d.effect, rule: d.rule, reason: d.reason, parts: [] };
}

/**
 * A request as a person writes it (`explain`, a policy's `tests:`) or as a log holds it: a path in
 * it is held to the canonical form as written, so `../x`, `a//b` and `src/../x` are denied like
 * their `\` spellings. Record and import write paths already resolved, so a log path with such a
 * segment was written by other means, and `lnk/../key` is not where the text says.
 */
export function explainWritten(policy: CompiledPolicy, request: Request, analysis?: ShellAnalysis): Explanation {
  const { capability, resource } = request;
  if (capability === 'fs_read' || capability === 'fs_write') {
    const d = malformedWrittenPath(resource);
    if (d !== null) return { capability, resource, effect: d.effect, rule: d.rule, reason: d.reason, parts: [] };
  }
  return explain(policy, request, analysis);
}

/**
 * A recorded tool call (log entry, hook payload). Its paths are relative to the repository root
 * (docs/log-format.md), which is how record and import write them. A log written by other means
 * may have meant them relative to the entry's `cwd`, so that reading is judged too, by deny and
 * ask rules only: whichever the writer meant, a denied path is found, and allow never widens.
 */
export function explainEntry(policy: CompiledPolicy, request: Request, analysis?: ShellAnalysis): Explanation {
  const { capability, resource } = request;
  const cwd = request.cwd ?? '.';
  if ((capability !== 'fs_read' && capability !== 'fs_write') || cwd === '.' || cwd === '') return explainWritten(policy, request, analysis);
  const fromRoot = explainWritten(policy, { ...request, cwd: '.' });
  if (fromRoot.effect === 'deny') return fromRoot;
  // `/proc/self/cwd/…` is the folder the tool call ran in, whatever the log meant by its paths.
  if (procFolderPath(resource) !== null) {
    const fromProcess = explain(policy, request);
    return moreRestrictive(fromProcess.effect, fromRoot.effect) ? fromProcess : fromRoot;
  }
  const fromCwd = decidePath(policy, capability, resource, { resolve: true, cwd });
  if (fromCwd.rule === null || fromCwd.effect === 'allow' || !moreRestrictive(fromCwd.effect, fromRoot.effect)) return fromRoot;
  const reason = `read from the entry's cwd ${JSON.stringify(cwd)} as ${JSON.stringify(fromCwd.path)}: ${fromCwd.reason}`;
  return { ...fromRoot, effect: fromCwd.effect, rule: fromCwd.rule, reason };
}
