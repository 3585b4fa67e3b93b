// audit I-1: which husky snippets surely reach their last line, where install appends agent-gate.
// The check parses the snippet as sh and fails closed; the table holds the auditor's bypasses and
// snippets real projects use, which must still install.
import { describe, expect, test } from '@jest/globals';
import { earlyEnd } from '../../src/hook/snippet.ts';

const HUSKY_V8 = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx lint-staged\n';

describe('snippets that surely reach their end install', () => {
  test.each([
    ['npx lint-staged\n'],
    ['npm test\n'],
    ['pnpm exec lint-staged\n'],
    ['yarn lint-staged && yarn test\n'],
    ['npx --no -- commitlint --edit ${1}\n'],
    ['npx --no-install commitlint --edit "$1"\n'],
    [HUSKY_V8],
    ['#!/bin/sh\n. "$(dirname "$0")/_/husky.sh"\nnpm run lint\n'],
    ['cd frontend && npx lint-staged\n'],
    ['(cd frontend && npx lint-staged)\n'],
    ['exec < /dev/tty\nnpm test\n'],
    ['exec >/dev/null 2>&1\n'],
    ['npm test || exit 1\n'],
    ['[ -n "$CI" ] && exit 3\n'],
    ['if command -v pnpm >/dev/null 2>&1; then pnpm lint; else npm run lint; fi\n'],
    ['set -eu\nset -o pipefail\nnpm test\n'],
    ['# exit 0 is only a comment\necho "exit code"\n'],
    ['branch="$(git rev-parse --abbrev-ref HEAD)"\nif [ "$branch" = main ]; then echo "no commits to main" >&2; exit 1; fi\n'],
    ['v=$(exit 0; echo x)\necho "$v"\n'],
    ['cat <<EOF\nremember the changelog\nEOF\n'],
    ['lint() { npx eslint .; }\nlint\n'],
    [''],
  ])('%j', (snippet) => {
    expect(earlyEnd(snippet)).toBeNull();
  });
});

describe('snippets that may end before their last line are refused, naming the line', () => {
  test.each([
    // The auditor's bypasses of the word-matching check.
    ['command exit 0\n', 1, /runs a command agent-gate cannot see/],
    ['eval "exit 0"\n', 1, /runs text as code/],
    ['"exit" 0\n', 1, /status 0 \(exit\)/],
    ['\\exit 0\n', 1, /status 0 \(exit\)/],
    ['exit${IFS}0\n', 1, /only known when it runs/],
    ['x=exit; $x 0\n', 1, /only known when it runs/],
    ['trap "exit 0" EXIT\n', 1, /sets a trap/],
    ['npm test\ncat <<EOF\nunterminated heredoc\n', 2, /heredoc that does not end/],
    // What the word check already refused.
    ['exit 0\n', 1, /status 0/],
    ['[ -n "$CI" ] && exit 0\n', 1, /status 0/],
    ['if true; then\n  exit\nfi\n', 2, /status 0/],
    ['exec npx lint-staged\n', 1, /replaces the hook's shell/],
    ['echo a; return 0\n', 1, /status 0 \(return\)/],
    ['exit $?\n', 1, /status 0/],
    ['exit 256\n', 1, /status 0/],
    // More ways to end the shell, run hidden code, or change agent-gate's lines.
    ['. ./scripts/skip.sh\n', 1, /runs another file/],
    ['source ~/.hookrc\n', 1, /runs another file/],
    ['builtin exit 0\n', 1, /cannot see/],
    ['alias agent_gate_run=true\n', 1, /alias/],
    ['kill -9 $$\n', 1, /stop the hook's shell/],
    ['/bin/kill -TERM $$\n', 1, /stop the hook's shell/],
    ['set -n\n', 1, /set/],
    ['set -o noexec\n', 1, /noexec/],
    ['set -- /dev/null\n', 1, /arguments/],
    ['shift\n', 1, /arguments/],
    ['skip() { exit 0; }\nnpm test\n', 1, /status 0/],
    ['node() { :; }\n', 1, /function node/],
    ['echo $(x=1) ; $(echo exit) 0\n', 1, /only known when it runs/],
    ['echo ok\nif true; then\n', 2, /cannot be read as sh/],
    ['npm test &&\n', 1, /cannot be read as sh/],
    ['echo "open quote\n', 1, /cannot be read as sh/],
    ['e?it 0\n', 1, /only known when it runs/],
    ['npm test | exit 0\n', 1, /status 0/],
    ['exit 0 &\n', 1, /status 0/],
    ['echo `eval exit`\n', 1, /runs text as code/],
  ])('%j: line %i', (snippet, line, why) => {
    const end = earlyEnd(snippet);
    expect(end).not.toBeNull();
    expect(end?.line).toBe(line);
    expect(end?.text).toBe(snippet.split('\n')[line - 1]?.trim());
    expect(end?.why).toMatch(why);
  });
});
