// Which path key of the old spec is which of the new one. api-smart-diff pairs `paths` by template shape
// alone (`/a/{id}` and `/a/{key}` are both `/a/*`) and gives every old key the first new key of its shape,
// so two keys of one shape in one spec were crossed over even between identical documents. OpenAPI calls
// such keys identical, yet real specs have them when their methods differ (GitHub's `GET
// /orgs/{org}/attestations/{subject_digest}` and `DELETE /orgs/{org}/attestations/{attestation_id}`;
// OAI/OpenAPI-Specification#2530). Here a key present on both sides is always itself; only the keys left
// over are matched by shape, as a renamed path parameter (oasdiff matches such endpoints too: oasdiff#249),
// and only where that is unambiguous.
import { openapi3Rules, type CompareRules, type CompareTransformResolver, type MapKeysResult } from "api-smart-diff";
import { isRecord } from "./spec-walk.js";

/** `/a/{id}/b` → `/a/{}/b`: what a request looks like on the wire, whatever the parameters are called. */
function templateShape(pathKey: string): string {
  return pathKey.replace(/\{[^}]*\}/g, "{}");
}

function keysByShape(keys: readonly string[]): Map<string, string[]> {
  const byShape = new Map<string, string[]>();
  for (const key of keys) {
    const shape = templateShape(key);
    byShape.set(shape, [...(byShape.get(shape) ?? []), key]);
  }
  return byShape;
}

/**
 * Old path keys paired with new ones: the same key first, then a leftover old key with the one leftover
 * new key of its shape (a rename), when each side has exactly one of that shape. Everything else is
 * removed or added.
 */
export function pairPathKeys(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): MapKeysResult<string> {
  const mapped: Record<string, string> = Object.create(null) as Record<string, string>;
  const leftBefore: string[] = [];
  for (const key of Object.keys(before)) {
    if (Object.hasOwn(after, key)) mapped[key] = key;
    else leftBefore.push(key);
  }
  const leftAfter = Object.keys(after).filter((key) => !Object.hasOwn(before, key));
  const afterByShape = keysByShape(leftAfter);
  for (const [shape, keys] of keysByShape(leftBefore)) {
    const candidates = afterByShape.get(shape);
    if (keys.length === 1 && candidates?.length === 1) mapped[keys[0]!] = candidates[0]!;
  }
  const pairedAfter = new Set(Object.values(mapped));
  return {
    mapped,
    removed: leftBefore.filter((key) => !Object.hasOwn(mapped, key)),
    added: leftAfter.filter((key) => !pairedAfter.has(key)),
  };
}

/**
 * An empty path item on the other side for each added or removed key, so that the change is reported per
 * operation (`GET /a: added operation`) rather than as a whole path item.
 */
const withEmptyCounterparts: CompareTransformResolver = (before, after) => {
  if (!isRecord(before) || !isRecord(after)) return [before, after];
  const { added, removed } = pairPathKeys(before, after);
  return [
    { ...before, ...Object.fromEntries(added.map((key) => [key, {}])) },
    { ...after, ...Object.fromEntries(removed.map((key) => [key, {}])) },
  ];
};

/** api-smart-diff's OpenAPI 3 rules, with `paths` paired as above. */
export function compareRules(): CompareRules {
  const rules = openapi3Rules();
  const paths = rules["/paths"];
  if (!isRecord(paths)) throw new Error("api-smart-diff's OpenAPI rules have no `/paths` rule to pair paths with");
  return { ...rules, "/paths": { ...paths, mapping: pairPathKeys, transform: [withEmptyCounterparts] } };
}
