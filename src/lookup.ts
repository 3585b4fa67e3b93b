// Tables looked up by words from outside (command names, verbs, hook events, CLI commands): a
// plain object literal answers `constructor`, `toString` or `__proto__` with what Object.prototype
// holds, which read as a known entry (`constructor -d f` ended in an analyser error, `agent-gate
// toString` in an internal error). A table without a prototype finds only its own keys.
export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
