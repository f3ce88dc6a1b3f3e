// JSON pointers (RFC 6901) into a spec, as they appear in messages and in `$ref` fragments.

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
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
  let tokens: string[];
  try {
    tokens = parsePointer(pointer);
  } catch {
    return undefined;
  }
  let node = document;
  for (const token of tokens) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** The node a local `$ref` (`#/…`, a URI fragment) points to, or undefined. */
export function resolveLocalRef(document: unknown, ref: string): unknown {
  return ref.startsWith("#") ? resolvePointer(document, decodeUriText(ref)) : undefined;
}
