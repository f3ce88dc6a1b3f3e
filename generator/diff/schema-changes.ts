// Classifies one change inside a schema (a body, a parameter or a response header) for a client.
// api-smart-diff says where something changed; the verdict comes from comparing the whole schema node
// on both sides, because its own verdicts are often wrong for a client (a response field's type change
// came out "non-breaking") and because one logical change (nullable via `type: [..., 'null']`, enum
// values by index) arrives as several raw diffs. Each keyword is one row of KEYWORD_RULES; the rule id
// is oasdiff's, composed from where the schema is (`request-property-`) and what moved (`max-increased`).
import {
  code,
  codeValue,
  type ChangeArea,
  type ChangeKind,
  type Effect,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { requirednessChange } from "./requiredness.js";
import { ruleVerdict, type Verdict } from "./rules.js";
import { compositionChange, compositionRewritten, misalignedComposition } from "./schema-compositions.js";
import {
  childField,
  emit,
  fromField,
  genericChange,
  kindOf,
  ofField,
  parseSchemaPath,
  schemaOf,
  subject,
  toField,
  verdictFor,
  walkSchema,
  type RawSchemaDiff,
  type SchemaScope,
  type SiteContext,
} from "./schema-site.js";
import { formatEffect, typeAction, typeAndNullabilityChanges } from "./schema-types.js";
import { isRecord } from "./spec-walk.js";

export type { RuleSubject, SchemaScope } from "./schema-site.js";

type KeywordClassifier = (context: SiteContext) => SpecChange[];

export function classifySchemaDiff(scope: SchemaScope, diff: RawSchemaDiff): SpecChange[] {
  const site = parseSchemaPath(diff.tail);
  const beforeNode = scope.beforeRoot && walkSchema(scope.before, scope.beforeRoot, site.nodeTokens);
  const afterNode = scope.afterRoot && walkSchema(scope.after, scope.afterRoot, site.nodeTokens);
  const context: SiteContext = { scope, site, beforeNode, afterNode, diff };
  const misaligned = misalignedComposition(context);
  if (misaligned !== undefined) return compositionRewritten(context, misaligned);
  const keyword = site.keyword;
  if (keyword === undefined) return genericChange(context);
  if (Object.hasOwn(KEYWORD_RULES, keyword)) return KEYWORD_RULES[keyword]!(context);
  if (keyword.startsWith("x-")) return transition(context, keyword, DOCUMENTATION);
  return genericChange(context);
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
/** Bound keywords and oasdiff's names for them. */
const BOUNDS: Readonly<Record<string, string>> = {
  maxLength: "max-length",
  minLength: "min-length",
  maximum: "max",
  minimum: "min",
  exclusiveMaximum: "exclusive-max",
  exclusiveMinimum: "exclusive-min",
  maxItems: "max-items",
  minItems: "min-items",
  maxProperties: "max-properties",
  minProperties: "min-properties",
  maxContains: "max-contains",
  minContains: "min-contains",
};

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
  ...Object.fromEntries(
    Object.entries(BOUNDS).map(([keyword, name]): [string, KeywordClassifier] => [
      keyword,
      (context) => transition(context, keyword, bound(name)),
    ]),
  ),
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

/**
 * The schema whose fields a node's `required` names: the node itself, or for a part of an `allOf` the whole
 * allOf, merged (a part may require a field that another part declares).
 */
function requiredOwner(context: SiteContext, side: "before" | "after"): Record<string, unknown> | undefined {
  const { scope, site } = context;
  let tokens = site.nodeTokens;
  while (tokens.length >= 2 && tokens[tokens.length - 2] === "allOf") tokens = tokens.slice(0, -2);
  const [document, root] = side === "before" ? [scope.before, scope.beforeRoot] : [scope.after, scope.afterRoot];
  return schemaOf(root && walkSchema(document, root, tokens));
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
    const required = requiredNames(requiredOwner(context, "after")).has(name);
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
    const required = requiredNames(requiredOwner(context, "before")).has(name);
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
  const beforeSchema = requiredOwner(context, "before");
  const afterSchema = requiredOwner(context, "after");
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
  const parent = scope.afterRoot && walkSchema(scope.after, scope.afterRoot, site.nodeTokens.slice(0, -2));
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
