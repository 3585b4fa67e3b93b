// jsonErrorOffset finds where a record stops being JSON, for the import errors that JSON.parse
// leaves without a position ("Unexpected token 'x'", "Unexpected end of JSON input").
import { jsonErrorOffset, lineColumn } from '../../src/logs/import/position.ts';

function v8Offset(text: string): number | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const m = /at position (\d+)/.exec((e as Error).message);
    return m === null ? -1 : Number(m[1]);
  }
}

describe('jsonErrorOffset', () => {
  test.each([
    '{}', '[]', ' 1 ', '"a\\u00e9\\n"', '{"a":[1,-2.5e3,true,false,null,{"b":"c"}]}', '\n{\n  "a": 1\n}\n', '[[[[]]]]',
  ])('%j is valid', (text) => {
    expect(jsonErrorOffset(text)).toBeNull();
  });

  test.each<[string, number]>([
    ['', 0], ['{"a":', 5], ['{"a":}', 5], ['hello', 0], ['{"a":1}\n{"b":2}', 8], ['[1,2', 4], ['{"a":"x\ny"}', 7],
    ['{"a" 1}', 5], ['[1,]', 3], ['{"a":1,}', 7], ['"\\x"', 2], ['"\\u12zz"', 5], ['"\\u1', 4], ['01', 1], ['{"a":tru}', 5], ['"abc', 4],
  ])('%j breaks at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    // Where JSON.parse names a position, both agree.
    const v8 = v8Offset(text);
    if (v8 !== null && v8 !== -1) expect(offset).toBe(v8);
  });

  test('deep nesting is no stack overflow', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000);
  });
});

test('lineColumn is 1-based', () => {
  expect(lineColumn('ab\ncd\nef', 0)).toBe('line 1, column 1');
  expect(lineColumn('ab\ncd\nef', 4)).toBe('line 2, column 2');
  expect(lineColumn('ab\ncd\nef', 8)).toBe('line 3, column 3');
});
