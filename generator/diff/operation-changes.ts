// Classifies the api-smart-diff changes under `paths`: paths, operations and their ids and deprecation
// here; parameters (parameter-changes.ts), request bodies and responses (body-changes.ts) by the row of
// OPERATION_SECTIONS their section names. Each verdict names oasdiff's rule.
import type { Diff } from "api-smart-diff";
import { camelCase, nameFromMethodAndPath } from "../naming.js";
import { code, makeChange, type MessagePart, type SpecChange } from "./change.js";
import { requestBodyChanges, responseChanges } from "./body-changes.js";
import {
  documentationChange,
  fallbackVerdict,
  genericChange,
  isDocumentation,
  kindOf,
  operationChange,
  sideOf,
  verbPhrase,
  type OperationSite,
  type PathsContext,
} from "./operation-site.js";
import { parameterChanges } from "./parameter-changes.js";
import { ruleVerdict, stricterVerdict, unitaskVerdict } from "./rules.js";
import { HTTP_METHODS, isRecord, locate, pointerOf, type Token } from "./spec-walk.js";
import { toPointer } from "../spec/index.js";

type SectionClassifier = (site: OperationSite, rest: readonly Token[]) => SpecChange[];

const OPERATION_SECTIONS: Readonly<Record<string, SectionClassifier>> = {
  // Compared whole, per operation, in security-changes.ts.
  security: () => [],
  parameters: parameterChanges,
  requestBody: requestBodyChanges,
  responses: responseChanges,
  operationId: (site) => [operationIdChange(site)],
  deprecated: (site) => {
    const deprecated = site.diff.after === true;
    return [
      operationChange(site, {
        kind: "changed",
        area: "deprecation",
        verdict: ruleVerdict(deprecated ? "endpoint-deprecated" : "endpoint-reactivated", "non-breaking"),
        summary: [`${site.label}: `, deprecated ? "deprecated the operation" : "un-deprecated the operation"],
        at: ["deprecated"],
        side: "after",
        after: deprecated,
      }),
    ];
  },
};

export function classifyPathDiff(paths: PathsContext, diff: Diff): SpecChange[] {
  const [, pathToken, methodToken] = diff.path;
  if (diff.path.length === 1 && diff.action === "rename") return [pathRenamed(paths, diff)];
  const beforeKey = String(pathToken);
  const afterKey = paths.renamedPaths.get(beforeKey) ?? beforeKey;
  const method = String(methodToken);
  if (!HTTP_METHODS.has(method)) return [pathItemChange(paths, diff, afterKey)];
  const site: OperationSite = {
    paths,
    diff,
    method,
    beforeKey,
    afterKey,
    label: `${method.toUpperCase()} ${afterKey}`,
  };
  const tail = diff.path.slice(3);
  const section = tail[0];
  if (section === undefined) return [operationAddedOrRemoved(site)];
  if (typeof section === "string" && Object.hasOwn(OPERATION_SECTIONS, section)) {
    return OPERATION_SECTIONS[section]!(site, tail.slice(1));
  }
  if (isDocumentation(section)) return [documentationChange(site, tail, [`${site.label}: `])];
  return [genericChange(site, tail, [`${site.label}: `])];
}

/**
 * Same template, other parameter names (`/pets/{petId}` → `/pets/{id}`): the same requests on the wire, and
 * the generated methods take path parameters by position. oasdiff matches such endpoints as one.
 */
function pathRenamed(paths: PathsContext, diff: Diff): SpecChange {
  const from = String(diff.before);
  const to = String(diff.after);
  return makeChange({
    kind: "changed",
    area: "operation",
    pointer: pointerOf(locate(paths.after, ["paths", to]) ?? { value: undefined, tokens: ["paths", to] }),
    ...unitaskVerdict("path-parameter-renamed", "non-breaking"),
    summary: ["renamed path ", code(from), " to ", code(to)],
    before: from,
    after: to,
  });
}

function pathItemChange(paths: PathsContext, diff: Diff, afterKey: string): SpecChange {
  const tail = diff.path.slice(2);
  const kind = kindOf(diff);
  const documentation = isDocumentation(tail[0]);
  const tokens = diff.path.map((token, index) => (index === 1 ? afterKey : token));
  const located = locate(kind === "removed" ? paths.before : paths.after, kind === "removed" ? diff.path : tokens);
  return makeChange({
    kind,
    area: documentation ? "documentation" : "other",
    pointer: located === undefined ? toPointer(tokens) : pointerOf(located),
    ...(documentation ? unitaskVerdict("documentation", "non-breaking") : fallbackVerdict(diff, "path-item-changed")),
    summary: [`${afterKey}: `, ...verbPhrase(kind, tail.join("/"))],
    before: diff.before,
    after: diff.after,
  });
}

function operationAddedOrRemoved(site: OperationSite): SpecChange {
  if (site.diff.action === "add") {
    return operationChange(site, {
      kind: "added",
      area: "operation",
      verdict: ruleVerdict("endpoint-added", "non-breaking"),
      summary: [`${site.label}: added operation`],
      at: [],
      side: "after",
    });
  }
  const removed = locate(site.paths.before, ["paths", site.beforeKey, site.method])?.value;
  // oasdiff lets a deprecated operation go quietly; its generated method disappears all the same.
  const verdict =
    isRecord(removed) && removed.deprecated === true
      ? stricterVerdict("api-removed-with-deprecation", "breaking")
      : ruleVerdict("api-removed-without-deprecation", "breaking");
  return operationChange(site, {
    kind: "removed",
    area: "operation",
    verdict,
    summary: [`${site.label}: removed operation`],
    at: [],
    side: "before",
  });
}

/** The name of the generated method: the operationId's, else one made from the method and path. */
function methodName(operationId: unknown, method: string, pathKey: string): string {
  return typeof operationId === "string" && operationId !== ""
    ? camelCase(operationId)
    : nameFromMethodAndPath(method, pathKey);
}

function operationIdChange(site: OperationSite): SpecChange {
  const { before, after } = site.diff;
  const kind = kindOf(site.diff);
  const summary: MessagePart[] =
    kind === "added"
      ? [`${site.label}: set operationId to `, code(String(after))]
      : kind === "removed"
        ? [`${site.label}: removed operationId `, code(String(before))]
        : [`${site.label}: changed operationId from `, code(String(before)), " to ", code(String(after))];
  // oasdiff only informs; a generated client names its method after the operationId, so a new name breaks.
  const rule = kind === "added" ? "api-operation-id-added" : "api-operation-id-removed";
  const renamed = methodName(before, site.method, site.beforeKey) !== methodName(after, site.method, site.afterKey);
  return operationChange(site, {
    kind,
    area: "operation-id",
    verdict: stricterVerdict(rule, renamed ? "breaking" : "non-breaking"),
    summary,
    at: ["operationId"],
    side: sideOf(kind),
    before,
    after,
  });
}
