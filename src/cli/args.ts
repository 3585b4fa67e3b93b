// Argument parsing shared by every command: strict, with one-line errors (exit 2) that point at --help.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GateError } from '../errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * `emptyAllowed`: string options whose empty value means something (explain's `--model ''` is "no
 * model known"); any other `--opt=` or `--opt ''` is refused as missing, not read as "unset" or
 * as a file named "".
 */
export function parse(command: string, argv: string[], options: Options, maxPositionals = 0, emptyAllowed: readonly string[] = []): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    const first = (e as Error).message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '') ?? 'bad arguments';
    // parseArgs refuses a value that looks like an option (`--shell -rf`); its fix is on a later line.
    const dashed = /^Option '(--[\w-]+)' argument is ambiguous/.exec(first);
    const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(first);
    const message = dashed !== null ? `${dashed[1]} needs a value; write a value that starts with "-" as ${dashed[1]}=VALUE`
      : missing !== null ? `${missing[1]} needs a value` : first.replace(/\.$/, '');
    throw new GateError(`${command}: ${message}; see 'agent-gate ${command} --help'`);
  }
  // parseArgs keeps the last of a repeated value, so `--base main --base HEAD` would quietly judge
  // another range than the caller may think. A repeated flag says nothing new and stays allowed.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.type !== 'string' || options[token.name]?.multiple === true) continue;
    const name = token.name;
    if (seen.has(name)) throw new GateError(`${command}: --${name} given more than once; see 'agent-gate ${command} --help'`);
    seen.add(name);
    const value: string | undefined = token.value;
    if (value === '' && !emptyAllowed.includes(name)) throw new GateError(`${command}: --${name} needs a value; see 'agent-gate ${command} --help'`);
  }
  if (parsed.positionals.length > maxPositionals && parsed.values['help'] !== true) {
    throw new GateError(`${command}: unexpected argument "${parsed.positionals[maxPositionals]}"; see 'agent-gate ${command} --help'`);
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

export function str(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}

export function flag(p: Parsed, key: string): boolean {
  return p.values[key] === true;
}

export function choice<T extends string>(command: string, p: Parsed, key: string, allowed: readonly T[], fallback: T): T {
  const v = str(p, key);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new GateError(`${command}: --${key} must be one of ${allowed.join(', ')}, got "${v}"`);
  }
  return v as T;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin(): Promise<Buffer>;
}
