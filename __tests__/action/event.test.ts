import { describe, expect, test } from '@jest/globals';
import { planFromEvent } from '../../src/action/event.ts';
import { GateError } from '../../src/errors.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const ZERO = '0'.repeat(40);

function pr(over: Record<string, unknown> = {}): unknown {
  return { pull_request: { number: 12, base: { sha: A, ref: 'main' }, head: { sha: B, ref: 'kiro/fix' }, ...over } };
}

describe('pull_request and pull_request_target', () => {
  test.each(['pull_request', 'pull_request_target'])('%s: range from the payload, not GITHUB_SHA', (event) => {
    expect(planFromEvent(event, pr(), { GITHUB_SHA: C })).toEqual({
      kind: 'check', event, head: B, base: { kind: 'sha', sha: A }, branch: 'kiro/fix', pullNumber: 12,
      headRefs: ['refs/pull/12/head'], description: expect.stringContaining('#12'),
    });
  });

  test('upper-case ids are normalised', () => {
    const plan = planFromEvent('pull_request', pr({ head: { sha: B.toUpperCase(), ref: 'x' } }));
    expect(plan).toMatchObject({ head: B });
  });

  test.each([
    ['a short id', { head: { sha: 'bbbb', ref: 'x' } }, /pull_request.head.sha/],
    ['an option-shaped id', { base: { sha: '--upload-pack=evil' } }, /pull_request.base.sha/],
    ['a rev expression', { base: { sha: 'HEAD~1' } }, /pull_request.base.sha/],
    ['no number', { number: 'twelve' }, /pull_request.number/],
    // Audit 33, TT-3: a head ref of another type was ignored, and the head-branch signal with it.
    ['a head ref that is no string', { head: { sha: B, ref: 7 } }, /pull_request.head.ref is not a string \(got 7\)/],
    ['a head ref that is an object', { head: { sha: B, ref: { name: 'x' } } }, /pull_request.head.ref is not a string/],
  ])('%s is refused', (_what, over, pattern) => {
    expect(() => planFromEvent('pull_request', pr(over))).toThrow(pattern);
  });

  test('no pull_request at all', () => {
    expect(() => planFromEvent('pull_request', {})).toThrow(GateError);
  });
});

describe('push', () => {
  const base = { ref: 'refs/heads/feature', before: A, after: B, repository: { default_branch: 'main' } };

  test('a push to the default branch judges before..after', () => {
    expect(planFromEvent('push', { ...base, ref: 'refs/heads/main' })).toMatchObject({ kind: 'check', base: { kind: 'sha', sha: A }, head: B, branch: 'main', headRefs: [] });
  });

  // `before` on a feature branch may be the agent's own earlier push, policy edit included.
  test('a push to another branch judges the whole branch against the default branch', () => {
    expect(planFromEvent('push', base)).toMatchObject({ kind: 'check', base: { kind: 'default-branch', name: 'main' }, head: B, branch: 'feature', headRefs: [] });
  });

  test('a new branch (all-zero before) judges what is not on the default branch', () => {
    expect(planFromEvent('push', { ...base, before: ZERO, created: true })).toMatchObject({ base: { kind: 'default-branch', name: 'main' }, head: B, branch: 'feature' });
  });

  test('a force push re-judges the whole branch against the default branch', () => {
    expect(planFromEvent('push', { ...base, forced: true })).toMatchObject({ base: { kind: 'default-branch', name: 'main' }, head: B });
  });

  test('a force push to the default branch itself judges from before', () => {
    expect(planFromEvent('push', { ...base, ref: 'refs/heads/main', forced: true })).toMatchObject({ base: { kind: 'sha', sha: A } });
  });

  // It used to judge B..B: nothing at all.
  test('creating the default branch judges its whole history', () => {
    expect(planFromEvent('push', { ...base, ref: 'refs/heads/main', before: ZERO })).toMatchObject({ base: { kind: 'empty-tree' }, head: B });
  });

  test('deleted: true with an all-zero after does nothing', () => {
    expect(planFromEvent('push', { ...base, deleted: true, after: ZERO })).toEqual({ kind: 'skip', reason: expect.stringContaining('"refs/heads/feature"') });
  });

  test.each([
    ['deleted: true with a real after', { deleted: true }, /deleted: true but after is "b{40}"/],
    ['an all-zero after with deleted: false', { deleted: false, after: ZERO }, /after is all zeros but deleted is false/],
    ['an all-zero after without deleted', { after: ZERO }, /after is all zeros but deleted is absent/],
    ['an all-zero after with deleted: "true"', { deleted: 'true', after: ZERO }, /after is all zeros but deleted is "true"/],
  ])('%s is inconsistent: refused with one line', (_what, over, message) => {
    expect(() => planFromEvent('push', { ...base, ...over })).toThrow(GateError);
    expect(() => planFromEvent('push', { ...base, ...over })).toThrow(message);
    expect(() => planFromEvent('push', { ...base, ...over })).toThrow(/^the push event payload is inconsistent \([^\n]*\); cannot tell whether the push deleted the ref or pushed commits$/);
  });

  test('a tag push has no branch', () => {
    expect(planFromEvent('push', { ...base, ref: 'refs/tags/v1', before: ZERO })).not.toHaveProperty('branch');
  });

  test('no default branch in the payload: resolved later from origin/HEAD', () => {
    expect(planFromEvent('push', { ref: 'refs/heads/x', before: ZERO, after: B })).toMatchObject({ base: { kind: 'default-branch', name: null } });
  });

  test('a bad after is refused', () => {
    expect(() => planFromEvent('push', { ...base, after: 'main' })).toThrow(/after/);
  });
});

describe('merge_group', () => {
  test('base_sha and head_sha', () => {
    expect(planFromEvent('merge_group', { merge_group: { base_sha: A, head_sha: B, head_ref: 'refs/heads/gh-readonly-queue/main/pr-1-abc' } })).toMatchObject({
      kind: 'check', base: { kind: 'sha', sha: A }, head: B, headRefs: ['refs/heads/gh-readonly-queue/main/pr-1-abc'],
    });
  });
  test('missing ids are refused', () => {
    expect(() => planFromEvent('merge_group', { merge_group: { head_sha: B } })).toThrow(/merge_group.base_sha/);
  });
});

describe('workflow_dispatch', () => {
  test('head GITHUB_SHA, base the default branch', () => {
    expect(planFromEvent('workflow_dispatch', { ref: 'refs/heads/claude/try', repository: { default_branch: 'trunk' } }, { GITHUB_SHA: C })).toMatchObject({
      head: C, base: { kind: 'default-branch', name: 'trunk' }, branch: 'claude/try',
    });
  });
  test('without GITHUB_SHA the head is HEAD', () => {
    expect(planFromEvent('workflow_dispatch', {}, { GITHUB_REF: 'refs/heads/x' })).toMatchObject({ head: 'HEAD', branch: 'x', base: { kind: 'default-branch', name: null } });
    expect(planFromEvent('workflow_dispatch', {}, { GITHUB_SHA: '' })).toMatchObject({ head: 'HEAD' });
  });
  test.each([C.slice(0, 8), '--output=/tmp/x', 'not-a-sha', 'HEAD', `${C}x`])('a GITHUB_SHA that is there but no commit id (%s) is refused', (sha) => {
    expect(() => planFromEvent('workflow_dispatch', {}, { GITHUB_SHA: sha })).toThrow(GateError);
    expect(() => planFromEvent('workflow_dispatch', {}, { GITHUB_SHA: sha })).toThrow(`GITHUB_SHA is not a full hex commit id (got ${JSON.stringify(sha)}); cannot tell which commit the workflow_dispatch run judges`);
  });
});

test('other events are refused with the supported list', () => {
  expect(() => planFromEvent('issue_comment', {})).toThrow(/unsupported event "issue_comment"; agent-gate runs on pull_request, pull_request_target, push, merge_group, workflow_dispatch/);
  expect(() => planFromEvent('', {})).toThrow(/unsupported event ""/);
});
