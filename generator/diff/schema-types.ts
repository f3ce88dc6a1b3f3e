// The type algebra of the schema rules: which types and formats a schema allows, whether it is
// nullable, and whether a change widens or narrows that set; and the type-and-nullability classifier.
import { code, type ChangeKind, type Effect, type SpecChange } from "./change.js";
import { emit, ofField, schemaOf, subject, verdictFor, type SiteContext } from "./schema-site.js";
import { isNullSchema } from "../spec/index.js";
import { walk, type Located, type SpecDocument } from "./spec-walk.js";

// Format pairs where the new format accepts every value of the old one (oasdiff's isFormatContained).
const FORMAT_GENERALIZATIONS: Readonly<Record<string, readonly string[]>> = {
  int32: ["int64", "bigint"],
  int64: ["bigint"],
  float: ["double"],
  date: ["date-time"],
  time: ["date-time"],
};

export function formatEffect(kind: ChangeKind, before: unknown, after: unknown): Effect {
  if (kind === "added") return "narrows";
  if (kind === "removed") return "widens";
  if (FORMAT_GENERALIZATIONS[String(before)]?.includes(String(after))) return "widens";
  if (FORMAT_GENERALIZATIONS[String(after)]?.includes(String(before))) return "narrows";
  return "incomparable";
}

/** oasdiff folds type and format into one family: `type-generalized`, `type-specialized`, `type-changed`. */
export function typeAction(effect: Effect, direction: "request" | "response"): string {
  if (effect === "widens") return "type-generalized";
  if (effect === "narrows" && direction === "response") return "type-specialized";
  return "type-changed";
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
    return branches.some((_, index) => isNullSchema(schemaOf(walk(document, located, [keyword, index]))));
  });
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

export function typeLabel(types: ReadonlySet<string>): string {
  return types.size === 0 ? "any" : [...types].sort().join(" | ");
}

export function typeAndNullabilityChanges(context: SiteContext): SpecChange[] {
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
