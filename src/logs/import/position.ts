// Where a session record stops being JSON, as a line and column. JSON.parse gives an offset for
// some errors only ("Unexpected token 'x'" and "Unexpected end" have none), and a record that is
// refused must say where it is broken, as the importers' own errors do.

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;
const WS = /[ \t\n\r]*/y;

function skipWs(text: string, i: number): number {
  WS.lastIndex = i;
  WS.exec(text);
  return WS.lastIndex;
}

/** The offset just past the string literal at `i`, or, as -offset - 1, where it breaks. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -j - 1;
    if (c === 0x5c) {
      const e = text[j + 1];
      // Reported where JSON.parse reports it: at the escaped character, or the first bad hex digit.
      if (e === 'u') {
        for (let k = j + 2; k < j + 6; k++) if (!/[0-9a-fA-F]/.test(text[k] ?? '')) return -Math.min(k, text.length) - 1;
        j += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        j += 2;
      } else {
        return -Math.min(j + 1, text.length) - 1;
      }
      continue;
    }
    j++;
  }
  return -text.length - 1;
}

/** The offset of the first JSON syntax error in `text`, or null when it is one valid JSON value. */
export function jsonErrorOffset(text: string): number | null {
  // One frame per open container: what it expects next.
  const stack: ('{' | '[')[] = [];
  let i = skipWs(text, 0);
  let expect: 'value' | 'key' | 'key-or-end' | 'value-or-end' | 'after' = 'value';
  for (;;) {
    if (expect === 'after') {
      i = skipWs(text, i);
      const top = stack[stack.length - 1];
      if (top === undefined) return i === text.length ? null : i;
      const c = text[i];
      if (c === ',') { expect = top === '{' ? 'key' : 'value'; i++; continue; }
      if ((c === '}' && top === '{') || (c === ']' && top === '[')) { stack.pop(); i++; continue; }
      return i;
    }
    i = skipWs(text, i);
    if (i >= text.length) return i;
    const c = text[i] as string;
    if (expect === 'key' || expect === 'key-or-end') {
      if (c === '}' && expect === 'key-or-end') { stack.pop(); i++; expect = 'after'; continue; }
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = skipWs(text, end);
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    if (c === ']' && expect === 'value-or-end') { stack.pop(); i++; expect = 'after'; continue; }
    if (c === '{') { stack.push('{'); i++; expect = 'key-or-end'; continue; }
    if (c === '[') { stack.push('['); i++; expect = 'value-or-end'; continue; }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
    } else {
      const re = c === '-' || (c >= '0' && c <= '9') ? NUMBER : LITERAL;
      re.lastIndex = i;
      if (re.exec(text) === null) return i;
      i = re.lastIndex;
    }
    expect = 'after';
  }
}

/** `offset` in `text` as a 1-based "line L, column C". */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}
