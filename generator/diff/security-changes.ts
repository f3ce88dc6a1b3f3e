// Security, compared whole rather than diff by diff: an operation's requirements (its own or the
// document's) are alternatives, so removing one narrows what a client may do and adding one widens it
// (oasdiff's api-security-removed / api-security-added). Scheme definitions are compared field by field.
import { code, makeChange, type ChangeKind, type ChangeSeverity, type MessagePart, type SpecChange } from "./change.js";
import { toPointer } from "../problems.js";
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

/** Requirement changes of every operation present in both specs (`renamedPaths`: old path key → new). */
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
    const removed = [...old.alternatives].filter((alternative) => !current.alternatives.has(alternative));
    const added = [...current.alternatives].filter((alternative) => !old.alternatives.has(alternative));
    return [
      ...removed.map((alternative) =>
        requirementChange(
          label,
          "removed",
          alternative,
          "breaking",
          pointerOf(locate(before, old.tokens) ?? { value: undefined, tokens: old.tokens }),
        ),
      ),
      ...added.map((alternative) =>
        requirementChange(
          label,
          "added",
          alternative,
          "non-breaking",
          pointerOf(locate(after, current.tokens) ?? { value: undefined, tokens: current.tokens }),
        ),
      ),
    ];
  });
}

function requirementChange(
  label: string,
  kind: "added" | "removed",
  alternative: string,
  severity: ChangeSeverity,
  pointer: string,
): SpecChange {
  const summary: MessagePart[] =
    alternative === ANONYMOUS
      ? [`${label}: ${kind === "added" ? "allowed" : "no longer allows"} anonymous access`]
      : [`${label}: ${kind} security requirement `, code(alternative)];
  return makeChange({
    kind,
    area: "security",
    pointer,
    severity,
    summary,
    ...(kind === "added" ? { after: alternative } : { before: alternative }),
    operation: label,
  });
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
      const severity: ChangeSeverity = WIRE_FIELDS.has(field)
        ? "breaking"
        : documentation
          ? "non-breaking"
          : "potentially-breaking";
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
          severity,
          summary,
          before: was,
          after: is,
        }),
      ];
    });
  });
}

function schemeChange(kind: ChangeKind, summary: readonly MessagePart[], pointer: string): SpecChange {
  return makeChange({ kind, area: "security-scheme", pointer, severity: "non-breaking", summary });
}
