// Object ids as git prints them: full SHA-1 or SHA-256 hex, lower case.

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A full SHA-1 or SHA-256 object id in lower case. */
export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}

/** All zeros: the "before" of a push that created a branch, the "after" of one that deleted it. */
export function isNullObjectId(value: string): boolean {
  return /^(?:0{40}|0{64})$/.test(value);
}

/** The empty tree in a repository whose object ids are `like`'s length (SHA-1 or SHA-256). */
export function emptyTreeId(like: string): string {
  return like.length === 64
    ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321'
    : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}
