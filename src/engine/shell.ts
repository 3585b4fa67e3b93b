// Compound-aware shell evaluation (SPEC 5): every sub-command and redirection target the analyser
// finds is judged on its own, and the command gets the most restrictive result.
import { posix } from 'node:path';
import { analyzeShell } from '../shell/analyze.ts';
import { HOME_SPELLING } from '../shell/folders.ts';
import type { TextHoles } from '../shell/holes.ts';
import { HELD_PROBE, type CommandPart, type ShellAnalysis, type WritePart } from '../shell/types.ts';
import { kiroPrefixTrust } from '../match/text.ts';
import type { DecisionPart, Explanation } from '../policy/types.ts';
import { FS_GROUP, type CompiledPolicy } from './compile.ts';
import { decidePath, decideText, describeRule, moreRestrictive, NO_RULE, type PathDecision } from './decide.ts';

/**
 * The most restrictive part decides; among equals, one that names a rule, so an allowed
 * `timeout 5 npm test` names the rule that allowed `npm test`, not the transparent wrapper.
 */
function combine(command: string, parts: DecisionPart[]): Explanation {
  let winner: DecisionPart | null = null;
  for (const p of parts) {
    if (winner === null || moreRestrictive(p.effect, winner.effect) || (p.effect === winner.effect && winner.rule === null && p.rule !== null)) winner = p;
  }
  if (winner === null) {
    return { capability: 'shell', resource: command, effect: 'ask', rule: null, reason: 'no sub-command to judge', parts };
  }
  // The fallback keeps SPEC 1's exact reason; `parts` (and a finding's `part`) say where it applied.
  const fallback = winner.rule === null && winner.reason === NO_RULE;
  const reason = parts.length > 1 && !fallback ? `${winner.capability === 'fs_write' ? 'write' : 'sub-command'} ${JSON.stringify(winner.text)}: ${winner.reason}` : winner.reason;
  return { capability: 'shell', resource: command, effect: winner.effect, rule: winner.rule, reason, parts };
}


/** The folders above `cwd` (`src/a` -> `src`, `.`; `~/p` -> `~`, `/`; `/w/r` -> `/w`, `/`). */
function foldersAbove(cwd: string): string[] {
  const out: string[] = [];
  let dir = cwd === '' ? '.' : cwd.replace(/\/+$/, '');
  for (;;) {
    if (dir === '.' || dir === '/' || dir === '') return out;
    const slash = dir.lastIndexOf('/');
    dir = dir === '~' ? '/' : slash < 0 ? '.' : slash === 0 ? '/' : dir.slice(0, slash);
    out.push(dir);
  }
}

/**
 * A file a command writes (SPEC 5.5): judged where the shell may be, where git may run what it
 * starts, through links moved there earlier in the command, and as the placers write it.
 */
function judgeWrite(policy: CompiledPolicy, part: WritePart, cwd: string): DecisionPart {
  const unfollowedTail = part.unfollowed ?? (part.entryOnly === true ? 1 : part.inEntry === true ? 2 : 0);
  let d = decidePath(policy, 'fs_write', part.target, { resolve: true, cwd, unfollowedTail });
  let after = '';
  // After a `cd` (or inside `env -C DIR`), the target may lie in another folder: the most
  // restrictive place wins.
  for (const dir of part.alsoIn ?? []) {
    const there = decidePath(policy, 'fs_write', `${dir}/${part.target}`, { resolve: true, cwd, unfollowedTail });
    if (moreRestrictive(there.effect, d.effect)) {
      d = there;
      after = ` (in ${JSON.stringify(dir)}, where a cd or a wrapper may have moved)`;
    }
  }
  // `$HOME/…` and `~NAME/…` are the home folder unless the command changed HOME or NAME is
  // someone else: read that way too, only where it is stricter (`$HOME/.kiro/workspace-roots/…`).
  const home = HOME_SPELLING.exec(part.target);
  if (home !== null) {
    const there = decidePath(policy, 'fs_write', `~${part.target.slice(home[0].length)}`, { resolve: true, cwd, unfollowedTail });
    if (moreRestrictive(there.effect, d.effect)) {
      d = there;
      after = ` (read as ${JSON.stringify(`~${part.target.slice(home[0].length)}`)}: ${home[0]} names the home folder)`;
    }
  }
  // git starts it in the top folder of the work tree, which is the cwd or a folder above it.
  if (part.fromTop === true && !/^[/~\\]/.test(part.target)) {
    for (const top of foldersAbove(cwd)) {
      for (const path of [part.target, ...(part.alsoIn ?? []).map((dir) => `${dir}/${part.target}`)]) {
        const there = decidePath(policy, 'fs_write', path, { resolve: true, cwd: top, unfollowedTail });
        if (moreRestrictive(there.effect, d.effect)) {
          d = there;
          after = ` (from ${JSON.stringify(top)}, where git may run what it starts: the top folder of the work tree)`;
        }
      }
    }
  }
  // A link moved or copied here earlier in the command points on from its new place: where it
  // lands is known only at the old one, and only for the same depth.
  for (const from of part.carriedFrom ?? []) {
    // What mv takes away is the entry itself: only links above it matter.
    const through = unfollowedTail > 0 ? from.replace(/\/+$/, '').replace(/\/?[^/]*$/, '') || '.' : from;
    if (policy.landing === null || policy.landing(through, cwd).length === 0) continue;
    const there = decidePath(policy, 'fs_write', from, { resolve: true, cwd, unfollowedTail });
    const moved = moreRestrictive(there.effect, 'ask') ? there
      : { ...there, effect: 'ask' as const, rule: null, reason: `${JSON.stringify(from)} goes through a symlink, and this command moved or copied it to where it writes, so where the write lands is not known` };
    if (moreRestrictive(moved.effect, d.effect)) {
      d = { ...moved, path: d.path };
      after = ` (moved or copied there from ${JSON.stringify(from)})`;
    }
  }
  // Taken away (mv's source): if it is a folder, what it holds goes too.
  if (part.holds === true) {
    // A link taken away takes nothing with it: what lies in it is not followed through it.
    const inner = decidePath(policy, 'fs_write', `${part.target.replace(/\/+$/, '')}/${HELD_PROBE}`, { resolve: true, cwd, unfollowedTail: 2 });
    if (inner.rule !== null && moreRestrictive(inner.effect, d.effect)) {
      // The probe's name is no file of the user's: the reason names the folder.
      d = { ...inner, path: d.path, reason: `what it holds, if it is a folder: ${inner.reason.split(`/${HELD_PROBE}`).join('')}` };
    } else if (d.rule === null && d.effect === 'ask' && inner.effect === 'allow') {
      d = { ...inner, path: d.path, reason: `a folder whose contents are allowed: ${inner.reason}` };
    }
    // A protected path below it goes with it, as with rm -r (`mv .github x` takes the policy file
    // away, `mv -T .kiro x` the settings).
    const folder = part.target.replace(/\/+$/, '') || '/';
    for (const below of treeFolders(part, folder, cwd).flatMap((f) => treeCandidates(f, restrictiveNames(policy), policy, cwd))) {
      // The folder is the entry taken away, not what it may link to, and so is all below it.
      const unfollowedTail = Math.max(1, below.split('/').length - folder.split('/').length + 1);
      const there = decidePath(policy, 'fs_write', below, { resolve: true, cwd, unfollowedTail });
      if (there.rule === null || !moreRestrictive(there.effect, d.effect)) continue;
      d = { ...there, path: d.path, reason: `what it holds, if it is a folder, goes with it: ${JSON.stringify(below)}: ${there.reason}` };
    }
  }
  // Written only if the destination is a folder (`cp a b` as `b/a`): not known, so a deny asks.
  if (part.ifFolder !== undefined && d.effect === 'deny') {
    d = { effect: 'ask', rule: null, path: d.path, reason: `only if ${JSON.stringify(part.ifFolder)} is a folder, and then ${d.reason}` };
  }
  // A folder written into: what lands in it is judged as its own write.
  if (part.mayBeFolder === true && d.rule === null && d.effect === 'ask' && part.forceAsk === null) {
    return { text: part.target, capability: 'fs_write', effect: 'allow', rule: null, reason: `${writer(part.operator)} may write into this folder, and what it puts there is judged on its own` };
  }
  if (part.unknownNames !== undefined) return unknownNamesPart(policy, part, cwd, d, after);
  // Removing or creating an entry (`rm`, `mkdir`, `touch`) counts only where a rule names it.
  if (part.ruleOnly === true && d.rule === null && d.effect === 'ask' && part.forceAsk === null) {
    return { text: part.target, capability: 'fs_write', effect: 'allow', rule: null, reason: `no fs_write rule names it, and ${part.operator} is held only to the rules that do` };
  }
  // Only known at run time: that is the reason to ask, not that no rule names the word as written.
  const forced = part.forceAsk !== null && (d.effect === 'allow' || (d.rule === null && d.effect === 'ask'));
  return {
    text: part.target, capability: 'fs_write', effect: forced ? 'ask' : d.effect, rule: forced ? null : d.rule,
    reason: forced ? part.forceAsk ?? '' : d.rule === null && d.reason === NO_RULE ? NO_RULE : `${writer(part.operator)} writes ${JSON.stringify(d.path)}${after}: ${d.reason}`,
  };
}

/**
 * A write of files whose names are only known at run time, into a folder (WritePart.unknownNames):
 * a rule for everything the folder holds decides; an allow still asks when a deny or ask rule
 * names some file there (a deny for `.env` anywhere, `dist/*.key`), since such a name may be among
 * them. A tree (what `rm -r`, a whole-folder copy or an archive may touch) is held to the protected
 * paths below the folder instead (`rm -rf .kiro` reaches `.kiro/settings/**`): denied for what is
 * surely removed, asked for what only may be put there. An archive unpacked where the shell stands
 * ('here') fills that folder as `-C .` would, so it is held the same way (`cd .github && unzip x.zip`
 * may replace the policy file).
 */
function unknownNamesPart(policy: CompiledPolicy, part: WritePart, cwd: string, d: PathDecision, after: string): DecisionPart {
  const folder = part.target.slice(0, -HELD_PROBE.length - 1) || (part.target.startsWith('/') ? '/' : '.');
  const tree = part.unknownNames === 'tree' || part.unknownNames === 'here';
  const removes = part.unknownNames === 'tree' && part.ruleOnly === true;
  const filled = tree ? treeFolders(part, folder, cwd) : [folder];
  const where = part.wholeTree === true ? 'where a cd may have moved the shell, or the top of the work tree git writes' : 'where a cd may have moved the shell';
  const moved = filled.length === 1 && filled[0] === folder ? '' : ` (${filled.map((f) => JSON.stringify(f)).join(' or ')}, ${where})`;
  const landing = tree ? `${writer(part.operator)} may write anything in ${JSON.stringify(folder)}` : `files whose names are only known at run time land in ${JSON.stringify(folder)}`;
  const result = (effect: PathDecision['effect'], rule: PathDecision['rule'], reason: string): DecisionPart => ({ text: folder, capability: 'fs_write', effect, rule, reason });
  // Only known at run time: that is the reason to ask, unless the folder itself is denied.
  if (part.forceAsk !== null && !(d.effect === 'deny' && d.rule !== null)) return result('ask', null, part.forceAsk.split(`/${HELD_PROBE}`).join('/…'));
  if (d.effect !== 'allow' && d.rule !== null) return result(d.effect, d.rule, `${landing}${after}: ${d.reason.split(`/${HELD_PROBE}`).join('/…')}`);
  const names = restrictiveNames(policy);
  const inFolder = (name: string): string => `${folder === '/' ? '' : folder}/${name}`;
  const globbed = (): string[] => names.names.filter((n) => globsMatch(part.nameGlobs, n, part.dotNames === true));
  // A tree is held to the protected paths below the folder, and a recursive copy from a glob
  // (`cp -r build/* dist/`) to the names the glob may make there as well.
  const tried = tree ? [...filled.flatMap((f) => treeCandidates(f, names, policy, cwd)), ...(part.nameGlobs === undefined ? [] : globbed().map(inFolder))]
    : (part.unknownNames === 'paths' ? [...names.names, ...names.rooted, ...names.anywhere]
      : part.unknownNames === 'globbed' ? globbed() : names.names).map(inFolder);
  // The first of `paths` a deny or ask rule names, with what decided it.
  const restrictive = (paths: readonly string[]): { path: string; there: PathDecision } | null => {
    for (const path of paths) {
      const there = decidePath(policy, 'fs_write', path, { resolve: true, cwd });
      if (there.effect !== 'allow' && there.rule !== null) return { path, there };
    }
    return null;
  };
  const hit = restrictive(tried);
  if (hit !== null) {
    const { path, there } = hit;
    // What rm -r removes is surely gone; what a copy or an archive puts there only may be.
    if (removes) return result(there.effect, there.rule, `${landing}${moved}, which holds ${JSON.stringify(path)}: ${there.reason}`);
    if (tree) return result('ask', null, `${landing}${moved}, which may put ${JSON.stringify(path)} there (${there.reason})`);
    return result('ask', null, `${landing}, which may be one a rule keeps from being written there (${there.reason})`);
  }
  // What is put in the folder goes through the links already below it (`build/k -> ../.kiro`);
  // rm -r removes a link, not what it leads to, and a new link replaces what stood at its name.
  const below = tree && !removes && part.inEntry !== true && policy.linksBelow !== null ? filled.flatMap((f) => policy.linksBelow?.(f, cwd) ?? []) : [];
  const linked = below.flatMap((l) => ('path' in l ? [fromWorkspace(l.path, cwd)] : []));
  for (const target of linked) {
    const through = restrictive([`${target === '/' ? '' : target}/${HELD_PROBE}`, ...treeCandidates(target, names, policy, cwd)]);
    if (through === null) continue;
    const unprobed = (text: string): string => text.split(`/${HELD_PROBE}`).join('/…');
    return result('ask', null, `${landing}${moved}, which holds a symlink to ${JSON.stringify(target)}, so it may put ${JSON.stringify(unprobed(through.path))} there (${unprobed(through.there.reason)})`);
  }
  // A link known to lead somewhere a rule names says more than one whose end is not known.
  for (const l of below) if ('unknown' in l) return result('ask', null, `${landing}${moved}, and where the links in it lead is not known: ${l.unknown}`);
  if (d.rule === null && part.ruleOnly === true) return result('allow', null, `${landing}; no fs_write rule names it, and ${part.operator} is held only to the rules that do`);
  if (d.rule === null) return result(d.effect, null, `${landing}, and no rule decides for everything it may hold`);
  return result(d.effect, d.rule, `${writer(part.operator)}: ${landing}${after}: ${d.reason.split(`/${HELD_PROBE}`).join('/…')}`);
}

/** A landing path (workspace-relative, `~/…` or absolute) spelled from `cwd`, as requests are. */
function fromWorkspace(path: string, cwd: string): string {
  if (/^[/~]/.test(path) || cwd === '' || cwd === '.' || /^[/~]/.test(cwd)) return path;
  return posix.relative(`/${posix.normalize(cwd)}`, `/${path}`) || '.';
}

/**
 * The folders a tree write may fill. An archive unpacked where the shell stands fills every folder
 * a `cd` may have moved to; the entry's own folder counts unless a `cd` surely moved the shell out
 * of it, so that `cd /tmp/build && tar -xf x.tar` is not held to the workspace it left, while
 * `cd /tmp/build; tar -xf x.tar` (a failed cd stays) is.
 */
function treeFolders(part: WritePart, folder: string, cwd: string): string[] {
  if (/^[/~]/.test(folder)) return [folder];
  const moved = (part.alsoIn ?? []).map((dir) => posix.normalize(`${dir}/${folder}`));
  // A folder named after a `cd` is also the one below where the cd went (`cd src && rm -r ../.github`).
  if (part.unknownNames !== 'here') return [...new Set([folder, ...moved])];
  const filled = part.leftEntry === true && moved.length > 0 ? moved : [...new Set([folder, ...moved])];
  if (part.wholeTree !== true) return filled;
  // git writes the work tree from its top, which for a folder inside the workspace is the workspace
  // root (or a nested repository's top below it, which the root's tree holds).
  const here = /^[/~]/.test(cwd) ? null : posix.normalize(cwd === '' ? '.' : cwd);
  const inside = filled.some((f) => !/^[/~]/.test(f) && here !== null && !/^\.\.(?:\/|$)/.test(posix.join(here, f)));
  return inside ? [...new Set([...filled, fromWorkspace('.', cwd)])] : filled;
}

/**
 * Protected paths that lie below `folder`: a rooted one under it (`secrets/x` below `.`, `~/.ssh/x`
 * below `~`), and one that may stand anywhere (a `.kiro/settings` in any folder) only where the folder is
 * part of it (`.kiro`, `src/.kiro`), not below any folder at all.
 */
function treeCandidates(folder: string, names: RestrictiveNames, policy: CompiledPolicy, cwd: string): string[] {
  const out = new Set<string>();
  const { root, home } = policy;
  const here = posix.normalize(cwd === '' ? '.' : cwd);
  const bare = folder === '/' ? '/' : folder.replace(/\/+$/, '') || '.';
  const fold = (p: string): string => p.toLowerCase();
  // An absolute path inside the workspace, spelled from its root (`/w/repo/.github` is `.github`).
  const inRoot = (abs: string): string | null => {
    if (root === null) return null;
    const a = posix.normalize(abs).replace(/\/+$/, '') || '/';
    if (fold(a) === fold(root)) return '.';
    return fold(a).startsWith(`${fold(root)}/`) ? a.slice(root.length + 1) : null;
  };
  // A relative folder spelled from the workspace root (`..` from `src` is `.`), case folded: the
  // examples are matched by prefix, and the canonical form of a path folds case (SPEC 6.2). One
  // that climbs out and back in (`cd .. && rm -r repo/.github`), or an absolute one inside the
  // workspace, is the workspace folder it names (audit 43, AV-7).
  let relative: string | null = null;
  if (bare.startsWith('/')) relative = inRoot(bare);
  else if (!bare.startsWith('~')) {
    const joined = posix.normalize(posix.join(here, bare));
    const absolute = joined.startsWith('/') ? joined : /^\.\.(?:\/|$)/.test(joined) && root !== null ? posix.join(root, joined) : null;
    relative = (absolute === null ? null : inRoot(absolute)) ?? joined;
  }
  // From the entry's cwd, as decidePath reads a relative path.
  const fromCwd = (p: string): string => posix.relative(`/${here}`, `/${p}`) || '.';
  // `/`, the workspace root or a folder above it (`..`, an absolute prefix of the root) holds the workspace.
  const holdsWorkspace = bare === '/' || (relative !== null && /^\.(?:\.(?:\/\.\.)*)?$/.test(relative)) ||
    (root !== null && bare.startsWith('/') && (root === bare || root.startsWith(`${bare}/`)));
  // `~`, and the home folder spelled absolutely or a folder above it, hold the home folder.
  const holdsHome = bare === '/' || bare === '~' || (bare.startsWith('/') && (home === bare || home.startsWith(`${bare}/`)));
  for (const example of names.rooted) {
    if (example.startsWith('~')) {
      if (holdsHome || fold(example).startsWith(`${fold(bare)}/`)) out.add(example);
    } else if (example.startsWith('/')) {
      if (bare === '/' || fold(example).startsWith(`${fold(bare)}/`)) out.add(example);
    } else if (holdsWorkspace) {
      out.add(root !== null && bare.startsWith('/') ? `${root}/${example}` : fromCwd(example));
    } else if (relative !== null && fold(example).startsWith(`${fold(relative)}/`)) {
      out.add(fromCwd(example));
    }
  }
  const segments = bare === '.' || bare === '/' ? [] : fold(bare).split('/');
  for (const example of names.anywhere) {
    for (let j = 0; j < segments.length; j++) {
      const tail = segments.slice(j).join('/');
      if (fold(example).startsWith(`${tail}/`)) out.add(`${folder}/${example.slice(tail.length + 1)}`);
    }
  }
  return [...out];
}

/** Whether a name may be one of those the globs (last segments, `*.ts`) make; true when none are known. */
function globsMatch(globs: readonly string[] | undefined, name: string, dotNames: boolean): boolean {
  if (globs === undefined || globs.length === 0) return true;
  return globs.some((g) => {
    // A leading dot is matched only by a literal one (`.en*` names `.env`, `*` does not), unless dotglob is on.
    if (name.startsWith('.') && !dotNames && !g.startsWith('.') && !g.startsWith('\\.')) return false;
    let re = '';
    for (let i = 0; i < g.length; i++) {
      const c = g[i] as string;
      if (c === '*') re += '.*';
      else if (c === '?') re += '.';
      else if (c === '[') {
        const close = g.indexOf(']', i + 2);
        // A class is taken to match anything: only tightening can follow from it.
        if (close < 0) re += '\\[';
        else { re += '.'; i = close; }
      } else if (c === '\\' && i + 1 < g.length) re += (g[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    // Without case: a name a rule matches in another case (`.ENV`) is the same file on a folding filesystem, and nocaseglob may be on.
    return new RegExp(`^${re}$`, 'si').test(name);
  });
}

/** Examples of what deny and ask fs_write patterns match: last segments, and paths rooted or anywhere. */
interface RestrictiveNames { names: string[]; rooted: string[]; anywhere: string[] }
const RESTRICTIVE_NAMES = new WeakMap<CompiledPolicy, RestrictiveNames>();

/** A text a glob matches: `*` and `?` as `x`, a class as its first member, a brace list as its first arm. */
function globExample(glob: string): string {
  return glob.replace(/\{([^,}]*)[^}]*\}/g, '$1').replace(/\[[!^]?(\\?.)[^\]]*\]/g, '$1').replace(/\*+|\?/g, 'x').replace(/\\(.)/g, '$1');
}

/**
 * Names each deny and ask fs_write pattern matches, to try in a folder that receives files of
 * unknown names: its last segment (`*.pem` -> `x.pem`), and for files that may lie in folders
 * made there, the whole relative pattern (`secrets/**` -> `secrets/x`).
 */
function restrictiveNames(policy: CompiledPolicy): RestrictiveNames {
  let found = RESTRICTIVE_NAMES.get(policy);
  if (found !== undefined) return found;
  const fs = policy.capabilities.get('fs_write')?.fs;
  const refs = fs === undefined ? [] : [...fs.payloads(FS_GROUP.deny), ...fs.payloads(FS_GROUP.ask)];
  const names = new Set<string>();
  const rooted = new Set<string>();
  const anywhere = new Set<string>();
  for (const { ref } of refs) {
    const pattern = ref.pattern.replace(/\/+$/, '');
    const name = globExample(pattern.split('/').pop() ?? '');
    if (name !== '' && name !== '.' && name !== '..') names.add(name);
    const unrooted = pattern.replace(/^(?:\*\*\/)+/, '');
    if (unrooted !== pattern) { if (unrooted.includes('/')) anywhere.add(globExample(unrooted)); } else if (pattern.includes('/')) rooted.add(globExample(pattern));
  }
  found = { names: [...names], rooted: [...rooted], anywhere: [...anywhere] };
  RESTRICTIVE_NAMES.set(policy, found);
  return found;
}

export function judgeAnalysis(policy: CompiledPolicy, command: string, analysis: ShellAnalysis, cwd: string): Explanation {
  if (analysis.failure !== null) {
    // Unparseable input is judged as one string: a deny pattern on the raw text still denies.
    const raw = command.replace(/\s+/g, ' ').trim();
    const d = decideText(policy, 'shell', [raw], null);
    const effect = d.effect === 'deny' ? 'deny' : 'ask';
    const reason = `could not be parsed (${analysis.failure}), so it fails closed${effect === 'deny' ? `; ${d.reason}` : ''}`;
    const rule = effect === 'deny' ? d.rule : null;
    return { capability: 'shell', resource: command, effect, rule, reason, parts: [{ text: raw, capability: 'shell', effect, rule, reason }] };
  }
  if (analysis.empty) {
    return { capability: 'shell', resource: command, effect: 'ask', rule: null, reason: 'empty command or a comment alone', parts: [] };
  }
  const parts: DecisionPart[] = [];
  for (const part of analysis.parts) {
    if (part.kind === 'write') {
      parts.push(judgeWrite(policy, part, cwd));
      continue;
    }
    const d = decideText(policy, 'shell', [part.text, ...part.views], part.wrapper ? null : part.textWithAssignments);
    const open = part.holes === undefined || d.effect === 'deny' || (d.effect === 'ask' && d.rule !== null) ? null : mayBeRestricted(policy, part.holes);
    const forceAsk = part.forceAsk ?? foreignRepository(policy, part, cwd);
    if (open !== null && forceAsk === null) {
      parts.push({ text: part.text, capability: 'shell', effect: 'ask', rule: null, reason: open });
    } else if (forceAsk !== null && d.effect !== 'deny') {
      parts.push({ text: part.text, capability: 'shell', effect: 'ask', rule: d.effect === 'ask' ? d.rule : null, reason: forceAsk });
    } else if (part.wrapper && d.effect === 'ask' && d.rule === null) {
      parts.push({ text: part.text, capability: 'shell', effect: 'allow', rule: null, reason: 'transparent wrapper: the command inside it is judged on its own' });
    } else {
      parts.push({ text: part.text, capability: 'shell', effect: d.effect, rule: d.rule, reason: d.reason });
    }
  }
  const result = combine(command, parts);
  if (analysis.suspicious !== null && result.effect === 'allow') {
    result.effect = 'ask';
    result.rule = null;
    result.reason = `${analysis.suspicious}: capped at ask`;
  }
  if (result.effect !== 'allow') {
    const trusted = kiroPrefixTrust(command, policy.trustedCommands);
    if (trusted !== null) {
      result.reason += `; prefix-trust gap: Kiro IDE would auto-run this whole command because it starts with trusted command "${trusted}"`;
    }
  }
  return result;
}

/** Why git in this part would obey another repository's config, found on disk; or null. */
function foreignRepository(policy: CompiledPolicy, part: CommandPart, cwd: string): string | null {
  const look = policy.foreignRepository;
  if (look === null || part.gitFolders === undefined) return null;
  for (const folder of part.gitFolders) {
    const why = look(folder, cwd);
    if (why !== null) return why;
  }
  return null;
}

/**
 * Why a sub-command whose words are partly only known at run time may be one a deny or ask rule
 * names (`terraform $X` under `terraform destroy*`), or null: bash matches the argv it builds.
 */
function mayBeRestricted(policy: CompiledPolicy, texts: readonly TextHoles[]): string | null {
  const rules = policy.capabilities.get('shell');
  if (rules === undefined) return null;
  for (const holes of texts) {
    const hit = rules.deny.firstMayMatch(holes) ?? rules.ask.firstMayMatch(holes);
    if (hit === null) continue;
    const shown = holes.map((h) => (h === null ? '…' : h)).join('');
    return `some words are only known at run time, and for some of their values "${shown}" matches ${hit.ref.effect} pattern "${hit.ref.pattern}" of ${describeRule(hit.ref)}`;
  }
  return null;
}

/** `analysis`, when the caller has it already (check reads the links a command makes from it). */
export function evaluateShell(policy: CompiledPolicy, command: string, cwd = '.', analysis: ShellAnalysis = analyzeShell(command)): Explanation {
  return judgeAnalysis(policy, command, analysis, cwd);
}

/** Who writes the file: a redirection (`>`, `2>>`, `&>`), or the option of a program that writes it (`time -o`). */
function writer(operator: string): string {
  return /[<>]/.test(operator) ? 'redirection' : operator;
}
