// The Redocly engine openapi-typescript itself uses, confined to the files unitask already loaded and
// checked: it never reads the disk or the network on its own (it would follow `externalValue` and any
// `$ref` it meets, even in example values). Redocly also looks keys up in plain objects, so a schema
// named `hasOwnProperty` or `constructor` crashes it: such keys reach it shielded, and come back restored.
import { BaseResolver, createConfig, Source, type Config, type Document } from "@redocly/openapi-core";
import type { LoadedFile } from "./load.js";
import { escapePointerToken, isRecord, parsePointer, walkTyped } from "./spec/index.js";

class ConfinedResolver extends BaseResolver {
  constructor(private readonly files: ReadonlyMap<string, LoadedFile>) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const file = this.files.get(absoluteRef);
    if (!file) throw new Error(`unitask refused to read ${absoluteRef}: it is not a checked file of this spec`);
    return toSource(file);
  }

  /** The document unitask parsed, shielded: Redocly never parses spec text itself. */
  override parseDocument(source: Source): Document {
    const file = this.files.get(source.absoluteRef);
    if (!file) throw new Error(`unitask refused to parse ${source.absoluteRef}: it is not a checked file of this spec`);
    return { source, parsed: shieldDocument(file.document) };
  }
}

export function createResolver(files: ReadonlyMap<string, LoadedFile>): BaseResolver {
  return new ConfinedResolver(files);
}

export function toRedoclyDocument(file: LoadedFile): Document {
  return { source: toSource(file), parsed: shieldDocument(file.document) };
}

function toSource(file: LoadedFile): Source {
  return new Source(
    file.absolutePath,
    file.text,
    file.absolutePath.endsWith(".json") ? "application/json" : "application/yaml",
  );
}

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
const SHIELD = "\u{F8FF}";
const SHIELDED = /^(.*?)(\u{F8FF}*)$/u;

/**
 * `constructor` → `constructor` + U+F8FF, and so for `$ref` in literal data; a key that already ends in
 * the shield gets one more, so the mapping is one to one.
 */
function shieldKey(key: string, literal: boolean): string {
  const [, name = key, shields = ""] = SHIELDED.exec(key) ?? [];
  const shielded = PROTOTYPE_NAMES.has(name) || (name === "$ref" && (literal || shields.length > 0));
  return shielded ? `${key}${SHIELD}` : key;
}

/** The key as the spec wrote it. */
function unshieldKey(key: string): string {
  const [, name = key, shields = ""] = SHIELDED.exec(key) ?? [];
  return (PROTOTYPE_NAMES.has(name) || name === "$ref") && shields.length > 0 ? key.slice(0, -1) : key;
}

/** A pointer Redocly reports, with its tokens as the spec wrote them. */
export function unshieldPointer(pointer: string): string {
  if (!pointer.includes(SHIELD)) return pointer;
  return `#/${parsePointer(pointer).map(unshieldKey).map(escapePointerToken).join("/")}`;
}

/** A message Redocly wrote, naming keys as the spec wrote them. */
export function unshieldText(text: string): string {
  return text.replace(/([A-Za-z_$]+)\u{F8FF}/gu, (whole, name: string) =>
    PROTOTYPE_NAMES.has(name) || name === "$ref" ? name : whole,
  );
}

/**
 * What Redocly is given: a copy whose keys cannot name a member of Object.prototype (nor the pointer
 * tokens of its `$ref`s and mappings), and whose literal data (examples, defaults, `x-` extensions,
 * unknown keywords) holds no `$ref` that Redocly would follow. The document itself when nothing needs
 * shielding, the common case.
 */
export function shieldDocument(document: unknown): unknown {
  const literals = new Set<object>();
  let needed = false;
  walkTyped(
    document,
    ({ value }) => {
      if (!needed && isRecord(value)) needed = Object.keys(value).some((key) => shieldKey(key, false) !== key);
    },
    (value) => {
      literals.add(value);
      needed ||= holdsShieldedKey(value);
    },
  );
  return needed ? mapDocument(document, (key, literal) => shieldKey(key, literal), shieldRef, literals) : document;
}

/** The bundled document Redocly built, with the spec's own keys back. */
export function unshieldDocument(document: unknown): unknown {
  return mapDocument(document, unshieldKey, (ref) => mapRefTokens(ref, unshieldKey), new Set());
}

function shieldRef(ref: string): string {
  return mapRefTokens(ref, (key) => shieldKey(key, false));
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

function holdsShieldedKey(literal: object): boolean {
  const stack: unknown[] = [literal];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    for (const [key, value] of Object.entries(node)) {
      if (shieldKey(key, true) !== key) return true;
      stack.push(value);
    }
  }
  return false;
}

/**
 * Rebuilds every object with mapped keys (defined, never assigned: `__proto__` stays a key); `$ref`s and
 * discriminator mappings outside literal data have their pointer tokens mapped.
 */
function mapDocument(
  node: unknown,
  mapKey: (key: string, literal: boolean) => string,
  mapRef: (ref: string) => string,
  literals: ReadonlySet<object>,
  literal = false,
  inMapping = false,
): unknown {
  if (node === null || typeof node !== "object") return node;
  const isLiteral = literal || literals.has(node);
  if (Array.isArray(node)) return node.map((item) => mapDocument(item, mapKey, mapRef, literals, isLiteral));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const mapped =
      typeof value === "string"
        ? !isLiteral && (key === "$ref" || inMapping)
          ? mapRef(value)
          : value
        : mapDocument(value, mapKey, mapRef, literals, isLiteral, !isLiteral && key === "mapping");
    Object.defineProperty(copy, mapKey(key, isLiteral), {
      value: mapped,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

let structuralConfig: Promise<Config> | undefined;

/**
 * The rules a client generator depends on: structure, references, unique operation ids. Style rules
 * are the spec owner's business, and skipping them makes linting a 13 MB spec four times faster.
 * Example values are literal data: Redocly must not follow a `$ref` inside one.
 */
export function getStructuralConfig(): Promise<Config> {
  return (structuralConfig ??= createConfig({
    extends: [],
    resolve: { doNotResolveExamples: true },
    rules: { struct: "error", "no-unresolved-refs": "error", "operation-operationId-unique": "error" },
  }));
}
