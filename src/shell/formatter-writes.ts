// Formatters and fixers that rewrite the files they are given in place, by default or with a flag:
// `black`, `ruff format|check --fix`, `isort`, `autopep8 -i`, `yapf -i`, `shfmt -w`,
// `dos2unix` and its siblings, `rustfmt`, `eslint --fix`, `stylelint --fix`, `rubocop -a`
// (note19's left-alone list), `codespell -w`, `biome --write`. Judged like `prettier --write`: a folder is rewritten whole, and
// where a program falls back to where the shell stands (`ruff format`), that folder is.
import { contentWrite as content, has, hasLong, HERE, readWords, valuesOf, type OperandWrite, type ProgramWrites, type Words } from './operand-words.ts';
import type { Arg } from './words.ts';
import { fileOrFolder, pattern } from './writer-outputs.ts';

/** Standard input, which a formatter writes back to standard output. */
const stdin = (f: Arg): boolean => f.dynamic === null && f.value === '-';

/** Each operand a formatter rewrites (a folder whole); none given means the folder the shell stands in. */
function rewrites(operands: readonly Arg[], by: string, fallback: boolean): OperandWrite[] {
  const files = operands.length === 0 && fallback ? [HERE] : operands.filter((f) => !stdin(f));
  return files.flatMap((f) => fileOrFolder(pattern(f, by), by));
}

/** Files an option names as the program's report or cache (`eslint -o FILE`). */
export const optionFiles = (w: Words, by: string, ...names: string[]): OperandWrite[] => valuesOf(w, ...names).map((f) => content(f, `${by} ${names[0] ?? ''}`));

/** `black SRC…`: in place unless `--check`, `--diff` or `-c CODE`. */
function blackWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'ltcW',
    long: ['--line-length', '--target-version', '--include', '--exclude', '--extend-exclude', '--force-exclude', '--stdin-filename',
      '--config', '--workers', '--python-cell-magics', '--required-version', '--code', '--enable-unstable-feature', '--line-ranges'],
  });
  if (has(w, '--check', '--diff', '-c', '--code')) return [];
  return rewrites(w.operands, name, false);
}

/** ruff's options that take a value. */
const RUFF_VALUED = {
  valued: 'o',
  long: ['--config', '--target-version', '--line-length', '--exclude', '--extend-exclude', '--select', '--ignore', '--extend-select',
    '--extend-ignore', '--per-file-ignores', '--extend-per-file-ignores', '--output-format', '--output-file', '--cache-dir',
    '--stdin-filename', '--range', '--fixable', '--unfixable', '--extend-fixable', '--dummy-variable-rgx'],
  flags: ['--fix', '--no-fix', '--unsafe-fixes', '--fix-only'],
};

/**
 * `ruff format [FILES]` unless `--check`/`--diff`; `ruff check --fix [FILES]` (and the old
 * `ruff --fix FILES`); with no files, the folder the shell stands in. `-o FILE`, `--cache-dir DIR`.
 */
function ruffWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, RUFF_VALUED);
  const [verb, ...files] = w.operands;
  const known = verb !== undefined && verb.dynamic === null && /^(?:check|format|rule|config|linter|clean|server|analyze|version|help)$/.test(verb.value);
  const out = [...optionFiles(w, name, '--output-file', '-o'), ...valuesOf(w, '--cache-dir').flatMap((d) => fileOrFolder(d, `${name} --cache-dir`))];
  const fixes = has(w, '--fix', '--fix-only') && !has(w, '--no-fix', '--diff');
  if (!known) return fixes ? [...out, ...rewrites(w.operands, `${name} --fix`, true)] : out;
  if (verb.value === 'format') return has(w, '--check', '--diff') ? out : [...out, ...rewrites(files, `${name} format`, true)];
  if (verb.value === 'check') return fixes ? [...out, ...rewrites(files, `${name} check --fix`, true)] : out;
  return out;
}

/** `isort FILE|DIR…`: in place unless `--check-only`/`-c`, `--diff` or `--stdout`. */
function isortWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'lmpaobfsetj',
    long: ['--settings-path', '--settings-file', '--sp', '--line-length', '--line-width', '--multi-line', '--project', '--add-import',
      '--skip', '--skip-glob', '--src', '--src-path', '--filename', '--profile', '--jobs', '--virtual-env', '--conda-env', '--python-version',
      '--known-local-folder', '--thirdparty', '--builtin', '--future', '--force-sort-within-sections', '--remove-import', '--section-default'],
  });
  if (has(w, '-c', '--check-only', '--check', '--diff', '-d', '--stdout')) return [];
  return rewrites(w.operands, name, false);
}

/** `autopep8 -i FILE…` and `yapf -i FILE…` (`-r` for folders); to standard output otherwise. */
function inPlaceFlagWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: name === 'yapf' ? 'elp' : 'pj',
    long: ['--style', '--exclude', '--lines', '--parallel', '--global-config', '--ignore', '--select', '--max-line-length', '--indent-size',
      '--range', '--line-range', '--jobs', '--pep8-passes', '--ignore-local-config', '--exit-code'],
  });
  if (!has(w, '-i') && !hasLong(w, '--in-place', 5)) return [];
  return rewrites(w.operands, `${name} -i`, false);
}

/** `shfmt -w PATH…`: each file, and the shell scripts below a folder. */
function shfmtWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'iln', long: ['--indent', '--language-dialect', '--filename', '--apply-ignore'] });
  if (!has(w, '-w', '--write')) return [];
  return rewrites(w.operands, `${name} -w`, false);
}

/** `dos2unix FILE…` and its siblings rewrite each file in place; `-n IN OUT` writes OUT (IN is held the same, failing closed). */
function lineEndingWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'cm', long: ['--convmode', '--add-bom', '--from-code', '--to-code', '--keep-bom'] });
  if (has(w, '-i', '--info', '-V', '--version', '-h', '--help', '-L', '--license')) return [];
  return w.operands.filter((f) => !stdin(f)).map((f) => content(f, name));
}

/** `rustfmt FILE…`: in place unless `--check` or `--emit stdout`. */
function rustfmtWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: '', long: ['--emit', '--edition', '--config', '--config-path', '--color', '--style-edition', '--backup', '--print-config'] });
  if (has(w, '--check') || valuesOf(w, '--emit').some((e) => e.dynamic === null && e.value === 'stdout')) return [];
  return rewrites(w.operands, name, false);
}

/** eslint's and stylelint's options that take a value. */
const LINTER_VALUED = [
  '--config', '--config-basedir', '--ext', '--ignore-path', '--ignore-pattern', '--parser', '--parser-options', '--plugin', '--rule',
  '--rulesdir', '--resolve-plugins-relative-to', '--env', '--global', '--format', '--formatter', '--output-file', '--cache-location',
  '--cache-strategy', '--max-warnings', '--fix-type', '--stdin-filename', '--custom-formatter', '--custom-syntax', '--report-descriptionless-disables',
  '--flag', '--concurrency',
];

/** `eslint --fix FILE|DIR|GLOB…` (eslint 9: no operand is the folder here); `stylelint --fix GLOB…`; `-o FILE`, `--cache-location`. */
function linterFixWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'cfo', long: LINTER_VALUED, flags: ['--fix', '--fix-dry-run'] });
  const out = [...optionFiles(w, name, '--output-file', '-o'), ...valuesOf(w, '--cache-location').flatMap((f) => fileOrFolder(f, `${name} --cache-location`))];
  if (!has(w, '--fix')) return out;
  return [...out, ...rewrites(w.operands, `${name} --fix`, name === 'eslint')];
}

/** `rubocop -a|-A|-x|--autocorrect[-all]|--fix-layout [FILE…]`: no operand is the folder here; `-o FILE`, `--cache-root DIR`. */
function rubocopWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, { valued: 'cfors', long: ['--config', '--format', '--out', '--only', '--except', '--require', '--cache-root', '--exclude-limit', '--fail-level', '--stdin'] });
  const out = [...optionFiles(w, name, '--out', '-o'), ...valuesOf(w, '--cache-root').flatMap((d) => fileOrFolder(d, `${name} --cache-root`))];
  const fixes = has(w, '-a', '-A', '-x', '--autocorrect', '--autocorrect-all', '--auto-correct', '--auto-correct-all', '--fix-layout', '--safe-auto-correct');
  return fixes && !has(w, '-s', '--stdin') ? [...out, ...rewrites(w.operands, `${name} --autocorrect`, true)] : out;
}

/** `codespell -w|--write-changes [FILE|DIR…]` (audit 44, BA-3); no operand is the folder the shell stands in. */
function codespellWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: 'DIxLSQAiBC',
    long: ['--dictionary', '--ignore-words', '--exclude-file', '--ignore-words-list', '--skip', '--uri-ignore-words-list', '--ignore-regex',
      '--uri-regex', '--builtin', '--interactive', '--quiet-level', '--regex', '--context', '--before-context', '--after-context', '--config', '--toml'],
  });
  return has(w, '-w', '--write-changes') ? rewrites(w.operands, `${name} -w`, true) : [];
}

/** `biome format|check|lint|ci --write|--fix|--apply|--apply-unsafe [PATH…]` (audit 44, BA-3); no path is the folder the shell stands in. */
function biomeWrites(args: readonly Arg[], name: string): OperandWrite[] {
  const w = readWords(args, 1, {
    valued: '',
    long: ['--config-path', '--max-diagnostics', '--stdin-file-path', '--log-level', '--log-kind', '--diagnostic-level', '--reporter', '--vcs-root',
      '--since', '--only', '--skip', '--colors', '--use-server'],
  });
  const [verb, ...paths] = w.operands;
  if (verb === undefined || verb.dynamic !== null || !/^(?:format|check|lint|ci)$/.test(verb.value)) return [];
  if (!has(w, '--write', '--fix', '--apply', '--apply-unsafe') || has(w, '--stdin-file-path')) return [];
  return rewrites(paths, `${name} ${verb.value} --write`, true);
}

const FORMATTERS = new Map<string, ProgramWrites>([
  ['black', blackWrites], ['ruff', ruffWrites], ['isort', isortWrites], ['autopep8', inPlaceFlagWrites], ['yapf', inPlaceFlagWrites],
  ['shfmt', shfmtWrites], ['dos2unix', lineEndingWrites], ['unix2dos', lineEndingWrites], ['mac2unix', lineEndingWrites],
  ['unix2mac', lineEndingWrites], ['rustfmt', rustfmtWrites], ['eslint', linterFixWrites], ['stylelint', linterFixWrites],
  ['rubocop', rubocopWrites], ['codespell', codespellWrites], ['biome', biomeWrites],
]);

/** Python modules that are these formatters (`python3 -m black src/`). */
export const FORMATTER_MODULES: ReadonlySet<string> = new Set(['black', 'ruff', 'isort', 'autopep8', 'yapf', 'codespell']);

/** The writes of the formatters this file knows, or null for any other name. */
export function formatterWrites(name: string, args: readonly Arg[]): OperandWrite[] | null {
  const writes = FORMATTERS.get(name);
  return writes === undefined ? null : writes(args, name);
}
