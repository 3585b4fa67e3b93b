import { effectOf, judge, policyOf } from '../helpers/policy.ts';
import { urlPatternReadings } from '../../src/match/url.ts';

// Audit 32, PP-5: deny and ask web_fetch patterns are read in the normal form requests are seen in
// (lower-case scheme and host, IDN in punycode, no default port or trailing dot, an IPv6 host that
// carries an IPv4 address as that address), so another spelling of the same URL cannot slip past.
// Every deny and ask row below was allow before the fix.
describe('PP-5: deny and ask URL patterns meet requests in normal form', () => {
  const POLICY = `rules:
  - capability: web_fetch
    effect: deny
    match: ["https://EVIL.com/*", "https://bad.com:443/*", "https://dot.com./*", "http://[::ffff:a9fe:a9fe]/*", "HTTPS://upper.com/*", "https://münchen.de/*", "https://*.WILD.com/*", "https://shop.*.BÜCHER.de/*", "http://alt.com:0080/*", "https://exact.com", "https://path.com/ä/*", "https://EVIL*", "https://0x7f.1/*", "https://[::FFFF:7F00:2]/*"]
  - capability: web_fetch
    effect: ask
    match: ["https://ASK.com/*", "https://köln.de/*"]
  - capability: web_fetch
    effect: allow
`;
  test.each([
    // IDN: the Unicode pattern meets the wire form and other cases.
    ['https://MÜNCHEN.de/x', 'deny'],
    ['https://xn--mnchen-3ya.de/x', 'deny'],
    ['https://XN--MNCHEN-3YA.DE/x', 'deny'],
    ['https://shop.x.xn--bcher-kva.de/x', 'deny'],
    // Upper case in the pattern's scheme or host.
    ['https://evil.com/x', 'deny'],
    ['https://Evil.com:443/x', 'deny'],
    ['https://upper.com/x', 'deny'],
    ['https://a.wild.com/x', 'deny'],
    ['https://A.WILD.COM/x', 'deny'],
    ['https://evilcorp.net/x', 'deny'],
    // The default port, however written, and a trailing dot on the pattern's host.
    ['https://bad.com/x', 'deny'],
    ['http://alt.com/x', 'deny'],
    ['http://alt.com:80/x', 'deny'],
    ['https://dot.com/x', 'deny'],
    // An IPv6 host in the pattern that carries an IPv4 address; numeric IPv4 spellings.
    ['http://169.254.169.254/x', 'deny'],
    ['https://127.0.0.1/x', 'deny'],
    ['https://127.0.0.2/x', 'deny'],
    // A pattern that ends in its host meets the `/` every such request has; the path as WHATWG writes it.
    ['https://exact.com/', 'deny'],
    ['https://path.com/%C3%A4/x', 'deny'],
    ['https://path.com/%c3%a4/x', 'deny'],
    ['https://ask.com/x', 'ask'],
    ['https://xn--kln-sna.de/x', 'ask'],
    ['https://KÖLN.de/x', 'ask'],
    // Other sites, ports and paths stay allowed.
    ['https://bad.com:8443/x', 'allow'],
    ['https://wild.com/x', 'allow'],
    ['https://exact.com/x', 'allow'],
    ['https://path.com/a/x', 'allow'],
    ['https://good.com/x', 'allow'],
    ['https://xn--mnchen-3ya.com/x', 'allow'],
    ['http://169.254.169.253/x', 'allow'],
  ] as const)('%j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: POLICY }), 'web_fetch', url)).toBe(effect);
  });

  test('explain names the pattern and the resource as written', () => {
    const r = judge(policyOf({ workspace: POLICY }), 'web_fetch', 'https://XN--MNCHEN-3YA.de/x');
    expect(r.rule?.pattern).toBe('https://münchen.de/*');
    expect(r.resource).toBe('https://XN--MNCHEN-3YA.de/x');
  });

  // A deny's excludes as written keep applying to the pattern as written; its normal reading
  // takes their normal readings along.
  const EXCLUDED = `rules:
  - {capability: web_fetch, effect: deny, match: ["https://EVIL.com/*"], exclude: ["https://EVIL.com/public/*"]}
  - {capability: web_fetch, effect: allow}
`;
  test.each([
    ['https://evil.com/x', 'deny'],
    ['https://evil.com/public/x', 'allow'],
    ['https://EVIL.com/public/x', 'allow'],
    ['https://evil.com:443/public/x', 'allow'],
  ] as const)('with excludes: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: EXCLUDED }), 'web_fetch', url)).toBe(effect);
  });

  // Allow patterns stay as written, so the normal form never widens them; an allow's exclude reads
  // the normal form too, which only narrows it.
  const ALLOW = `rules:
  - {capability: web_fetch, effect: allow, match: ["https://github.com/*", "https://münchen.de/*"], exclude: ["https://GITHUB.com/private/*"]}
`;
  test.each([
    ['https://github.com/x', 'allow'],
    ['https://münchen.de/x', 'allow'],
    // Ask before and after: other spellings stay outside the allow.
    ['https://GITHUB.com/x', 'ask'],
    ['https://github.com:443/x', 'ask'],
    ['https://github.com./x', 'ask'],
    ['http://github.com/x', 'ask'],
    ['https://xn--mnchen-3ya.de/x', 'ask'],
    // Allow before: the exclude now reads the normal form.
    ['https://github.com/private/x', 'ask'],
  ] as const)('allow: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: ALLOW }), 'web_fetch', url)).toBe(effect);
  });
});

// PP-6: Claude Code's WebFetch upgrades http to https, so deny and ask rules also see an http URL
// as its https form. Allow rules see the URL as written.
describe('PP-6: deny and ask rules see an http URL as https', () => {
  const POLICY = `rules:
  - {capability: web_fetch, effect: deny, match: ["https://evil.com/*", "https://*EVIL*"]}
  - {capability: web_fetch, effect: ask, match: ["https://ask.com/*"]}
  - {capability: web_fetch, effect: allow, match: ["http://*", "https://*"]}
`;
  test.each([
    ['http://evil.com/a', 'deny'],
    ['http://evil.com:80/a', 'deny'],
    // Upgraded, port 443 is https's own.
    ['http://evil.com:443/a', 'deny'],
    ['http://x.EVIL/a', 'deny'],
    ['http://ask.com/a', 'ask'],
    ['http://good.com/a', 'allow'],
    ['https://good.com/a', 'allow'],
    ['http://[::ffff:1.2.3.4]/a', 'allow'],
  ] as const)('%j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: POLICY }), 'web_fetch', url)).toBe(effect);
  });

  test('explain names the https pattern and prints the http URL', () => {
    const r = judge(policyOf({ workspace: POLICY }), 'web_fetch', 'http://evil.com/a');
    expect(r.rule?.pattern).toBe('https://evil.com/*');
    expect(r.resource).toBe('http://evil.com/a');
  });

  const HTTP_ONLY = `rules:
  - {capability: web_fetch, effect: deny, match: ["https://evil.com/*"]}
  - {capability: web_fetch, effect: allow, match: ["http://*"], exclude: ["https://EXCL.com/*"]}
`;
  test.each([
    ['http://other.com/a', 'allow'],
    ['http://github.com/x', 'allow'],
    ['http://evil.com/a', 'deny'],
    // The allow's exclude sees the https form too.
    ['http://excl.com/a', 'ask'],
    ['http://EXCL.com/a', 'ask'],
    // Ask before and after: the https form does not match an `http://*` allow.
    ['https://other.com/a', 'ask'],
  ] as const)('allow http://*: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: HTTP_ONLY }), 'web_fetch', url)).toBe(effect);
  });
});

describe('urlPatternReadings', () => {
  test.each([
    ['https://EVIL.com/*', ['https://evil.com/*']],
    ['HTTPS://münchen.DE:443/*', ['https://xn--mnchen-3ya.de/*']],
    ['http://[::ffff:a9fe:a9fe]/*', ['http://169.254.169.254/*']],
    ['https://*.WILD.com./*', ['https://*.wild.com/*']],
    ['https://shop.*.BÜCHER.de/*', ['https://shop.*.xn--bcher-kva.de/*']],
    // A label with a `*` is only lower-cased; its punycode would name no host.
    ['https://MÜN*chen.de/*', ['https://mün*chen.de/*']],
    ['https://EVIL*', ['https://evil*']],
    ['https://x.dev:*/*', []],
    ['*://EVIL.com:443/*', ['*://evil.com:443/*']],
    ['https://exact.com', ['https://exact.com/']],
    ['https://x.dev/%61dmin/*', ['https://x.dev/admin/*']],
    // Not a `scheme://` URL: matched as written only.
    ['*EVIL.com*', []],
    ['evil.com/*', []],
    ['https://evil.com/*', []],
  ] as const)('%j -> %j', (pattern, readings) => {
    expect(urlPatternReadings(pattern)).toEqual(readings);
  });
});
