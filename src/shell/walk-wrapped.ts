// The walker's layer that turns a simple command's words into its part and walks what the command
// wraps (SPEC 5.3, 5.4): the commands and views wrappers.ts finds in it, the strings it hands to a
// shell, and word lists a builtin expands again.
import { posix } from 'node:path';
import { asZshRunsIt, zshSyntaxDoubt } from './zsh.ts';
import { COMPOUND_OPERAND, isDeclarationBuiltin, operandAssignmentDanger } from './assignments.ts';
import { downloadWrites } from './downloads.ts';
import { textHoles } from './holes.ts';
import { operandWrites, type OperandWrite } from './operand-writes.ts';
import { applyPatchWrites, isApplyPatch } from './apply-patch.ts';
import { mayHoldCode } from './guards.ts';
import { checkDepth, ShellFailure } from './parse.ts';
import { scanGit } from './git.ts';
import { evaluatesArithmetic, NAME_SETTERS, RUNTIME_READERS } from './arithmetic-commands.ts';
import {
  carriesLinks, copiesAsLink, copiesContents, copiesTrees, COPIERS, cpioPassDestination, FILE_PLACERS, globFolder, LINK_COPIERS, LINKERS,
  isRemoteOperand, operandArg, outputFiles, placedFiles, PLACERS_JUDGED, PROC_CWD, rsyncLinkDests, unpacks, UNPACKERS, type Placed,
} from './placers.ts';
import { namesNoFile, optionWrite, tildePath, writesNoFile } from './redirects.ts';
import { runtimeOptionReason } from './options.ts';
import { HELD_PROBE, type CommandPart, type ShellPart, type WritePart } from './types.ts';
import { commandWordDoubt } from './paths.ts';
import { addSpellings, addView } from './views.ts';
import { RedirectionWalker } from './walk-redirections.ts';
import { ANY_PLACE, type Scope, type Sink } from './walk-state.ts';
import { GIT_DIR_FILE, isLoaderName, loads } from './loaders.ts';
import { assignedName, joinValues, type Arg } from './words.ts';
import { makeEnvironment, MAKES } from './programs.ts';
import { unwrap, wrapperName, type ScriptArg } from './wrappers.ts';
import { DIALECT_SHELLS } from './shell-dialects.ts';
import { WrittenFiles, type HostWrites } from './written-files.ts';
import { assignmentWrites } from './folder-settings.ts';
import { PATH_FOLDERS, startupReads } from './home-config.ts';

/** The words `xargs CMD` appends to CMD at run time: any text, or none. */
const APPENDED: Arg = { value: '', dynamic: 'words the wrapper appends', split: true, pos: -1, end: -1 };

/**
 * Programs whose options name files they write or commands they run (`sed -i`, `cp -t DIR`,
 * `shuf -o F`, `vim +!CMD`), so a word only known at run time where an option could stand asks.
 */
const OPTION_WRITERS = new Set([
  'sed', 'gsed', 'cp', 'gcp', 'mv', 'gmv', 'ln', 'gln', 'shuf', 'iconv', 'csplit', 'split', 'tree', 'pandoc', 'tsc', 'eslint', 'prettier',
  'gofmt', 'goimports', 'gofumpt', 'shfmt', 'yq', 'uniq', 'dd', 'vi', 'vim', 'nvim', 'view', 'vimdiff', 'ex', 'rvim', 'gvim', 'history',
]);

/** The depth of views from which repeated ones are skipped (see viewsWalked). */
const VIEW_MEMO_DEPTH = 3;

export abstract class WrappedCommandWalker extends RedirectionWalker {
  /** A wrapper's string is parsed and walked like the input by the statement layer (walk.ts). */
  abstract source(source: string, depth: number): number;

  /**
   * `echo 'rm y' > s; . ./s`, `bash s`, `./s`: the command runs a file it wrote itself, whose text
   * is only known at run time. Why, or null.
   */
  private runsWritten(args: readonly Arg[], source: string): string | null {
    const first = args[0];
    if (this.written === null || first === undefined || first.dynamic !== null) return null;
    // `~+/out/s` is `./out/s`; `~-/s` may be anywhere. A file inside a folder the command copied,
    // moved or linked is written too (`cp -r out/d out/e; . out/e/s`).
    const isWritten = (a: Arg): boolean => {
      const tilde = tildePath(a, source, 'script path');
      return tilde.doubt !== null || this.isWritten(tilde.path);
    };
    if (first.value.includes('/') && isWritten(first)) return `runs ${first.value}, a file this command writes`;
    if (!SCRIPT_READERS.has(first.value)) return null;
    if (first.value === 'source' || first.value === '.') {
      const searched = this.sourcesWrittenOnPath(args);
      if (searched !== null) return searched;
    }
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a !== undefined && a.dynamic === null && isWritten(a)) return `${first.value} runs ${a.value}, a file this command writes`;
      if (a !== undefined && a.dynamic === null && this.mayNameWritten(a.value)) return `${first.value} runs ${a.value}, which may be a file this command writes spelled from the root`;
    }
    return null;
  }

  /**
   * Only commands that can run or load a file (a path, a shell, git, a loader) are checked
   * against what this command wrote; a trap, loop or function body, or code running alongside,
   * may run after files written further on, so it is checked again at the end. `part` is the
   * command itself, or the host a view runs in (`uv run bash s`, `sudo make`: audit 35, YY-1).
   */
  private checkRunsWritten(part: CommandPart, args: readonly Arg[], source: string, skip: HostWrites | null): void {
    const first = args[0];
    const later = this.runsLater();
    if ((this.written === null && !later) || first === undefined || first.dynamic !== null) return;
    // Any other bare name matters only as a program written into a PATH folder: outside the workspace.
    const loads = mayLoad(first.value);
    if (!loads && !PATH_NAME.test(first.value)) return;
    if (this.written !== null && (loads || this.written.outside)) part.forceAsk ??= this.runWrittenWhy(args, source, skip);
    if (later) (this.laterRuns ??= []).push({ part, args, source, skip });
  }

  /** runsWritten or loadsWritten, the files in `skip` left out. */
  private runWrittenWhy(args: readonly Arg[], source: string, skip: HostWrites | null): string | null {
    const written = this.written;
    if (written === null) return null;
    written.skip = skip;
    try {
      return this.runsWritten(args, source) ?? this.loadsWritten(args) ?? this.startsFromWritten(args);
    } finally {
      written.skip = null;
    }
  }

  /** While the views of a host are walked: the files the host itself writes (see HostWrites). */
  private hostWrites: HostWrites | null = null;

  /**
   * bash 5.3's `source -p DIRS FILE` (`. -pDIRS FILE`) looks for FILE in the folders DIRS lists,
   * `:`-separated (audit 35, YY-4): why it may run a file this command writes there, or null.
   */
  private sourcesWrittenOnPath(args: readonly Arg[]): string | null {
    const by = args[0]?.value ?? 'source';
    let dirs: Arg | undefined;
    let i = 1;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === undefined || a.dynamic !== null || !a.value.startsWith('-') || a.value === '-') break;
      if (a.value === '--') {
        i++;
        break;
      }
      if (a.value === '-p') dirs = args[++i];
      else if (a.value.startsWith('-p')) dirs = { ...a, value: a.value.slice(2) };
    }
    const file = args[i];
    if (dirs === undefined || file === undefined) return null;
    if (dirs.dynamic !== null) return `${by} -p looks for ${file.value} in folders only known at run time (${dirs.dynamic}), which may hold a file this command writes`;
    if (file.dynamic !== null || file.value.includes('/')) return null;
    for (const dir of dirs.value.split(':')) {
      const path = `${dir === '' ? '.' : dir.replace(/\/+$/, '')}/${file.value}`;
      if (this.isWritten(path)) return `${by} -p ${dirs.value} runs ${path}, a file this command writes`;
    }
    return null;
  }

  /** Commands in code that runs later than where it stands (traps, loops, function bodies). */
  private laterRuns: Array<{ part: CommandPart; args: readonly Arg[]; source: string; skip: HostWrites | null }> | null = null;

  /** Leading assignments of the transparent wrappers around the command being walked (see emit). */
  private wrappedEnv: readonly string[] = [];

  /** Set while walking a command a wrapper appends words to at run time (`xargs terraform`). */
  private appendedWords = false;
  /**
   * The views each host part has had walked, with the folder state and input they were walked in:
   * nested runners (`flock l flock l … CMD`) each view every suffix of their words, so the same
   * view comes up again and again, and walking each again took time exponential in the nesting
   * (audit 33, SS-7). A second walk from the same state would find the same parts.
   */
  private viewsWalked = new WeakMap<CommandPart, Set<string>>();

  /**
   * `trap 'make -C out' EXIT; printf … > out/Makefile`, a loop's next round, a function called
   * later: such code runs after every write of the command, so it is judged against all of them.
   */
  override finish(): void {
    if (this.written !== null) {
      for (const r of this.laterRuns ?? []) r.part.forceAsk ??= this.runWrittenWhy(r.args, r.source, r.skip);
    }
    this.recheckLaterWrites();
    super.finish();
  }

  /**
   * `printf … > src/Makefile; make -C src`: a program loads code from a file this command wrote,
   * which no rule judged as code. Why, or null.
   */
  private loadsWritten(args: readonly Arg[]): string | null {
    const first = args[0];
    if (this.written === null || first === undefined || first.dynamic !== null) return null;
    if (first.value === 'git' || first.value.endsWith('/git')) {
      // git finds a folder holding HEAD, objects/ and refs/ as a bare repository and obeys its
      // config; from the workspace's top folder it finds the workspace's own .git first.
      const scanned = scanGit(args);
      const hooked = this.writtenHook(args[scanned.next]?.value ?? '');
      if (hooked !== null) return hooked;
      const file = this.writtenNamed(GIT_DIR_FILE);
      if (file === null || (!this.folders.moved() && scanned.chdir === null)) return null;
      return `git runs in another folder, where ${file === ANY_PLACE ? UNPACKED : `${file}, which this command writes,`} may make a folder look like a repository whose config (aliases, pager, hooks) git obeys`;
    }
    const loader = loads(args);
    if (loader === null) return null;
    // `PYTHONPATH=out python3 -c 1` imports out/sitecustomize.py.
    const path = loader.python === true ? this.pythonPaths?.find((d) => this.holdsWritten(d)) : undefined;
    if (path !== undefined) return `${loader.name} imports from ${path} (PYTHONPATH), which holds a file this command writes`;
    const file = loader.names === null ? null : this.writtenNamed(loader.names);
    if (file === ANY_PLACE) return `${loader.name} may load ${UNPACKED}, and run the code in it`;
    if (file !== null) return `${loader.name} loads ${file}, which this command writes, and runs the code in it`;
    // A folder runs what it holds (`node out` runs out/index.js, `python3 out` out/__main__.py).
    const named = loader.files.find((f) => this.holdsWritten(f));
    if (named !== undefined) return `${loader.name} loads ${named}, which this command writes or holds a file it writes`;
    const spelled = loader.files.find((f) => this.mayNameWritten(f));
    if (spelled !== undefined) return `${loader.name} loads ${spelled}, which may be a file this command writes spelled from the root`;
    if (loader.stdin) return `${loader.name} reads its program from standard input, which may be a file this command writes`;
    return null;
  }

  /**
   * `… >> ~/.gitconfig; git x`, `… > ~/.local/bin/ls; ls`: a program reads a start-up file outside
   * the workspace that this command wrote, or is one it wrote into a PATH folder (home-config.ts).
   */
  private startsFromWritten(args: readonly Arg[]): string | null {
    const written = this.written;
    const first = args[0];
    if (written === null || !written.outside || first === undefined || first.dynamic !== null) return null;
    const name = first.value.slice(first.value.lastIndexOf('/') + 1);
    // The home folder may be spelled out (`/root/.gitconfig`, audit 43, AV-1): any absolute path
    // ending in the same place counts.
    const holds = (p: string): boolean => written.holdsPath(p) || written.holdsBelow(p) || (p.startsWith('~/') && written.holdsTail(p.slice(2)));
    const read = startupReads(name).find(holds);
    if (read !== undefined) return `${name} reads ${read} when it starts, which this command writes, and it can name commands to run`;
    if (first.value.includes('/') || name === '') return null;
    const folder = PATH_FOLDERS.find((f) => holds(`${f}/${name}`));
    return folder === undefined ? null : `${name} may be ${folder}/${name}, which this command writes (a folder PATH usually lists)`;
  }

  /**
   * A git sub-command that runs hooks (`commit`, `merge`, `push`…) after this command wrote a hook
   * manager's settings (`.pre-commit-config.yaml`, lefthook's) or a file in a folder that
   * `core.hooksPath` usually names (`.husky`): the hook runs what was written (audit 37, AF-3).
   */
  private writtenHook(sub: string): string | null {
    if (!HOOK_RUNNING.has(sub)) return null;
    const file = this.writtenNamed(HOOK_MANAGER_FILES);
    if (file !== null) return `git ${sub} runs hooks, which may run ${file === ANY_PLACE ? UNPACKED : `${file}, which this command writes`}`;
    const folder = HOOK_FOLDERS.find((f) => this.holdsWritten(f));
    if (folder !== undefined) return `git ${sub} runs hooks, and ${folder} (a usual core.hooksPath) holds a file this command writes`;
    // A hook script taken away turns the hook off for this very commit: husky's wrapper exits 0
    // when the script is missing, and git runs no hook that is not there (audit 44, AZ-1).
    const removed = this.removed;
    const gone = removed === null ? undefined : HOOK_FOLDERS.find((f) => this.folders.placesOf(f).some((p) => removed.holdsPath(p) || removed.holdsBelow(p)));
    return gone === undefined ? null : `git ${sub} runs hooks, and this command removes or moves away ${gone} or a file in it (a usual core.hooksPath), which turns a hook off`;
  }

  /** Notes `file` as removed or moved away, where it may be from every folder the shell may be in. */
  private noteRemoved(file: string): void {
    // What a later git runs is looked at once anything is written; a removal counts as that.
    this.written ??= new WrittenFiles();
    const removed = (this.removed ??= new WrittenFiles());
    for (const p of this.folders.placesOf(file)) removed.add(p);
  }

  /** A written file whose name matches `names` (ANY_PLACE after an unpacker); or null. */
  private writtenNamed(names: RegExp): string | null {
    const written = this.written;
    if (written === null) return null;
    return written.anyPlace ? ANY_PLACE : written.named(names);
  }

  /** Whether this command wrote `path`, or a folder holding it, as far as is known here. */
  private isWritten(path: string): boolean {
    const written = this.written;
    if (written === null) return false;
    if (written.anyPlace) return true;
    return this.folders.placesOf(path.replace(PROC_CWD, '')).some((p) => written.holdsPath(p) ||
      this.links.throughMadeLinks(p).some((there) => written.holdsPath(there)));
  }

  /**
   * Whether an absolute path may name a workspace file this command wrote (`echo … > src/s.sh;
   * . /repo/src/s.sh`), or a folder holding one (`node /repo/out` runs out/index.js).
   */
  private mayNameWritten(path: string): boolean {
    return this.written !== null && path.startsWith('/') && this.written.mayEndWith(path);
  }

  /** Whether `path` was written by this command, or is a folder holding something it wrote. */
  private holdsWritten(written0: string): boolean {
    const written = this.written;
    if (written === null) return false;
    // `cp -r out/ src`, `out//`: the folder itself.
    const path = written0.replace(/\/+$/, '') || written0;
    if (this.isWritten(path)) return true;
    // `.` holds every relative path written (`PYTHONPATH=.` after `… > sitecustomize.py`).
    return this.folders.placesOf(path).some((p) => written.holdsBelow(p) ||
      this.links.throughMadeLinks(p).some((there) => written.holdsBelow(there)));
  }

  /**
   * Files a program may put in place from its operands (`cp s out/g; . out/g` runs what the
   * command wrote to s): see placedFiles. Programs that unpack files not named here
   * (`git apply`, `patch`, `tar -x`, `unzip`) may have put any file in place; those are only
   * remembered for runsWritten. What the placers name, and the files `curl -o`-style options name,
   * are judged as writes too (PLACERS_JUDGED, outputFiles). Returns why the command asks when it
   * copies a `.git` folder out of its name, whose config and hooks are then unprotected.
   */
  private notePlaced(args: readonly Arg[], source: string, stdin: Arg | null): string | null {
    const value = args[0]?.value ?? '';
    const name = value.slice(value.lastIndexOf('/') + 1);
    const laterBefore = this.laterWriteCount();
    // Downloads and the like write where an option names (`curl -o f`, `wget -O f`); judged before
    // this command's own unpacking counts (`patch -o f` does not write through what it unpacks).
    for (const file of outputFiles(name, args)) if (!writesNoFile(file)) this.recordWrite(optionWrite(file, name, source), file);
    for (const w of operandWrites(name, args)) this.operandWrite(w, source);
    if (isApplyPatch(name)) for (const w of applyPatchWrites(args, stdin)) this.operandWrite(w, source);
    for (const { file, by, into } of downloadWrites(name, args)) {
      if (into !== undefined) this.writeInto(file, by, source, into);
      else if (!writesNoFile(file)) this.recordWrite(optionWrite(file, by, source), file);
    }
    // `find src | cpio -pdm out` copies into out what standard input names.
    const into = name === 'cpio' ? cpioPassDestination(args) : undefined;
    if (into !== undefined) this.writeInto(into, 'cpio -p', source, 'paths');
    const unpacked = UNPACKERS.has(name) ? unpacks(name, args) : false;
    if (unpacked !== false) {
      // Commits merged, rebased or popped from the stash bring links from history, and the files
      // they hold were judged when they were made; a checkout or an archive may hold anything.
      if (unpacked !== 'links') (this.written ??= new WrittenFiles()).add(ANY_PLACE);
      this.links.mayLinkAt(ANY_PLACE);
      // For later commands (check's next entries): below where it unpacks (audit 49, BP-2).
      if (unpacked !== 'links') {
        const into = operandWrites(name, args).filter((w) => (w.kind === 'tree' || w.kind === 'here') && w.file.dynamic === null).map((w) => w.file.value);
        for (const folder of into.length > 0 ? into : ['.']) this.links.unknownBelow(folder);
      }
      this.unpackers++;
      this.ownUnpackedWrites(laterBefore);
    }
    // `cmake -E create_symlink TARGET LINK`.
    let linksWhy: string | null = null;
    if (name === 'cmake' && args[1]?.value === '-E' && /^create_(?:sym|hard)link$/.test(args[2]?.value ?? '')) {
      const link = args[4];
      const target = args[3];
      if (link !== undefined && link.dynamic === null) {
        this.links.mayLinkAt(link.value);
        this.writeInto(link, 'cmake -E create_symlink', source, 'tree', { operand: true, remember: false, inEntry: true });
      }
      if (link === undefined || target === undefined) linksWhy = null;
      else if (link.dynamic !== null || target.dynamic !== null) linksWhy = `cmake -E ${args[2]?.value ?? ''} makes a link whose name or target is known only at run time, so where later writes through it land is not known`;
      else if (args[2]?.value === 'create_symlink') linksWhy = this.links.noteMadeLinks([link.value], [target.value], [args[0] as Arg, { ...target, value: '-s' }]);
      linksWhy ??= this.links.carryLater();
    }
    if (name === 'git' && args.some((a) => a.value === 'mv')) {
      // `git mv SRC DST` renames like mv, links included.
      const sub = scanGit(args).next;
      if (args[sub]?.value === 'mv') {
        const mvArgs = [args[0] as Arg, ...args.slice(sub + 1)];
        const moved = placedFiles('mv', mvArgs);
        for (const f of moved.sources) this.noteRemoved(f);
        this.placedWrites('mv', moved, mvArgs, source);
        if (!moved.dynamic) this.links.noteCarried(moved.created, moved.sources);
        // What it moves from a file this command wrote is written too, as with mv (`git mv src/m
        // src/Makefile; make -C src`: audit 35, YY-3).
        if (this.movesForeign('mv', moved)) {
          const written = (this.written ??= new WrittenFiles());
          for (const f of moved.created) for (const p of this.folders.placesOf(f)) written.add(p);
        }
      }
    }
    if (!FILE_PLACERS.has(name)) return linksWhy;
    const placed = placedFiles(name, args);
    if (name === 'mv') for (const f of placed.sources) this.noteRemoved(f);
    // What it creates, and what mv takes away, are writes like a redirection's target; judged
    // before this command's own links count, so `ln -s x out/l` is not a write through out/l.
    if (PLACERS_JUDGED.has(name)) this.placedWrites(name, placed, args, source);
    const written = (this.written ??= new WrittenFiles());
    const foreign = COPIERS.has(name) && this.movesForeign(name, placed);
    if (!COPIERS.has(name) || foreign) for (const f of placed.created) for (const p of this.folders.placesOf(f)) written.add(p);
    // A link, or a copy from outside that may hold links, sends later writes through it to
    // wherever it points (`ln -s /etc out/l; echo x > out/l/passwd`, `cp -l agent-gate.yml out/p`).
    // A destination that is surely a folder is not itself the link made (`ln -s /tmp/c .` makes ./c).
    const made = placed.destination?.folder === true ? placed.created.filter((f) => f !== placed.destination?.path) : placed.created;
    // A plain `cp /tmp/x .` copies what a link points at; with -r/-a/-P, or by mv, the link itself.
    const keepsLinks = foreign && LINK_COPIERS.has(name) && (name === 'mv' || name === 'scp' || carriesLinks(name, args));
    // `rsync --link-dest=DIR SRC DEST`: DEST's files may be DIR's, hard-linked (audit 48, BL-2).
    const linkDests = name === 'rsync' ? rsyncLinkDests(args) : [];
    if (LINKERS.has(name) || keepsLinks || (name === 'cp' && copiesAsLink(args))) {
      for (const f of made) this.links.mayLinkAt(f);
    }
    // A copy from outside brings links nobody here knows, for later commands too (audit 49, BP-2).
    if (keepsLinks && !placed.dynamic) for (const f of placed.created) this.links.unknownBelow(f);
    if (linkDests.length > 0) {
      const destination = placed.destination === undefined ? undefined : placed.destination.path.replace(/\/+$/, '') || placed.destination.path;
      if (destination !== undefined) this.links.mayLinkAt(destination);
      linksWhy = destination === undefined || placed.dynamic || linkDests.some((d) => d.dynamic !== null)
        ? 'rsync --link-dest hard-links files whose names or folders are known only at run time, so where later writes through them land is not known'
        : this.links.noteMadeLinks([destination], linkDests.map((d) => (d.value.startsWith('/') ? d.value : posix.join(destination, d.value))), [args[0] as Arg]);
    }
    if (LINKERS.has(name) || (name === 'cp' && copiesAsLink(args))) {
      // Check follows the links an entry makes in the entries after it (analysis.links): one whose
      // name or target is known only at run time cannot be followed there.
      linksWhy = placed.dynamic
        ? `${name} makes a link whose name or target is known only at run time (or too many to follow), so where later writes through it land is not known`
        : this.links.noteMadeLinks(made, placed.sources, args);
    }
    if (!foreign && carriesLinks(name, args)) this.links.noteCarried(placed.created, placed.sources);
    if (carriesLinks(name, args)) {
      // Code that runs later (a function body, a trap) may copy a link made further on.
      if (this.runsLater()) this.links.copyLater(placed, args);
      linksWhy ??= this.links.carryLinks(placed, args);
    }
    linksWhy ??= this.links.carryLater();
    // What is copied, option values left out (`rsync --exclude .git`).
    if ((placed.copied ?? placed.sources).some((o) => o.replace(/\/+$/, '').split('/').pop() === '.git')) {
      return `${name} copies a .git folder under another name, where its config and hooks are not protected as .git's are`;
    }
    return linksWhy;
  }

  /**
   * A copy of a workspace file runs what that file holds (`cp .env.example .env; . .env`); one of
   * a file this command wrote, of one outside the workspace (`cp /bin/bash scripts/x.sh`) or of
   * one only known at run time, or of one on another host, runs what is not judged.
   */
  private movesForeign(name: string, placed: Placed): boolean {
    // A file on another host (`scp host:x s`) holds whatever was put there (audit 40, AN-4).
    return placed.dynamic || placed.sources.some((src) => /^[/~]|(?:^|\/)\.\.(?:\/|$)/.test(src) || isRemoteOperand(name, src) ||
      this.holdsWritten(src) || (name === 'ln' && placed.linkDirs.some((dir) => this.holdsWritten(`${dir}/${src}`))));
  }

  /**
   * Judges what a placer writes. A destination that is surely a folder is written into, not
   * replaced: only what lands in it counts (`cp /tmp/x .` writes `./x`, not the whole workspace).
   * One that may be either (`cp a b`) is judged as a file, and what would land in it as a folder
   * asks rather than denies (`cp .env .env.backup` is not a write to `.env.backup/.env`).
   * What mv takes away is the entry itself, and what it holds when it is a folder.
   */
  private placedWrites(name: string, placed: Placed, args: readonly Arg[], source: string): void {
    const dest = placed.destination;
    const destPath = dest?.path.replace(/\/+$/, '');
    const taken = new Set(name === 'mv' ? placed.sources : []);
    // `ln -sfn NEW l`, `ln -sfT`, `mv -T`: an existing link at the destination is replaced, not
    // written through.
    const words = args.slice(1).map((a) => a.value);
    const replacesEntry = (name === 'mv' && dest?.folder === false) ||
      ((name === 'ln' || name === 'link') && (dest?.folder === false || words.some((w) => /^-[a-zA-Z]*n/.test(w) || /^--no-d/.test(w))));
    const files: Array<{ file: Arg; path: string }> = [];
    // `cp f /dev/null` writes no file, and nothing in it.
    const nowhere = dest !== undefined && namesNoFile(dest.path);
    for (const raw of [...(placed.judged ?? placed.created), ...taken]) {
      const path = raw.replace(/\/{2,}/g, '/');
      if (dest?.folder === true && path === dest.path) continue;
      if (nowhere && !taken.has(raw) && dest !== undefined && path.startsWith(`${dest.path}/`)) continue;
      files.push({ file: operandArg(path, args), path });
    }
    // Words only known at run time are left out of placedFiles: the last one (the destination,
    // unless -t names it), every one tee writes, and every one mv moves away are still writes.
    // Sources only known at run time put files of unknown names into a folder destination
    // (`cp src/*.ts dist/`, `cp -t dist "$@"`), and a glob mv takes away does so from its folder.
    const last = args[args.length - 1];
    const copier = COPIERS.has(name) && name !== 'dd';
    const lastOperand = placed.dynamic && last !== undefined && args.length > 1 && !last.value.startsWith('-');
    if (lastOperand && !copier && name !== 'tee') {
      if (last.dynamic !== null && !files.some((f) => f.file.value === last.value)) files.push({ file: last, path: last.value });
    } else if (lastOperand && copier) {
      // The names landing in the folder: each glob's (a leading dot only if its own name has one),
      // and each static source's, escaped, since placedFiles lists only the first ones.
      const isSource = (a: Arg): boolean => a !== last || (dest !== undefined && dest.path !== last.value);
      const sourceWords = args.slice(1).filter((a) => isSource(a) && (a.dynamic !== null || !a.value.startsWith('-')))
        .map((a) => (a.dynamic !== null ? a : { ...a, value: a.value.replace(/[*?[\\]/g, '\\$&'), dynamic: 'glob' }));
      // A recursive copy from a glob may make folders there too (`cp -r /tmp/x/* .kiro/`).
      const kind = copiesTrees(name, words) ? 'tree' : sourceWords.every((a) => a.dynamic === 'glob') ? 'globbed' : 'names';
      if (dest !== undefined && dest.folder !== false) this.writeInto(operandArg(dest.path, args), name, source, kind, { globs: sourceWords });
      if (dest === undefined && last.dynamic === null) {
        // Every source is only known at run time: several, or a folder-like name, make it a folder.
        const sources = args.slice(1, -1).filter((a) => !a.value.startsWith('-'));
        const folder = /(?:^|\/)\.{0,2}$/.test(last.value) || sources.length > 1 || sources.some((a) => a.split);
        // One source onto a name that is not surely a folder: that name is what it writes.
        if (!folder) files.push({ file: last, path: last.value });
        else this.writeInto(last, name, source, kind, { globs: sourceWords });
      } else if (last.dynamic !== null && (dest === undefined || dest.path === last.value) && !files.some((f) => f.file.value === last.value)) {
        files.push({ file: last, path: last.value });
      }
    }
    if (name === 'tee') for (const a of args.slice(1)) if (a.dynamic !== null && !files.some((f) => f.file === a)) files.push({ file: a, path: a.value });
    if (name === 'mv') {
      // Every source mv takes away; the last word is one too when -t names the destination.
      const sources = last !== undefined && dest !== undefined && dest.path !== last.value ? args.slice(1) : args.slice(1, -1);
      for (const a of sources) {
        if (a.dynamic === null || files.some((f) => f.file === a)) continue;
        const folder = globFolder(a);
        if (folder !== undefined) this.writeInto({ ...a, value: folder, dynamic: null, split: false }, 'mv', source, /(?:^|\/)\.[^/]*$/.test(a.value) ? 'names' : 'globbed', { globs: [a] });
        else files.push({ file: a, path: a.value });
      }
    }
    for (const { file, path } of files) {
      if (writesNoFile(file)) continue;
      const write = optionWrite(file, name, source);
      if (taken.has(path)) {
        write.entryOnly = true;
        write.holds = true;
      } else if (replacesEntry && path === dest?.path) {
        write.entryOnly = true;
      } else if (dest !== undefined && path !== dest.path) {
        // Inside the destination: a folder only maybe.
        if (dest.folder === null && destPath !== undefined) write.ifFolder = destPath;
        if (replacesEntry) write.inEntry = true;
      } else if (dest !== undefined && dest.folder === null) {
        write.mayBeFolder = true;
      }
      this.recordWrite(write, file, false);
    }
    this.copiedTrees(name, placed, args, words, source);
    if (name === 'ln') this.linkedTrees(placed, args, source, replacesEntry);
  }

  /**
   * A link made at a name holds whatever its target holds: `ln -s /tmp/evil .github` puts a
   * policy file of the agent's at `.github/agent-gate.yml`, so each link is held to the protected
   * paths below its name, as a folder moved there is (SPEC 6.1; audit 36, AE-2).
   */
  private linkedTrees(placed: Placed, args: readonly Arg[], source: string, replacesEntry: boolean): void {
    const dest = placed.destination;
    for (const made of placed.judged ?? placed.created) {
      if (dest?.folder === true && made === dest.path) continue;
      // The link replaces what stands at its name, so a link there already is not followed; nor
      // is one at a destination `-n` or `-T` replaces rather than writes into.
      const replaces = replacesEntry && dest !== undefined && made.startsWith(`${dest.path.replace(/\/+$/, '')}/`);
      this.writeInto(operandArg(made, args), 'ln', source, 'tree', { operand: true, remember: false, inEntry: true, unfollowed: replaces ? 3 : undefined });
    }
  }

  /**
   * A folder moved or copied whole brings everything below it (`cp -r /tmp/x/.kiro .` makes
   * `.kiro/settings/…`), and a copy of a folder's contents (`cp -a X/. .github/`, `rsync -a X/ D/`,
   * `cp -rT X D`) may put anything in the destination: each is held to the protected paths below.
   */
  private copiedTrees(name: string, placed: Placed, args: readonly Arg[], words: readonly string[], source: string): void {
    const dest = placed.destination;
    // A glob on another host brings names not known here, recursive or not (`scp evil:'*.env' .`).
    const remoteGlob = placed.sources.some((src) => isRemoteOperand(name, src) && copiesContents(name, src));
    if (dest === undefined || placed.dynamic || !(copiesTrees(name, words) || remoteGlob)) return;
    const destPath = dest.path.replace(/\/+$/, '') || dest.path;
    const contents = (name === 'cp' && (dest.folder === false || placed.sources.some((src) => /(?:^|\/)\.\/*$/.test(src)))) ||
      placed.sources.some((src) => copiesContents(name, src));
    const trees = new Set<string>();
    if (contents || dest.folder !== true) trees.add(destPath);
    for (const made of placed.judged ?? placed.created) if (made.startsWith(`${destPath}/`)) trees.add(made);
    // What a workspace copy holds was judged when it was written: notePlaced decides what counts
    // as written by this command.
    for (const tree of trees) this.writeInto(operandArg(tree, args), name, source, 'tree', { operand: true, remember: false });
  }

  /**
   * Where git run by `args` may be, for the edges to look on disk (CommandPart.gitFolders): every
   * folder the shell may be in, with its `-C` folders applied. A folder only known at run time
   * leaves nothing to look at; what git does there is judged as the rules say.
   */
  private noteGitFolders(part: CommandPart, args: readonly Arg[]): void {
    const first = args[0];
    if (first === undefined || first.dynamic !== null || wrapperName(first) !== 'git') return;
    const chdir = scanGit(args).chdir ?? [];
    if (chdir.some((a) => a.dynamic !== null)) return;
    const folder = chdir.reduce((at, a) => (a.value.startsWith('/') || a.value.startsWith('~') ? a.value : `${at}/${a.value}`), '.');
    const found = new Set([...part.gitFolders ?? [], ...this.folders.placesOf(folder)]);
    part.gitFolders = [...found];
  }

  /** Records `alias NAME=VALUE` operands (names only known at run time already ask: see aliases() in wrappers.ts). */
  private noteAliases(args: readonly Arg[]): void {
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a === undefined) continue;
      const eq = a.value.indexOf('=');
      if (eq <= 0 || /[$`]/.test(a.value.slice(0, eq))) continue;
      (this.aliases ??= new Map()).set(a.value.slice(0, eq), { ...a, value: a.value.slice(eq + 1) });
    }
  }

  protected insert(at: number, part: ShellPart): void {
    if (at === this.parts.length) this.parts.push(part);
    else this.parts.splice(at, 0, part);
  }

  /**
   * Quoted `NAME=( … )` operands of a declaration builtin, which bash parses again as an array
   * assignment: returned to be walked as scripts. One only known at run time asks.
   */
  protected quotedCompounds(args: readonly Arg[], words: readonly Arg[], sink: Sink): Arg[] {
    const host = args[0];
    if (host === undefined || host.dynamic !== null || !isDeclarationBuiltin(host.value)) return [];
    // With -a or -A, a value only known at run time may turn out to be `( … )`.
    const arrays = args.some((a, i) => i > 0 && /^-[a-zA-Z]*[aA]/.test(a.value));
    const out: Arg[] = [];
    for (const w of words) {
      if (w === host) continue;
      const eq = w.value.indexOf('=');
      const why = `${host.value} re-reads an array assignment only known at run time (${w.dynamic ?? ''}), which may hold a command substitution`;
      const runtimeValue = w.dynamic !== null && eq > 0 && /^[$`"']/.test(w.value.slice(eq + 1));
      if (w.dynamic !== null && (COMPOUND_OPERAND.test(w.value) || (arrays && runtimeValue))) {
        sink.force ??= why;
      } else if (runtimeValue) {
        const name = /^[A-Za-z_]\w*/.exec(w.value)?.[0];
        if (name !== undefined && !this.declaredAtRunTime?.has(name)) (this.declaredAtRunTime ??= new Map()).set(name, `${why}, if ${name} is an array`);
      } else if (w.dynamic === null && COMPOUND_OPERAND.test(w.value)) {
        out.push({ value: w.value, dynamic: null, split: false, pos: -1, end: -1 });
      }
    }
    return out;
  }

  /**
   * A command a wrapper runs (`builtin declare …`, `command local …`): the same checks as the
   * bare command gets, its quoted compound assignments included.
   */
  private emitInner(inner: Arg[], source: string, scope: Scope, depth: number, stdin: Arg | null): void {
    const sink: Sink = { force: operandAssignmentDanger(inner) };
    const compounds = this.quotedCompounds(inner, inner, sink);
    this.emit(inner, [], sink.force, slice(scope, inner, source), scope, depth, stdin, this.parts.length);
    for (const arg of compounds) this.tryScript({ arg, by: `${inner[0]?.value ?? ''} array assignment` }, depth + 1);
  }

  /**
   * Files whose names are only known at run time land in `folder` (see WritePart.unknownNames):
   * judged by what a rule says of the folder's contents, and any of them may be run later.
   */
  private writeInto(folder: Arg, by: string, source: string, kind: NonNullable<WritePart['unknownNames']>, how: WriteIntoOptions = {}): void {
    const { globs, ruleOnly = false, operand = false, remember = !ruleOnly, wholeTree = false, inEntry = false, unfollowed } = how;
    const path = folder.value.replace(/\/+$/, '') || (folder.value === '' ? '.' : '/');
    const probe: Arg = { value: `${path === '/' ? '' : path}/${HELD_PROBE}`, dynamic: folder.dynamic, split: folder.split, pos: folder.pos, end: folder.end };
    if (folder.invalidUtf8 === true) probe.invalidUtf8 = true;
    const write = optionWrite(probe, by, source);
    write.unknownNames = kind;
    if (operand) write.operand = true;
    if (wholeTree) write.wholeTree = true;
    if (inEntry) write.inEntry = true;
    if (unfollowed !== undefined) write.unfollowed = unfollowed;
    const globbed = globs !== undefined && globs.every((g) => g.dynamic === 'glob');
    if ((kind === 'globbed' || (kind === 'tree' && globbed)) && globs !== undefined) write.nameGlobs = globs.map((g) => g.value.slice(g.value.lastIndexOf('/') + 1));
    // What is removed runs nothing later, and is held only to the rules that name it.
    if (ruleOnly) write.ruleOnly = true;
    this.recordWrite(write, probe, remember);
    if (folder.dynamic === null && remember) for (const p of this.folders.placesOf(path)) (this.written ??= new WrittenFiles()).add(p);
  }

  /** A file an operand names (see operand-writes.ts); a glob in a static folder lands there. */
  private operandWrite({ file, by, kind, follows, mayBeFolder, wholeTree, ruleOnly, removes }: OperandWrite, source: string): void {
    if (writesNoFile(file)) return;
    const makesOrRemoves = kind === 'entry' || kind === 'removeTree';
    const inFolder = globFolder(file);
    if (inFolder !== undefined) {
      const folder: Arg = { ...file, value: inFolder, dynamic: null, split: false };
      this.writeInto(folder, by, source, kind === 'content' || kind === 'entry' ? 'globbed' : 'tree', { globs: [file], ruleOnly: makesOrRemoves, operand: true });
      return;
    }
    if (kind === 'tree') {
      this.writeInto(file, by, source, 'tree', { operand: true, ...(ruleOnly === true ? { ruleOnly: true } : {}) });
      return;
    }
    // An archive unpacked where the shell stands: a rule for that folder's contents decides, and
    // the unpacker's own bookkeeping holds what it may have put anywhere.
    if (kind === 'here') {
      this.writeInto(file, by, source, 'here', { ruleOnly: true, operand: true, wholeTree: wholeTree === true });
      return;
    }
    // The root folder is no entry to name; what it holds is.
    if (kind === 'removeTree' && file.dynamic === null && /^\/+$/.test(file.value)) {
      this.writeInto(file, by, source, 'tree', { ruleOnly: true, operand: true });
      return;
    }
    if (file.dynamic === null && (kind === 'removeTree' || removes === true)) this.noteRemoved(file.value);
    const write = optionWrite(file, by, source);
    write.operand = true;
    if (mayBeFolder === true) write.mayBeFolder = true;
    if (ruleOnly === true) write.ruleOnly = true;
    if (makesOrRemoves) {
      write.ruleOnly = true;
      if (follows !== true) write.entryOnly = true;
    }
    // A write every run makes (a package manager's package.json) is not a script it wrote.
    this.recordWrite(write, file, !makesOrRemoves && ruleOnly !== true);
    if (kind === 'removeTree') this.writeInto(file, by, source, 'tree', { ruleOnly: true, operand: true });
  }

  /** The folders a command's prefix assignments point tools at (`CARGO_TARGET_DIR=.github cargo build`). */
  protected assignedFolders(assigned: readonly Arg[], source: string): void {
    for (const a of assigned) for (const write of assignmentWrites(a)) this.operandWrite(write, source);
  }

  /** A file the command writes because an option names it: a write like a redirection's. */
  private optionWrite(file: Arg, option: string, scope: Scope): void {
    this.recordWrite(optionWrite(file, option, scope.source), file);
  }

  /** Pushes the part for `args` and the parts of whatever it wraps. */
  protected emit(args: Arg[], assignments: string[], force: string | null, source: string, scope: Scope, depth: number,
    stdin: Arg | null, at: number): void {
    checkDepth(depth);
    const argv: string[] = new Array<string>(args.length);
    for (let i = 0; i < args.length; i++) argv[i] = args[i]?.value ?? '';
    const text = argv.join(' ');
    const arithmetic = evaluatesArithmetic(argv);
    const name = argv[0] ?? '';
    // `let n=n+1` reads and assigns numbers, as `(( ))` does.
    if (arithmetic === 'values') this.evaluates(name === 'let' ? argv.slice(1).join(' ') : undefined);
    else if (arithmetic === 'number') this.arithmeticSeen = true;
    if (name === 'let') {
      for (const a of argv.slice(1)) {
        const target = /^([A-Za-z_]\w*)(?:[-+*/%&|^]|<<|>>)?=(?!=)|^([A-Za-z_]\w*)(?:\+\+|--)$|^(?:\+\+|--)([A-Za-z_]\w*)$/.exec(a);
        const assigned = target?.[1] ?? target?.[2] ?? target?.[3];
        if (assigned !== undefined) this.assigned(assigned, true);
      }
    } else if (NAME_SETTERS.has(name) || name === 'printf' || isDeclarationBuiltin(name)) {
      // Operands that name a variable (`read n`, `printf -v n`, `printf -vn`, `mapfile n`,
      // `declare n`) set it to what is only known at run time; a declaration's `"n=$x"` operand
      // is an assignment as much as `n=$x` is.
      const declares = isDeclarationBuiltin(name);
      // `declare -a a`, `read -a a`, `mapfile a` (or MAPFILE) make arrays (see arrayNames).
      const arrays = name === 'mapfile' || name === 'readarray' || ((declares || name === 'read') && argv.some((w, i) => i > 0 && /^-[a-zA-Z]*[aA]/.test(w)));
      if (name === 'mapfile' || name === 'readarray') (this.arrayNames ??= new Set()).add('MAPFILE');
      for (let i = 1; i < argv.length; i++) {
        const word = argv[i] ?? '';
        const set = /^[A-Za-z_]\w*$/.test(word) ? word : name === 'printf' ? /^-v([A-Za-z_]\w*)/.exec(word)?.[1] : undefined;
        if (set !== undefined) this.assigned(set, false);
        const operand = declares ? /^([A-Za-z_]\w*)(\[[^\]]*\])?(\+)?=/.exec(word) : null;
        // An element (`a[0]=x`) or a list (`'a=(x)'`) makes one too.
        const elementOrList = operand !== null && (operand[2] !== undefined || word.slice(operand[0].length).startsWith('('));
        const made = set ?? operand?.[1];
        if (made !== undefined && (arrays || elementOrList)) (this.arrayNames ??= new Set()).add(made);
        if (operand?.[1] !== undefined) {
          const text = word.slice(operand[0].length);
          this.assigned(operand[1], args[i]?.dynamic === null && operand[2] === undefined && operand[3] === undefined && !/[[$`]/.test(text), text);
        }
      }
    }
    // What a sourced file sets is not seen here.
    if ((name === 'source' || name === '.') && argv.length > 1) this.namesUnknown = true;
    if (RUNTIME_READERS.has(name)) this.runtimeValue ??= `${name} reads it`;
    // SPEC 5.2: an allow must match the text with the assignments, those in front of a wrapper
    // too (`FOO=1 time npm test`, `FOO=1 bash -c 'npm test'`): its environment reaches this command.
    const environ = this.wrappedEnv.length === 0 ? assignments : [...this.wrappedEnv, ...assignments];
    const part: CommandPart = {
      kind: 'command', argv, assignments: environ, text,
      textWithAssignments: environ.length === 0 ? text : `${environ.join(' ')} ${text}`,
      views: [], wrapper: false, forceAsk: force, source,
    };
    const first = args[0];
    if (first?.dynamic != null) part.forceAsk ??= `command word is not static (${first.dynamic})`;
    else if (first !== undefined) part.forceAsk ??= commandWordDoubt(first.value);
    // `echo destroy | xargs terraform` runs `terraform destroy`.
    const more = this.appendedWords ? [APPENDED] : [];
    const holes = textHoles([...args, ...more]);
    if (holes !== null) part.holes = [holes];
    addSpellings(part, args, text, more);
    this.noteGitFolders(part, args);
    this.insert(at, part);
    this.folders.noteCd(args, scope.source);
    if (first !== undefined && first.dynamic === null && first.value === 'alias') this.noteAliases(args);
    this.checkRunsWritten(part, args, scope.source, null);
    const own: HostWrites = { from: this.written?.size ?? 0, to: Number.POSITIVE_INFINITY };
    if (first !== undefined && first.dynamic === null) {
      // Run whatever the command already asks for: its writes are judged too, and a deny among
      // them beats the ask (`history -w .github/agent-gate.yml`: audit 49, BN-3).
      const placedWhy = this.notePlaced(args, scope.source, stdin);
      part.forceAsk ??= placedWhy;
    }
    // `x=-i; sed -e s/a/b/ "$x" f`: a run-time word of a program whose options name what it writes
    // may be such an option (audit 49, BN-4, BN-5).
    if (first !== undefined && first.dynamic === null && OPTION_WRITERS.has(wrapperName(first) ?? '')) {
      // A glob names files (one named like an option is the wildcard-injection case that `src/*`
      // and `*.txt` are judged for elsewhere), and `<(…)` is a /dev/fd path.
      const words = args.map((a) => (a.dynamic === 'glob' || a.dynamic === 'process substitution' ? { ...a, dynamic: null } : a));
      part.forceAsk ??= runtimeOptionReason(words, 1, wrapperName(first) ?? '');
    }
    const u = unwrap(args, stdin, this.stdinFed);
    part.forceAsk ??= u.forceAsk;
    // `CC='rm -rf ~ #' make`, `env CC=… make`, `CC=… nice make`: make reads its environment as
    // variables its recipes paste.
    const makeAt = args.findIndex((a) => a.dynamic === null && MAKES.has(wrapperName(a) ?? ''));
    const environment = makeAt < 0 ? [] : [...assignments, ...args.slice(1, makeAt).filter((a) => a.dynamic === null && assignedName(a.value) !== null).map((a) => a.value)];
    if (environment.length > 0) {
      const env = makeEnvironment(environment, 'make');
      part.forceAsk ??= env.forceAsk;
      this.withHostWrites(own, () => {
        for (const view of env.views) this.view(part, view, scope, depth + 1, stdin);
      });
    }
    const before = this.parts.length;
    let dynamic = false;
    const moved = u.folder === undefined && u.folderDoubt === undefined && u.topFolder === undefined ? null : this.folders.enter(u, scope.source);
    // `builtin printf -v PS4 …` and `command export PATH=…` set the variable as the bare builtin
    // would: the wrapped command gets the same checks.
    // Only a transparent wrapper's text skips the allow check (SPEC 5.4), so only it hands its
    // assignments on; any other host was allowed with them in its own text.
    const outer = this.wrappedEnv;
    this.wrappedEnv = u.wrapper ? environ : [];
    try {
      this.appendedWords = u.appendsWords === true;
      for (const inner of u.commands) this.emitInner(inner, source, scope, depth + 1, stdin);
      this.appendedWords = false;
      this.withHostWrites(own, () => {
        for (const inner of u.views) this.view(part, inner, scope, depth + 1, stdin);
      });
      for (const s of u.scripts) dynamic = this.run(s, part, depth + 1) || dynamic;
      if (u.expanded !== undefined) this.expandedWords(u.expanded, part, depth + 1);
    } finally {
      this.wrappedEnv = outer;
      this.appendedWords = false;
    }
    for (const w of u.writes ?? []) this.optionWrite(w.file, w.option, scope);
    own.to = this.written?.size ?? 0;
    if (moved !== null) this.folders.leave(moved);
    // A wrapper around nothing judged (`bash -c ''`) must be judged itself; one around a string
    // only known at run time is already at least `ask`.
    if (u.wrapper && (this.parts.length > before || dynamic)) part.wrapper = true;
  }

  private withHostWrites(own: HostWrites, walk: () => void): void {
    const outer = this.hostWrites;
    this.hostWrites = own;
    try {
      walk();
    } finally {
      this.hostWrites = outer;
    }
  }

  /** `args` runs inside `host` (sudo, npx…): its spellings tighten the host part. */
  private view(host: CommandPart, args: Arg[], scope: Scope, depth: number, stdin: Arg | null, appended = false): void {
    checkDepth(depth);
    // Only nesting repeats views, so the first levels (every everyday command) skip the bookkeeping.
    if (depth >= VIEW_MEMO_DEPTH) {
      const walked = this.viewsWalked.get(host) ?? new Set<string>();
      this.viewsWalked.set(host, walked);
      const key = [joinValues(args), args.map((a) => a.dynamic ?? '').join('\u0000'), stdin?.value ?? '\u0002', String(appended), String(this.stdinFed), scope.source, this.folders.stateKey()].join('\u0003');
      if (walked.has(key)) return;
      walked.add(key);
    }
    const first = args[0];
    if (first?.dynamic != null) host.forceAsk ??= `wrapped command word is not static (${first.dynamic})`;
    const text = joinValues(args);
    const more = appended ? [APPENDED] : [];
    addView(host, text, [...args, ...more]);
    addSpellings(host, args, text, more);
    this.noteGitFolders(host, args);
    this.checkRunsWritten(host, args, scope.source, this.hostWrites);
    // `sudo tee ~/.ssh/authorized_keys`, `env A=1 cp x .github/…`: the files it writes are writes.
    if (first !== undefined && first.dynamic === null) host.forceAsk ??= this.notePlaced(args, scope.source, stdin);
    const u = unwrap(args, stdin, this.stdinFed);
    host.forceAsk ??= u.forceAsk;
    const moved = u.folder === undefined && u.folderDoubt === undefined && u.topFolder === undefined ? null : this.folders.enter(u, scope.source);
    for (const inner of u.commands) {
      if (u.wrapper) this.view(host, inner, scope, depth + 1, stdin, u.appendsWords === true);
      else this.emitInner(inner, host.source, scope, depth + 1, stdin);
    }
    for (const inner of u.views) this.view(host, inner, scope, depth + 1, stdin);
    for (const s of u.scripts) this.run(s, host, depth + 1);
    for (const w of u.writes ?? []) this.optionWrite(w.file, w.option, scope);
    if (moved !== null) this.folders.leave(moved);
  }

  /** A string a wrapper hands to a shell: parsed and walked like the input itself. True if dynamic. */
  private run(s: ScriptArg, host: CommandPart, depth: number): boolean {
    if (s.later !== true) return this.runNow(s, host, depth);
    // Trap and alias strings run later, maybe after a `cd` further on.
    this.folders.deferred++;
    try {
      return this.runNow(s, host, depth);
    } finally {
      this.folders.deferred--;
    }
  }

  private runNow(given: ScriptArg, host: CommandPart, depth: number): boolean {
    let s = given;
    if (s.userShell === true) {
      // The user's shell may be zsh: its reading is judged, and zsh-only syntax asks.
      host.forceAsk ??= zshSyntaxDoubt(s.arg.value, `${s.by} (the user's shell, which may be zsh)`);
      s = { ...s, arg: asZshRunsIt(s.arg) };
    }
    const arg = s.arg;
    if (arg.dynamic === null) {
      this.tryScript(s, depth);
      return false;
    }
    host.forceAsk ??= `${s.by} runs a string that is not static (${arg.dynamic})`;
    // The static skeleton (`rm -rf $DIR`) may still name a denied command. Substitutions in it
    // were walked where they stand, and walking them again would cost exponential time in how
    // deep `eval "$(eval "$(…)")"` nests, so such a string adds nothing more.
    if (HOLDS_SCRIPT.test(arg.value)) return true;
    this.tryScript(s, depth);
    return true;
  }

  /**
   * Walks a wrapper's string. One that fails to parse (or passes a bound) is judged as SPEC 5.7
   * judges such input, but on its own text: bash runs the lines before a syntax error, so
   * `eval $'rm x\n"'` is denied when the string's whitespace-normalised text matches a deny
   * pattern, and at least `ask` otherwise. The parts found before the failure are dropped.
   */
  protected tryScript(s: ScriptArg, depth: number): void {
    const mark = this.parts.length;
    const suspicious = this.suspicious;
    const { literal, arith, quotesExpand } = this;
    const deferred = this.folders.deferred;
    try {
      this.source(s.arg.value, depth);
    } catch (e) {
      if (!(e instanceof ShellFailure)) throw e;
      this.parts.length = mark;
      this.suspicious = suspicious;
      this.literal = literal;
      this.arith = arith;
      this.quotesExpand = quotesExpand;
      this.folders.deferred = deferred;
      const text = s.arg.value.replace(/\s+/g, ' ').trim();
      const why = e.wrapped ? e.message : `${s.by}: ${e.message}`;
      this.parts.push({
        kind: 'command', argv: [text], assignments: [], text, textWithAssignments: text, views: [], wrapper: false,
        forceAsk: `the string ${s.by} runs could not be parsed (${why}), so it fails closed`, source: s.arg.value,
      });
    }
  }

  /** Strings a builtin expands again (`compgen -W`): the substitutions in them run. */
  private expandedWords(words: readonly Arg[], host: CommandPart, depth: number): void {
    const sink: Sink = { force: null };
    // `complete -W` stores the words for completions that happen later.
    const later = host.argv[0] === 'complete';
    if (later) this.folders.deferred++;
    for (const w of words) {
      if (w.dynamic !== null) host.forceAsk ??= `${host.argv[0] ?? ''} expands a word list only known at run time (${w.dynamic}), which may hold a command substitution`;
      else if (mayHoldCode(w.value)) this.expandedText(w.value, depth, sink);
    }
    if (later) this.folders.deferred--;
    host.forceAsk ??= sink.force;
  }
}

/** Strings that hold substitutions: their skeleton is not walked again (see `run`). */
const HOLDS_SCRIPT = /\$\(|`|<\(|>\(/;

/** How writeInto records its write. */
interface WriteIntoOptions {
  /** The globs that name the files (their last segments bound the names tried). */
  globs?: readonly Arg[];
  /** Only a rule that names the folder's contents counts (what rm removes, what unpacks here). */
  ruleOnly?: boolean;
  /** Written because an operand names it (WritePart.operand). */
  operand?: boolean;
  /** Count the folder as written by this command, for what it runs later (default: unless ruleOnly). */
  remember?: boolean;
  /** The whole work tree of the repository around the folder is written (WritePart.wholeTree). */
  wholeTree?: boolean;
  /** The folder's own entry is not followed if it is a link (WritePart.inEntry). */
  inEntry?: boolean;
  /** See WritePart.unfollowed. */
  unfollowed?: number;
}

/** Whether a command word may run or load a file this command writes (see runsWritten, loadsWritten). */
function mayLoad(word: string): boolean {
  return word.includes('/') || SCRIPT_READERS.has(word) || word === 'git' || isLoaderName(word);
}
/** A command word PATH is searched for, which may be a program written into a PATH folder (startsFromWritten). */
const PATH_NAME = /^[^/]+$/;

/** git sub-commands that run client-side hooks. */
const HOOK_RUNNING = new Set(['commit', 'merge', 'pull', 'push', 'checkout', 'switch', 'rebase', 'am', 'cherry-pick', 'revert', 'worktree', 'gc', 'hook', 'maintenance']);
/** Settings of hook managers whose installed hook runs what they name (pre-commit, lefthook, overcommit). */
const HOOK_MANAGER_FILES = /^(?:\.pre-commit-config\.ya?ml|\.?lefthook(?:-local)?\.(?:ya?ml|json|toml)|\.overcommit\.yml)$/i;
/** Folders `core.hooksPath` usually names (husky and hand-made ones). */
const HOOK_FOLDERS = ['.husky', '.githooks', '.git-hooks', 'githooks', 'git-hooks', '.hooks'];

/** What an unpacker may have put anywhere, for reasons. */
const UNPACKED = 'a file an earlier command here put in place (git checkout, git apply, tar -x…)';

const SCRIPT_READERS = new Set(['source', '.', 'sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'rbash', 'hush', ...DIALECT_SHELLS]);

/** The source text of `args`, or `fallback` for words the analyser made up (`env -S`). */
function slice(scope: Scope, args: readonly Arg[], fallback: string): string {
  const pos = args[0]?.pos ?? -1;
  const end = args[args.length - 1]?.end ?? -1;
  return pos >= 0 && end >= pos && end <= scope.source.length ? scope.source.slice(pos, end) : fallback;
}
