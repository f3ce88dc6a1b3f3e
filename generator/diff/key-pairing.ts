// Which key of the old spec is which of the new one, for the keys api-smart-diff pairs by likeness rather
// than by name: path keys by template shape (`/a/{id}` and `/a/{key}` are both `/a/*`), media types by type
// and subtype, wildcards and parameters aside. It gives each old key the first new key like it, so two like
// keys in one spec were crossed over even between identical documents: GitHub's `GET
// /orgs/{org}/attestations/{subject_digest}` and `DELETE /orgs/{org}/attestations/{attestation_id}` (keys
// OpenAPI calls identical, yet real specs have them when methods differ: OAI/OpenAPI-Specification#2530),
// Kubernetes' `application/json` and `application/json;stream=watch`, Jira's `*/*` and
// `multipart/form-data`. Here a key present on both sides is always itself; a leftover key is paired with a
// leftover key like it (a renamed path parameter, which oasdiff matches too: oasdiff#249; `*/*` narrowed to
// `application/json`) only where neither is like any other leftover. Response keys: see pairStatusKeys.
import {
  caseInsensitiveKeyMappingResolver,
  contentMediaTypeMappingResolver,
  openapi3Rules,
  pathMappingResolver,
  transformPaths,
  type CompareRules,
  type CompareTransformResolver,
  type MapKeysResult,
} from "api-smart-diff";
import { isRecord } from "./spec-walk.js";

type Likeness = (before: string, after: string) => boolean;

/** Same key first; then a leftover old key with the one leftover new key like it, when no other is like either. */
function pairKeys(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  alike: Likeness,
): MapKeysResult<string> {
  const mapped: Record<string, string> = Object.create(null) as Record<string, string>;
  const leftBefore: string[] = [];
  for (const key of Object.keys(before)) {
    if (Object.hasOwn(after, key)) mapped[key] = key;
    else leftBefore.push(key);
  }
  const leftAfter = Object.keys(after).filter((key) => !Object.hasOwn(before, key));
  const pairedAfter = new Set<string>();
  for (const key of leftBefore) {
    const [match, ...others] = leftAfter.filter((candidate) => alike(key, candidate));
    if (match === undefined || others.length > 0) continue;
    if (leftBefore.filter((other) => alike(other, match)).length !== 1) continue;
    mapped[key] = match;
    pairedAfter.add(match);
  }
  return {
    mapped,
    removed: leftBefore.filter((key) => !Object.hasOwn(mapped, key)),
    added: leftAfter.filter((key) => !pairedAfter.has(key)),
  };
}

/** `/a/{id}/b` → `/a/{}/b`: what a request looks like on the wire, whatever the parameters are called. */
function templateShape(pathKey: string): string {
  return pathKey.replace(/\{[^}]*\}/g, "{}");
}

function pairPathKeys(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): MapKeysResult<string> {
  // Leftovers are compared pairwise: thousands of them when a spec is reorganised, so each shape is made once.
  const shapes = new Map<string, string>();
  const shapeOf = (key: string) => shapes.get(key) ?? shapes.set(key, templateShape(key)).get(key)!;
  return pairKeys(before, after, (left, right) => shapeOf(left) === shapeOf(right));
}

/** `application/json; charset=utf-8` is like `application/json` and `*\/*`, as api-smart-diff has it. */
function mediaRangesOverlap(left: string, right: string): boolean {
  const essence = (mediaType: string) => (mediaType.split(";")[0] ?? "").trim().toLowerCase().split("/");
  const [leftType, leftSubtype] = essence(left);
  const [rightType, rightSubtype] = essence(right);
  const overlap = (one: string | undefined, other: string | undefined) => one === other || one === "*" || other === "*";
  return overlap(leftType, rightType) && overlap(leftSubtype, rightSubtype);
}

function pairMediaTypes(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): MapKeysResult<string> {
  return pairKeys(before, after, mediaRangesOverlap);
}

/**
 * An empty path item on the other side for each added or removed path key, so that the change is reported
 * per operation (`GET /a: added operation`) rather than as a whole path item.
 */
const withEmptyCounterparts: CompareTransformResolver = (before, after) => {
  if (!isRecord(before) || !isRecord(after)) return [before, after];
  const { added, removed } = pairPathKeys(before, after);
  return [
    { ...before, ...Object.fromEntries(added.map((key) => [key, {}])) },
    { ...after, ...Object.fromEntries(removed.map((key) => [key, {}])) },
  ];
};

/**
 * Response keys by name alone. api-smart-diff lowercases them, then looks each key up among the lowercased
 * ones, so everything under `2XX` (the form OpenAPI writes) was skipped and its changes never reported. A
 * `2xx` that becomes `2XX` renames a member of the generated `responses` type: a removal and an addition.
 */
function pairStatusKeys(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): MapKeysResult<string> {
  return pairKeys(before, after, () => false);
}

const REPLACED_MAPPINGS = new Map<unknown, unknown>([
  [pathMappingResolver, pairPathKeys],
  [contentMediaTypeMappingResolver, pairMediaTypes],
  [caseInsensitiveKeyMappingResolver, pairStatusKeys],
]);

/** api-smart-diff's OpenAPI 3 rules, with path keys, media types and response keys paired as above. */
export function compareRules(): CompareRules {
  const rules = openapi3Rules();
  const seen = new Set<object>();
  const replace = (rule: Record<string, unknown>): void => {
    if (seen.has(rule)) return;
    seen.add(rule);
    if (REPLACED_MAPPINGS.has(rule.mapping)) rule.mapping = REPLACED_MAPPINGS.get(rule.mapping);
    if (Array.isArray(rule.transform))
      rule.transform = rule.transform.map((transform) =>
        transform === transformPaths ? withEmptyCounterparts : transform,
      );
    // Rules given as functions (schemas) are built per node and pair no path or media type.
    for (const child of Object.values(rule)) if (isRecord(child)) replace(child);
  };
  replace(rules as Record<string, unknown>);
  return rules;
}
