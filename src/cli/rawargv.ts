// The command line as its bytes. Node decodes argv as UTF-8 and puts U+FFFD for a byte that is
// not, so `explain --write $'src/\xff'` would judge a name that is not the one given (audit 37,
// AH-2). Where the bytes can be read (Linux's /proc/self/cmdline), a byte that is not UTF-8 is kept
// as a lone surrogate, U+DC00 plus the byte (Python's surrogateescape), which paths deny.
import { readFileSync } from 'node:fs';

/** `args` (process.argv after the script), with the raw bytes of each that held U+FFFD. */
export function rawArgs(args: readonly string[], cmdline: () => Buffer = readCmdline): string[] {
  if (!args.some((a) => a.includes('\ufffd'))) return [...args];
  let raw: Buffer[];
  try {
    const bytes = cmdline();
    raw = splitNul(bytes);
  } catch {
    return [...args];
  }
  // The arguments are the last entries: node's own options and the script come first.
  const tail = raw.slice(raw.length - args.length);
  if (tail.length !== args.length) return [...args];
  return args.map((a, i) => {
    const bytes = tail[i] as Buffer;
    // Only an entry that is this argument, decoded the lossy way, is taken from the bytes.
    if (!a.includes('\ufffd') || bytes.toString('utf8') !== a) return a;
    return surrogateEscaped(bytes);
  });
}

function readCmdline(): Buffer {
  return readFileSync('/proc/self/cmdline');
}

function splitNul(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    parts.push(bytes.subarray(start, i));
    start = i + 1;
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return parts;
}

const STRICT = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text, each byte of an invalid sequence as U+DC00 + byte. */
export function surrogateEscaped(bytes: Uint8Array): string {
  let out = '';
  let at = 0;
  while (at < bytes.length) {
    const length = sequenceLength(bytes, at);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + (bytes[at] as number));
      at++;
      continue;
    }
    out += STRICT.decode(bytes.subarray(at, at + length));
    at += length;
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `at`, or 0. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const b = bytes[at] as number;
  const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (length <= 1 || at + length > bytes.length) return length === 1 ? 1 : 0;
  try {
    STRICT.decode(bytes.subarray(at, at + length));
    return length;
  } catch {
    return 0;
  }
}
