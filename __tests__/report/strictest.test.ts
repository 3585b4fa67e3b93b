// strictestOf: one change judged by several policies (the hook's HEAD and default-branch policies,
// audit 44 AZ-2) keeps one finding per request, part and source, the stricter.
import { describe, expect, test } from '@jest/globals';
import { strictestOf, type Finding } from '../../src/report/model.ts';

const finding = (effect: Finding['effect'], resource: string, extra: Partial<Finding> = {}): Finding => ({
  effect, capability: 'fs_write', resource, commit: null, source: { kind: 'diff', file: resource }, part: null, rule: null, reason: `${effect} ${resource}`, ...extra,
});
const summary = (fs: Finding[]) => fs.map((f) => `${f.effect} ${f.resource}${f.part === null ? '' : ` [${f.part}]`}`);

describe('strictestOf', () => {
  test.each<[string, Finding[][], string[]]>([
    ['one list is kept as it is, repeats included', [[finding('ask', 'a'), finding('ask', 'a')]], ['ask a', 'ask a']],
    ['no lists', [], []],
    ['the same finding in both is listed once', [[finding('deny', 'a')], [finding('deny', 'a')]], ['deny a']],
    ['a later deny takes the place of an ask, in its place', [[finding('ask', 'a'), finding('ask', 'b')], [finding('deny', 'a')]], ['deny a', 'ask b']],
    ['a later ask does not weaken a deny', [[finding('deny', 'a')], [finding('ask', 'a')]], ['deny a']],
    ['a finding only the later policy gives is added after', [[finding('ask', 'a')], [finding('deny', 'z')]], ['ask a', 'deny z']],
    ['only the first policy finds anything', [[finding('deny', 'a')], []], ['deny a']],
    ['other parts of the same command are other findings', [[finding('ask', 'cmd', { part: 'x' })], [finding('deny', 'cmd', { part: 'y' })]], ['ask cmd [x]', 'deny cmd [y]']],
    ['other log lines are other findings', [[finding('ask', 'a', { source: { kind: 'log', file: 'l', line: 1 } })], [finding('deny', 'a', { source: { kind: 'log', file: 'l', line: 2 } })]], ['ask a', 'deny a']],
  ])('%s', (_name, lists, expected) => {
    expect(summary(strictestOf(lists))).toEqual(expected);
  });
});
