// Annotations under GitHub's display limits: at most 10 `::error` lines in all (the step's own
// failure message is one of them) and 10 warnings, then one notice that counts what was left out.
// Past those limits GitHub drops annotations silently, so we choose which ones are shown and say
// how many are not.
import { quoted, shortSha, spellUnseen } from '../report/escape.ts';
import { hintFor } from '../report/hint.ts';
import { fails, namesUndecodablePath, type FailOn, type Finding } from '../report/model.ts';

export const MAX_ERRORS = 10;
export const MAX_WARNINGS = 10;

export interface AnnotationProps {
  title?: string;
  file?: string;
  startLine?: number;
}

/** `@actions/core`'s error/warning/notice, which escape `%`, CR and LF in messages and properties. */
export interface AnnotationSink {
  error(message: string, props?: AnnotationProps): void;
  warning(message: string, props?: AnnotationProps): void;
  notice(message: string, props?: AnnotationProps): void;
}

export interface PlannedAnnotation {
  level: 'error' | 'warning';
  message: string;
  props: AnnotationProps;
}

// C0/C1 controls and line separators: a path with any of these is never used as a file property.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/**
 * A longer path is not pinned to a file at all: the message is capped, and so must the line be.
 * Cutting the path would pin the annotation to another file; the message still quotes it.
 */
export const MAX_FILE_PROPERTY_CHARS = 1000;


function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** A repository-relative file to pin the annotation to, when the finding has a sensible one. */
export function annotationFile(f: Finding): string | undefined {
  const file = f.source.kind === 'log' ? f.source.file : f.capability === 'fs_write' ? f.source.file : undefined;
  // A path with a character no reader sees (a bidi override, a zero-width space) is left out:
  // in the raw `file=` property it could make the log line read differently.
  if (file === undefined || file === '' || file.length > MAX_FILE_PROPERTY_CHARS || CONTROL.test(file) || spellUnseen(file) !== file) return undefined;
  // A name that is not UTF-8 is spelled `\xHH`, which is the name of another file (audit AO-2).
  if (namesUndecodablePath(f)) return undefined;
  if (file.startsWith('/') || file.startsWith('~') || file.startsWith('refs/') || file.startsWith('(')) return undefined;
  if (file.split('/').some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return file;
}

/**
 * Paths and commands are JSON-quoted: a file name cannot end the message or start a command.
 * Reasons can quote a path raw (the engine's "malformed path" reason does), so what a reader
 * cannot see in them is spelled out too: an annotation is one readable line whatever a path held.
 */
export function annotationFor(f: Finding, failOn: FailOn, policyFile: string): PlannedAnnotation {
  const part = f.part !== null && f.part !== f.resource ? ` (part ${clip(quoted(f.part), 300)})` : '';
  const where = f.commit === null ? '' : ` in commit ${shortSha(f.commit)}`;
  const message = clip(`${f.effect} ${f.capability} ${clip(quoted(f.resource), 300)}${part}${where}: ${spellUnseen(f.reason)}. ${spellUnseen(hintFor(f, policyFile))}`, 2000);
  const props: AnnotationProps = { title: `agent-gate: ${f.effect} ${f.capability}` };
  const file = annotationFile(f);
  if (file !== undefined) {
    props.file = file;
    if (f.source.kind === 'log' && f.source.line !== undefined) props.startLine = f.source.line;
  }
  return { level: fails(f.effect, failOn) ? 'error' : 'warning', message, props };
}

/**
 * Hands out the annotation budget. Operational warnings (no permission to comment ...) are
 * emitted before findings so they are never the ones crowded out; one error is reserved for the
 * failure message when the step is going to fail.
 */
export class Annotator {
  private errors = 0;
  private warnings = 0;
  private left = { error: 0, warning: 0 };
  private reserved = 0;

  /** `warningsSpent`: warnings the step already emitted itself (an empty input), which count too. */
  constructor(private readonly sink: AnnotationSink, warningsSpent = 0) {
    this.warnings = warningsSpent;
  }

  /** Keeps `n` error lines for messages emitted outside this class (core.setFailed). */
  reserveErrors(n: number): void {
    this.reserved = n;
  }

  error(message: string, props?: AnnotationProps): boolean {
    if (this.errors + this.reserved >= MAX_ERRORS) {
      this.left.error++;
      return false;
    }
    this.errors++;
    this.sink.error(message, props);
    return true;
  }

  warning(message: string, props?: AnnotationProps): boolean {
    if (this.warnings >= MAX_WARNINGS) {
      this.left.warning++;
      return false;
    }
    this.warnings++;
    this.sink.warning(message, props);
    return true;
  }

  findings(findings: readonly Finding[], failOn: FailOn, policyFile: string): void {
    for (const f of findings) {
      const a = annotationFor(f, failOn, policyFile);
      if (a.level === 'error') this.error(a.message, a.props);
      else this.warning(a.message, a.props);
    }
  }

  /** The one notice with the rest counted, when anything was left out. */
  finish(): void {
    const total = this.left.error + this.left.warning;
    if (total === 0) return;
    this.sink.notice(
      `agent-gate: ${total} more annotation(s) not shown (${this.left.error} error, ${this.left.warning} warning); the job summary and the JSON report (report-file output) list every finding`,
      { title: 'agent-gate: more findings' },
    );
  }

  get counts(): { errors: number; warnings: number; left: { error: number; warning: number } } {
    return { errors: this.errors, warnings: this.warnings, left: { ...this.left } };
  }
}
