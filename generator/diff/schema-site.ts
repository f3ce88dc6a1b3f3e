// Where a schema change is and how it is said: the scope a schema is judged in (direction, rule-id
// prefixes, how strongly typed), the node and keyword a raw api-smart-diff path names, and the one emit
// that turns a finding into a change pointing at the right node. Shared by the schema classifiers.
import {
  code,
  makeChange,
  severityOf,
  type ChangeArea,
  type ChangeKind,
  type ChangeLocation,
  type ChangeSeverity,
  type Effect,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { ruleVerdict, type Verdict } from "./rules.js";
import {
  deref,
  isRecord,
  locate,
  pointerOf,
  walk,
  walkToSlot,
  type Located,
  type SpecDocument,
  type Token,
} from "./spec-walk.js";

/** oasdiff's rule-id prefixes for a schema: at its root and for a field inside it. */
export interface RuleSubject {
  root: string;
  field: string;
}

export interface SchemaScope {
  before: SpecDocument;
  after: SpecDocument;
  /** The schema's root in each spec, when that spec has it. */
  beforeRoot: Located | undefined;
  afterRoot: Located | undefined;
  direction: "request" | "response";
  /** The area a field added or removed here belongs to. */
  fieldArea: ChangeArea;
  /** How the root reads as a subject: `the body`, `the value`. */
  rootNoun: string;
  /** `request-parameter` / `request-parameter-property`, `response-body` / `response-property`, … */
  subject: RuleSubject;
  /**
   * JSON bodies are strongly typed; parameters, headers and other media types are text, where any value
   * also reads as a string (oasdiff's isStronglyTyped), so `string` accepts every other type there.
   */
  stronglyTyped: boolean;
  /** `GET /tasks/{task_id}` */
  operation: string;
  location?: ChangeLocation;
  /** `GET /tasks/{task_id} 200 response: ` */
  prefix: readonly MessagePart[];
}

export interface RawSchemaDiff {
  /** The path below the schema root, as api-smart-diff gives it. */
  tail: readonly Token[];
  action: "add" | "remove" | "replace" | "rename";
  before?: unknown;
  after?: unknown;
  /** api-smart-diff's own verdict, used only where no rule here applies. */
  fallbackSeverity: ChangeSeverity;
}

export interface SchemaSite {
  /** Tokens from the schema root to the node that holds the keyword. */
  nodeTokens: Token[];
  field: string;
  keyword: string | undefined;
  rest: Token[];
}

export interface SiteContext {
  scope: SchemaScope;
  site: SchemaSite;
  beforeNode: Located | undefined;
  afterNode: Located | undefined;
  diff: RawSchemaDiff;
}

const COMPOSITIONS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);

/**
 * The schema at `tokens` below `start`, as api-smart-diff compares it. It merges an `allOf` whose parts are all
 * inline into one schema, and its paths then run through the merge (`properties/a` of `{ allOf: [{ properties:
 * { a } }] }`): a step the schema does not have is taken in the first of its allOf parts that has it. A schema
 * with allOf parts reads as their merge (mergedSchema). Located where the node really is.
 */
export function walkSchema(document: SpecDocument, start: Located, tokens: readonly Token[]): Located | undefined {
  let current = deref(document, start);
  for (let index = 0; current !== undefined && index < tokens.length;) {
    const token = tokens[index];
    const width = token === "properties" || (typeof token === "string" && COMPOSITIONS.has(token)) ? 2 : 1;
    const step = tokens.slice(index, index + width);
    const part = partWith(document, current, step);
    current = part && walk(document, part, step);
    index += width;
  }
  return current && { value: mergedSchema(document, current.value), tokens: current.tokens };
}

/** The schema that has `step` (`["properties", name]`, `["items"]`…): `located`, or the first allOf part with it. */
function partWith(
  document: SpecDocument,
  located: Located,
  step: readonly Token[],
  seen: Set<unknown> = new Set(),
): Located | undefined {
  if (walkToSlot(document, located, step) !== undefined) return located;
  const schema = located.value;
  if (!isRecord(schema) || !Array.isArray(schema.allOf) || seen.has(schema)) return undefined;
  seen.add(schema);
  for (let position = 0; position < schema.allOf.length; position++) {
    const part = walk(document, located, ["allOf", position]);
    const found = part && partWith(document, part, step, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A schema with its allOf parts merged in, as far as the rules here read it: its own keywords first, then each
 * part's (after its `$ref`), `required` their union and `properties` side by side. The schema itself when it
 * has no allOf.
 */
export function mergedSchema(document: SpecDocument, schema: unknown): unknown {
  if (!isRecord(schema) || !Array.isArray(schema.allOf)) return schema;
  const merged: Record<string, unknown> = {};
  const required = new Set<unknown>();
  const properties: Record<string, unknown> = {};
  const seen = new Set<unknown>();
  const add = (part: unknown): void => {
    const value = deref(document, { value: part, tokens: [] })?.value;
    if (!isRecord(value) || seen.has(value)) return;
    seen.add(value);
    for (const [keyword, entry] of Object.entries(value)) {
      if (keyword === "required" && Array.isArray(entry)) {
        for (const name of entry) required.add(name);
      } else if (keyword === "properties" && isRecord(entry)) {
        for (const [name, property] of Object.entries(entry))
          if (!Object.hasOwn(properties, name)) properties[name] = property;
      } else if (!Object.hasOwn(merged, keyword)) {
        merged[keyword] = entry;
      }
    }
    if (Array.isArray(value.allOf)) for (const nested of value.allOf) add(nested);
  };
  add(schema);
  if (required.size > 0) merged.required = [...required];
  if (Object.keys(properties).length > 0) merged.properties = properties;
  return merged;
}

/** Splits `properties/task/properties/status/enum/2` into the node (`task.status`) and the keyword (`enum`). */
export function parseSchemaPath(tail: readonly Token[]): SchemaSite {
  const nodeTokens: Token[] = [];
  const segments: string[] = [];
  let index = 0;
  while (index < tail.length) {
    const token = tail[index] as Token;
    const remaining = tail.length - index - 1;
    if (token === "properties" && remaining >= 2) {
      const name = String(tail[index + 1]);
      nodeTokens.push(token, name);
      segments.push(name);
      index += 2;
    } else if ((token === "items" || token === "additionalProperties" || token === "not") && remaining >= 1) {
      nodeTokens.push(token);
      if (token === "items") segments.push("[]");
      if (token === "additionalProperties") segments.push("*");
      index += 1;
    } else if (typeof token === "string" && COMPOSITIONS.has(token) && remaining >= 2) {
      const position = tail[index + 1] as Token;
      nodeTokens.push(token, position);
      if (token === "prefixItems") segments.push(`[${position}]`);
      index += 2;
    } else {
      return { nodeTokens, field: joinField(segments), keyword: String(token), rest: tail.slice(index + 1) };
    }
  }
  return { nodeTokens, field: joinField(segments), keyword: undefined, rest: [] };
}

function joinField(segments: readonly string[]): string {
  return segments.reduce(
    (field, segment) => (segment.startsWith("[") || field === "" ? `${field}${segment}` : `${field}.${segment}`),
    "",
  );
}

/** oasdiff's rule for `action` where the change is; unknown to oasdiff, judged by `effect` and direction. */
export function verdictFor(context: SiteContext, action: string, effect: Effect, field = context.site.field): Verdict {
  const { subject, direction } = context.scope;
  return ruleVerdict(`${field === "" ? subject.root : subject.field}-${action}`, severityOf(effect, direction));
}

export interface Finding {
  kind: ChangeKind;
  area: ChangeArea;
  summary: readonly MessagePart[];
  verdict: Verdict;
  /** Tokens below the node the change is at (`["type"]`), or the node itself when empty. */
  at: readonly Token[];
  /** Which spec `at` is read from. */
  side: "before" | "after";
  field?: string;
  before?: unknown;
  after?: unknown;
}

export function emit(context: SiteContext, finding: Finding): SpecChange {
  const { scope, site } = context;
  const node =
    finding.side === "before" ? (context.beforeNode ?? context.afterNode) : (context.afterNode ?? context.beforeNode);
  const pointer =
    node === undefined
      ? "#"
      : finding.at.length === 0
        ? slotPointer(context, node)
        : pointerBelow(node === context.beforeNode ? scope.before : scope.after, node, finding.at);
  return makeChange({
    kind: finding.kind,
    area: finding.area,
    pointer,
    ...finding.verdict,
    summary: [...scope.prefix, ...finding.summary],
    before: finding.before,
    after: finding.after,
    operation: scope.operation,
    field: finding.field ?? site.field,
    location: scope.location,
  });
}

/** Where `at` below a node is: in the node, or for a merge of allOf parts in the part that has its first step. */
function pointerBelow(document: SpecDocument, node: Located, at: readonly Token[]): string {
  const raw = locate(document, node.tokens);
  const step = at.slice(0, at[0] === "properties" ? 2 : 1);
  const part = raw && partWith(document, raw, step);
  return pointerOf({ value: node.value, tokens: [...(part ?? node).tokens, ...at] });
}

/** A change to a whole node (its nullability) points where the node sits, not into the schema it refers to. */
function slotPointer(context: SiteContext, node: Located): string {
  const { scope, site } = context;
  const [document, root] =
    node === context.beforeNode ? [scope.before, scope.beforeRoot] : [scope.after, scope.afterRoot];
  const slot = root && walkToSlot(document, root, site.nodeTokens);
  return pointerOf(slot ?? node);
}

export function schemaOf(located: Located | undefined): Record<string, unknown> | undefined {
  return located !== undefined && isRecord(located.value) ? located.value : undefined;
}

export function ofField(field: string): MessagePart[] {
  return field === "" ? [] : [" of field ", code(field)];
}

export function toField(field: string): MessagePart[] {
  return field === "" ? [] : [" to field ", code(field)];
}

export function fromField(field: string): MessagePart[] {
  return field === "" ? [] : [" from field ", code(field)];
}

export function subject(scope: SchemaScope, field: string): MessagePart[] {
  return field === "" ? [scope.rootNoun] : ["field ", code(field)];
}

export function childField(field: string, name: string): string {
  return field === "" ? name : `${field}.${name}`;
}

export function kindOf(before: unknown, after: unknown): ChangeKind {
  return before === undefined ? "added" : after === undefined ? "removed" : "changed";
}

/** No rule here knows this keyword: keep api-smart-diff's verdict and say what moved. */
export function genericChange(context: SiteContext): SpecChange[] {
  const { site, diff } = context;
  const kind: ChangeKind = diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
  const what = site.keyword === undefined ? "schema" : [site.keyword, ...site.rest].join("/");
  const at = site.keyword === undefined ? [] : [site.keyword, ...site.rest];
  const summary: MessagePart[] =
    kind === "added"
      ? ["added ", code(what), ...toField(site.field)]
      : kind === "removed"
        ? ["removed ", code(what), ...fromField(site.field)]
        : ["changed ", code(what), ...ofField(site.field)];
  return [
    emit(context, {
      kind,
      area: "schema",
      summary,
      verdict: { rule: "unitask/schema-changed", severity: diff.fallbackSeverity },
      at,
      side: kind === "removed" ? "before" : "after",
      before: diff.before,
      after: diff.after,
    }),
  ];
}
