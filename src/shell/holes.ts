// A sub-command's match text with the parts only known at run time left open (SPEC 5.2 matches
// the argv bash builds): `terraform $X`, `terraform {destroy,}`, `terraform destro?` may each run
// `terraform destroy`, so a deny or ask rule that could match for some value of them is met.
import type { Arg } from './words.ts';

/** Literal pieces of the match text, and null where any text (several words, or none) may stand. */
export type TextHoles = ReadonlyArray<string | null>;

/** The literal text a word that may split starts with: up to its first expansion, glob or brace. */
function splitHead(a: Arg): string {
  const text = a.inert ?? a.value;
  const end = text.search(/[\u0000*?[{@!+($`]/);
  return end < 0 ? '' : text.slice(0, end);
}

/** The match text of `args` with its run-time parts open, or null when every word is static. */
export function textHoles(args: readonly Arg[]): TextHoles | null {
  if (!args.some((a) => a.dynamic !== null)) return null;
  const out: Array<string | null> = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const sep = i === 0 ? '' : ' ';
    if (a.dynamic === null) {
      out.push(sep + a.value);
    } else if (a.split || a.inert === undefined || !a.inert.includes('\u0000')) {
      // A word that may become several words still starts with its literal head (`build-{a,b}`,
      // `src/*.ts`, `des$X`); one without a head may become none, and takes its separator along.
      const head = splitHead(a);
      out.push(head === '' ? null : sep + head, ...(head === '' ? [] : [null]));
    } else {
      out.push(sep);
      const pieces = a.inert.split('\u0000');
      pieces.forEach((piece, k) => {
        if (k > 0) out.push(null);
        if (piece !== '') out.push(piece);
      });
    }
  }
  return out;
}
