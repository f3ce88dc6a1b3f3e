// JSON pointers (RFC 6901) into a spec, as they appear in messages and in `$ref` fragments.

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * A place in a document as its parent's place and its key, spelled out as a pointer when first read: a walk
 * passes every node of a large spec (millions in Microsoft Graph's) and names few of them.
 */
export class PointerPath {
  #pointer: string | undefined;

  /** The document itself without arguments; otherwise the value at `key` of the one at `holder`. */
  constructor(
    readonly holder?: PointerPath,
    readonly key?: string | number,
  ) {}

  get pointer(): string {
    this.#pointer ??=
      this.holder === undefined ? "#" : `${this.holder.pointer}/${escapePointerToken(String(this.key))}`;
    return this.#pointer;
  }
}

/** Builds `#/a/b~1c` from tokens; `#` for none. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.length === 0 ? "#" : `#/${tokens.map(escapePointerToken).join("/")}`;
}

/** Splits `#/a/b~1c` (or `/a/b~1c`) into tokens; throws on text that is not a pointer. */
export function parsePointer(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "") return [];
  if (!body.startsWith("/")) throw new Error(`Not a JSON pointer: ${pointer}`);
  return body
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * A `$ref` fragment is a URI fragment, so `#/components/schemas/100%25` means the key `100%`.
 * Text that is not valid percent-encoding is taken as it is.
 */
export function decodeUriText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The node at `pointer`, or undefined when it is missing or not a pointer. Only own keys count, so
 * `#/components/schemas/constructor` never finds `Object.prototype.constructor`.
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  return resolveTokens(document, pointerTokens.get(pointer));
}

/** The node a local `$ref` (`#/…`, a URI fragment) points to, or undefined. */
export function resolveLocalRef(document: unknown, ref: string): unknown {
  return ref.startsWith("#") ? resolveTokens(document, refTokens.get(ref)) : undefined;
}

function resolveTokens(document: unknown, tokens: readonly string[] | undefined): unknown {
  if (tokens === undefined) return undefined;
  let node = document;
  for (const token of tokens) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * Each pointer or `$ref` split once: the same few thousand are resolved again and again (0.5 s of Microsoft Graph's
 * run went to splitting and decoding them). Emptied when it grows large, as it could under --watch.
 */
class TokenCache {
  private readonly tokens = new Map<string, readonly string[] | undefined>();

  constructor(private readonly split: (text: string) => readonly string[]) {}

  /** The text's tokens; undefined when it is not a pointer. */
  get(text: string): readonly string[] | undefined {
    if (this.tokens.has(text)) return this.tokens.get(text);
    if (this.tokens.size >= 100_000) this.tokens.clear();
    let tokens: readonly string[] | undefined;
    try {
      tokens = this.split(text);
    } catch {
      tokens = undefined;
    }
    this.tokens.set(text, tokens);
    return tokens;
  }
}

const pointerTokens = new TokenCache(parsePointer);
const refTokens = new TokenCache((ref) => parsePointer(decodeUriText(ref)));
