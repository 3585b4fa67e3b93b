// Checkers and listers agents run as "read-only" that write a report where an option says
// (audit 44, BA-2 and BA-3): `tree -o FILE`, `flake8 --output-file`,
// `pylint --output` and `--output-format=json:FILE`, mypy's `--junit-xml` and report folders,
// `coverage xml|json|lcov -o` and `html -d`, `semgrep -o` (`codespell -w` and `biome --write` are
// formatters: formatter-writes.ts).
import { contentWrite as content, readWords, valuesOf, withValue, type OperandWrite, type ProgramWrites } from './operand-words.ts';
import { optionFiles } from './formatter-writes.ts';
import type { Arg } from './words.ts';
import { fileOrFolder } from './writer-outputs.ts';
import { PARALLEL_VALUED, parallelOptionsEnd } from './input-runners.ts';
import { forEachValueOption, type ValueOption, type ValueOptionTable } from './options.ts';
import { lookupTable } from '../lookup.ts';

/** `tree … -o FILE`: the listing goes to FILE. */
function treeWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'LHTPIo', long: ['--filelimit', '--charset', '--timefmt', '--sort', '--gitfile', '--infofile', '--scheme', '--authority'] });
  return optionFiles(w, 'tree', '-o');
}

/** `flake8 --output-file FILE` (argparse: `=` or the next word, any unique prefix). */
function flake8Writes(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'j', long: ['--output-file', '--format', '--config', '--append-config', '--select', '--ignore', '--extend-select', '--extend-ignore', '--exclude', '--extend-exclude', '--filename', '--per-file-ignores', '--max-line-length', '--max-doc-length', '--max-complexity', '--jobs', '--stdin-display-name', '--tee-file', '--enable-extensions', '--require-plugins'] });
  return optionFiles(w, 'flake8', '--output-file');
}

/**
 * `pylint --output FILE`, and `--output-format=FORMAT:FILE[,…]`, which sends each listed format to
 * its file.
 */
function pylintWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'fjd', long: ['--output', '--output-format', '--rcfile', '--disable', '--enable', '--jobs', '--load-plugins', '--ignore', '--ignore-patterns', '--ignore-paths', '--init-hook', '--msg-template', '--fail-under', '--fail-on', '--py-version', '--recursive', '--source-roots'] });
  const out = optionFiles(w, 'pylint', '--output');
  for (const format of valuesOf(w, '--output-format', '-f')) {
    if (format.dynamic !== null) {
      if (format.value.includes(':') || !/^[a-z,]*$/.test(format.value)) out.push(content(format, 'pylint --output-format'));
      continue;
    }
    for (const part of format.value.split(',')) {
      const colon = part.indexOf(':');
      if (colon >= 0) out.push(content(withValue(format, part.slice(colon + 1)), 'pylint --output-format'));
    }
  }
  return out;
}

/** mypy's report options: `--junit-xml FILE`, and folders for the others and the cache. */
const MYPY_FOLDERS = [
  '--html-report', '--txt-report', '--linecount-report', '--linecoverage-report', '--lineprecision-report', '--cobertura-xml-report',
  '--xml-report', '--xslt-html-report', '--xslt-txt-report', '--any-exprs-report', '--memory-xml-report', '--cache-dir',
];

function mypyWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'mpc', long: ['--junit-xml', ...MYPY_FOLDERS, '--config-file', '--python-version', '--platform', '--module', '--package', '--command', '--exclude', '--always-true', '--always-false', '--disable-error-code', '--enable-error-code', '--python-executable', '--shadow-file', '--custom-typeshed-dir', '--cache-map', '--junit-format', '--find-occurrences', '--enable-incomplete-feature'] });
  return [
    ...optionFiles(w, 'mypy', '--junit-xml'),
    ...MYPY_FOLDERS.flatMap((o) => valuesOf(w, o).flatMap((d) => fileOrFolder(d, `mypy ${o}`))),
  ];
}

/** `dmypy run|start|restart … -- MYPY_FLAGS`: the daemon's mypy reads what follows `--`. */
function dmypyWrites(args: readonly Arg[]): OperandWrite[] {
  const dash = args.findIndex((a, i) => i > 0 && a.dynamic === null && a.value === '--');
  return dash < 0 ? [] : mypyWrites([args[0] as Arg, ...args.slice(dash + 1)]);
}

/** `coverage xml|json|lcov -o FILE`, `coverage html|annotate -d DIR`, and `--data-file FILE` of any sub-command. */
function coverageWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'odm', long: ['--data-file', '--rcfile', '--include', '--omit', '--directory', '--title', '--precision', '--fail-under', '--context', '--source', '--concurrency', '--pretty-print', '--contexts'] });
  return [
    ...optionFiles(w, 'coverage', '-o'),
    ...optionFiles(w, 'coverage', '--data-file'),
    ...valuesOf(w, '-d', '--directory').flatMap((d) => fileOrFolder(d, 'coverage -d')),
  ];
}

/** semgrep's report files: `-o|--output FILE` and `--FORMAT-output=FILE`. */
const SEMGREP_OUTPUTS = ['--output', '--json-output', '--sarif-output', '--text-output', '--junit-xml-output', '--gitlab-sast-output', '--gitlab-secrets-output', '--emacs-output', '--vim-output'];

function semgrepWrites(args: readonly Arg[]): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'ofej', long: [...SEMGREP_OUTPUTS, '--config', '--exclude', '--include', '--lang', '--pattern', '--severity', '--jobs', '--timeout', '--max-memory', '--baseline-commit', '--exclude-rule', '--metrics'] });
  return [...valuesOf(w, '-o'), ...SEMGREP_OUTPUTS.flatMap((o) => valuesOf(w, o))].map((f) => content(f, 'semgrep --output'));
}

/**
 * GNU parallel's options that name where it writes, by Getopt::Long's unique prefixes and their
 * aliases (`--res`, `--jl`, `--tempdir`): `--results DIR` (a folder per argument, or one file when
 * DIR ends .csv/.tsv/.json), `--joblog FILE`, and `--tmpdir DIR` (`--files` outputs among them).
 */
const PARALLEL_OUTPUTS: ValueOptionTable<ValueOption & { folder: boolean }> = {
  options: [
    { long: 'results', min: 5, folder: true }, { long: 'res', min: 3, folder: true },
    { long: 'joblog', min: 4, folder: false }, { long: 'jl', min: 2, folder: false },
    { long: 'tmpdir', min: 3, folder: true }, { long: 'tempdir', min: 4, folder: true },
  ],
  shortWithValue: PARALLEL_VALUED,
};

/**
 * `parallel --results DIR`, `--joblog FILE`, `--tmpdir DIR` (and `sem`, which is parallel):
 * read from parallel's own options only, which end at its command word (audit 44's leftover).
 */
function parallelWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const out: OperandWrite[] = [];
  forEachValueOption(args.slice(0, parallelOptionsEnd(args, name)), 1, PARALLEL_OUTPUTS, (option, value, spelled) => {
    out.push(...(option.folder ? fileOrFolder(value, `${name} ${spelled}`) : [content(value, `${name} ${spelled}`)]));
  });
  return out;
}

const REPORTERS = lookupTable<ProgramWrites>({
  tree: treeWrites, flake8: flake8Writes, pylint: pylintWrites, mypy: mypyWrites, dmypy: dmypyWrites,
  coverage: coverageWrites, semgrep: semgrepWrites, parallel: parallelWrites, sem: parallelWrites,
});

/** Python modules that are these programs (`python3 -m mypy --junit-xml F`). */
export const REPORTER_MODULES: ReadonlySet<string> = new Set(['flake8', 'pylint', 'mypy', 'coverage']);

/** The writes of the programs this file knows, or null for any other name. */
export function reportWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = REPORTERS[name];
  return writes === undefined ? null : writes(args, name);
}
