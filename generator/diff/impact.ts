// What each change touches in the generated package: the method, the exported type and the property
// path inside it, and, where the provider's normalization mapping reads the changed field or status
// value, the mapping entry and the UnifiedTask field it feeds. This is what a user of the package asks
// of a report: "does this affect the code I have?"
import type { NormalizationMapping } from "../normalization/index.js";
import { MAPPED_FIELDS, hasPath, pathsOf } from "../normalization/mapping.js";
import { parsePointer } from "../spec/index.js";
import { code, type MessagePart, type SpecChange } from "./change.js";
import { isSuccessStatus } from "./body-changes.js";

/** One generated method: where it lives in the spec and what it is called. */
export interface GeneratedOperation {
  method: string;
  path: string;
  /** `getTask` */
  functionName: string;
  /** `GetTask`, as in `GetTaskData` */
  typeName: string;
}

export interface ImpactContext {
  /** The generated methods of the old spec and of the new one. */
  before: readonly GeneratedOperation[];
  after: readonly GeneratedOperation[];
  /** `createQuantClient` */
  clientFactory: string;
  /** The provider's normalization mapping, and the file it is read from, when it has one. */
  mapping?: { file: string; mapping: NormalizationMapping };
}

export interface MappingHit {
  /** `specs/quant/normalization.yaml` */
  file: string;
  /** The mapping entry that reads the field: `status`, `status.values.archived`. */
  entry: string;
  /** The UnifiedTask field it feeds. */
  unifiedField: string;
  /** What happens now, when the change asks for something: `maps it to unknown; add it`. */
  effect?: readonly MessagePart[];
}

export interface ChangeHits {
  /** The generated method, or methods for a whole path. */
  methods?: string[];
  /** The generated method's new name, when the change renames it. */
  renamedTo?: string;
  /** The exported type that changes: `GetTaskData`, `GetTaskError`, `GetTaskOptions`. */
  type?: string;
  /** Where inside that type: `task.status`, `query.limit`, `body.name`. */
  property?: string;
  /** A positional argument of the method (a path parameter). */
  argument?: string;
  mapping?: MappingHit;
  /** Anything else the change moves in the package: the default base URL, the `paths` key. */
  note?: readonly MessagePart[];
}

function operationLabel(operation: GeneratedOperation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** Each change with what it hits, for the changes that hit something nameable. */
export function withHits(changes: readonly SpecChange[], context: ImpactContext): SpecChange[] {
  return changes.map((change) => {
    const hits = hitsOf(change, context);
    return hits === undefined ? change : { ...change, hits };
  });
}

function hitsOf(change: SpecChange, context: ImpactContext): ChangeHits | undefined {
  if (change.area === "server") {
    // The first server is the client's default base URL.
    const moves = change.pointer === "#/servers/0" || change.pointer.startsWith("#/servers/0/");
    return {
      note: moves
        ? ["the default ", code("baseUrl"), " of ", code(context.clientFactory), ", and ", code("servers")]
        : ["the exported ", code("servers"), " list"],
    };
  }
  if (change.area === "operation" && change.operation === undefined && typeof change.before === "string") {
    return pathRenameHits(change, context);
  }
  if (change.area === "security-scheme") return { note: ["the credential options of ", code(context.clientFactory)] };
  if (change.operation === undefined) return undefined;
  const side = change.kind === "removed" ? context.before : context.after;
  const operation =
    side.find((candidate) => operationLabel(candidate) === change.operation) ??
    [...context.after, ...context.before].find((candidate) => operationLabel(candidate) === change.operation);
  if (operation === undefined) return undefined;
  const hits: ChangeHits = { methods: [operation.functionName] };
  if (change.area === "operation-id") {
    const renamed = context.after.find((candidate) => operationLabel(candidate) === change.operation);
    const old = context.before.find((candidate) => operationLabel(candidate) === change.operation);
    if (renamed && old && renamed.functionName !== old.functionName) {
      return { methods: [old.functionName], renamedTo: renamed.functionName };
    }
    return hits;
  }
  if (change.area === "security") return { ...hits, note: ["the credential options of ", code(context.clientFactory)] };
  Object.assign(hits, typeHit(change, operation));
  const mapping = mappingHit(change, operation, context);
  if (mapping !== undefined) hits.mapping = mapping;
  return hits;
}

/** The exported type a change lands in, and where inside it. */
function typeHit(change: SpecChange, operation: GeneratedOperation): Partial<ChangeHits> {
  const location = change.location;
  const field = change.field;
  const inside = (root: string) => (field === undefined ? root : `${root}.${field}`);
  if (location === undefined) return {};
  switch (location.part) {
    case "response":
      return isSuccessStatus(location.status)
        ? { type: `${operation.typeName}Data`, ...(field === undefined ? {} : { property: field }) }
        : { type: `${operation.typeName}Error`, property: inside(`[status ${location.status}].body`) };
    case "request-body":
      return { type: `${operation.typeName}Options`, property: inside("body") };
    case "parameter":
      if (location.in === "path") return { argument: location.name };
      if (location.in === "query" || location.in === "header") {
        const group = location.in === "query" ? "query" : "headers";
        return { type: `${operation.typeName}Options`, property: inside(`${group}.${location.name}`) };
      }
      return {};
    case "response-header":
      return {};
  }
}

/** A JSON pointer into the response body, or a report field path, as comparable segments (`[]` for any index). */
function pointerSegments(pointer: string): string[] {
  return parsePointer(pointer).map((token) => (/^\d+$/.test(token) || token === "@last" ? "[]" : token));
}

function fieldSegments(field: string | undefined): string[] {
  if (field === undefined) return [];
  return field.split(".").flatMap((part) => part.split(/(\[\])/).filter((segment) => segment !== ""));
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
}

/** The mapping entry that reads the changed field of the task operation's success response, if one does. */
function mappingHit(change: SpecChange, operation: GeneratedOperation, context: ImpactContext): MappingHit | undefined {
  const loaded = context.mapping;
  if (loaded === undefined || change.location?.part !== "response" || !isSuccessStatus(change.location.status)) {
    return undefined;
  }
  const { mapping, file } = loaded;
  if (mapping.operation.method !== operation.method || mapping.operation.path !== operation.path) return undefined;
  const changed = fieldSegments(change.field);
  for (const unified of MAPPED_FIELDS) {
    const source = mapping[unified];
    if (!hasPath(source)) continue;
    const read = pathsOf(source).some((path) => {
      const segments = pointerSegments(`${mapping.task}${path}`);
      // The field itself, something it is inside of, or something inside it (a result object's member).
      return startsWith(segments, changed) || startsWith(changed, segments);
    });
    if (!read) continue;
    const hit: MappingHit = { file, entry: unified, unifiedField: `UnifiedTask.${unified}` };
    if (unified === "status" && change.area === "enum") return statusValueHit(change, mapping, hit);
    return hit;
  }
  return undefined;
}

function statusValueHit(change: SpecChange, mapping: NormalizationMapping, hit: MappingHit): MappingHit {
  const value = change.kind === "removed" ? change.before : change.after;
  if (typeof value !== "string") return hit;
  const mapped = Object.hasOwn(mapping.status.values, value);
  if (change.kind === "added" && !mapped) {
    const effect = [code("toUnifiedTask"), " maps it to ", code("unknown"), "; add it under ", code("status.values")];
    return { ...hit, effect };
  }
  if (change.kind === "removed" && mapped) {
    const effect = ["the mapping still lists it; remove it"];
    return { ...hit, entry: `status.values.${value}`, effect };
  }
  return { ...hit, entry: `status.values.${value}` };
}

/** Every method under a renamed path keeps its signature; only the `paths` key of the `raw` client moves. */
function pathRenameHits(change: SpecChange, context: ImpactContext): ChangeHits {
  const from = String(change.before);
  const to = String(change.after);
  const methods = context.after.filter((operation) => operation.path === to).map((operation) => operation.functionName);
  return {
    ...(methods.length > 0 ? { methods } : {}),
    note: [
      "signatures unchanged (path parameters are positional); the ",
      code("raw"),
      " client's key ",
      code(`paths["${from}"]`),
      " is now ",
      code(`paths["${to}"]`),
    ],
  };
}

/** The hits as words for a report line: `getTask`, `GetTaskData` `task.status`; mapping `status` → … */
export function hitsSentence(hits: ChangeHits): MessagePart[] {
  const parts: MessagePart[][] = [];
  if (hits.methods !== undefined) {
    const methods = hits.methods.flatMap((name, index) => (index === 0 ? [code(name)] : [", ", code(name)]));
    parts.push(hits.renamedTo === undefined ? methods : [...methods, " becomes ", code(hits.renamedTo)]);
  }
  if (hits.argument !== undefined) parts.push(["argument ", code(hits.argument)]);
  if (hits.type !== undefined) {
    parts.push(hits.property === undefined ? [code(hits.type)] : [code(hits.type), " at ", code(hits.property)]);
  }
  if (hits.mapping !== undefined) {
    const { entry, unifiedField, file, effect } = hits.mapping;
    parts.push([
      "mapping entry ",
      code(entry),
      ` in ${file} feeds `,
      code(unifiedField),
      ...(effect ? [": ", ...effect] : []),
    ]);
  }
  if (hits.note !== undefined) parts.push([...hits.note]);
  return parts.flatMap((part, index) => (index === 0 ? part : ["; ", ...part]));
}
