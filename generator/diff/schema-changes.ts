// Classifies one change inside a schema (a body, a parameter or a response header) for a client.
// api-smart-diff says where something changed; the verdict comes from comparing the whole schema node
// on both sides, because its own verdicts are often wrong for a client (a response field's type change
// came out "non-breaking") and because one logical change (nullable via `type: [..., 'null']`, enum
// values by index) arrives as several raw diffs. Each keyword is one row of KEYWORD_RULES; the rule id
// is oasdiff's, composed from where the schema is (`request-property-`) and what moved (`max-increased`).
import {
  code,
  codeValue,
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
import { decodeUriText, parsePointer } from "../problems.js";
import { requirednessChange } from "./requiredness.js";
import { ruleVerdict, stricterVerdict, type Verdict } from "./rules.js";
import { isRecord, pointerOf, walk, walkToSlot, type Located, type SpecDocument, type Token } from "./spec-walk.js";

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

interface SchemaSite {
  /** Tokens from the schema root to the node that holds the keyword. */
  nodeTokens: Token[];
  field: string;
  keyword: string | undefined;
  rest: Token[];
}

interface SiteContext {
  scope: SchemaScope;
  site: SchemaSite;
  beforeNode: Located | undefined;
  afterNode: Located | undefined;
  diff: RawSchemaDiff;
}

type KeywordClassifier = (context: SiteContext) => SpecChange[];

const COMPOSITIONS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);

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

export function classifySchemaDiff(scope: SchemaScope, diff: RawSchemaDiff): SpecChange[] {
  const site = parseSchemaPath(diff.tail);
  const beforeNode = scope.beforeRoot && walk(scope.before, scope.beforeRoot, site.nodeTokens);
  const afterNode = scope.afterRoot && walk(scope.after, scope.afterRoot, site.nodeTokens);
  const context: SiteContext = { scope, site, beforeNode, afterNode, diff };
  const misaligned = misalignedComposition(context);
  if (misaligned !== undefined) return compositionRewritten(context, misaligned);
  const keyword = site.keyword;
  if (keyword === undefined) return genericChange(context);
  if (Object.hasOwn(KEYWORD_RULES, keyword)) return KEYWORD_RULES[keyword]!(context);
  if (keyword.startsWith("x-")) return transition(context, keyword, DOCUMENTATION);
  return genericChange(context);
}

// --- Verdicts and wording shared by the rows ---------------------------------------------------------

/** oasdiff's rule for `action` where the change is; unknown to oasdiff, judged by `effect` and direction. */
function verdictFor(context: SiteContext, action: string, effect: Effect, field = context.site.field): Verdict {
  const { subject, direction } = context.scope;
  return ruleVerdict(`${field === "" ? subject.root : subject.field}-${action}`, severityOf(effect, direction));
}

interface Finding {
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

function emit(context: SiteContext, finding: Finding): SpecChange {
  const { scope, site } = context;
  const node =
    finding.side === "before" ? (context.beforeNode ?? context.afterNode) : (context.afterNode ?? context.beforeNode);
  const pointer =
    node === undefined
      ? "#"
      : finding.at.length === 0
        ? slotPointer(context, node)
        : pointerOf({ value: node.value, tokens: [...node.tokens, ...finding.at] });
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

/** A change to a whole node (its nullability) points where the node sits, not into the schema it refers to. */
function slotPointer(context: SiteContext, node: Located): string {
  const { scope, site } = context;
  const [document, root] =
    node === context.beforeNode ? [scope.before, scope.beforeRoot] : [scope.after, scope.afterRoot];
  const slot = root && walkToSlot(document, root, site.nodeTokens);
  return pointerOf(slot ?? node);
}

function schemaOf(located: Located | undefined): Record<string, unknown> | undefined {
  return located !== undefined && isRecord(located.value) ? located.value : undefined;
}

function ofField(field: string): MessagePart[] {
  return field === "" ? [] : [" of field ", code(field)];
}

function toField(field: string): MessagePart[] {
  return field === "" ? [] : [" to field ", code(field)];
}

function fromField(field: string): MessagePart[] {
  return field === "" ? [] : [" from field ", code(field)];
}

function subject(scope: SchemaScope, field: string): MessagePart[] {
  return field === "" ? [scope.rootNoun] : ["field ", code(field)];
}

function childField(field: string, name: string): string {
  return field === "" ? name : `${field}.${name}`;
}

function kindOf(before: unknown, after: unknown): ChangeKind {
  return before === undefined ? "added" : after === undefined ? "removed" : "changed";
}

// --- The transition helper: one keyword's value set, removed or changed --------------------------------

interface TransitionRule {
  area: ChangeArea;
  /** oasdiff's action for the transition (`max-length-set`), or undefined when nothing changed that matters. */
  action(kind: ChangeKind, before: unknown, after: unknown): string | undefined;
  /** What the transition does to the set of valid values. */
  effect(kind: ChangeKind, before: unknown, after: unknown): Effect;
  /** `values`: "set `maxLength` of field `a` to `3`"; `presence`: "changed `description` of field `a`". */
  wording: "values" | "presence";
  /** How the keyword reads in a sentence; `{ code: keyword }` when absent. */
  noun?: string;
}

function transition(context: SiteContext, keyword: string, rule: TransitionRule): SpecChange[] {
  const { site } = context;
  const before = schemaOf(context.beforeNode)?.[keyword];
  const after = schemaOf(context.afterNode)?.[keyword];
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const kind = kindOf(before, after);
  const action = rule.action(kind, before, after);
  if (action === undefined) return [];
  const noun: MessagePart = rule.noun ?? code(keyword);
  const summary: MessagePart[] =
    rule.wording === "presence"
      ? kind === "added"
        ? ["added ", noun, ...toField(site.field)]
        : kind === "removed"
          ? ["removed ", noun, ...fromField(site.field)]
          : ["changed ", noun, ...ofField(site.field)]
      : kind === "added"
        ? ["set ", noun, ...ofField(site.field), " to ", codeValue(after)]
        : kind === "removed"
          ? ["removed ", noun, " ", codeValue(before), ...fromField(site.field)]
          : ["changed ", noun, ...ofField(site.field), " from ", codeValue(before), " to ", codeValue(after)];
  return [
    emit(context, {
      kind,
      area: rule.area,
      summary,
      verdict: verdictFor(context, action, rule.effect(kind, before, after)),
      at: [keyword],
      side: kind === "removed" ? "before" : "after",
      before,
      after,
    }),
  ];
}

/** `added`/`removed`/`changed` spelled as oasdiff spells them for one keyword family. */
function actions(added: string, removed: string, changed: string): TransitionRule["action"] {
  return (kind) => (kind === "added" ? added : kind === "removed" ? removed : changed);
}

const DOCUMENTATION: TransitionRule = {
  area: "documentation",
  action: actions("documentation-added", "documentation-removed", "documentation-changed"),
  effect: () => "none",
  wording: "presence",
};

// For these bounds a larger value allows more; for the `min` family, less.
const UPPER_BOUNDS = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains"]);

/** A numeric bound: oasdiff's `<name>-set`, `-unset`, `-increased`, `-decreased`. */
function bound(name: string): TransitionRule {
  return {
    area: "constraint",
    action: (kind, before, after) =>
      kind === "added"
        ? `${name}-set`
        : kind === "removed"
          ? `${name}-unset`
          : typeof before === "number" && typeof after === "number"
            ? `${name}-${after > before ? "increased" : "decreased"}`
            : `${name}-changed`,
    effect: (kind, before, after) => boundEffect(name, kind, before, after),
    wording: "values",
  };
}

function boundEffect(name: string, kind: ChangeKind, before: unknown, after: unknown): Effect {
  // OpenAPI 3.0 spells exclusive bounds as booleans: turning one on narrows.
  if (typeof before === "boolean" || typeof after === "boolean") return after === true ? "narrows" : "widens";
  if (kind === "added") return "narrows";
  if (kind === "removed") return "widens";
  if (typeof before !== "number" || typeof after !== "number") return "unknown";
  const upper = ["max-length", "max", "exclusive-max", "max-items", "max-properties", "max-contains"].includes(name);
  return upper === after > before ? "widens" : "narrows";
}

// Format pairs where the new format accepts every value of the old one (oasdiff's isFormatContained).
const FORMAT_GENERALIZATIONS: Readonly<Record<string, readonly string[]>> = {
  int32: ["int64", "bigint"],
  int64: ["bigint"],
  float: ["double"],
  date: ["date-time"],
  time: ["date-time"],
};

function formatEffect(kind: ChangeKind, before: unknown, after: unknown): Effect {
  if (kind === "added") return "narrows";
  if (kind === "removed") return "widens";
  if (FORMAT_GENERALIZATIONS[String(before)]?.includes(String(after))) return "widens";
  if (FORMAT_GENERALIZATIONS[String(after)]?.includes(String(before))) return "narrows";
  return "incomparable";
}

/** oasdiff folds type and format into one family: `type-generalized`, `type-specialized`, `type-changed`. */
function typeAction(effect: Effect, direction: "request" | "response"): string {
  if (effect === "widens") return "type-generalized";
  if (effect === "narrows" && direction === "response") return "type-specialized";
  return "type-changed";
}

// --- The rows ----------------------------------------------------------------------------------------

const KEYWORD_RULES: Readonly<Record<string, KeywordClassifier>> = {
  properties: (context) => propertyChange(context, String(context.site.rest[0])),
  required: requiredChanges,
  type: typeAndNullabilityChanges,
  nullable: typeAndNullabilityChanges,
  format: (context) =>
    transition(context, "format", {
      area: "format",
      action: (kind, before, after) => typeAction(formatEffect(kind, before, after), context.scope.direction),
      effect: formatEffect,
      wording: "values",
      noun: "format",
    }),
  enum: enumChanges,
  const: (context) =>
    transition(context, "const", {
      area: "enum",
      action: actions("const-added", "const-removed", "const-changed"),
      effect: (kind) => (kind === "added" ? "narrows" : kind === "removed" ? "widens" : "incomparable"),
      wording: "values",
      noun: "const",
    }),
  maxLength: (context) => transition(context, "maxLength", bound("max-length")),
  minLength: (context) => transition(context, "minLength", bound("min-length")),
  maximum: (context) => transition(context, "maximum", bound("max")),
  minimum: (context) => transition(context, "minimum", bound("min")),
  exclusiveMaximum: (context) => transition(context, "exclusiveMaximum", bound("exclusive-max")),
  exclusiveMinimum: (context) => transition(context, "exclusiveMinimum", bound("exclusive-min")),
  maxItems: (context) => transition(context, "maxItems", bound("max-items")),
  minItems: (context) => transition(context, "minItems", bound("min-items")),
  maxProperties: (context) => transition(context, "maxProperties", bound("max-properties")),
  minProperties: (context) => transition(context, "minProperties", bound("min-properties")),
  maxContains: (context) => transition(context, "maxContains", bound("max-contains")),
  minContains: (context) => transition(context, "minContains", bound("min-contains")),
  pattern: (context) =>
    transition(context, "pattern", {
      area: "constraint",
      action: actions("pattern-added", "pattern-removed", "pattern-changed"),
      effect: (kind) => (kind === "added" ? "narrows" : kind === "removed" ? "widens" : "unknown"),
      wording: "values",
    }),
  multipleOf: (context) =>
    transition(context, "multipleOf", {
      area: "constraint",
      action: actions("multiple-of-set", "multiple-of-unset", "multiple-of-changed"),
      effect: (kind) => (kind === "added" ? "narrows" : kind === "removed" ? "widens" : "incomparable"),
      wording: "values",
    }),
  uniqueItems: (context) =>
    transition(context, "uniqueItems", {
      area: "constraint",
      action: (_, __, after) => (after === true ? "unique-items-set" : "unique-items-unset"),
      effect: (_, __, after) => (after === true ? "narrows" : "widens"),
      wording: "values",
    }),
  oneOf: (context) => compositionChange(context, "oneOf"),
  anyOf: (context) => compositionChange(context, "anyOf"),
  allOf: (context) => compositionChange(context, "allOf"),
  additionalProperties: (context) =>
    transition(context, "additionalProperties", {
      area: "schema",
      // `false` closes an object to unknown properties; absent, `true` or a schema leaves it open.
      action: (_, before, after) =>
        (before === false) === (after === false)
          ? "additional-properties-changed"
          : after === false
            ? "additional-properties-closed"
            : "additional-properties-opened",
      effect: (_, before, after) =>
        (before === false) === (after === false) ? "unknown" : after === false ? "narrows" : "widens",
      wording: "values",
    }),
  default: (context) =>
    transition(context, "default", {
      area: "default",
      action: actions("default-value-added", "default-value-removed", "default-value-changed"),
      effect: () => "none",
      wording: "values",
    }),
  deprecated: deprecationChange,
  readOnly: (context) => accessChange(context, "readOnly", "read-only"),
  writeOnly: (context) => accessChange(context, "writeOnly", "write-only"),
  discriminator: (context) =>
    transition(context, "discriminator", {
      area: "schema",
      action: actions("discriminator-added", "discriminator-removed", "discriminator-mapping-changed"),
      effect: () => "none",
      wording: "presence",
    }),
  description: (context) => transition(context, "description", DOCUMENTATION),
  title: (context) => transition(context, "title", DOCUMENTATION),
  example: (context) => transition(context, "example", DOCUMENTATION),
  examples: (context) => transition(context, "examples", DOCUMENTATION),
  externalDocs: (context) => transition(context, "externalDocs", DOCUMENTATION),
  $comment: (context) => transition(context, "$comment", DOCUMENTATION),
  xml: (context) => transition(context, "xml", DOCUMENTATION),
};

function requiredNames(schema: Record<string, unknown> | undefined): Set<string> {
  const required = schema?.required;
  return new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === "string") : []);
}

function hasProperty(schema: Record<string, unknown> | undefined, name: string): boolean {
  return isRecord(schema?.properties) && Object.hasOwn(schema.properties, name);
}

function propertyChange(context: SiteContext, name: string): SpecChange[] {
  const { scope, site, diff } = context;
  const field = childField(site.field, name);
  const inRequest = scope.direction === "request";
  const at = ["properties", name];
  if (diff.action === "add") {
    const required = requiredNames(schemaOf(context.afterNode)).has(name);
    const presence = required ? "required" : "optional";
    const rule = inRequest ? `new-${presence}-request-property` : `response-${presence}-property-added`;
    const summary = [inRequest && required ? "added required field " : "added field ", code(field)];
    const verdict = ruleVerdict(rule, inRequest && required ? "breaking" : "non-breaking");
    return [
      emit(context, {
        kind: "added",
        area: scope.fieldArea,
        summary,
        verdict,
        at,
        side: "after",
        field,
        after: diff.after,
      }),
    ];
  }
  if (diff.action === "remove") {
    const required = requiredNames(schemaOf(context.beforeNode)).has(name);
    // A removed request field may be ignored or rejected by the server: oasdiff warns.
    const rule = inRequest
      ? "request-property-removed"
      : `response-${required ? "required" : "optional"}-property-removed`;
    const summary = [!inRequest && !required ? "removed optional field " : "removed field ", code(field)];
    const verdict = ruleVerdict(rule, !inRequest && required ? "breaking" : "potentially-breaking");
    return [
      emit(context, {
        kind: "removed",
        area: scope.fieldArea,
        summary,
        verdict,
        at,
        side: "before",
        field,
        before: diff.before,
      }),
    ];
  }
  return genericChange(context);
}

/** Fields that stayed but moved in or out of `required` (added or removed fields say so themselves). */
function requiredChanges(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const beforeSchema = schemaOf(context.beforeNode);
  const afterSchema = schemaOf(context.afterNode);
  const before = requiredNames(beforeSchema);
  const after = requiredNames(afterSchema);
  const kept = (name: string) => hasProperty(beforeSchema, name) && hasProperty(afterSchema, name);
  const moved = [
    ...[...after].filter((name) => !before.has(name) && kept(name)).map((name) => [name, true] as const),
    ...[...before].filter((name) => !after.has(name) && kept(name)).map((name) => [name, false] as const),
  ];
  return moved.map(([name, required]) => {
    const field = childField(site.field, name);
    const change = requirednessChange(`${scope.direction}-property`, required, scope.direction);
    return emit(context, {
      kind: "changed",
      area: "required",
      summary: ["field ", code(field), " ", ...change.words],
      verdict: change.verdict,
      at: ["required"],
      side: "after",
      field,
      before: !required,
      after: required,
    });
  });
}

/** The JSON types a schema allows, `null` aside; empty when it does not constrain the type. */
export function typeSet(schema: Record<string, unknown> | undefined): Set<string> {
  const type = schema?.type;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return new Set(types.filter((entry): entry is string => typeof entry === "string" && entry !== "null"));
}

/** Nullable in any of OpenAPI's three spellings: `nullable: true`, a `'null'` type, a `oneOf`/`anyOf` null branch. */
export function isNullable(document: SpecDocument, located: Located | undefined): boolean {
  const schema = schemaOf(located);
  if (schema === undefined || located === undefined) return false;
  if (schema.nullable === true) return true;
  const type = schema.type;
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  return ["oneOf", "anyOf"].some((keyword) => {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) return false;
    return branches.some((_, index) => isNullBranch(schemaOf(walk(document, located, [keyword, index]))));
  });
}

function isNullBranch(schema: Record<string, unknown> | undefined): boolean {
  return (
    schema !== undefined &&
    (schema.type === "null" || (Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === "null"))
  );
}

function covers(types: ReadonlySet<string>, type: string, stronglyTyped: boolean): boolean {
  return types.has(type) || (type === "integer" && types.has("number")) || (!stronglyTyped && types.has("string"));
}

/**
 * Widens, narrows or neither, with `integer` inside `number`, "no type" meaning any type, and in text
 * (not strongly typed) `string` holding every other type.
 */
export function typeEffect(before: ReadonlySet<string>, after: ReadonlySet<string>, stronglyTyped = true): Effect {
  if (before.size === 0 && after.size === 0) return "none";
  if (before.size === 0) return "narrows";
  if (after.size === 0) return "widens";
  const afterCoversBefore = [...before].every((type) => covers(after, type, stronglyTyped));
  const beforeCoversAfter = [...after].every((type) => covers(before, type, stronglyTyped));
  if (afterCoversBefore && beforeCoversAfter) return "none";
  if (afterCoversBefore) return "widens";
  if (beforeCoversAfter) return "narrows";
  return "incomparable";
}

function typeLabel(types: ReadonlySet<string>): string {
  return types.size === 0 ? "any" : [...types].sort().join(" | ");
}

function typeAndNullabilityChanges(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const changes: SpecChange[] = [];
  const beforeTypes = typeSet(schemaOf(context.beforeNode));
  const afterTypes = typeSet(schemaOf(context.afterNode));
  if (typeLabel(beforeTypes) !== typeLabel(afterTypes)) {
    const effect = typeEffect(beforeTypes, afterTypes, scope.stronglyTyped);
    const [from, to] = [typeLabel(beforeTypes), typeLabel(afterTypes)];
    changes.push(
      emit(context, {
        kind: "changed",
        area: "type",
        summary: ["changed type", ...ofField(site.field), " from ", code(from), " to ", code(to)],
        verdict: verdictFor(context, typeAction(effect, scope.direction), effect),
        at: ["type"],
        side: "after",
        before: from,
        after: to,
      }),
    );
  }
  const wasNullable = isNullable(scope.before, context.beforeNode);
  const isNowNullable = isNullable(scope.after, context.afterNode);
  if (wasNullable !== isNowNullable) {
    const effect: Effect = isNowNullable ? "widens" : "narrows";
    changes.push(
      emit(context, {
        kind: "changed",
        area: "nullable",
        summary: [...subject(scope, site.field), isNowNullable ? " became nullable" : " became non-nullable"],
        verdict: verdictFor(context, isNowNullable ? "became-nullable" : "became-not-nullable", effect),
        at: [],
        side: "after",
        before: wasNullable,
        after: isNowNullable,
      }),
    );
  }
  return changes;
}

function enumValues(schema: Record<string, unknown> | undefined): Map<string, unknown> | undefined {
  const values = schema?.enum;
  if (!Array.isArray(values)) return undefined;
  return new Map(values.map((value) => [JSON.stringify(value), value]));
}

function listOf(values: readonly unknown[]): MessagePart[] {
  return values.flatMap((value, index) => (index === 0 ? [codeValue(value)] : [", ", codeValue(value)]));
}

function enumChanges(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const before = enumValues(schemaOf(context.beforeNode));
  const after = enumValues(schemaOf(context.afterNode));
  // A value a client may not know is oasdiff's response-property-enum-value-added warning; the same holds
  // for a response value no longer restricted at all.
  const unknownValue: Effect = scope.direction === "response" ? "unknown" : "widens";
  const change = (kind: ChangeKind, summary: MessagePart[], verdict: Verdict, value: unknown) =>
    emit(context, {
      kind,
      area: "enum",
      summary,
      verdict,
      at: ["enum"],
      side: kind === "removed" ? "before" : "after",
      ...(kind === "removed" ? { before: value } : { after: value }),
    });
  if (before === undefined && after !== undefined) {
    const values = [...after.values()];
    const summary = ["added an enum", ...toField(site.field), ": ", ...listOf(values)];
    return [change("added", summary, verdictFor(context, "became-enum", "narrows"), values)];
  }
  if (after === undefined && before !== undefined) {
    const summary = ["removed the enum", ...fromField(site.field)];
    return [change("removed", summary, verdictFor(context, "enum-removed", unknownValue), [...before.values()])];
  }
  const added = [...(after ?? [])].filter(([key]) => !before?.has(key));
  const removed = [...(before ?? [])].filter(([key]) => !after?.has(key));
  return [
    ...added.map(([, value]) =>
      change(
        "added",
        ["added enum value ", codeValue(value), ...toField(site.field)],
        verdictFor(context, "enum-value-added", unknownValue),
        value,
      ),
    ),
    ...removed.map(([, value]) =>
      change(
        "removed",
        ["removed enum value ", codeValue(value), ...fromField(site.field)],
        verdictFor(context, "enum-value-removed", "narrows"),
        value,
      ),
    ),
  ];
}

/**
 * api-smart-diff compares a plain schema with a `oneOf` by wrapping the plain one in a one-branch `oneOf`,
 * so its paths can name branches that one spec does not have. Returns how many node tokens lead to the
 * composition that exists on one side only, or undefined when both specs have every step.
 */
function misalignedComposition(context: SiteContext): number | undefined {
  const { scope, site } = context;
  const tokens =
    site.keyword !== undefined && ["oneOf", "anyOf", "allOf"].includes(site.keyword)
      ? [...site.nodeTokens, site.keyword]
      : site.nodeTokens;
  const index = tokens.findIndex((token) => token === "oneOf" || token === "anyOf" || token === "allOf");
  if (index === -1) return undefined;
  const node = tokens.slice(0, index);
  const keyword = tokens[index] as string;
  const onBoth = [
    [scope.before, scope.beforeRoot],
    [scope.after, scope.afterRoot],
  ] as const;
  const aligned = onBoth.every(
    ([document, root]) => root === undefined || Array.isArray(schemaOf(walk(document, root, node))?.[keyword]),
  );
  return aligned ? undefined : index;
}

/** The whole node whose composition changed shape: its nullability if that moved, else an unknown change. */
function compositionRewritten(context: SiteContext, index: number): SpecChange[] {
  const { scope, site } = context;
  const tokens = site.keyword === undefined ? site.nodeTokens : [...site.nodeTokens, site.keyword];
  const nodeTokens = tokens.slice(0, index);
  const keyword = String(tokens[index]);
  const node: SiteContext = {
    ...context,
    site: { nodeTokens, field: site.field, keyword, rest: [] },
    beforeNode: scope.beforeRoot && walk(scope.before, scope.beforeRoot, nodeTokens),
    afterNode: scope.afterRoot && walk(scope.after, scope.afterRoot, nodeTokens),
  };
  const changes = typeAndNullabilityChanges(node);
  if (changes.length > 0) return changes;
  return [
    emit(node, {
      kind: "changed",
      area: "schema",
      summary: ["changed ", code(keyword), ...ofField(site.field)],
      verdict: verdictFor(node, "wrapped-in-one-of", "unknown"),
      at: [],
      side: "after",
    }),
  ];
}

/** A branch as a reader knows it: the schema it refers to, else its title, else its type, else its position. */
function branchName(document: SpecDocument, node: Located, keyword: string, position: Token): string {
  const slot = walk(document, node, [keyword, position], false);
  const ref = isRecord(slot?.value) ? slot.value.$ref : undefined;
  if (typeof ref === "string") return parsePointer(decodeUriText(ref)).at(-1) ?? ref;
  const schema = schemaOf(walk(document, node, [keyword, position]));
  if (typeof schema?.title === "string") return schema.title;
  const types = typeSet(schema);
  return types.size > 0 ? typeLabel(types) : `#${String(position)}`;
}

const COMPOSITION_WORDS = {
  oneOf: ["a ", "alternative", "one-of"],
  anyOf: ["an ", "alternative", "any-of"],
  allOf: ["an ", "part", "all-of"],
} as const;

function compositionChange(context: SiteContext, keyword: "oneOf" | "anyOf" | "allOf"): SpecChange[] {
  const { scope, site, diff } = context;
  const nullability =
    keyword === "allOf" ? [] : typeAndNullabilityChanges(context).filter((change) => change.area === "nullable");
  const position = site.rest[0];
  if (position === undefined || site.rest.length !== 1 || (diff.action !== "add" && diff.action !== "remove")) {
    return nullability.length > 0 ? nullability : genericChange(context);
  }
  const adds = diff.action === "add";
  const document = adds ? scope.after : scope.before;
  const node = adds ? context.afterNode : context.beforeNode;
  if (node === undefined || isNullBranch(schemaOf(walk(document, node, [keyword, position])))) return nullability;
  // An alternative more (oneOf/anyOf) allows more; a conjunct more (allOf) allows less.
  const effect: Effect = (keyword === "allOf") === adds ? "narrows" : "widens";
  const [article, noun, action] = COMPOSITION_WORDS[keyword];
  const name = branchName(document, node, keyword, position);
  const phrase = [article, code(keyword), ` ${noun} `, code(name)];
  const summary = adds
    ? ["added ", ...phrase, ...toField(site.field)]
    : ["removed ", ...phrase, ...fromField(site.field)];
  const ruleAction = `${action}-${adds ? "added" : "removed"}`;
  const rule = `${site.field === "" ? scope.subject.root : scope.subject.field}-${ruleAction}`;
  // oasdiff only informs about a new anyOf branch in a response; a generated union type grows all the same.
  const verdict =
    keyword === "anyOf" && adds && scope.direction === "response"
      ? stricterVerdict(rule, "breaking")
      : verdictFor(context, ruleAction, effect);
  const change = emit(context, {
    kind: adds ? "added" : "removed",
    area: "schema",
    summary,
    verdict,
    at: [keyword, position],
    side: adds ? "after" : "before",
    ...(adds ? { after: diff.after } : { before: diff.before }),
  });
  return [...nullability, change];
}

function deprecationChange(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const deprecated = schemaOf(context.afterNode)?.deprecated === true;
  return [
    emit(context, {
      kind: "changed",
      area: "deprecation",
      summary: [deprecated ? "deprecated " : "un-deprecated ", ...subject(scope, site.field)],
      verdict: verdictFor(context, deprecated ? "deprecated" : "reactivated", "none"),
      at: ["deprecated"],
      side: "after",
      after: deprecated,
    }),
  ];
}

/** readOnly/writeOnly: oasdiff's `<direction>-<required|optional>-property-became-[not-]read-only`. */
function accessChange(context: SiteContext, keyword: "readOnly" | "writeOnly", name: string): SpecChange[] {
  const { scope, site } = context;
  const now = schemaOf(context.afterNode)?.[keyword] === true;
  const propertyName = site.nodeTokens.at(-1);
  const parent = scope.afterRoot && walk(scope.after, scope.afterRoot, site.nodeTokens.slice(0, -2));
  const required = typeof propertyName === "string" && requiredNames(schemaOf(parent)).has(propertyName);
  const rule = `${scope.direction}-${required ? "required" : "optional"}-property-became-${now ? "" : "not-"}${name}`;
  return [
    emit(context, {
      kind: "changed",
      area: "schema",
      summary: [...subject(scope, site.field), now ? ` became ${keyword}` : ` is no longer ${keyword}`],
      verdict: ruleVerdict(rule, "non-breaking"),
      at: [keyword],
      side: "after",
      after: now,
    }),
  ];
}

/** No rule here knows this keyword: keep api-smart-diff's verdict and say what moved. */
function genericChange(context: SiteContext): SpecChange[] {
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
