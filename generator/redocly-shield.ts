// What Redocly is given, and how its answers are read back. Redocly looks keys up in plain objects
// (resolve.js, walk.js: `type.properties[propName]`), so a schema named `hasOwnProperty` or `constructor`
// crashes it, and it follows every `$ref` and `externalValue` it meets, literal data included. Its copy of
// a document has such keys shielded (a private-use character appended, one to one) and the pointers,
// messages and bundle it returns are restored.
import { escapePointerToken, isOpenApiDocument, isRecord, parsePointer, walkTyped } from "./spec/index.js";

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Keys Redocly follows, made inert where they hold literal data. */
const INERT_NAMES = new Set(["$ref", "externalValue"]);
const SHIELD = "\u{F8FF}";
const SHIELDED = /^(.*?)(\u{F8FF}*)$/u;

/**
 * `constructor` → `constructor` + U+F8FF, and so for `$ref` and `externalValue` in literal data (`inert`); a key that
 * already ends in the shield gets one more, so the mapping is one to one.
 */
function shieldKey(key: string, inert: boolean): string {
  const [, name = key, shields = ""] = SHIELDED.exec(key) ?? [];
  const shielded = PROTOTYPE_NAMES.has(name) || (INERT_NAMES.has(name) && (inert || shields.length > 0));
  return shielded ? `${key}${SHIELD}` : key;
}

/** The key as the spec wrote it. */
function unshieldKey(key: string): string {
  const [, name = key, shields = ""] = SHIELDED.exec(key) ?? [];
  return (PROTOTYPE_NAMES.has(name) || INERT_NAMES.has(name)) && shields.length > 0 ? key.slice(0, -1) : key;
}

/** A pointer Redocly reports, with its tokens as the spec wrote them. */
export function unshieldPointer(pointer: string): string {
  if (!pointer.includes(SHIELD)) return pointer;
  return `#/${parsePointer(pointer).map(unshieldKey).map(escapePointerToken).join("/")}`;
}

/** A message Redocly wrote, naming keys as the spec wrote them. */
export function unshieldText(text: string): string {
  return text.replace(/([A-Za-z_$]+)\u{F8FF}/gu, (whole, name: string) =>
    PROTOTYPE_NAMES.has(name) || INERT_NAMES.has(name) ? name : whole,
  );
}

/**
 * What Redocly is given: a copy whose keys cannot name a member of Object.prototype (nor the pointer
 * tokens of its `$ref`s and mappings), and whose literal data (examples, defaults, `x-` extensions,
 * unknown keywords) holds no `$ref` that Redocly would follow; when bundling, no Example's
 * `externalValue` either. The document itself when nothing needs shielding, the common case. A file
 * other than the OpenAPI document has no known types: only its keys and `$ref`s are shielded.
 */
export function shieldDocument(document: unknown, bundling = false): unknown {
  const literals = new Set<object>();
  const examples = new Set<object>();
  let needed = false;
  if (!isOpenApiDocument(document)) needed = holdsShieldedKey(document, false);
  else
    walkTyped(
      document,
      ({ value, type }) => {
        if (bundling && type === "Example" && isRecord(value) && Object.hasOwn(value, "externalValue")) {
          examples.add(value);
          needed = true;
        }
        if (needed) return;
        if (typeof value === "string") needed = type === "DiscriminatorMappingRef" && shieldRef(value) !== value;
        else if (isRecord(value))
          needed =
            Object.keys(value).some((key) => shieldKey(key, false) !== key) ||
            (typeof value.$ref === "string" && shieldRef(value.$ref) !== value.$ref);
      },
      (value) => {
        literals.add(value);
        needed ||= holdsShieldedKey(value, true);
      },
    );
  return needed ? mapDocument(document, shieldKey, shieldRef, { literals, examples }) : document;
}

/** The bundled document Redocly built, with the spec's own keys back. */
export function unshieldDocument(document: unknown): unknown {
  return mapDocument(document, unshieldKey, (ref) => mapRefTokens(ref, unshieldKey), {
    literals: new Set(),
    examples: new Set(),
  });
}

/** Whether a text may hold a key that shieldKey changes: most `$ref`s do not, and are left unparsed. */
const MAY_SHIELD = new RegExp([...PROTOTYPE_NAMES, ...INERT_NAMES].map((name) => name.replace(/\$/g, "\\$")).join("|"));

function shieldRef(ref: string): string {
  return MAY_SHIELD.test(ref) ? mapRefTokens(ref, (key) => shieldKey(key, false)) : ref;
}

function mapRefTokens(ref: string, mapKey: (key: string) => string): string {
  const hash = ref.indexOf("#");
  if (hash === -1 || ref.charAt(hash + 1) !== "/") return ref;
  let tokens: string[];
  try {
    tokens = parsePointer(ref.slice(hash));
  } catch {
    return ref;
  }
  return `${ref.slice(0, hash)}#/${tokens.map(mapKey).map(escapePointerToken).join("/")}`;
}

/** Whether any key below `node` needs shielding (`literal`: as literal data, where `$ref` is inert). */
function holdsShieldedKey(node: unknown, literal: boolean): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    for (const [key, value] of Object.entries(node)) {
      if (shieldKey(key, literal && INERT_NAMES.has(key)) !== key) return true;
      if (!literal && key === "$ref" && typeof value === "string" && shieldRef(value) !== value) return true;
      stack.push(value);
    }
  }
  return false;
}

/**
 * Rebuilds every object with mapped keys (defined, never assigned: `__proto__` stays a key); `$ref`s and
 * discriminator mappings outside literal data have their pointer tokens mapped. A subtree with nothing to
 * map is returned as it is, not copied: most of a large spec.
 */
function mapDocument(
  node: unknown,
  mapKey: (key: string, inert: boolean) => string,
  mapRef: (ref: string) => string,
  regions: { literals: ReadonlySet<object>; examples: ReadonlySet<object> },
  literal = false,
  inMapping = false,
): unknown {
  if (node === null || typeof node !== "object") return node;
  const isLiteral = literal || regions.literals.has(node);
  if (Array.isArray(node)) {
    const items = node.map((item) => mapDocument(item, mapKey, mapRef, regions, isLiteral));
    return items.some((item, index) => item !== node[index]) ? items : node;
  }
  const isExample = regions.examples.has(node);
  let changed = false;
  const members = Object.entries(node).map(([key, value]) => {
    const mapped =
      typeof value === "string"
        ? !isLiteral && (key === "$ref" || inMapping)
          ? mapRef(value)
          : value
        : mapDocument(value, mapKey, mapRef, regions, isLiteral, !isLiteral && key === "mapping");
    const inert = (isLiteral && INERT_NAMES.has(key)) || (isExample && key === "externalValue");
    const mappedKey = mapKey(key, inert);
    changed ||= mapped !== value || mappedKey !== key;
    return [mappedKey, mapped] as const;
  });
  if (!changed) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of members)
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
