// One error type for "could not judge": the CLI prints its message on one line and exits 2.
import { spellUnseen } from './report/escape.ts';

export class GateError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'GateError';
    this.exitCode = exitCode;
  }
}

/**
 * A policy file problem, always located: `file:line:col: message`. The message quotes what the
 * file says, so controls and invisible characters are spelled `\uXXXX`: an escape sequence
 * reaches no terminal or CI log, and `"sh\u200bell"` does not pass for `"shell"`.
 */
export class PolicyError extends GateError {
  constructor(file: string, line: number, col: number, message: string) {
    super(spellUnseen(`${file}:${line}:${col}: ${message}`));
    this.name = 'PolicyError';
  }
}
