// Properties of the analyser on generated input: total and bounded, quoting never splits, quote
// removal recovers the words, separators split exactly.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { analyzeShell } from '../../src/shell/analyze.ts';
import type { ShellAnalysis } from '../../src/shell/types.ts';

const SHELL_CHARS = [
  'a', 'b', 'x', '1', ' ', ' ', '\t', '\n', ';', '&', '|', '(', ')', '{', '}', '[', ']', '<', '>', '$', '`', '"', "'",
  '\\', '#', '=', '!', '*', '?', '~', '-', '+', ',', ':', '@', '%', '^', '/', '.', '\r', '\u00a0', '\u202e', 'é', '😀',
];
const shellish = fc.string({ unit: fc.constantFrom(...SHELL_CHARS), maxLength: 80 });
const keywords = fc.array(
  fc.constantFrom(
    'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', '$(', ')', '${x:-', '}', '<<EOF\n', '\nEOF\n',
    '[[', ']]', '((', '))', 'bash -c', 'eval', 'sudo', 'timeout 1', '"', "'", '`', '$((', '<(', '>(', '2>&1', '>', 'echo',
    'rm -rf /', '\\\n', ' ', ' ', '\n', ';', '&&', '||', '|', '&', '!', 'x=', 'f()', '{', '#',
  ),
  { maxLength: 16 },
).map((tokens) => tokens.join(''));

/** Structural invariants every analysis keeps. */
function checkInvariants(a: ShellAnalysis): void {
  if (a.failure !== null) {
    expect(typeof a.failure).toBe('string');
    expect(a.parts).toEqual([]);
    expect(a.empty).toBe(false);
    return;
  }
  if (a.empty) expect(a.parts).toEqual([]);
  for (const p of a.parts) {
    if (p.kind === 'write') {
      expect(typeof p.target).toBe('string');
      continue;
    }
    expect(p.text).toBe(p.argv.join(' '));
    expect(p.textWithAssignments).toBe([...p.assignments, ...p.argv].join(' '));
    expect(p.views).not.toContain(p.text);
    expect(new Set(p.views).size).toBe(p.views.length);
  }
}

function timed(source: string): ShellAnalysis {
  const start = performance.now();
  const result = analyzeShell(source);
  // Generous: the machine is shared; a hang or a blow-up shows as seconds.
  expect(performance.now() - start).toBeLessThan(1000);
  return result;
}

describe('total and bounded on any input', () => {
  test('shell-like character soup', () => {
    fc.assert(fc.property(shellish, (s) => checkInvariants(timed(s))), { numRuns: 3000 });
  });

  test('token soup of keywords and operators', () => {
    fc.assert(fc.property(keywords, (s) => checkInvariants(timed(s))), { numRuns: 3000 });
  });

  test('arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => checkInvariants(timed(s))), { numRuns: 2000 });
  });

  test('repeated fragments (deep or long input)', () => {
    const fragment = fc.constantFrom('$(', '`', '(', '{ ', '${x:-', '$((', '[[ ( ', '<(', "'", '"', 'a && ', 'a | ', '! ', '\\\n');
    fc.assert(
      fc.property(fragment, fc.integer({ min: 1, max: 3000 }), fc.constantFrom('x', 'x)', 'x; }', ''), (f, n, tail) => {
        checkInvariants(timed(f.repeat(n) + tail));
      }),
      { numRuns: 200 },
    );
  });
});

// Reserved words in command position are syntax errors for bash too (`in a` does not parse).
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', 'coproc']);
const word = fc.stringMatching(/^[a-z0-9][a-z0-9._/-]{0,6}$/).filter((w) => !RESERVED.has(w));
const OPERATORS = [';', '&&', '||', '|', '&', '|&', ';;', '\n', '(', ')', '{', '}', '<', '>', '>>', '2>&1', '<(', '$(', '`', '#', '<<EOF'];

describe('quoting an operator never splits', () => {
  test('single quotes', () => {
    fc.assert(
      fc.property(word, fc.constantFrom(...OPERATORS), word, (a, op, b) => {
        const result = analyzeShell(`echo '${a}${op}${b}'`);
        expect(result.failure).toBeNull();
        expect(result.parts.map((p) => (p.kind === 'command' ? p.text : p.target))).toEqual([`echo ${a}${op}${b}`]);
      }),
      { numRuns: 1000 },
    );
  });

  test('double quotes', () => {
    const safe = OPERATORS.filter((op) => !op.includes('$') && !op.includes('`'));
    fc.assert(
      fc.property(word, fc.constantFrom(...safe), word, (a, op, b) => {
        const result = analyzeShell(`echo "${a}${op}${b}" x`);
        expect(result.failure).toBeNull();
        expect(result.parts.map((p) => (p.kind === 'command' ? p.text : p.target))).toEqual([`echo ${a}${op}${b} x`]);
      }),
      { numRuns: 1000 },
    );
  });

  test('backslash escapes', () => {
    fc.assert(
      fc.property(word, fc.constantFrom(...OPERATORS.filter((op) => op !== '\n')), word, (a, op, b) => {
        const escaped = [...op].map((c) => `\\${c}`).join('');
        const result = analyzeShell(`echo ${a}${escaped}${b}`);
        expect(result.failure).toBeNull();
        expect(result.parts.map((p) => (p.kind === 'command' ? p.text : p.target))).toEqual([`echo ${a}${op}${b}`]);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Quotes `value` one of four ways bash reads back as exactly `value`. */
function quote(value: string, how: number): string {
  switch (how % 4) {
    case 0:
      return `'${value.replace(/'/g, `'\\''`)}'`;
    case 1:
      return `"${value.replace(/["$`\\]/g, (c) => `\\${c}`)}"`;
    case 2:
      return `$'${[...value].map((c) => (c.charCodeAt(0) < 0x80 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c)).join('')}'`;
    default:
      return value.length === 0 ? "''" : [...value].map((c) => (c === '\n' ? "'\n'" : `\\${c}`)).join('');
  }
}

describe('quote removal recovers the words', () => {
  const printable = fc.string({
    unit: fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom('é', '日', ' ', '\n')),
    maxLength: 12,
  });
  test('argv is what bash passes to the program', () => {
    fc.assert(
      fc.property(fc.array(printable, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (argv, hows) => {
        const words = ['printf', ...argv];
        const source = words.map((w, i) => (i === 0 ? w : quote(w, hows[i - 1] ?? 0))).join(' ');
        const result = analyzeShell(source);
        expect(result.failure).toBeNull();
        const first = result.parts[0];
        expect(first?.kind === 'command' ? first.argv : null).toEqual(words);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('separators split exactly', () => {
  const simple = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
  test('a list of simple commands yields one part per command, in order', () => {
    fc.assert(
      fc.property(
        fc.array(simple, { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom('; ', ' && ', ' || ', ' | ', ' & ', '\n', ' |& ', ';\n'), { minLength: 30, maxLength: 30 }),
        (cmds, seps) => {
          const source = cmds.map((c, i) => (i === 0 ? c : `${seps[i - 1] ?? ';'}${c}`)).join('');
          const result = analyzeShell(source);
          expect(result.failure).toBeNull();
          // Commands only: a placer among the words (`cp a b`, `tee x`) adds its writes as parts too.
          expect(result.parts.filter((p) => p.kind === 'command').map((p) => (p.kind === 'command' ? p.text : ''))).toEqual(cmds);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
