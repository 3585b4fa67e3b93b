// The walker's layer that turns a simple command's words into its part and walks what the command
// wraps (SPEC 5.3, 5.4): the commands and views wrappers.ts finds in it, the strings it hands to a
// shell, and word lists a builtin expands again.
import { posix } from 'node:path';
import { COMPOUND_OPERAND, isDeclarationBuiltin, operandAssignmentDanger } from './assignments.ts';
import { downloadWrites } from './downloads.ts';
import { operandWrites, type OperandWrite } from './operand-writes.ts';
import { mayHoldCode } from './guards.ts';
import { checkDepth, ShellFailure } from './parse.ts';
import { scanGit } from './git.ts';
import { namesNoFile, optionWrite, tildePath, writesNoFile } from './redirects.ts';
import { HELD_PROBE, type CommandPart, type ShellPart, type WritePart } from './types.ts';
import { addSpellings, addView } from './views.ts';
import { RedirectionWalker } from './walk-redirections.ts';
import { ANY_PLACE, type Scope, type Sink } from './walk-state.ts';
import { GIT_DIR_FILE, isLoaderName, loads } from './loaders.ts';
import { assignedName, joinValues, type Arg } from './words.ts';
import { makeEnvironment, MAKES } from './programs.ts';
import { unwrap, wrapperName, type ScriptArg } from './wrappers.ts';

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
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a !== undefined && a.dynamic === null && isWritten(a)) return `${first.value} runs ${a.value}, a file this command writes`;
    }
    return null;
  }

  /** Commands in code that runs later than where it stands (traps, loops, function bodies). */
  private laterRuns: Array<{ part: CommandPart; args: readonly Arg[]; source: string }> | null = null;

  /**
   * `trap 'make -C out' EXIT; printf … > out/Makefile`, a loop's next round, a function called
   * later: such code runs after every write of the command, so it is judged against all of them.
   */
  override finish(): void {
    if (this.written !== null) {
      for (const r of this.laterRuns ?? []) r.part.forceAsk ??= this.runsWritten(r.args, r.source) ?? this.loadsWritten(r.args);
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
      const file = this.writtenNamed(GIT_DIR_FILE);
      if (file === null || (!this.folders.moved() && scanGit(args).chdir === null)) return null;
      return `git runs in another folder, where ${file === ANY_PLACE ? UNPACKED : `${file}, which this command writes,`} may make a folder look like a repository whose config (aliases, pager, hooks) git obeys`;
    }
    const loader = loads(args);
    if (loader === null) return null;
    const file = loader.names === null ? null : this.writtenNamed(loader.names);
    if (file === ANY_PLACE) return `${loader.name} may load ${UNPACKED}, and run the code in it`;
    if (file !== null) return `${loader.name} loads ${file}, which this command writes, and runs the code in it`;
    // A folder runs what it holds (`node out` runs out/index.js, `python3 out` out/__main__.py).
    const named = loader.files.find((f) => this.holdsWritten(f));
    if (named !== undefined) return `${loader.name} loads ${named}, which this command writes or holds a file it writes`;
    if (loader.stdin) return `${loader.name} reads its program from standard input, which may be a file this command writes`;
    // `PYTHONPATH=out python3 -c 1` imports out/sitecustomize.py.
    const path = loader.python === true ? this.pythonPaths?.find((d) => this.holdsWritten(d)) : undefined;
    if (path !== undefined) return `${loader.name} imports from ${path} (PYTHONPATH), which holds a file this command writes`;
    return null;
  }

  /** A written file whose name matches `names` (ANY_PLACE after an unpacker); or null. */
  private writtenNamed(names: RegExp): string | null {
    const written = this.written;
    if (written === null) return null;
    if (written.has(ANY_PLACE)) return ANY_PLACE;
    for (const p of written) if (names.test(p.slice(p.lastIndexOf('/') + 1))) return p;
    return null;
  }

  /** Whether this command wrote `path`, or a folder holding it, as far as is known here. */
  private isWritten(path: string): boolean {
    const written = this.written;
    if (written === null) return false;
    if (written.has(ANY_PLACE)) return true;
    return this.folders.placesOf(path.replace(PROC_CWD, '')).some((p) => {
      for (let at = p.length; at > 0; at = p.lastIndexOf('/', at - 1)) if (written.has(p.slice(0, at))) return true;
      return false;
    });
  }

  /** Whether `path` was written by this command, or is a folder holding something it wrote. */
  private holdsWritten(written0: string): boolean {
    const written = this.written;
    if (written === null) return false;
    // `cp -r out/ src`, `out//`: the folder itself.
    const path = written0.replace(/\/+$/, '') || written0;
    if (this.isWritten(path)) return true;
    const places = this.folders.placesOf(path);
    // `.` holds every relative path written (`PYTHONPATH=.` after `… > sitecustomize.py`).
    for (const w of written) if (places.some((p) => (p === '.' ? !/^[/~]/.test(w) : w.startsWith(`${p}/`)))) return true;
    return false;
  }

  /**
   * Files a program may put in place from its operands (`cp s out/g; . out/g` runs what the
   * command wrote to s): see placedFiles. Programs that unpack files not named here
   * (`git apply`, `patch`, `tar -x`, `unzip`) may have put any file in place; those are only
   * remembered for runsWritten. What the placers name, and the files `curl -o`-style options name,
   * are judged as writes too (PLACERS_JUDGED, outputFiles). Returns why the command asks when it
   * copies a `.git` folder out of its name, whose config and hooks are then unprotected.
   */
  private notePlaced(args: readonly Arg[], source: string): string | null {
    const value = args[0]?.value ?? '';
    const name = value.slice(value.lastIndexOf('/') + 1);
    const laterBefore = this.laterWriteCount();
    // Downloads and the like write where an option names (`curl -o f`, `wget -O f`); judged before
    // this command's own unpacking counts (`patch -o f` does not write through what it unpacks).
    for (const file of outputFiles(name, args)) if (!writesNoFile(file)) this.recordWrite(optionWrite(file, name, source), file);
    for (const w of operandWrites(name, args)) this.operandWrite(w, source);
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
      if (unpacked !== 'links') (this.written ??= new Set()).add(ANY_PLACE);
      (this.linked ??= new Set()).add(ANY_PLACE);
      this.unpackers++;
      this.ownUnpackedWrites(laterBefore);
    }
    // `cmake -E create_symlink TARGET LINK`.
    if (name === 'cmake' && args[1]?.value === '-E' && /^create_(?:sym|hard)link$/.test(args[2]?.value ?? '') && args[4]?.dynamic === null) {
      for (const p of this.folders.placesOf(args[4].value)) (this.linked ??= new Set()).add(p);
      const target = args[3];
      if (target !== undefined && target.dynamic === null && args[2]?.value === 'create_symlink') this.noteMadeLinks([args[4].value], [target.value], [args[0] as Arg, { ...target, value: '-s' }]);
    }
    if (name === 'git' && args.some((a) => a.value === 'mv')) {
      // `git mv SRC DST` renames like mv, links included.
      const sub = scanGit(args).next;
      if (args[sub]?.value === 'mv') {
        const mvArgs = [args[0] as Arg, ...args.slice(sub + 1)];
        const moved = placedFiles('mv', mvArgs);
        this.placedWrites('mv', moved, mvArgs, source);
        if (!moved.dynamic) this.noteCarried(moved.created, moved.sources);
      }
    }
    if (!FILE_PLACERS.has(name)) return null;
    const placed = placedFiles(name, args);
    // What it creates, and what mv takes away, are writes like a redirection's target; judged
    // before this command's own links count, so `ln -s x out/l` is not a write through out/l.
    if (PLACERS_JUDGED.has(name)) this.placedWrites(name, placed, args, source);
    const written = (this.written ??= new Set());
    // A copy of a workspace file runs what that file holds (`cp .env.example .env; . .env`); one of
    // a file this command wrote, of one outside the workspace (`cp /bin/bash scripts/x.sh`) or of
    // one only known at run time runs what is not judged.
    const foreign = COPIERS.has(name) && (placed.dynamic || placed.sources.some((src) => /^[/~]|(?:^|\/)\.\.(?:\/|$)/.test(src) ||
      this.holdsWritten(src) || (name === 'ln' && placed.linkDirs.some((dir) => this.holdsWritten(`${dir}/${src}`)))));
    if (!COPIERS.has(name) || foreign) for (const f of placed.created) for (const p of this.folders.placesOf(f)) written.add(p);
    // A link, or a copy from outside that may hold links, sends later writes through it to
    // wherever it points (`ln -s /etc out/l; echo x > out/l/passwd`, `cp -l agent-gate.yml out/p`).
    // A destination that is surely a folder is not itself the link made (`ln -s /tmp/c .` makes ./c).
    const made = placed.destination?.folder === true ? placed.created.filter((f) => f !== placed.destination?.path) : placed.created;
    // A plain `cp /tmp/x .` copies what a link points at; with -r/-a/-P, or by mv, the link itself.
    const keepsLinks = foreign && LINK_COPIERS.has(name) && (name === 'mv' || name === 'scp' || carriesLinks(name, args));
    if (LINKERS.has(name) || keepsLinks || (name === 'cp' && copiesAsLink(args))) {
      const linked = (this.linked ??= new Set());
      for (const f of made) for (const p of this.folders.placesOf(f)) linked.add(p);
    }
    if ((LINKERS.has(name) || (name === 'cp' && copiesAsLink(args))) && !placed.dynamic) this.noteMadeLinks(made, placed.sources, args);
    if (!foreign && carriesLinks(name, args)) this.noteCarried(placed.created, placed.sources);
    // What is copied, option values left out (`rsync --exclude .git`).
    if ((placed.copied ?? placed.sources).some((o) => o.replace(/\/+$/, '').split('/').pop() === '.git')) {
      return `${name} copies a .git folder under another name, where its config and hooks are not protected as .git's are`;
    }
    return null;
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
      // A glob names no file starting with a dot unless its own name does.
      const sourceWords = args.slice(1).filter((a) => a.dynamic !== null && (a !== last || (dest !== undefined && dest.path !== last.value)));
      // A recursive copy from a glob may make folders there too (`cp -r /tmp/x/* .kiro/`).
      const kind = copiesTrees(name, words) ? 'tree' : sourceWords.every((a) => a.dynamic === 'glob' && !/(?:^|\/)\.[^/]*$/.test(a.value)) ? 'globbed' : 'names';
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
  }

  /**
   * A folder moved or copied whole brings everything below it (`cp -r /tmp/x/.kiro .` makes
   * `.kiro/settings/…`), and a copy of a folder's contents (`cp -a X/. .github/`, `rsync -a X/ D/`,
   * `cp -rT X D`) may put anything in the destination: each is held to the protected paths below.
   */
  private copiedTrees(name: string, placed: Placed, args: readonly Arg[], words: readonly string[], source: string): void {
    const dest = placed.destination;
    if (dest === undefined || placed.dynamic || !copiesTrees(name, words)) return;
    const destPath = dest.path.replace(/\/+$/, '') || dest.path;
    const contents = (name === 'cp' && (dest.folder === false || placed.sources.some((src) => /(?:^|\/)\.\/*$/.test(src)))) ||
      (name === 'rsync' && placed.sources.some((src) => src.endsWith('/')));
    const trees = new Set<string>();
    if (contents || dest.folder !== true) trees.add(destPath);
    for (const made of placed.judged ?? placed.created) if (made.startsWith(`${destPath}/`)) trees.add(made);
    // What a workspace copy holds was judged when it was written: notePlaced decides what counts
    // as written by this command.
    for (const tree of trees) this.writeInto(operandArg(tree, args), name, source, 'tree', { operand: true, remember: false });
  }

  /**
   * A move or a copy that keeps links puts each source at its destination's name, or under it
   * when that is a folder (`mv src/keys src/k2`, `cp -a src out` makes out or out/src). Every
   * place made is paired with every source: a pair that cannot happen only adds a place to look.
   */
  private noteCarried(created: readonly string[], sources: readonly string[]): void {
    const carried = (this.carried ??= new Map());
    for (const dest of created) {
      for (const source of sources) {
        if (dest === source || dest.startsWith(`${source.replace(/\/+$/, '')}/`)) continue;
        for (const to of this.folders.placesOf(dest.replace(/\/+$/, '') || dest)) {
          const list = carried.get(to) ?? [];
          for (const from of this.folders.placesOf(source.replace(/\/+$/, '') || source)) if (!list.includes(from)) list.push(from);
          carried.set(to, list);
        }
      }
    }
  }

  /**
   * The links `ln` makes, for the commands of later log entries to go through (check reads them):
   * every place made paired with every source, as noteCarried does. A symbolic link's target is
   * read from its folder; a hard link's source from the shell's, so it is rewritten from the link's.
   */
  private noteMadeLinks(created: readonly string[], sources: readonly string[], args: readonly Arg[]): void {
    const symbolic = args.some((a, i) => i > 0 && (/^-[a-zA-Z]*s/.test(a.value) || /^--sy/.test(a.value)));
    // `ln -r` writes the target relative to the link's folder, as a hard link's source is read.
    const relative = (args[0]?.value ?? '').endsWith('ln') && args.some((a, i) => i > 0 && (/^-[a-zA-Z]*r/.test(a.value) || /^--rel/.test(a.value)));
    const made = (this.madeLinks ??= []);
    for (const dest of created) {
      for (const source of sources) {
        if (dest === source || made.length >= MAX_MADE_LINKS) continue;
        for (const path of this.folders.placesOf(dest.replace(/\/+$/, '') || dest)) {
          const hard = /^[/~]/.test(source) ? source : posix.relative(posix.dirname(path), this.folders.placesOf(source)[0] ?? source) || '.';
          made.push({ path, target: symbolic && !relative ? source : hard });
        }
      }
    }
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
      if (w.dynamic !== null && (COMPOUND_OPERAND.test(w.value) || (arrays && eq > 0 && /^[$`"']/.test(w.value.slice(eq + 1))))) {
        sink.force ??= `${host.value} re-reads an array assignment only known at run time (${w.dynamic}), which may hold a command substitution`;
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
    const { globs, ruleOnly = false, operand = false, remember = !ruleOnly } = how;
    const path = folder.value.replace(/\/+$/, '') || (folder.value === '' ? '.' : '/');
    const probe: Arg = { value: `${path === '/' ? '' : path}/${HELD_PROBE}`, dynamic: folder.dynamic, split: folder.split, pos: folder.pos, end: folder.end };
    const write = optionWrite(probe, by, source);
    write.unknownNames = kind;
    if (operand) write.operand = true;
    const globbed = globs !== undefined && globs.every((g) => g.dynamic === 'glob');
    if ((kind === 'globbed' || (kind === 'tree' && globbed)) && globs !== undefined) write.nameGlobs = globs.map((g) => g.value.slice(g.value.lastIndexOf('/') + 1));
    // What is removed runs nothing later, and is held only to the rules that name it.
    if (ruleOnly) write.ruleOnly = true;
    this.recordWrite(write, probe, remember);
    if (folder.dynamic === null && remember) for (const p of this.folders.placesOf(path)) (this.written ??= new Set()).add(p);
  }

  /** A file an operand names (see operand-writes.ts); a glob in a static folder lands there. */
  private operandWrite({ file, by, kind, follows, mayBeFolder }: OperandWrite, source: string): void {
    if (writesNoFile(file)) return;
    const makesOrRemoves = kind === 'entry' || kind === 'removeTree';
    const inFolder = globFolder(file);
    if (inFolder !== undefined) {
      const folder: Arg = { ...file, value: inFolder, dynamic: null, split: false };
      this.writeInto(folder, by, source, kind === 'content' || kind === 'entry' ? 'globbed' : 'tree', { globs: [file], ruleOnly: makesOrRemoves, operand: true });
      return;
    }
    if (kind === 'tree') {
      this.writeInto(file, by, source, 'tree', { operand: true });
      return;
    }
    // An archive unpacked where the shell stands: a rule for that folder's contents decides, and
    // the unpacker's own bookkeeping holds what it may have put anywhere.
    if (kind === 'here') {
      this.writeInto(file, by, source, 'here', { ruleOnly: true, operand: true });
      return;
    }
    // The root folder is no entry to name; what it holds is.
    if (kind === 'removeTree' && file.dynamic === null && /^\/+$/.test(file.value)) {
      this.writeInto(file, by, source, 'tree', { ruleOnly: true, operand: true });
      return;
    }
    const write = optionWrite(file, by, source);
    write.operand = true;
    if (mayBeFolder === true) write.mayBeFolder = true;
    if (makesOrRemoves) {
      write.ruleOnly = true;
      if (follows !== true) write.entryOnly = true;
    }
    this.recordWrite(write, file, !makesOrRemoves);
    if (kind === 'removeTree') this.writeInto(file, by, source, 'tree', { ruleOnly: true, operand: true });
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
      for (let i = 1; i < argv.length; i++) {
        const word = argv[i] ?? '';
        const set = /^[A-Za-z_]\w*$/.test(word) ? word : name === 'printf' ? /^-v([A-Za-z_]\w*)/.exec(word)?.[1] : undefined;
        if (set !== undefined) this.assigned(set, false);
        const operand = declares ? /^([A-Za-z_]\w*)(\[[^\]]*\])?(\+)?=/.exec(word) : null;
        if (operand?.[1] !== undefined) {
          this.assigned(operand[1], args[i]?.dynamic === null && operand[2] === undefined && operand[3] === undefined && !/[[$`]/.test(word.slice(operand[0].length)));
        }
      }
    }
    // What a sourced file sets is not seen here.
    if ((name === 'source' || name === '.') && argv.length > 1) this.namesUnknown = true;
    if (RUNTIME_READERS.has(name)) this.runtimeValue ??= `${name} reads it`;
    const part: CommandPart = {
      kind: 'command', argv, assignments, text,
      textWithAssignments: assignments.length === 0 ? text : `${assignments.join(' ')} ${text}`,
      views: [], wrapper: false, forceAsk: force, source,
    };
    const first = args[0];
    if (first?.dynamic != null) part.forceAsk ??= `command word is not static (${first.dynamic})`;
    addSpellings(part, args, text);
    this.insert(at, part);
    this.folders.noteCd(args, scope.source);
    if (first !== undefined && first.dynamic === null && first.value === 'alias') this.noteAliases(args);
    // Only commands that can run or load a file (a path, a shell, git, a loader) are checked
    // against what this command wrote; a trap, loop or function body, or code running alongside,
    // may run after files written further on, so it is checked again at the end.
    const later = this.runsLater();
    if ((this.written !== null || later) && first !== undefined && first.dynamic === null && mayLoad(first.value)) {
      if (this.written !== null) part.forceAsk ??= this.runsWritten(args, scope.source) ?? this.loadsWritten(args);
      if (later) (this.laterRuns ??= []).push({ part, args, source: scope.source });
    }
    if (first !== undefined && first.dynamic === null) part.forceAsk ??= this.notePlaced(args, scope.source);
    const u = unwrap(args, stdin);
    part.forceAsk ??= u.forceAsk;
    // `CC='rm -rf ~ #' make`, `env CC=… make`, `CC=… nice make`: make reads its environment as
    // variables its recipes paste.
    const makeAt = args.findIndex((a) => a.dynamic === null && MAKES.has(wrapperName(a) ?? ''));
    const environment = makeAt < 0 ? [] : [...assignments, ...args.slice(1, makeAt).filter((a) => a.dynamic === null && assignedName(a.value) !== null).map((a) => a.value)];
    if (environment.length > 0) {
      const env = makeEnvironment(environment, 'make');
      part.forceAsk ??= env.forceAsk;
      for (const view of env.views) this.view(part, view, scope, depth + 1, stdin);
    }
    const before = this.parts.length;
    let dynamic = false;
    const moved = u.folder === undefined && u.folderDoubt === undefined && u.topFolder === undefined ? null : this.folders.enter(u, scope.source);
    // `builtin printf -v PS4 …` and `command export PATH=…` set the variable as the bare builtin
    // would: the wrapped command gets the same checks.
    for (const inner of u.commands) this.emitInner(inner, source, scope, depth + 1, stdin);
    for (const inner of u.views) this.view(part, inner, scope, depth + 1, stdin);
    for (const s of u.scripts) dynamic = this.run(s, part, depth + 1) || dynamic;
    if (u.expanded !== undefined) this.expandedWords(u.expanded, part, depth + 1);
    for (const w of u.writes ?? []) this.optionWrite(w.file, w.option, scope);
    if (moved !== null) this.folders.leave(moved);
    // A wrapper around nothing judged (`bash -c ''`) must be judged itself; one around a string
    // only known at run time is already at least `ask`.
    if (u.wrapper && (this.parts.length > before || dynamic)) part.wrapper = true;
  }

  /** `args` runs inside `host` (sudo, npx…): its spellings tighten the host part. */
  private view(host: CommandPart, args: Arg[], scope: Scope, depth: number, stdin: Arg | null): void {
    checkDepth(depth);
    const first = args[0];
    if (first?.dynamic != null) host.forceAsk ??= `wrapped command word is not static (${first.dynamic})`;
    const text = joinValues(args);
    addView(host, text);
    addSpellings(host, args, text);
    // `sudo tee ~/.ssh/authorized_keys`, `env A=1 cp x .github/…`: the files it writes are writes.
    if (first !== undefined && first.dynamic === null) host.forceAsk ??= this.notePlaced(args, scope.source);
    const u = unwrap(args, stdin);
    host.forceAsk ??= u.forceAsk;
    const moved = u.folder === undefined && u.folderDoubt === undefined && u.topFolder === undefined ? null : this.folders.enter(u, scope.source);
    for (const inner of u.commands) {
      if (u.wrapper) this.view(host, inner, scope, depth + 1, stdin);
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

  private runNow(s: ScriptArg, host: CommandPart, depth: number): boolean {
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

/** Commands that read a script from a file operand. */
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
}

/** Programs that put a file in place from their operands (see notePlaced). */
// (`sed -i` is an option write: sed.ts names its files, and recordWrite notes them.)
const FILE_PLACERS = new Set(['cp', 'mv', 'ln', 'link', 'install', 'tee', 'rsync', 'scp', 'sort', 'uniq', 'dd']);
/** Programs that may put files in place that no operand names. */
const UNPACKERS = new Set([
  'git', 'patch', 'tar', 'unzip', 'cpio', 'bsdtar', 'gunzip', 'unxz', 'bunzip2', 'unzstd', 'unlz4', 'split', 'csplit', 'shuf',
  'gzip', 'xz', 'bzip2', 'zstd', 'lz4', 'cp',
]);
const MAX_PLACED = 32;
/** `/proc/self/cwd/x` is `x`. */
const PROC_CWD = /^\/proc\/(?:self|thread-self|\d+)\/cwd(?:\/+|$)/;

/** Placers that make links. */
const LINKERS = new Set(['ln', 'link']);
/** Links of one command kept for later entries: past this, a command is not a plausible one. */
const MAX_MADE_LINKS = 64;
/** Placers whose files are judged as writes. */
const PLACERS_JUDGED = new Set(['cp', 'mv', 'ln', 'link', 'install', 'tee', 'sort', 'uniq', 'dd', 'rsync', 'scp']);
/** rsync's and scp's `host:path`, `user@host:path`, `host::module`, `rsync://…`: not a local file. */
const REMOTE = /^[^/]*:/;

/** Programs that write the file an option names: the short letter (in a cluster too) and long names. */
const OUTPUT_OPTIONS: Readonly<Record<string, { short: string; long: readonly string[] }>> = {
  shuf: { short: 'o', long: ['--output'] },
  patch: { short: 'o', long: ['--output'] },
};
/** Other short options of those programs that take a value, so their value is not read as a cluster. */
const OUTPUT_PROGRAM_VALUES: Readonly<Record<string, string>> = { shuf: 'in', patch: 'pFDrzVBYgdi' };

/**
 * The files `args` writes because an option names them (`shuf -o f`, `patch --output=f`); a value
 * only known at run time is returned too, and asks as a write. curl's and wget's: downloads.ts.
 */
function outputFiles(name: string, args: readonly Arg[]): Arg[] {
  const spec = OUTPUT_OPTIONS[name];
  if (spec === undefined) return [];
  const takesValue = OUTPUT_PROGRAM_VALUES[name] ?? '';
  const out: Arg[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const written = eq < 0 ? v : v.slice(0, eq);
      // getopt_long takes a unique prefix (`--out f`).
      if (written.length < 5 || !spec.long.some((l) => l.startsWith(written))) continue;
      const value = eq < 0 ? args[++i] : { ...a, value: v.slice(eq + 1), pos: -1 };
      if (value !== undefined) out.push(value);
      continue;
    }
    if (!v.startsWith('-') || v === '-' || a.dynamic !== null) continue;
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      const writes = spec.short.includes(ch);
      if (!writes && !takesValue.includes(ch)) continue;
      const value = j + 1 < v.length ? { ...a, value: v.slice(j + 1), pos: -1 } : args[++i];
      if (writes && value !== undefined) out.push(value);
      break;
    }
  }
  return out;
}

/**
 * The word a placed file was read from, for tilde expansion and reasons: the operand itself, the
 * folder operand it lies in (`cp a out/` makes `out/a`), or a word ending in it (`of=F`, `-oF`),
 * whose quoting is then not known.
 */
function operandArg(path: string, args: readonly Arg[]): Arg {
  const words = args.slice(1).filter((a) => a.dynamic === null);
  const exact = words.find((a) => a.value === path);
  if (exact !== undefined) return exact;
  const folder = words.find((a) => a.value !== '' && path.startsWith(`${a.value.replace(/\/+$/, '')}/`));
  if (folder !== undefined) return { ...folder, value: path };
  return { value: path, dynamic: null, split: false, pos: -1, end: -1 };
}
/** Placers that copy a link as a link (a symlink moved, or inside a copied folder). */
const LINK_COPIERS = new Set(['cp', 'mv', 'rsync', 'scp']);

/** `cp -s`/`-l`, `--symbolic-link`, `--link`: cp makes links instead of copies. */
function copiesAsLink(args: readonly Arg[]): boolean {
  return args.some((a, i) => i > 0 && a.dynamic === null && (/^-[a-zA-Z]*[sl]/.test(a.value) || /^--(?:sy|li)/.test(a.value)));
}

/**
 * Whether a move or copy keeps a link a source is or holds as a link: mv always; cp when it copies
 * recursively or is told not to dereference (`-r`, `-a`, `-P`, `-d`); rsync with `-a`/`-l`.
 * `-L`/`--dereference`/`--copy-links` copy what links point at instead.
 */
function carriesLinks(name: string, args: readonly Arg[]): boolean {
  if (name === 'mv') return true;
  if (name !== 'cp' && name !== 'rsync') return false;
  const words = args.slice(1).map((a) => a.value);
  const short = name === 'cp' ? /^-[a-zA-Z]*[aPdrR]/ : /^-[a-zA-Z]*[al]/;
  const long = name === 'cp' ? /^--(?:ar|no-d|rec|preserve=.*(?:links|all))/ : /^--(?:ar|li)/;
  const follows = name === 'cp' ? /^-[a-zA-Z]*L|^--de/ : /^-[a-zA-Z]*L|^--copy-l/;
  return words.some((w) => short.test(w) || long.test(w)) && !words.some((w) => follows.test(w));
}

/** Placers whose destination holds what a source held. */
const COPIERS = new Set(['cp', 'mv', 'ln', 'link', 'install', 'rsync', 'scp', 'dd']);

/** Short options of the file placers that take a value (`cp -S SUFFIX`, `install -m MODE`). */
const PLACER_SHORT_VALUES: Readonly<Record<string, string>> = { cp: 'St', mv: 'St', ln: 'St', install: 'gmoSt', rsync: 'eBfMT', scp: 'cDFiJloPSX', sort: 'kotST', uniq: 'fsw' };
/**
 * Each placer's long options that take the next word as value when written without `=` (GNU
 * required arguments). A prefix names one only within its own program's list.
 */
const PLACER_LONG_VALUES: Readonly<Record<string, readonly string[]>> = {
  cp: ['--target-directory', '--suffix', '--sparse', '--no-preserve'],
  mv: ['--target-directory', '--suffix'],
  ln: ['--target-directory', '--suffix'],
  install: ['--target-directory', '--suffix', '--mode', '--owner', '--group', '--strip-program'],
  scp: [],
  sort: ['--output', '--key', '--field-separator', '--buffer-size', '--temporary-directory', '--parallel', '--batch-size', '--compress-program', '--files0-from', '--random-source', '--sort'],
  uniq: ['--skip-fields', '--skip-chars', '--check-chars'],
  // rsync's destination is its last operand; an option's value taken for it is caught in placedFiles.
  rsync: ['--exclude', '--include', '--filter', '--exclude-from', '--include-from', '--files-from', '--rsh', '--rsync-path', '--temp-dir',
    '--backup-dir', '--chmod', '--chown', '--log-file', '--partial-dir', '--link-dest', '--compare-dest', '--copy-dest', '--timeout', '--suffix',
    '--max-size', '--min-size', '--bwlimit', '--info', '--debug', '--compress-level', '--port', '--out-format', '--log-file-format',
    '--password-file', '--iconv', '--usermap', '--groupmap', '--skip-compress', '--modify-window', '--max-delete', '--contimeout',
    '--checksum-choice', '--compress-choice', '--write-batch', '--only-write-batch', '--read-batch', '--address', '--sockopts'],
};
/** Long flags that a placer's value options could be mistaken for by prefix. */
const PLACER_LONG_FLAGS: Readonly<Record<string, readonly string[]>> = {
  install: ['--strip'],
};

/**
 * What cp, mv, ln, install and rsync create (the destination, and each source's name inside it:
 * the last operand, or the `-t DIR`/`--target-directory` folder; `ln -s X` alone makes `X`'s
 * name here), what tee writes, sort's `-o` file and uniq's output; with the sources copied, for the `.git` check. Option values are not operands (`--exclude .git`).
 */
interface Placed {
  created: string[];
  sources: string[];
  dynamic: boolean;
  linkDirs: string[];
  copied?: string[];
  /** What is judged as written, when it is less than `created` (rsync's operands are all remembered). */
  judged?: string[];
  /**
   * cp, mv, ln and install's destination, and whether it is surely a folder (`-t DIR`, `out/`,
   * `.`, several sources), surely not (`-T`), or either (null): then `created` holds both readings.
   */
  destination?: { path: string; folder: boolean | null };
}

function placedFiles(name: string, args: readonly Arg[]): Placed {
  const dynamic = args.some((a, i) => i > 0 && a.dynamic !== null);
  // `install -d A B` makes folders (operand-writes.ts), it copies nothing.
  if (name === 'install' && args.some((a, i) => i > 0 && (/^-[a-zA-Z]*d/.test(a.value) || a.value === '--directory'))) return { created: [], sources: [], dynamic, linkDirs: [] };
  const shortValues = PLACER_SHORT_VALUES[name] ?? '';
  const operands: string[] = [];
  const outputs: string[] = [];
  let target: string | null = null;
  let noTarget = false;
  for (let i = 1; i < args.length && operands.length < MAX_PLACED; i++) {
    const a = args[i];
    if (a === undefined || a.dynamic !== null || a.value === '') continue;
    const v = a.value;
    if (v === '--') {
      for (let j = i + 1; j < args.length; j++) if (args[j]?.dynamic === null) operands.push(args[j]?.value ?? '');
      break;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const written = eq < 0 ? v : v.slice(0, eq);
      // GNU getopt takes any unique prefix (`--target=DIR`, `--targ DIR`).
      const valueOptions = PLACER_LONG_VALUES[name] ?? [];
      const known = [...valueOptions, ...PLACER_LONG_FLAGS[name] ?? []];
      // An exact name wins over a longer option it is a prefix of (`install --strip`).
      const option = known.find((o) => o === written) ?? known.find((o) => written.length >= 3 && o.startsWith(written)) ?? written;
      const value = eq < 0 ? (valueOptions.includes(option) ? args[++i]?.value ?? '' : null) : v.slice(eq + 1);
      if (option === '--target-directory' && value !== null) target = value;
      if (written.length >= 6 && '--no-target-directory'.startsWith(written)) noTarget = true;
      if (option === '--output' && value !== null) outputs.push(value);
      continue;
    }
    if (!v.startsWith('-') || v === '-') {
      operands.push(v);
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const ch = v[j] ?? '';
      if (ch === 'T' && name !== 'sort') noTarget = true;
      if (!shortValues.includes(ch)) continue;
      const value = j + 1 < v.length ? v.slice(j + 1) : args[++i]?.value ?? '';
      if (ch === 't' && name !== 'sort') target = value;
      if (ch === 'o' && name === 'sort') outputs.push(value);
      break;
    }
  }
  // `public/.` copies what public holds, not a folder named `.`.
  const base = (p: string): string => posix.basename(posix.normalize(p));
  switch (name) {
    case 'dd': {
      // `dd if=SRC of=DST`.
      const of = operands.filter((o) => o.startsWith('of=')).map((o) => o.slice(3));
      const from = operands.filter((o) => o.startsWith('if=')).map((o) => o.slice(3));
      return { created: of, sources: from.length > 0 ? from : ['/dev/stdin'], dynamic, linkDirs: [] };
    }
    case 'tee':
      return { created: operands, sources: [], dynamic, linkDirs: [] };
    case 'sort':
      return { created: outputs, sources: [], dynamic, linkDirs: [] };
    case 'uniq':
      return { created: operands.length >= 2 ? [operands[operands.length - 1] ?? ''] : [], sources: [], dynamic, linkDirs: [] };
  }
  const inside = (dir: string, sources: readonly string[]): string[] => sources.map(base).filter((b) => b !== '.' && b !== '..' && b !== '/').map((b) => `${dir.replace(/\/+$/, '')}/${b}`);
  // rsync has too many options that take a value to tell its operands apart for sure: for what
  // runs or copies `.git`, any word may be the destination and any a source.
  if (name === 'rsync') {
    // Every word that is not an option counts, option values too: reading one as a file only tightens.
    const words = args.slice(1).filter((a) => a.dynamic === null && a.value !== '' && !a.value.startsWith('-')).map((a) => a.value).slice(0, MAX_PLACED);
    const remembered = { created: [...words, ...words.flatMap((d) => words.filter((o) => o !== d).map((o) => `${d}/${base(o)}`))], sources: words, dynamic, linkDirs: [], copied: operands };
    return { ...remembered, ...rsyncDestination(args, operands, inside) };
  }
  if (target !== null) return { created: [target, ...inside(target, operands)], sources: operands, dynamic, linkDirs: [target], destination: { path: target, folder: true } };
  if (operands.length === 1 && name === 'ln' && !dynamic) return { created: [base(operands[0] ?? '')], sources: operands, dynamic, linkDirs: [], destination: { path: base(operands[0] ?? ''), folder: false } };
  const dest = operands[operands.length - 1];
  if (dest === undefined || operands.length < 2 || (name === 'scp' && REMOTE.test(dest))) return { created: [], sources: [], dynamic, linkDirs: [] };
  const sources = operands.slice(0, -1);
  // A relative link target is read from the link's folder: `ln -s f out/g` points at out/f, and
  // `ln -s f out` (a folder) at out/f too.
  const slash = dest.replace(/\/+$/, '').lastIndexOf('/');
  const folder = noTarget ? false : sources.length > 1 || /(?:^|\/)\.{0,2}$/.test(dest) ? true : null;
  return {
    created: [dest, ...(folder === false ? [] : inside(dest, sources))], sources, dynamic,
    linkDirs: [dest, ...(slash > 0 ? [dest.slice(0, slash)] : [])], destination: { path: dest, folder },
  };
}

/**
 * What rsync writes locally: its last operand (or each source's name in it, when it is surely a
 * folder or may be one). A value of an option not known here may have been read as that operand
 * (`rsync a b --some-opt v`), so the one before an unknown long option is judged as well.
 */
function rsyncDestination(args: readonly Arg[], operands: readonly string[], inside: (dir: string, sources: readonly string[]) => string[]): Pick<Placed, 'judged' | 'destination'> {
  const dest = operands[operands.length - 1];
  if (dest === undefined || operands.length < 2 || REMOTE.test(dest)) return { judged: [] };
  const judged: string[] = [];
  const candidates = [dest];
  let at = args.length - 1;
  while (at > 0 && args[at]?.value !== dest) at--;
  const before = args[at - 1]?.value ?? '';
  if (at > 1 && /^--[^=]+$/.test(before) && !(PLACER_LONG_VALUES.rsync ?? []).includes(before) && operands.length >= 3) candidates.push(operands[operands.length - 2] ?? '');
  for (const d of candidates) {
    const sources = operands.slice(0, operands.indexOf(d));
    judged.push(d, ...inside(d, sources));
  }
  const folder = operands.length > 2 || /(?:^|\/)\.{0,2}$/.test(dest) ? true : null;
  return { judged, destination: { path: dest, folder } };
}

/**
 * The folder a glob word's files lie in, when only its last segment is a glob (`src/*.ts` is in
 * `src`, `*.log` here); undefined for any other word.
 */
function globFolder(word: Arg): string | undefined {
  if (word.dynamic !== 'glob') return undefined;
  const slash = word.value.lastIndexOf('/');
  const folder = slash < 0 ? '.' : slash === 0 ? '/' : word.value.slice(0, slash);
  return /[*?[\]{}]/.test(folder) ? undefined : folder;
}

/** Whether a move or copy takes folders whole: mv always, cp/rsync/scp when recursive. */
function copiesTrees(name: string, words: readonly string[]): boolean {
  if (name === 'mv') return true;
  if (name !== 'cp' && name !== 'rsync' && name !== 'scp') return false;
  return words.some((w) => /^-[a-zA-Z]*[rRa]/.test(w) || /^--(?:rec|arc)/.test(w));
}

/** Whether a program may put files in place that no operand names; 'links' when only links matter. */
function unpacks(name: string, args: readonly Arg[]): boolean | 'links' {
  const words = args.slice(1).map((a) => a.value);
  switch (name) {
    case 'git': {
      // The sub-command, after git's global options: `git apply` and `git am` write the files their
      // patches name (checks and listings write nothing).
      const sub = scanGit(args).next;
      const verb = args[sub]?.value ?? '';
      const rest = words.slice(sub);
      if (verb === 'apply') return !rest.some((w) => /^--(?:check|stat|numstat|summary)$/.test(w));
      if (verb === 'am') return !rest.some((w) => /^--(?:abort|quit|show-current-patch)/.test(w));
      // Commands that check tree contents out put links, makefiles and `config`/`HEAD` pairs of
      // other commits in place (a new branch at HEAD, `git checkout -b x`, changes nothing).
      if (verb === 'checkout' || verb === 'switch') {
        const operands = rest.filter((w) => !w.startsWith('-'));
        return !(rest.some((w) => /^-[bBc]$|^--orphan$|^--create$/.test(w)) && operands.length <= 1);
      }
      if (verb === 'reset') return rest.some((w) => /^--(?:hard|merge|keep)$/.test(w));
      if (verb === 'stash') return rest[0] === 'pop' || rest[0] === 'apply' || rest[0] === 'branch' ? 'links' : false;
      if (GIT_HISTORY_MOVES.has(verb)) return 'links';
      return GIT_CHECKOUTS.has(verb);
    }
    case 'patch':
      return !words.some((w) => w === '--dry-run' || w === '-C' || w === '--check');
    case 'unzip':
      // Listing, testing and printing to standard output write no file.
      return !words.some((w) => /^-[a-zA-Z]*[ltvpcZz]/.test(w));
    case 'tar':
    case 'bsdtar':
      // `-x`, `xf`, `--extract` by a prefix that is not also one of `--exclude…`, `--get`.
      return words.some((w, i) => {
        const long = /^--([a-z-]+)/.exec(w)?.[1];
        if (long !== undefined) return (long.length >= 3 && 'extract'.startsWith(long)) || (long.length >= 2 && 'get'.startsWith(long));
        return /^-[a-zA-Z]*x/.test(w) || (i === 0 && /^[a-zA-Z]*x/.test(w));
      });
    case 'cpio':
      // `-p` copies the files it is told on standard input, links as links (without -L).
      return words.some((w) => /^-[a-zA-Z]*[ip]|^--(?:ex|pa)/.test(w));
    case 'gzip':
    case 'xz':
    case 'bzip2':
    case 'zstd':
    case 'lz4':
      // Decompressing writes the file without its suffix (`s.gz` -> `s`).
      return words.some((w) => /^-[a-zA-Z0-9]*d|^--(?:de|un)/.test(w));
    case 'shuf':
      return words.some((w) => /^-[a-zA-Z]*o|^--o/.test(w));
    case 'cp':
      // `cp -b --suffix=S` leaves backups named by the suffix.
      return words.some((w) => /^-[a-zA-Z]*b|^--b/.test(w));
    default:
      return true;
  }
}

/** `cpio -p DEST`'s destination folder, or undefined when it does not copy-pass. */
function cpioPassDestination(args: readonly Arg[]): Arg | undefined {
  let pass = false;
  let dest: Arg | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (/^--pa/.test(v)) pass = true;
    if (v.startsWith('--')) continue;
    if (!v.startsWith('-') || a.dynamic !== null) {
      dest = a;
      continue;
    }
    if (/^-[a-zA-Z]*p/.test(v)) pass = true;
    // -C, -E, -F, -H, -I, -M, -O and -R take a value.
    const valued = /^-[a-zA-Z]*?([CEFHIMOR])(.*)$/.exec(v);
    if (valued !== null && valued[2] === '') i++;
  }
  return pass ? dest : undefined;
}

/** Whether a command word may run or load a file this command writes (see runsWritten, loadsWritten). */
function mayLoad(word: string): boolean {
  return word.includes('/') || SCRIPT_READERS.has(word) || word === 'git' || isLoaderName(word);
}

/** What an unpacker may have put anywhere, for reasons. */
const UNPACKED = 'a file an earlier command here put in place (git checkout, git apply, tar -x…)';

/** git sub-commands that write tree contents into the work tree (or a new one). */
const GIT_CHECKOUTS = new Set(['restore', 'clone', 'worktree', 'read-tree', 'checkout-index', 'submodule', 'bisect', 'sparse-checkout']);
/** git sub-commands that bring in other commits of the repository. */
const GIT_HISTORY_MOVES = new Set(['merge', 'pull', 'rebase', 'cherry-pick', 'revert']);

const SCRIPT_READERS = new Set(['source', '.', 'sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'rbash']);

export const ARITHMETIC_TESTS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** Builtins that evaluate arithmetic or subscripts in their operands whatever the operands. */
const ARITHMETIC_BUILTINS = new Set(['let', 'unset', 'shift', 'return']);
/** Builtins besides the declaration ones whose operands name variables to set. */
const NAME_SETTERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'wait']);
/** Builtins that set variables from text read at run time. */
const RUNTIME_READERS = new Set(['read', 'mapfile', 'readarray']);
/** printf conversions that read their argument as an arithmetic expression. */
const PRINTF_INTEGER = /%[-+ #0-9.*]*[diouxXc]/;

/**
 * Whether a command evaluates arithmetic in its operands: `let`; `declare -i` (and what it
 * declares); `test`/`[` with `-eq`-style operators or `-v`; `printf` with `-v` or an integer
 * conversion. `[ -f x ]`, `export A=1` and `printf '%s\n'` evaluate none. 'number' where bash
 * reads the operand as a plain number (`[ "$x" -eq 1 ]`, `printf %d "$x"`), which runs nothing
 * itself but may reach text written for arithmetic elsewhere.
 */
function evaluatesArithmetic(argv: readonly string[]): 'values' | 'number' | null {
  const name = argv[0] ?? '';
  if (name === 'let') return 'values';
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

/** The source text of `args`, or `fallback` for words the analyser made up (`env -S`). */
function slice(scope: Scope, args: readonly Arg[], fallback: string): string {
  const pos = args[0]?.pos ?? -1;
  const end = args[args.length - 1]?.end ?? -1;
  return pos >= 0 && end >= pos && end <= scope.source.length ? scope.source.slice(pos, end) : fallback;
}
