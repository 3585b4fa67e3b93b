import { effectOf, judge, policyOf } from '../helpers/policy.ts';

// Audit EE-2: servers merge runs of "/" (nginx's default merge_slashes, most proxies) and servlet
// containers cut ";params" from a path segment, so `//admin/x` and `/admin;x/y` reach `/admin/...`.
// Deny and ask rules see that routed spelling too; an allow never gets wider from it.
describe('deny and ask rules see a URL path as servers route it', () => {
  const DENY = 'rules:\n  - {capability: web_fetch, effect: deny, match: ["https://api.example.com/admin/*"]}\n  - {capability: web_fetch, effect: allow, match: ["https://api.example.com/*"]}\n';
  test.each([
    ['https://api.example.com/admin/x', 'deny'],
    ['https://api.example.com//admin/x', 'deny'],
    ['https://api.example.com///admin//x', 'deny'],
    ['https://API.example.com:443//admin/x', 'deny'],
    ['https://api.example.com/admin;x/y', 'deny'],
    ['https://api.example.com/admin;jsessionid=0A1B/users?id=1', 'deny'],
    ['https://api.example.com//admin;x/y#top', 'deny'],
    // The cut leaves a `..` segment, which the container then resolves.
    ['https://api.example.com/public/..;/admin/x', 'deny'],
    ['https://api.example.com/public/..;x/admin/x', 'deny'],
    // Decoded and routed together.
    ['https://api.example.com//%61dmin;v=1/x', 'deny'],
    // Neither a parameter nor a query or fragment is part of the routed path.
    ['https://api.example.com/public/x;admin/y', 'allow'],
    ['https://api.example.com/public//x', 'allow'],
    ['https://api.example.com/public?next=//admin/x', 'allow'],
    ['https://api.example.com/public#/admin;x/y', 'allow'],
    // An escaped ";" is no parameter to a server either.
    ['https://api.example.com/admin%3Bx/y', 'allow'],
  ] as const)('deny: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: DENY }), 'web_fetch', url)).toBe(effect);
  });

  test('the deny names its pattern', () => {
    const r = judge(policyOf({ workspace: DENY }), 'web_fetch', 'https://api.example.com//admin/x');
    expect(r.rule?.pattern).toBe('https://api.example.com/admin/*');
  });

  const ASK = 'rules:\n  - {capability: web_fetch, effect: ask, match: ["https://api.example.com/admin/*"]}\n  - {capability: web_fetch, effect: allow, match: ["https://api.example.com/*"]}\n';
  test.each([
    ['https://api.example.com//admin/x', 'ask'],
    ['https://api.example.com/admin;x/y', 'ask'],
    ['https://api.example.com/public/x', 'allow'],
  ] as const)('ask: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: ASK }), 'web_fetch', url)).toBe(effect);
  });

  // The routed spelling is what a server may make of the URL, not what the URL says.
  const ALLOW = 'rules:\n  - {capability: web_fetch, effect: allow, match: ["https://api.example.com/admin/*"]}\n';
  test.each([
    ['https://api.example.com/admin/x', 'allow'],
    ['https://api.example.com//admin/x', 'ask'],
    ['https://api.example.com/admin;x/y', 'ask'],
    ['https://api.example.com/public/..;/admin/x', 'ask'],
  ] as const)('allow never widens: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: ALLOW }), 'web_fetch', url)).toBe(effect);
  });

  // An allow's exclude sees the routed spelling too, which only narrows the allow.
  const EXCLUDE = 'rules:\n  - {capability: web_fetch, effect: allow, match: ["https://api.example.com/*"], exclude: ["https://api.example.com/admin/*"]}\n';
  test.each([
    ['https://api.example.com//admin/x', 'ask'],
    ['https://api.example.com/admin;x/y', 'ask'],
    ['https://api.example.com/public/x', 'allow'],
  ] as const)('exclude: %j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: EXCLUDE }), 'web_fetch', url)).toBe(effect);
  });
});

// Audit 31 (OO-2): an IPv6 host that carries an IPv4 address reaches that address, so a deny for
// the IPv4 host was passed by `[::ffff:169.254.169.254]`. Each allow row was allow before too.
describe('deny and ask rules see the IPv4 address an IPv6 host carries', () => {
  const DENY = 'rules:\n  - {capability: web_fetch, effect: allow, match: ["*"]}\n  - {capability: web_fetch, effect: deny, match: ["http://169.254.169.254/*", "http://127.0.0.1:8080/*"]}\n';
  test.each([
    ['http://[::ffff:169.254.169.254]/latest/meta-data', 'deny'],
    ['http://[::ffff:a9fe:a9fe]/x', 'deny'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/x', 'deny'],
    ['http://[::ffff:0:a9fe:a9fe]/x', 'deny'],
    ['http://[::a9fe:a9fe]/x', 'deny'],
    ['http://[64:ff9b::a9fe:a9fe]/x', 'deny'],
    ['http://[::ffff:7f00:1]:8080/x', 'deny'],
    ['http://[::ffff:7f00:1]:9090/x', 'allow'],
    ['http://[::1]/x', 'allow'],
    ['http://[2001:db8::a9fe:a9fe]/x', 'allow'],
  ] as const)('%j -> %s', (url, effect) => {
    expect(effectOf(policyOf({ workspace: DENY }), 'web_fetch', url)).toBe(effect);
  });
  test('an allow for the IPv4 host does not allow the IPv6 spelling', () => {
    const allow = 'rules:\n  - {capability: web_fetch, effect: allow, match: ["http://10.0.0.1/*"]}\n';
    expect(effectOf(policyOf({ workspace: allow }), 'web_fetch', 'http://[::ffff:a00:1]/x')).toBe('ask');
  });
});
