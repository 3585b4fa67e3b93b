// URL spellings for web_fetch rules. A request is seen by deny and ask rules in every form a server
// or the fetching tool may make of it (urlViews); a deny or ask pattern is read in the normal form
// of a request too (urlPatternReadings), once, when the policy is compiled.
import { domainToASCII } from 'node:url';

/**
 * Other spellings of a URL that deny/ask rules also see: WHATWG parsing lower-cases the scheme
 * and host and drops default ports and credentials, so `HTTPS://X.dev:443/a` meets `https://x.dev/*`;
 * a trailing dot on the host is dropped too. A percent-escaped unreserved character is that
 * character (RFC 3986 6.2.2.2), which servers decode before routing: `/%61dmin` is `/admin`. Each
 * path is also seen as servers route it (routedPath): `//admin/x` and `/admin;x/y` reach `/admin/…`,
 * and so does `/public/..%2Fadmin/x` once its encoded separator is decoded. The URL is also seen
 * without its fragment, which is never sent, and an `http://` URL as its `https://` form, which is
 * what Claude Code's WebFetch fetches ("HTTP URLs will be automatically upgraded to HTTPS"), and
 * with the scheme's default port written out.
 */
export function urlViews(resource: string): string[] {
  let u: URL;
  try {
    u = new URL(resource);
  } catch {
    return [];
  }
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
  const hosts = [u.hostname];
  const v4 = embeddedIpv4(u.hostname);
  if (v4 !== null) hosts.push(v4);
  const schemes = u.protocol === 'http:' ? ['http:', 'https:'] : [u.protocol];
  // With the scheme's default port written out too, for a pattern whose port is a wildcard
  // (`http://localhost:*/*` meets `http://localhost/x`: audit 49, BO-3).
  const origins = schemes.flatMap((s) => hosts.flatMap((h) => {
    const port = portSuffix(s, u.port);
    const fallback = DEFAULT_PORTS[s];
    return port === '' && fallback !== undefined ? [`${s}//${h}`, `${s}//${h}:${fallback}`] : [`${s}//${h}${port}`];
  }));
  const views = origins.flatMap((origin) => rests.map((r) => origin + r));
  // Upgraded as written too, for a pattern that has no normal form to meet the parsed views.
  if (/^http:\/\//i.test(resource)) views.push(`https://${resource.slice(7)}`);
  return [...new Set(views)].filter((v) => v !== resource);
}

const ENCODED_SEPARATOR = /%(?:2[Ff]|5[Cc])/;
const ENCODED_SEPARATORS = /%(?:2[Ff]|5[Cc])/g;

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };

/** `:8080`, or nothing for the scheme's own port (`http://x:443` upgraded is `https://x`). */
function portSuffix(scheme: string, port: string): string {
  return port === '' || DEFAULT_PORTS[scheme] === port ? '' : `:${port}`;
}

/**
 * The IPv4 address an IPv6 host carries and is routed to (`[::ffff:a9fe:a9fe]` is 169.254.169.254
 * to a dual-stack socket): IPv4-mapped `::ffff:0:0/96`, the translated `::ffff:0:0:0/96`, the old
 * IPv4-compatible `::/96` and NAT64's `64:ff9b::/96`. Null for any other host.
 */
export function embeddedIpv4(hostname: string): string | null {
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

// scheme `://` authority, then the rest from the first `/`, `?`, `#` or `\` (WHATWG ends a special
// URL's authority at a `\` too). A `*` may stand anywhere, so it is allowed in scheme and authority.
const PATTERN_PARTS = /^([A-Za-z*][A-Za-z0-9+.*-]*):\/\/([^/?#\\]*)([\s\S]*)$/;

/**
 * The spellings of a deny or ask web_fetch pattern in the normal form a request is seen in
 * (urlViews), the pattern itself left out: scheme and host lower-cased, an IDN host in punycode
 * (`münchen.de` is `xn--mnchen-3ya.de` on the wire), the default port and a trailing dot on the host
 * dropped, an IPv6 host that carries an IPv4 address also as that address, and the path, query and
 * fragment as WHATWG serialises them (`/ä` is `/%C3%A4`; an empty `?` goes). A label or port with a
 * `*` in it is only lower-cased, and a pattern that is no `scheme://…` gets no readings: it is still
 * matched as written.
 */
export function urlPatternReadings(pattern: string): string[] {
  const m = PATTERN_PARTS.exec(pattern);
  if (m === null) return [];
  const scheme = (m[1] ?? '').toLowerCase();
  const authority = m[2] ?? '';
  const rest = m[3] ?? '';
  const at = authority.lastIndexOf('@');
  const userinfo = authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  const close = hostPort.startsWith('[') ? hostPort.indexOf(']') : -1;
  const colon = hostPort.indexOf(':', close + 1);
  const host = colon < 0 ? hostPort : hostPort.slice(0, colon);
  const port = colon < 0 ? '' : hostPort.slice(colon + 1);
  const hosts = normalHosts(host);
  const portPart = normalPort(scheme, port);
  const rests = [rest, ...normalRests(rest, authority.endsWith('*'))];
  const readings = hosts.flatMap((h) => rests.map((r) => `${scheme}://${userinfo}${h}${portPart}${r}`));
  return [...new Set(readings)].filter((r) => r !== pattern);
}

/** The host as a request's normal form spells it, and the IPv4 address an IPv6 host carries. */
function normalHosts(host: string): string[] {
  if (host.includes('*')) return [wildHost(host)];
  let name: string;
  try {
    // Special-scheme host parsing: IDN to punycode, IPv4 numbers dotted, IPv6 compressed, all lower case.
    name = new URL(`https://${host}/`).hostname;
  } catch {
    return [host.toLowerCase()];
  }
  if (name.endsWith('.') && name.length > 1) name = name.replace(/\.+$/, '');
  const v4 = embeddedIpv4(name);
  return v4 === null ? [name] : [name, v4];
}

/**
 * A host with a `*` in it, label by label: a label holding the `*` is only lower-cased, as its
 * punycode would be no spelling of any host (`mün*chen` is `xn--mn*chen-n2a`).
 */
function wildHost(host: string): string {
  const labels = host.replace(/(?<=.)\.+$/, '').split('.');
  return labels.map((l) => (l.includes('*') || /^[\x00-\x7f]*$/.test(l) ? l.toLowerCase() : domainToASCII(l) || l.toLowerCase())).join('.');
}

/** `:8080`; nothing for the scheme's default port or an empty one; a port with a `*` as written. */
function normalPort(scheme: string, port: string): string {
  if (port === '') return '';
  if (!/^[0-9]+$/.test(port)) return `:${port}`;
  const n = parseInt(port, 10);
  if (n > 65535) return `:${port}`;
  return portSuffix(`${scheme}:`, String(n));
}

/**
 * The path, query and fragment as WHATWG serialises them, and with escaped unreserved characters
 * decoded as in urlViews. A pattern that ends in its host (`https://x.dev`) also reads as
 * `https://x.dev/`, the form every such request takes, unless a `*` ends the authority.
 */
function normalRests(rest: string, wildEnd: boolean): string[] {
  if (rest === '') return wildEnd ? [] : ['/'];
  let serialised: string;
  try {
    const r = new URL(rest, 'https://h.invalid');
    serialised = r.pathname + r.search + r.hash;
  } catch {
    return [];
  }
  // `%2A` stays escaped, so decoding never makes a wildcard.
  return [...new Set([serialised, decodeUnreserved(serialised)])].filter((r) => r !== rest);
}
