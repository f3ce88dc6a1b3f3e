// oneOf / anyOf / allOf: a branch added or removed (named, and judged by whether it widens or narrows),
// and a node that became or stopped being a composition.
import { decodeUriText, isNullSchema, parsePointer } from "../spec/index.js";
import { code, type Effect, type SpecChange } from "./change.js";
import { stricterVerdict } from "./rules.js";
import {
  emit,
  fromField,
  genericChange,
  ofField,
  schemaOf,
  toField,
  verdictFor,
  walkSchema,
  type SiteContext,
} from "./schema-site.js";
import { typeAndNullabilityChanges, typeLabel, typeSet } from "./schema-types.js";
import { isRecord, walk, type Located, type SpecDocument, type Token } from "./spec-walk.js";

/**
 * api-smart-diff compares a plain schema with a `oneOf` by wrapping the plain one in a one-branch `oneOf`,
 * so its paths can name branches that one spec does not have. Returns how many node tokens lead to the
 * composition that exists on one side only, or undefined when both specs have every step.
 */
export function misalignedComposition(context: SiteContext): number | undefined {
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
    ([document, root]) => root === undefined || Array.isArray(schemaOf(walkSchema(document, root, node))?.[keyword]),
  );
  return aligned ? undefined : index;
}

/** The whole node whose composition changed shape: its nullability if that moved, else an unknown change. */
export function compositionRewritten(context: SiteContext, index: number): SpecChange[] {
  const { scope, site } = context;
  const tokens = site.keyword === undefined ? site.nodeTokens : [...site.nodeTokens, site.keyword];
  const nodeTokens = tokens.slice(0, index);
  const keyword = String(tokens[index]);
  const node: SiteContext = {
    ...context,
    site: { nodeTokens, field: site.field, keyword, rest: [] },
    beforeNode: scope.beforeRoot && walkSchema(scope.before, scope.beforeRoot, nodeTokens),
    afterNode: scope.afterRoot && walkSchema(scope.after, scope.afterRoot, nodeTokens),
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

export function compositionChange(context: SiteContext, keyword: "oneOf" | "anyOf" | "allOf"): SpecChange[] {
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
  if (node === undefined || isNullSchema(schemaOf(walk(document, node, [keyword, position])))) return nullability;
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
