// pytest writes files its options name: `--junitxml=FILE`, `--log-file=FILE`, `--debug=FILE`,
// the `--cov-report` destinations, `--rootdir=DIR` (its cache), and `--basetemp=DIR`, which it
// empties before each run. A policy
// that trusts `pytest *` does not trust those writes, so each is an fs_write request, as a
// redirection's target is. pytest turns off argparse's abbreviations, so only full names count.
import { runtimeOptionReason } from './options.ts';
import { NO_RUNS as NONE, type Unwrapped } from './unwrapped.ts';
import type { Arg } from './words.ts';

/** Options whose value is a file or folder pytest writes (or, for --basetemp, wipes). */
const WRITING = new Set(['--junitxml', '--junit-xml', '--log-file', '--basetemp', '--report-log', '--html', '--resultlog', '--result-log', '--rootdir']);
/** `-o KEY=VALUE` settings that add options or load code: judged nowhere here, so they ask. */
const LOADING_INI = /^(?:addopts|pythonpath|required_plugins)=/;
/** `-o KEY=VALUE` settings whose value pytest writes to. */
const WRITING_INI = /^(?:cache_dir|log_file)=/;
/** Options that take the next word as their value (so it is not read as an option). */
const WITH_VALUE = new Set([
  ...WRITING, '--cov-report', '-o', '--override-ini', '-c', '--config-file', '--rootdir', '--confcutdir', '-k', '-m', '-p',
  '--deselect', '--ignore', '--ignore-glob', '--tb', '--maxfail', '--durations', '--import-mode', '-W', '--pythonwarnings',
  '--log-level', '--log-format', '--cov', '-n', '--dist', '--capture', '-r',
]);

/** The Python names `python -m pytest` is run by (`python3`, `python3.12`). */
export const PYTHON = /^(?:python(?:[23](?:\.\d+)?)?|pypy3?(?:\.\d+)?|py)$/;

/** pytest's writes, from `args[start]` on (the words after `pytest` or `python -m pytest`). */
export function pytestWrites(args: readonly Arg[], start: number): Unwrapped {
  const writes: Array<{ file: Arg; option: string }> = [];
  // `pytest $(echo --basetemp=secrets)` wipes that folder: such a word may be any option.
  let forceAsk: string | null = runtimeOptionReason(args, start, 'pytest');
  for (let i = start; i < args.length; i++) {
    const a = args[i];
    if (a === undefined) continue;
    const v = a.value;
    if (v === '--') break;
    const eq = v.startsWith('--') ? v.indexOf('=') : -1;
    const name = eq < 0 ? v : v.slice(0, eq);
    const value = (): Arg | undefined => (eq >= 0 ? { ...a, value: v.slice(eq + 1) } : args[++i]);
    if (name === '--debug') {
      // An optional value: argparse takes the next word unless it looks like an option.
      const next = args[i + 1];
      const file = eq >= 0 ? value() : next !== undefined && !next.value.startsWith('-') ? args[++i] : { ...a, value: 'pytestdebug.log' };
      if (file !== undefined) writes.push({ file, option: 'pytest --debug' });
    } else if (WRITING.has(name)) {
      const file = value();
      if (file !== undefined) writes.push({ file, option: `pytest ${name}` });
    } else if (name === '--cov-report') {
      // `TYPE:DEST` (html, xml, json, lcov, annotate); a bare TYPE writes in the working folder.
      const report = value();
      const colon = report?.value.indexOf(':') ?? -1;
      if (report !== undefined && colon >= 0) writes.push({ file: { ...report, value: report.value.slice(colon + 1) }, option: 'pytest --cov-report' });
    } else if (name === '-o' || name === '--override-ini' || v.startsWith('-o')) {
      const setting = name === '-o' || name === '--override-ini' ? value() : { ...a, value: v.slice(2) };
      if (setting !== undefined && LOADING_INI.test(setting.value)) {
        forceAsk ??= `pytest -o ${setting.value.split('=', 1)[0] ?? ''} adds options or code that are not judged here`;
      } else if (setting !== undefined && (setting.dynamic !== null || WRITING_INI.test(setting.value))) {
        const at = setting.value.indexOf('=');
        writes.push({ file: { ...setting, value: setting.value.slice(at + 1) }, option: `pytest -o ${setting.value.slice(0, Math.max(at, 0))}` });
      }
    } else if (a.dynamic !== null && v.startsWith('-')) {
      // `--junitxml=$F` names its file at run time: the file is not known.
      writes.push({ file: a, option: 'pytest option' });
    } else if (WITH_VALUE.has(name) && eq < 0) {
      i++;
    }
  }
  if (writes.length === 0) return forceAsk === null ? NONE : { ...NONE, forceAsk };
  return { ...NONE, forceAsk, writes };
}

/** `python [options] -m pytest …`: the index of the first pytest word, or -1. */
export function pythonPytest(args: readonly Arg[]): number {
  for (let i = 1; i < args.length; i++) {
    const v = args[i]?.value ?? '';
    if (v === '-m') return args[i + 1]?.value === 'pytest' ? i + 2 : -1;
    if (v === '-mpytest') return i + 1;
    // The script, `-c CODE` or `-` ends Python's own options.
    if (!v.startsWith('-') || v === '-' || v.startsWith('-c')) return -1;
    // Options that take the next word (`-W error`, `-X dev`).
    if (v === '-W' || v === '-X') i++;
  }
  return -1;
}
