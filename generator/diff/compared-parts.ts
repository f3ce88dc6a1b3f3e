// What api-smart-diff is given to compare: copies of the two documents with every operation's parameters
// merged, and without the path items and components whose comparison can find nothing. api-smart-diff walks
// every node of both documents and expands each `$ref` at each use, so on Microsoft Graph's spec (11,000
// operations over shared schemas) a one-line change took 57 s; a path item that is the same on both sides
// and reaches only components that are the same on both sides, through any chain of `$ref`s, holds no change,
// and a component that no compared part reaches is compared for nothing (components are judged where they are
// used). What is left is compared exactly as the whole documents were.
import { isDeepStrictEqual } from "node:util";
import { decodeUriText, parsePointer, toPointer } from "../spec/index.js";
import { HTTP_METHODS, isRecord, operationParameters, type SpecDocument } from "./spec-walk.js";

/** A part that changes alone, by its pointer: `#/paths/<key>`, or `#/components/<section>/<name>`. */
type PartKey = string;

interface Side {
  /** The document with its operations' parameters merged, sharing everything else with the original. */
  merged: Record<string, unknown>;
  parts: Map<PartKey, unknown>;
}

/** Copies to give api-smart-diff, which rewrites the documents it compares. */
export function comparedDocuments(before: SpecDocument, after: SpecDocument): [SpecDocument, SpecDocument] {
  const sides = [sideOf(before), sideOf(after)] as const;
  const keys = new Set([...sides[0].parts.keys(), ...sides[1].parts.keys()]);
  const references = new Map<PartKey, Set<PartKey>>();
  for (const key of keys)
    references.set(
      key,
      partsReferenced(
        sides.map((side) => side.parts.get(key)),
        sides[0].parts,
        sides[1].parts,
      ),
    );

  const changed = findChanged(keys, sides, references);
  // Everything outside paths and components is compared as it is, and so is every changed path item.
  const compared = new Set([...keys].filter((key) => key.startsWith("#/paths/") && changed.has(key)));
  const roots = sides.flatMap((side) =>
    Object.entries(side.merged)
      .filter(([section]) => section !== "paths" && section !== "components")
      .map(([, value]) => value),
  );
  const pending = [...compared, ...partsReferenced(roots, sides[0].parts, sides[1].parts)];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    compared.add(key);
    for (const next of references.get(key) ?? []) if (!compared.has(next)) pending.push(next);
  }
  return [copyOf(sides[0], compared), copyOf(sides[1], compared)];
}

/**
 * Every operation lists all the parameters it takes (its own, then the path item's it does not override) and
 * path items list none. api-smart-diff pairs parameters by `in` and `name` but numbers a changed one by its
 * position in the old list: after this, that list is the one operationParameters gives, so a position always
 * names the right parameter. No `paths` (3.1 allows it) and a path item that is not an object hold no
 * operation: compared as empty, each operation on the other side is reported on its own.
 */
function sideOf(document: SpecDocument): Side {
  const paths: Record<string, unknown> = {};
  const parts = new Map<PartKey, unknown>();
  for (const [pathKey, item] of Object.entries(isRecord(document.paths) ? document.paths : {})) {
    const mergedItem: Record<string, unknown> = {};
    if (isRecord(item)) {
      for (const [key, value] of Object.entries(item)) {
        if (key === "parameters") continue;
        const parameters = HTTP_METHODS.has(key)
          ? operationParameters(document, pathKey, key).map((parameter) => parameter.raw)
          : [];
        mergedItem[key] = isRecord(value) && parameters.length > 0 ? { ...value, parameters } : value;
      }
    }
    paths[pathKey] = mergedItem;
    parts.set(toPointer(["paths", pathKey]), mergedItem);
  }
  const components = isRecord(document.components) ? document.components : {};
  for (const [section, entries] of Object.entries(components)) {
    if (!isRecord(entries)) continue;
    for (const [name, value] of Object.entries(entries)) parts.set(toPointer(["components", section, name]), value);
  }
  return { merged: { ...document, paths }, parts };
}

/**
 * The parts whose comparison may find a change: those that differ or are on one side only, and those that
 * reach one of them through `$ref`s.
 */
function findChanged(
  keys: ReadonlySet<PartKey>,
  [before, after]: readonly [Side, Side],
  references: ReadonlyMap<PartKey, ReadonlySet<PartKey>>,
): Set<PartKey> {
  const referencedBy = new Map<PartKey, PartKey[]>();
  for (const [key, targets] of references) {
    for (const target of targets) {
      const sources = referencedBy.get(target);
      if (sources) sources.push(key);
      else referencedBy.set(target, [key]);
    }
  }
  const changed = new Set<PartKey>();
  const pending = [...keys].filter(
    (key) =>
      !before.parts.has(key) ||
      !after.parts.has(key) ||
      !isDeepStrictEqual(before.parts.get(key), after.parts.get(key)),
  );
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (changed.has(key)) continue;
    changed.add(key);
    pending.push(...(referencedBy.get(key) ?? []));
  }
  return changed;
}

/**
 * The parts that `$ref`s in `values` point into, on either side. Every string under a `$ref` key counts,
 * an example's too: comparing a part too many costs time, one too few would lose a change.
 */
function partsReferenced(
  values: readonly unknown[],
  before: ReadonlyMap<PartKey, unknown>,
  after: ReadonlyMap<PartKey, unknown>,
): Set<PartKey> {
  const found = new Set<PartKey>();
  const pending = [...values];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (isRecord(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === "$ref" && typeof child === "string") {
          const part = partOfRef(child);
          if (part !== undefined && (before.has(part) || after.has(part))) found.add(part);
        } else if (child !== null && typeof child === "object") pending.push(child);
      }
    }
  }
  return found;
}

/** `#/components/schemas/Pet/properties/id` → `#/components/schemas/Pet`; undefined for a ref to no part. */
function partOfRef(ref: string): PartKey | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let tokens: string[];
  try {
    tokens = parsePointer(decodeUriText(ref));
  } catch {
    return undefined;
  }
  if (tokens[0] === "paths" && tokens.length >= 2) return toPointer(tokens.slice(0, 2));
  if (tokens[0] === "components" && tokens.length >= 3) return toPointer(tokens.slice(0, 3));
  return undefined;
}

/** The document with only the `compared` parts under paths and components, deep-copied. */
function copyOf({ merged, parts }: Side, compared: ReadonlySet<PartKey>): SpecDocument {
  const paths = Object.fromEntries(
    Object.entries(merged.paths as Record<string, unknown>).filter(([key]) => compared.has(toPointer(["paths", key]))),
  );
  const document: Record<string, unknown> = { ...merged, paths };
  if (isRecord(merged.components)) {
    document.components = Object.fromEntries(
      Object.entries(merged.components).map(([section, entries]) => [
        section,
        isRecord(entries)
          ? Object.fromEntries(
              Object.keys(entries)
                .filter((name) => compared.has(toPointer(["components", section, name])))
                .map((name) => [name, parts.get(toPointer(["components", section, name]))]),
            )
          : entries,
      ]),
    );
  }
  return structuredClone(document);
}
