// Characters that make a command read differently from how bash runs it (SPEC 5.7): invisible
// spaces, bidi controls, line separators and C0/C1 controls. Only those outside quotes matter; the
// walker supplies the quoted ranges, this file only finds candidates.

/** True for a code unit that is suspicious wherever it sits outside quotes. */
export function isSuspiciousCode(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a;
  if (c < 0x7f) return false;
  if (c <= 0xa0) return true; // DEL, C1 controls (U+0085 among them) and NBSP
  if (c < 0x200b) return false;
  if (c <= 0x200f) return true;
  if (c === 0x2028 || c === 0x2029) return true;
  if (c >= 0x202a && c <= 0x202e) return true;
  if (c >= 0x2060 && c <= 0x2064) return true;
  if (c >= 0x2066 && c <= 0x2069) return true;
  return c === 0xfeff;
}

/**
 * Offsets of suspicious code units, or null when there are none (the common case, so no array is
 * allocated). One pass; the cheap ASCII test comes first.
 */
export function findSuspicious(source: string): number[] | null {
  let found: number[] | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (isSuspiciousCode(c)) (found ??= []).push(i);
  }
  return found;
}

export function describeCode(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}
