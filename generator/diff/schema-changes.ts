// Classifies one change inside a schema (a body, a parameter or a response header) for a client.
// api-smart-diff says where something changed; the verdict comes from comparing the whole schema node
// on both sides, because its own verdicts are often wrong for a client (a response field's type change
// came out "non-breaking") and because one logical change (nullable via `type: [..., 'null']`, enum
// values by index) arrives as several raw diffs.
import {
  code,
  codeValue,
  makeChange,
  severityOf,
  type ChangeArea,
  type ChangeKind,
  type ChangeSeverity,
  type Effect,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { isRecord, pointerOf, walk, walkToSlot, type Located, type SpecDocument, type Token } from "./spec-walk.js";

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
  /** `GET /tasks/{task_id}` */
  operation: string;
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

const COMPOSITIONS = new Set(["allOf", "oneOf", "anyOf", "prefixItems"]);
const DOCUMENTATION_KEYWORDS = new Set([
  "description",
  "title",
  "example",
  "examples",
  "externalDocs",
  "$comment",
  "xml",
]);
// For these bounds a larger value allows more; for the `min` family and the rest, less.
const UPPER_BOUNDS = new Set(["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains"]);
const LOWER_BOUNDS = new Set(["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains"]);

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
  if (keyword === "properties") return propertyChange(context, String(site.rest[0]));
  if (keyword === "required") return requiredChanges(context);
  if (keyword === "type" || keyword === "nullable") return typeAndNullabilityChanges(context);
  if (keyword === "format") return formatChange(context);
  if (keyword === "enum") return enumChanges(context);
  if (keyword === "const") return constChange(context);
  if (
    UPPER_BOUNDS.has(keyword) ||
    LOWER_BOUNDS.has(keyword) ||
    keyword === "pattern" ||
    keyword === "multipleOf" ||
    keyword === "uniqueItems"
  ) {
    return constraintChange(context, keyword);
  }
  if (keyword === "oneOf" || keyword === "anyOf" || keyword === "allOf") return compositionChange(context, keyword);
  if (keyword === "additionalProperties") return additionalPropertiesChange(context);
  if (keyword === "default") return keywordChange(context, keyword, "default", "none");
  if (keyword === "deprecated") return deprecationChange(context);
  if (keyword === "readOnly" || keyword === "writeOnly" || keyword === "discriminator")
    return keywordChange(context, keyword, "schema", "none");
  if (DOCUMENTATION_KEYWORDS.has(keyword) || keyword.startsWith("x-"))
    return keywordChange(context, keyword, "documentation", "none");
  return genericChange(context);
}

interface SiteContext {
  scope: SchemaScope;
  site: SchemaSite;
  beforeNode: Located | undefined;
  afterNode: Located | undefined;
  diff: RawSchemaDiff;
}

interface Finding {
  kind: ChangeKind;
  area: ChangeArea;
  summary: readonly MessagePart[];
  severity: ChangeSeverity;
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
    severity: finding.severity,
    summary: [...scope.prefix, ...finding.summary],
    before: finding.before,
    after: finding.after,
    operation: scope.operation,
    field: finding.field ?? site.field,
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
    const summary = [inRequest && required ? "added required field " : "added field ", code(field)];
    const severity: ChangeSeverity = inRequest && required ? "breaking" : "non-breaking";
    return [
      emit(context, {
        kind: "added",
        area: scope.fieldArea,
        summary,
        severity,
        at,
        side: "after",
        field,
        after: diff.after,
      }),
    ];
  }
  if (diff.action === "remove") {
    const required = requiredNames(schemaOf(context.beforeNode)).has(name);
    // oasdiff: a removed required response field breaks clients; a removed optional one or a removed
    // request field may (the server may ignore or reject it). A generated client also loses the member.
    const severity: ChangeSeverity = !inRequest && required ? "breaking" : "potentially-breaking";
    const summary = [!inRequest && !required ? "removed optional field " : "removed field ", code(field)];
    return [
      emit(context, {
        kind: "removed",
        area: scope.fieldArea,
        summary,
        severity,
        at,
        side: "before",
        field,
        before: diff.before,
      }),
    ];
  }
  return genericChange(context);
}

function requiredChanges(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const beforeSchema = schemaOf(context.beforeNode);
  const afterSchema = schemaOf(context.afterNode);
  const before = requiredNames(beforeSchema);
  const after = requiredNames(afterSchema);
  const changes: SpecChange[] = [];
  // A field added or removed together with its required-ness is reported once, as that addition or removal.
  for (const name of [...after].filter(
    (name) => !before.has(name) && hasProperty(beforeSchema, name) && hasProperty(afterSchema, name),
  )) {
    const field = childField(site.field, name);
    const effect: Effect = "narrows";
    const summary = ["field ", code(field), " became required"];
    changes.push(
      emit(context, {
        kind: "changed",
        area: "required",
        summary,
        severity: severityOf(effect, scope.direction),
        at: ["required"],
        side: "after",
        field,
        before: false,
        after: true,
      }),
    );
  }
  for (const name of [...before].filter(
    (name) => !after.has(name) && hasProperty(beforeSchema, name) && hasProperty(afterSchema, name),
  )) {
    const field = childField(site.field, name);
    const summary = ["field ", code(field), " became optional"];
    changes.push(
      emit(context, {
        kind: "changed",
        area: "required",
        summary,
        severity: severityOf("widens", scope.direction),
        at: ["required"],
        side: "after",
        field,
        before: true,
        after: false,
      }),
    );
  }
  return changes;
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

function covers(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

/** Widens, narrows or neither, with `integer` inside `number` and "no type" meaning any type. */
export function typeEffect(before: ReadonlySet<string>, after: ReadonlySet<string>): Effect {
  if (before.size === 0 && after.size === 0) return "none";
  if (before.size === 0) return "narrows";
  if (after.size === 0) return "widens";
  const afterCoversBefore = [...before].every((type) => covers(after, type));
  const beforeCoversAfter = [...after].every((type) => covers(before, type));
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
  const effect = typeEffect(beforeTypes, afterTypes);
  const typesDiffer = typeLabel(beforeTypes) !== typeLabel(afterTypes);
  if (typesDiffer) {
    const summary = [
      "changed type",
      ...ofField(site.field),
      " from ",
      code(typeLabel(beforeTypes)),
      " to ",
      code(typeLabel(afterTypes)),
    ];
    const severity = severityOf(effect, scope.direction);
    changes.push(
      emit(context, {
        kind: "changed",
        area: "type",
        summary,
        severity,
        at: ["type"],
        side: "after",
        before: typeLabel(beforeTypes),
        after: typeLabel(afterTypes),
      }),
    );
  }
  const wasNullable = isNullable(scope.before, context.beforeNode);
  const isNowNullable = isNullable(scope.after, context.afterNode);
  if (wasNullable !== isNowNullable) {
    const summary = [...subject(scope, site.field), isNowNullable ? " became nullable" : " became non-nullable"];
    const severity = severityOf(isNowNullable ? "widens" : "narrows", scope.direction);
    changes.push(
      emit(context, {
        kind: "changed",
        area: "nullable",
        summary,
        severity,
        at: [],
        side: "after",
        before: wasNullable,
        after: isNowNullable,
      }),
    );
  }
  return changes;
}

function formatChange(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const before = schemaOf(context.beforeNode)?.format;
  const after = schemaOf(context.afterNode)?.format;
  if (before === after) return [];
  // A format constrains a type: setting one narrows, dropping one widens, swapping one for another is neither.
  if (before === undefined) {
    const summary = ["set format", ...ofField(site.field), " to ", codeValue(after)];
    return [
      emit(context, {
        kind: "added",
        area: "format",
        summary,
        severity: severityOf("narrows", scope.direction),
        at: ["format"],
        side: "after",
        after,
      }),
    ];
  }
  if (after === undefined) {
    const summary = ["removed format ", codeValue(before), ...fromField(site.field)];
    return [
      emit(context, {
        kind: "removed",
        area: "format",
        summary,
        severity: severityOf("widens", scope.direction),
        at: ["format"],
        side: "before",
        before,
      }),
    ];
  }
  const summary = ["changed format", ...ofField(site.field), " from ", codeValue(before), " to ", codeValue(after)];
  return [
    emit(context, {
      kind: "changed",
      area: "format",
      summary,
      severity: severityOf("incomparable", scope.direction),
      at: ["format"],
      side: "after",
      before,
      after,
    }),
  ];
}

function enumValues(schema: Record<string, unknown> | undefined): Map<string, unknown> | undefined {
  const values = schema?.enum;
  if (!Array.isArray(values)) return undefined;
  return new Map(values.map((value) => [JSON.stringify(value), value]));
}

function enumChanges(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const before = enumValues(schemaOf(context.beforeNode));
  const after = enumValues(schemaOf(context.afterNode));
  if (before === undefined && after === undefined) return [];
  if (before === undefined && after !== undefined) {
    const values = [...after.values()];
    const summary = ["added an enum", ...toField(site.field), ": ", ...listOf(values)];
    return [
      emit(context, {
        kind: "added",
        area: "enum",
        summary,
        severity: severityOf("narrows", scope.direction),
        at: ["enum"],
        side: "after",
        after: values,
      }),
    ];
  }
  if (after === undefined && before !== undefined) {
    const values = [...before.values()];
    // Like a new enum value, an unrestricted response value is something a client may not handle: oasdiff warns.
    const severity: ChangeSeverity = scope.direction === "response" ? "potentially-breaking" : "non-breaking";
    const summary = ["removed the enum", ...fromField(site.field)];
    return [
      emit(context, { kind: "removed", area: "enum", summary, severity, at: ["enum"], side: "before", before: values }),
    ];
  }
  const changes: SpecChange[] = [];
  for (const [key, value] of after ?? []) {
    if (before?.has(key)) continue;
    // oasdiff's response-property-enum-value-added is a warning: the client may not know the value.
    const severity: ChangeSeverity = scope.direction === "response" ? "potentially-breaking" : "non-breaking";
    const summary = ["added enum value ", codeValue(value), ...toField(site.field)];
    changes.push(
      emit(context, { kind: "added", area: "enum", summary, severity, at: ["enum"], side: "after", after: value }),
    );
  }
  for (const [key, value] of before ?? []) {
    if (after?.has(key)) continue;
    const summary = ["removed enum value ", codeValue(value), ...fromField(site.field)];
    changes.push(
      emit(context, {
        kind: "removed",
        area: "enum",
        summary,
        severity: severityOf("narrows", scope.direction),
        at: ["enum"],
        side: "before",
        before: value,
      }),
    );
  }
  return changes;
}

function listOf(values: readonly unknown[]): MessagePart[] {
  return values.flatMap((value, index) => (index === 0 ? [codeValue(value)] : [", ", codeValue(value)]));
}

function constChange(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const beforeSchema = schemaOf(context.beforeNode);
  const afterSchema = schemaOf(context.afterNode);
  const hadConst = beforeSchema !== undefined && Object.hasOwn(beforeSchema, "const");
  const hasConst = afterSchema !== undefined && Object.hasOwn(afterSchema, "const");
  const before = beforeSchema?.const;
  const after = afterSchema?.const;
  if (!hadConst && hasConst) {
    const summary = ["set const", ...ofField(site.field), " to ", codeValue(after)];
    return [
      emit(context, {
        kind: "added",
        area: "enum",
        summary,
        severity: severityOf("narrows", scope.direction),
        at: ["const"],
        side: "after",
        after,
      }),
    ];
  }
  if (hadConst && !hasConst) {
    const summary = ["removed const ", codeValue(before), ...fromField(site.field)];
    return [
      emit(context, {
        kind: "removed",
        area: "enum",
        summary,
        severity: severityOf("widens", scope.direction),
        at: ["const"],
        side: "before",
        before,
      }),
    ];
  }
  const summary = ["changed const", ...ofField(site.field), " from ", codeValue(before), " to ", codeValue(after)];
  return [
    emit(context, {
      kind: "changed",
      area: "enum",
      summary,
      severity: severityOf("incomparable", scope.direction),
      at: ["const"],
      side: "after",
      before,
      after,
    }),
  ];
}

function boundEffect(keyword: string, before: unknown, after: unknown): Effect {
  if (keyword === "pattern") return before === undefined ? "narrows" : after === undefined ? "widens" : "unknown";
  if (keyword === "multipleOf")
    return before === undefined ? "narrows" : after === undefined ? "widens" : "incomparable";
  if (keyword === "uniqueItems") return after === true ? "narrows" : "widens";
  // OpenAPI 3.0 spells exclusive bounds as booleans: turning one on narrows.
  if (typeof before === "boolean" || typeof after === "boolean") return after === true ? "narrows" : "widens";
  if (before === undefined) return "narrows";
  if (after === undefined) return "widens";
  if (typeof before !== "number" || typeof after !== "number") return "unknown";
  const larger = after > before;
  return UPPER_BOUNDS.has(keyword) === larger ? "widens" : "narrows";
}

function constraintChange(context: SiteContext, keyword: string): SpecChange[] {
  const { scope, site } = context;
  const before = schemaOf(context.beforeNode)?.[keyword];
  const after = schemaOf(context.afterNode)?.[keyword];
  if (before === after) return [];
  const severity = severityOf(boundEffect(keyword, before, after), scope.direction);
  if (before === undefined) {
    const summary = ["set ", code(keyword), ...ofField(site.field), " to ", codeValue(after)];
    return [
      emit(context, { kind: "added", area: "constraint", summary, severity, at: [keyword], side: "after", after }),
    ];
  }
  if (after === undefined) {
    const summary = ["removed ", code(keyword), " ", codeValue(before), ...fromField(site.field)];
    return [
      emit(context, { kind: "removed", area: "constraint", summary, severity, at: [keyword], side: "before", before }),
    ];
  }
  const summary = [
    "changed ",
    code(keyword),
    ...ofField(site.field),
    " from ",
    codeValue(before),
    " to ",
    codeValue(after),
  ];
  return [
    emit(context, {
      kind: "changed",
      area: "constraint",
      summary,
      severity,
      at: [keyword],
      side: "after",
      before,
      after,
    }),
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
      severity: "potentially-breaking",
      at: [],
      side: "after",
    }),
  ];
}

function compositionChange(context: SiteContext, keyword: "oneOf" | "anyOf" | "allOf"): SpecChange[] {
  const { scope, site, diff } = context;
  const nullability =
    keyword === "allOf" ? [] : typeAndNullabilityChanges(context).filter((change) => change.area === "nullable");
  const position = site.rest[0];
  if (site.rest.length !== 1 || (diff.action !== "add" && diff.action !== "remove")) {
    return nullability.length > 0 ? nullability : genericChange(context);
  }
  const side = diff.action === "add" ? "after" : "before";
  const document = side === "after" ? scope.after : scope.before;
  const node = side === "after" ? context.afterNode : context.beforeNode;
  const branch = node && walk(document, node, [keyword, position as Token]);
  if (isNullBranch(schemaOf(branch))) return nullability;
  // An alternative more (oneOf/anyOf) allows more; a conjunct more (allOf) allows less.
  const adds = diff.action === "add";
  const effect: Effect = (keyword === "allOf") === adds ? "narrows" : "widens";
  const phrase =
    keyword === "oneOf"
      ? ["a ", code(keyword), " alternative"]
      : keyword === "anyOf"
        ? ["an ", code(keyword), " alternative"]
        : ["an ", code(keyword), " part"];
  const summary = adds
    ? ["added ", ...phrase, ...toField(site.field)]
    : ["removed ", ...phrase, ...fromField(site.field)];
  const change = emit(context, {
    kind: adds ? "added" : "removed",
    area: "schema",
    summary,
    severity: severityOf(effect, scope.direction),
    at: [keyword, position as Token],
    side,
    ...(adds ? { after: diff.after } : { before: diff.before }),
  });
  return [...nullability, change];
}

/** `false` closes an object to unknown properties; absent, `true` or a schema leaves it open. */
function additionalPropertiesChange(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const before = schemaOf(context.beforeNode)?.additionalProperties;
  const after = schemaOf(context.afterNode)?.additionalProperties;
  const wasClosed = before === false;
  const isClosed = after === false;
  const effect: Effect = wasClosed === isClosed ? "unknown" : isClosed ? "narrows" : "widens";
  const summary = [
    "changed ",
    code("additionalProperties"),
    ...ofField(site.field),
    " from ",
    codeValue(before ?? true),
    " to ",
    codeValue(after ?? true),
  ];
  return [
    emit(context, {
      kind: "changed",
      area: "schema",
      summary,
      severity: severityOf(effect, scope.direction),
      at: ["additionalProperties"],
      side: "after",
      before,
      after,
    }),
  ];
}

function deprecationChange(context: SiteContext): SpecChange[] {
  const { scope, site } = context;
  const deprecated = schemaOf(context.afterNode)?.deprecated === true;
  const summary = [deprecated ? "deprecated " : "un-deprecated ", ...subject(scope, site.field)];
  return [
    emit(context, {
      kind: "changed",
      area: "deprecation",
      summary,
      severity: "non-breaking",
      at: ["deprecated"],
      side: "after",
      after: deprecated,
    }),
  ];
}

/** A keyword whose change has a fixed effect, worded as added, removed or changed. */
function keywordChange(context: SiteContext, keyword: string, area: ChangeArea, effect: Effect): SpecChange[] {
  const { scope, site } = context;
  const before = schemaOf(context.beforeNode)?.[keyword];
  const after = schemaOf(context.afterNode)?.[keyword];
  const kind: ChangeKind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
  const severity = severityOf(effect, scope.direction);
  return [
    emit(context, {
      kind,
      area,
      summary: verbPhrase(kind, keyword, site.field),
      severity,
      at: [keyword],
      side: kind === "removed" ? "before" : "after",
      before,
      after,
    }),
  ];
}

function verbPhrase(kind: ChangeKind, what: string, field: string): MessagePart[] {
  if (kind === "added") return ["added ", code(what), ...toField(field)];
  if (kind === "removed") return ["removed ", code(what), ...fromField(field)];
  return ["changed ", code(what), ...ofField(field)];
}

/** No rule here knows this keyword: keep api-smart-diff's verdict and say what moved. */
function genericChange(context: SiteContext): SpecChange[] {
  const { site, diff } = context;
  const kind: ChangeKind = diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
  const what = site.keyword === undefined ? "schema" : [site.keyword, ...site.rest].join("/");
  const at = site.keyword === undefined ? [] : [site.keyword, ...site.rest];
  return [
    emit(context, {
      kind,
      area: "schema",
      summary: verbPhrase(kind, what, site.field),
      severity: diff.fallbackSeverity,
      at,
      side: kind === "removed" ? "before" : "after",
      before: diff.before,
      after: diff.after,
    }),
  ];
}
