// One error type for "could not judge": the CLI prints its message on one line and exits 2.
export class GateError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'GateError';
    this.exitCode = exitCode;
  }
}

/** A policy file problem, always located: `file:line:col: message`. */
export class PolicyError extends GateError {
  constructor(file: string, line: number, col: number, message: string) {
    super(`${file}:${line}:${col}: ${message}`);
    this.name = 'PolicyError';
  }
}
