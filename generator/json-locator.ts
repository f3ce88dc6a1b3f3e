// Where a JSON pointer's node starts in a JSON text, found by scanning the text itself rather than a syntax
// tree: jsonc-parser's tree of a 13 MB spec is millions of nodes and hundreds of MB, built to locate the few
// nodes a message names. Each object or array a lookup passes through has its members indexed once, so
// lookups sharing a prefix (`#/paths/…`, `#/components/schemas/…`) scan the text below it once.
// The text is valid JSON: it was parsed before anything is located in it.

interface Member {
  /** Offset of the member's key (of the value itself in an array): where its line is. */
  start: number;
  /** Offset of the member's value. */
  value: number;
}

/** Offset of the node at `tokens`, or of its nearest ancestor that exists; a property is located at its key. */
export type JsonLocator = (tokens: readonly string[]) => number;

export function createJsonLocator(text: string): JsonLocator {
  const containers = new Map<number, Map<string, Member>>();
  const root = skipWhitespace(text, 0);

  const membersAt = (offset: number): Map<string, Member> | undefined => {
    const opening = text[offset];
    if (opening !== "{" && opening !== "[") return undefined;
    let members = containers.get(offset);
    if (!members) {
      members = opening === "{" ? indexObject(text, offset) : indexArray(text, offset);
      containers.set(offset, members);
    }
    return members;
  };

  return (tokens) => {
    let start = root;
    let value = root;
    for (const token of tokens) {
      const member = membersAt(value)?.get(token);
      if (!member) break;
      ({ start, value } = member);
    }
    return start;
  };
}

function indexObject(text: string, opening: number): Map<string, Member> {
  const members = new Map<string, Member>();
  let index = skipWhitespace(text, opening + 1);
  while (index < text.length && text[index] !== "}") {
    const keyEnd = skipString(text, index);
    const raw = text.slice(index, keyEnd);
    const key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const value = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    // The last of duplicate keys wins, as in JSON.parse.
    members.set(key, { start: index, value });
    index = skipWhitespace(text, skipValue(text, value));
    if (text[index] === ",") index = skipWhitespace(text, index + 1);
  }
  return members;
}

function indexArray(text: string, opening: number): Map<string, Member> {
  const members = new Map<string, Member>();
  let index = skipWhitespace(text, opening + 1);
  while (index < text.length && text[index] !== "]") {
    members.set(String(members.size), { start: index, value: index });
    index = skipWhitespace(text, skipValue(text, index));
    if (text[index] === ",") index = skipWhitespace(text, index + 1);
  }
  return members;
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    index++;
  }
  return index;
}

/** The offset just after the string opening at `index`. */
function skipString(text: string, index: number): number {
  let end = index + 1;
  for (;;) {
    end = text.indexOf('"', end);
    if (end === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    end++;
    if (backslashes % 2 === 0) return end;
  }
}

const AFTER_SCALAR = /[,}\]\s]/g;
/** What changes the nesting inside a container: a string (skipped whole), an opening or a closing. */
const STRUCTURE = /["{}[\]]/g;

/** The offset just after the value starting at `index`. */
function skipValue(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return skipString(text, index);
  if (first !== "{" && first !== "[") {
    AFTER_SCALAR.lastIndex = index;
    return AFTER_SCALAR.exec(text)?.index ?? text.length;
  }
  let depth = 0;
  STRUCTURE.lastIndex = index;
  for (let match = STRUCTURE.exec(text); match !== null; match = STRUCTURE.exec(text)) {
    const character = match[0];
    if (character === '"') STRUCTURE.lastIndex = skipString(text, match.index);
    else if (character === "{" || character === "[") depth++;
    else if (--depth === 0) return match.index + 1;
  }
  return text.length;
}
