// Security, compared whole rather than diff by diff: an operation's requirements (its own or the
// document's) are alternatives, so removing one narrows what a client may do and adding one widens it
// (oasdiff's api-security-removed / api-security-added, which only inform: unitask is stricter, as a
// client configured for a removed alternative stops working). Scheme definitions are compared field by field.
import { code, makeChange, type ChangeKind, type MessagePart, type SpecChange } from "./change.js";
import { ruleVerdict, stricterVerdict, unitaskVerdict, type Verdict } from "./rules.js";
import { toPointer } from "../spec/index.js";
import { HTTP_METHODS, isRecord, locate, pointerOf, type SpecDocument, type Token } from "./spec-walk.js";

const ANONYMOUS = "";

interface EffectiveSecurity {
  /** One label per alternative: `apiKey`, `oauth[read, write] + apiKey`; `""` for anonymous access. */
  alternatives: Set<string>;
  tokens: Token[];
}

function requirementLabel(requirement: unknown): string {
  if (!isRecord(requirement)) return ANONYMOUS;
  return Object.keys(requirement)
    .sort()
    .map((scheme) => {
      const scopes = requirement[scheme];
      const list = Array.isArray(scopes) ? scopes.map(String).sort() : [];
      return list.length === 0 ? scheme : `${scheme}[${list.join(", ")}]`;
    })
    .join(" + ");
}

function effectiveSecurity(document: SpecDocument, pathKey: string, method: string): EffectiveSecurity {
  const own = locate(document, ["paths", pathKey, method, "security"]);
  const tokens: Token[] = own === undefined ? ["security"] : ["paths", pathKey, method, "security"];
  const requirements = own?.value ?? document.security;
  const list = Array.isArray(requirements) ? requirements : [];
  // No requirement at all means anyone may call.
  const alternatives = new Set(list.length === 0 ? [ANONYMOUS] : list.map(requirementLabel));
  return { alternatives, tokens };
}

function operationsOf(document: SpecDocument): Array<[string, string]> {
  const paths = document.paths;
  if (!isRecord(paths)) return [];
  return Object.entries(paths).flatMap(([pathKey, item]) =>
    isRecord(item)
      ? Object.keys(item)
          .filter((method) => HTTP_METHODS.has(method))
          .map((method): [string, string] => [pathKey, method])
      : [],
  );
}

/**
 * Requirement changes of every operation present in both specs (`renamedPaths`: old path key → new). An
 * open operation that starts requiring credentials is one change, as is one that stops requiring them.
 */
export function securityRequirementChanges(
  before: SpecDocument,
  after: SpecDocument,
  renamedPaths: ReadonlyMap<string, string>,
): SpecChange[] {
  const afterOperations = new Set(operationsOf(after).map(([pathKey, method]) => `${method} ${pathKey}`));
  return operationsOf(before).flatMap(([beforeKey, method]) => {
    const afterKey = renamedPaths.get(beforeKey) ?? beforeKey;
    if (!afterOperations.has(`${method} ${afterKey}`)) return [];
    const label = `${method.toUpperCase()} ${afterKey}`;
    const old = effectiveSecurity(before, beforeKey, method);
    const current = effectiveSecurity(after, afterKey, method);
    const oldPointer = pointerOf(locate(before, old.tokens) ?? { value: undefined, tokens: old.tokens });
    const newPointer = pointerOf(locate(after, current.tokens) ?? { value: undefined, tokens: current.tokens });
    // oasdiff names the operation's own requirements api-security-*, the document's api-global-security-*.
    const rule = (action: "added" | "removed", tokens: readonly Token[]) =>
      `api-${tokens.length === 1 ? "global-" : ""}security-${action}`;
    const removed = [...old.alternatives].filter((alternative) => !current.alternatives.has(alternative));
    const added = [...current.alternatives].filter((alternative) => !old.alternatives.has(alternative));
    const change = (kind: ChangeKind, summary: MessagePart[], verdict: Verdict, pointer: string, value: unknown) =>
      makeChange({
        kind,
        area: "security",
        pointer,
        ...verdict,
        summary: [`${label}: `, ...summary],
        ...(kind === "removed" ? { before: value } : { after: value }),
        operation: label,
      });
    if (removed.includes(ANONYMOUS)) {
      // oasdiff informs that security was added; a client calling without credentials now fails.
      const summary = ["now requires credentials: ", ...listOf(added)];
      return [
        change("changed", summary, stricterVerdict(rule("added", current.tokens), "breaking"), newPointer, added),
      ];
    }
    if (added.includes(ANONYMOUS)) {
      const verdict = ruleVerdict(rule("removed", old.tokens), "non-breaking");
      return [change("changed", ["no longer requires credentials"], verdict, newPointer, removed)];
    }
    return [
      // oasdiff informs; a client holding only the removed kind of credential can no longer call.
      ...removed.map((alternative) =>
        change(
          "removed",
          ["removed security requirement ", code(alternative)],
          stricterVerdict(rule("removed", old.tokens), "breaking"),
          oldPointer,
          alternative,
        ),
      ),
      ...added.map((alternative) =>
        change(
          "added",
          ["added security requirement ", code(alternative)],
          ruleVerdict(rule("added", current.tokens), "non-breaking"),
          newPointer,
          alternative,
        ),
      ),
    ];
  });
}

function listOf(alternatives: readonly string[]): MessagePart[] {
  return alternatives.flatMap((alternative, index) =>
    index === 0 ? [code(alternative)] : [" or ", code(alternative)],
  );
}

// Where and how the credential travels: changing these makes the client's credential miss the server,
// and a generated client derives its auth option (`apiKey`, `token`) from them. oasdiff only informs.
const WIRE_FIELDS = new Set(["type", "scheme", "in", "name"]);
const DOCUMENTATION_FIELDS = new Set(["description", "bearerFormat"]);

function securitySchemes(document: SpecDocument): Record<string, unknown> {
  const schemes = locate(document, ["components", "securitySchemes"])?.value;
  return isRecord(schemes) ? schemes : {};
}

export function securitySchemeChanges(before: SpecDocument, after: SpecDocument): SpecChange[] {
  const old = securitySchemes(before);
  const current = securitySchemes(after);
  const names = [...new Set([...Object.keys(old), ...Object.keys(current)])].sort();
  return names.flatMap((name) => {
    const tokens = ["components", "securitySchemes", name];
    const beforeScheme = locate(before, tokens);
    const afterScheme = locate(after, tokens);
    if (beforeScheme === undefined && afterScheme !== undefined) {
      return [schemeChange("added", ["added security scheme ", code(name)], pointerOf(afterScheme))];
    }
    if (afterScheme === undefined && beforeScheme !== undefined) {
      // Operations that used it report their lost requirement; the definition alone breaks nobody.
      return [schemeChange("removed", ["removed security scheme ", code(name)], pointerOf(beforeScheme))];
    }
    if (beforeScheme === undefined || afterScheme === undefined) return [];
    const oldFields = isRecord(beforeScheme.value) ? beforeScheme.value : {};
    const newFields = isRecord(afterScheme.value) ? afterScheme.value : {};
    const fields = [...new Set([...Object.keys(oldFields), ...Object.keys(newFields)])].sort();
    return fields.flatMap((field) => {
      const was = oldFields[field];
      const is = newFields[field];
      if (JSON.stringify(was) === JSON.stringify(is)) return [];
      const kind: ChangeKind = was === undefined ? "added" : is === undefined ? "removed" : "changed";
      const documentation = DOCUMENTATION_FIELDS.has(field) || field.startsWith("x-");
      // oasdiff informs about a changed scheme type; a generated client's auth option changes with it.
      const verdict: Verdict =
        field === "type"
          ? stricterVerdict("api-security-component-type-changed", "breaking")
          : WIRE_FIELDS.has(field)
            ? unitaskVerdict("security-scheme-changed", "breaking")
            : documentation
              ? unitaskVerdict("documentation", "non-breaking")
              : unitaskVerdict("security-scheme-changed", "potentially-breaking");
      const prefix: MessagePart[] = ["security scheme ", code(name), ": "];
      const summary: MessagePart[] =
        kind === "changed" && typeof was !== "object" && typeof is !== "object"
          ? [...prefix, "changed ", code(field), " from ", code(String(was)), " to ", code(String(is))]
          : [...prefix, `${kind === "added" ? "added" : kind === "removed" ? "removed" : "changed"} `, code(field)];
      const side = kind === "removed" ? beforeScheme : afterScheme;
      return [
        makeChange({
          kind,
          area: documentation ? "documentation" : "security-scheme",
          pointer: toPointer([...side.tokens, field]),
          ...verdict,
          summary,
          before: was,
          after: is,
        }),
      ];
    });
  });
}

function schemeChange(kind: "added" | "removed", summary: readonly MessagePart[], pointer: string): SpecChange {
  const verdict = ruleVerdict(`api-security-component-${kind}`, "non-breaking");
  return makeChange({ kind, area: "security-scheme", pointer, ...verdict, summary });
}
