// Builtins that evaluate arithmetic (and so subscripts, which may hold `$(…)`) in their operands,
// and those that set variables from text read at run time (see walk-wrapped.ts).
import { isDeclarationBuiltin } from './assignments.ts';

export const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** Builtins that evaluate arithmetic or subscripts in their operands whatever the operands. */
const ARITHMETIC_BUILTINS = new Set(['let', 'unset', 'shift', 'return']);
/** Builtins besides the declaration ones whose operands name variables to set. */
export const NAME_SETTERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'wait']);
/** Builtins that set variables from text read at run time. */
export const RUNTIME_READERS = new Set(['read', 'mapfile', 'readarray']);
/** printf conversions that read their argument as an arithmetic expression. */
const PRINTF_INTEGER = /%[-+ #0-9.*]*[diouxXc]/;

/**
 * Whether a command evaluates arithmetic in its operands: `let`; `declare -i` (and what it
 * declares); `test`/`[` with `-eq`-style operators or `-v`; `printf` with `-v` or an integer
 * conversion. `[ -f x ]`, `export A=1` and `printf '%s\n'` evaluate none. 'number' where bash
 * reads the operand as a plain number (`[ "$x" -eq 1 ]`, `printf %d "$x"`), which runs nothing
 * itself but may reach text written for arithmetic elsewhere.
 */
export function evaluatesArithmetic(argv: readonly string[]): 'values' | 'number' | null {
  const name = argv[0] ?? '';
  if (name === 'let') return 'values';
  // ksh93's predefined aliases `integer='typeset -li'` and `float='typeset -lE'` read every
  // assignment operand as arithmetic; bash has no such commands, so this costs nothing there.
  if (name === 'integer' || name === 'float') return 'values';
  // `unset 'a[i]'` evaluates i; `unset "$x"`, `shift "$x"` and `return "$x"` read no value as arithmetic.
  if (ARITHMETIC_BUILTINS.has(name)) return argv.some((a, i) => i > 0 && a.includes('[')) ? 'values' : 'number';
  // A variable name with a subscript (`read 'b[x]'`, `declare 'b[x]=1'`) evaluates the subscript.
  const declares = isDeclarationBuiltin(name);
  if ((declares || NAME_SETTERS.has(name)) && argv.some((a, i) => i > 0 && !a.startsWith('-') && a.split('=', 1)[0]?.includes('['))) return 'values';
  if (declares) return argv.some((a, i) => i > 0 && /^[-+][a-zA-Z]*i/.test(a)) ? 'values' : null;
  if (name === 'test' || name === '[') {
    if (argv.some((a, i) => i > 0 && a === '-v')) return 'values';
    return argv.some((a, i) => i > 0 && ARITHMETIC_TESTS.has(a)) ? 'number' : null;
  }
  if (name === 'printf') {
    // `printf -v NAME` evaluates NAME's subscript only (a name built at run time asks elsewhere).
    const v = argv.findIndex((a, i) => i > 0 && a.startsWith('-v'));
    if (v > 0) return (argv[v] === '-v' ? argv[v + 1] ?? '' : argv[v] ?? '').includes('[') ? 'values' : 'number';
    return argv.some((a, i) => i > 0 && PRINTF_INTEGER.test(a)) ? 'number' : null;
  }
  return null;
}
