// The Redocly engine openapi-typescript itself uses, confined to the files unitask already loaded and
// checked: it never reads the disk or the network on its own (it would follow `externalValue` and any
// `$ref` it meets, even in example values). Redocly also looks keys up in plain objects, so a schema
// named `hasOwnProperty` or `constructor` crashes it: such keys reach it shielded, and come back restored.
import { BaseResolver, createConfig, Source, type Config, type Document } from "@redocly/openapi-core";
import type { LoadedFile } from "./load.js";
import { escapePointerToken, parsePointer } from "./spec/index.js";

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

/** `constructor` → `constructor` + U+F8FF; a key that already ends so gets one more, so the mapping is one to one. */
function shieldKey(key: string): string {
  const [, name = key] = SHIELDED.exec(key) ?? [];
  return PROTOTYPE_NAMES.has(name) ? `${key}${SHIELD}` : key;
}

/** The key as the spec wrote it. */
export function unshieldKey(key: string): string {
  const [, name = key, shields = ""] = SHIELDED.exec(key) ?? [];
  return PROTOTYPE_NAMES.has(name) && shields.length > 0 ? key.slice(0, -1) : key;
}

/** A pointer Redocly reports, with its tokens as the spec wrote them. */
export function unshieldPointer(pointer: string): string {
  if (!pointer.includes(SHIELD)) return pointer;
  return `#/${parsePointer(pointer).map(unshieldKey).map(escapePointerToken).join("/")}`;
}

/** A message Redocly wrote, naming keys as the spec wrote them. */
export function unshieldText(text: string): string {
  return text.replace(/([A-Za-z_]+)\u{F8FF}/gu, (whole, name: string) => (PROTOTYPE_NAMES.has(name) ? name : whole));
}

/**
 * A copy whose keys (and the pointer tokens of its `$ref`s and discriminator mappings) cannot name a
 * member of Object.prototype; the document itself when no key needs it, the common case.
 */
export function shieldDocument(document: unknown): unknown {
  return needsShield(document) ? mapDocument(document, shieldKey, shieldRef) : document;
}

/** The bundled document Redocly built, with the spec's own keys back. */
export function unshieldDocument(document: unknown): unknown {
  return mapDocument(document, unshieldKey, (ref) => mapRefTokens(ref, unshieldKey));
}

function shieldRef(ref: string): string {
  return mapRefTokens(ref, shieldKey);
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

function needsShield(document: unknown): boolean {
  const stack = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    for (const [key, value] of Object.entries(node)) {
      if (shieldKey(key) !== key) return true;
      stack.push(value);
    }
  }
  return false;
}

/** Rebuilds every object with mapped keys (defined, never assigned: `__proto__` stays a key), refs mapped. */
function mapDocument(
  node: unknown,
  mapKey: (key: string) => string,
  mapRef: (ref: string) => string,
  inMapping = false,
): unknown {
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((item) => mapDocument(item, mapKey, mapRef));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const mapped =
      typeof value === "string"
        ? key === "$ref" || inMapping
          ? mapRef(value)
          : value
        : mapDocument(value, mapKey, mapRef, key === "mapping");
    Object.defineProperty(copy, mapKey(key), { value: mapped, enumerable: true, writable: true, configurable: true });
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
