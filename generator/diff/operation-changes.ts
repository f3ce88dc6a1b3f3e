// Classifies the api-smart-diff changes under `paths`: operations, parameters, request bodies, responses,
// their media types, status codes and headers. Schema changes are handed to schema-changes.ts with the
// direction (request or response) that decides what breaks a client. Each section of an operation is one
// row of OPERATION_SECTIONS; each verdict names oasdiff's rule.
import type { Diff } from "api-smart-diff";
import { isJsonMediaType } from "../../runtime/src/http/media-types.js";
import { nameFromMethodAndPath, camelCase } from "../naming.js";
import { toPointer } from "../problems.js";
import {
  code,
  makeChange,
  type ChangeArea,
  type ChangeKind,
  type ChangeLocation,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { requirednessChange } from "./requiredness.js";
import { ruleVerdict, stricterVerdict, unitaskVerdict, type Verdict } from "./rules.js";
import { classifySchemaDiff, type RuleSubject, type SchemaScope } from "./schema-changes.js";
import {
  deref,
  HTTP_METHODS,
  isRecord,
  locate,
  operationParameters,
  parameterIdentity,
  pointerOf,
  walk,
  type Located,
  type LocatedParameter,
  type SpecDocument,
  type Token,
} from "./spec-walk.js";

export interface PathsContext {
  before: SpecDocument;
  after: SpecDocument;
  /** Paths api-smart-diff matched under a new template key (`/a/{id}` → `/a/{key}`): old key → new key. */
  renamedPaths: ReadonlyMap<string, string>;
}

interface OperationSite {
  paths: PathsContext;
  diff: Diff;
  method: string;
  beforeKey: string;
  afterKey: string;
  /** `GET /tasks/{task_id}` */
  label: string;
  /** The parameter the diff is about, once parameterChanges has paired it. */
  parameter?: { in: string; name: string };
}

interface OperationFinding {
  kind: ChangeKind;
  area: ChangeArea;
  verdict: Verdict;
  summary: readonly MessagePart[];
  /** Tokens below the operation in the spec of `side`. */
  at: readonly Token[];
  side: "before" | "after";
  before?: unknown;
  after?: unknown;
}

type SectionClassifier = (site: OperationSite, rest: readonly Token[]) => SpecChange[];

const DOCUMENTATION_FIELDS = new Set(["summary", "description", "externalDocs", "tags", "example", "examples"]);
// How a parameter value is written into the request; a server may or may not accept both spellings.
const SERIALIZATION_FIELDS = new Set(["style", "explode", "allowReserved", "allowEmptyValue", "content"]);

/** api-smart-diff's verdict, kept only where no rule here applies; `unclassified` means it could not tell. */
export function fallbackVerdict(diff: Diff, name: string): Verdict {
  const severity =
    diff.type === "breaking" ? "breaking" : diff.type === "unclassified" ? "potentially-breaking" : "non-breaking";
  return unitaskVerdict(name, severity);
}

function kindOf(diff: Diff): ChangeKind {
  return diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
}

function sideOf(kind: ChangeKind): "before" | "after" {
  return kind === "removed" ? "before" : "after";
}

export function isDocumentation(token: Token | undefined): boolean {
  return typeof token === "string" && (DOCUMENTATION_FIELDS.has(token) || token.startsWith("x-"));
}

function verbPhrase(kind: ChangeKind, what: string): MessagePart[] {
  return [kind === "added" ? "added " : kind === "removed" ? "removed " : "changed ", code(what)];
}

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

function operationChange(site: OperationSite, finding: OperationFinding): SpecChange {
  const document = finding.side === "before" ? site.paths.before : site.paths.after;
  const key = finding.side === "before" ? site.beforeKey : site.afterKey;
  const tokens = ["paths", key, site.method, ...finding.at];
  return changeAt(site, finding, locate(document, tokens), tokens);
}

/** The change a finding describes, pointing at where it was located, else at `fallback`. */
function changeAt(
  site: OperationSite,
  finding: Omit<OperationFinding, "at">,
  located: Located | undefined,
  fallback: readonly Token[],
): SpecChange {
  return makeChange({
    kind: finding.kind,
    area: finding.area,
    pointer: located === undefined ? toPointer(fallback) : pointerOf(located),
    ...finding.verdict,
    summary: finding.summary,
    before: finding.before,
    after: finding.after,
    operation: site.label,
    location: locationOf(site),
  });
}

/** The part of the operation the diff is in: a parameter, the request body, a response or its header. */
function locationOf(site: OperationSite): ChangeLocation | undefined {
  const [section, status, member, header] = site.diff.path.slice(3);
  if (section === "parameters") return site.parameter && { part: "parameter", ...site.parameter };
  if (section === "requestBody") return { part: "request-body" };
  if (section !== "responses" || status === undefined) return undefined;
  return member === "headers" && header !== undefined
    ? { part: "response-header", status: String(status), name: String(header) }
    : { part: "response", status: String(status) };
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

function documentationChange(site: OperationSite, tail: readonly Token[], prefix: readonly MessagePart[]): SpecChange {
  // Reported as the whole documentation member (`description`, `example`), not an index inside it.
  const member = tail.slice(0, tail.findIndex((token) => isDocumentation(token)) + 1);
  const kind = tail.length > member.length ? "changed" : kindOf(site.diff);
  return operationChange(site, {
    kind,
    area: "documentation",
    verdict: unitaskVerdict("documentation", "non-breaking"),
    summary: [...prefix, ...verbPhrase(kind, String(member[member.length - 1]))],
    at: member,
    side: sideOf(kind),
    before: tail.length > member.length ? undefined : site.diff.before,
    after: tail.length > member.length ? undefined : site.diff.after,
  });
}

function genericChange(site: OperationSite, tail: readonly Token[], prefix: readonly MessagePart[]): SpecChange {
  const kind = kindOf(site.diff);
  return operationChange(site, {
    kind,
    area: "other",
    verdict: fallbackVerdict(site.diff, "operation-changed"),
    summary: [...prefix, ...verbPhrase(kind, tail.join("/"))],
    at: tail,
    side: sideOf(kind),
    before: site.diff.before,
    after: site.diff.after,
  });
}

function schemaChanges(
  site: OperationSite,
  scope: Omit<SchemaScope, "before" | "after" | "operation">,
  tail: readonly Token[],
): SpecChange[] {
  const { diff, paths } = site;
  const fullScope: SchemaScope = {
    ...scope,
    before: paths.before,
    after: paths.after,
    operation: site.label,
    location: locationOf(site),
  };
  return classifySchemaDiff(fullScope, {
    tail,
    action: diff.action,
    before: diff.before,
    after: diff.after,
    fallbackSeverity: fallbackVerdict(diff, "schema-changed").severity,
  });
}

const PARAMETER_SUBJECT: RuleSubject = { root: "request-parameter", field: "request-parameter-property" };

/** The parameter api-smart-diff means: added ones by their own value, others by position in the old list. */
function numberedParameter(
  site: OperationSite,
  position: number,
  rest: readonly Token[],
): LocatedParameter | undefined {
  const { paths, diff } = site;
  if (diff.action === "add" && rest.length === 0) {
    const added = deref(paths.after, { value: diff.after, tokens: [] });
    const { name, in: where } = isRecord(added?.value) ? added.value : {};
    if (typeof name !== "string" || typeof where !== "string") return undefined;
    return operationParameters(paths.after, site.afterKey, site.method).find(
      (parameter) => parameterIdentity(parameter) === parameterIdentity({ name, in: where }),
    );
  }
  return operationParameters(paths.before, site.beforeKey, site.method)[position];
}

/** The template position of a path parameter: `/a/{x}/b/{y}` gives `y` position 1. */
function templatePosition(pathKey: string, name: string): number {
  return [...pathKey.matchAll(/\{([^}]*)\}/g)].findIndex((match) => match[1] === name);
}

/**
 * `parameter` (listed under `fromKey`) in the operation at `key` of `document`: by `in` and `name`, and a
 * path parameter of a renamed path by its position in the template.
 */
function sameParameter(
  parameter: LocatedParameter,
  fromKey: string,
  document: SpecDocument,
  key: string,
  method: string,
): LocatedParameter | undefined {
  const candidates = operationParameters(document, key, method);
  const byIdentity = candidates.find((candidate) => parameterIdentity(candidate) === parameterIdentity(parameter));
  if (byIdentity !== undefined || parameter.in !== "path" || fromKey === key) return byIdentity;
  const position = templatePosition(fromKey, parameter.name);
  return candidates.find((candidate) => candidate.in === "path" && templatePosition(key, candidate.name) === position);
}

function parameterChanges(unpaired: OperationSite, tail: readonly Token[]): SpecChange[] {
  const { paths, diff } = unpaired;
  const rest = tail.slice(1);
  const numbered = numberedParameter(unpaired, Number(tail[0]), rest);
  if (numbered === undefined) return [genericChange(unpaired, ["parameters", ...tail], [`${unpaired.label}: `])];
  const site: OperationSite = { ...unpaired, parameter: { in: numbered.in, name: numbered.name } };
  const beforeParameter = sameParameter(numbered, site.afterKey, paths.before, site.beforeKey, site.method);
  const afterParameter = sameParameter(numbered, site.beforeKey, paths.after, site.afterKey, site.method);
  const name = code(numbered.name);
  const where = `${numbered.in} parameter `;
  const prefix: MessagePart[] = [`${site.label} ${where}`, name, ": "];
  const change = (finding: Omit<OperationFinding, "at"> & { at?: readonly Token[] }) =>
    parameterChange(site, finding.side === "before" ? beforeParameter : afterParameter, finding);
  const kind = kindOf(diff);
  const member = rest[0];

  if (member === undefined && diff.action === "add" && afterParameter !== undefined) {
    const value = afterParameter.value;
    const required = afterParameter.in === "path" || (isRecord(value) && value.required === true);
    const rule =
      afterParameter.in === "path"
        ? "new-request-path-parameter"
        : required
          ? "new-required-request-parameter"
          : "new-optional-request-parameter";
    const summary = [`${site.label}: added ${required ? "required" : "optional"} ${where}`, name];
    return [
      change({
        kind: "added",
        area: "parameter",
        verdict: ruleVerdict(rule, required ? "breaking" : "non-breaking"),
        summary,
        side: "after",
        after: value,
      }),
    ];
  }
  if (member === undefined && diff.action === "remove" && beforeParameter !== undefined) {
    // oasdiff warns: the server may ignore the parameter now, or reject it.
    return [
      change({
        kind: "removed",
        area: "parameter",
        verdict: ruleVerdict("request-parameter-removed", "potentially-breaking"),
        summary: [`${site.label}: removed ${where}`, name],
        side: "before",
        before: beforeParameter.value,
      }),
    ];
  }
  if (member === "required") {
    const required = isRecord(afterParameter?.value) && afterParameter.value.required === true;
    const { words, verdict } = requirednessChange("request-parameter", required, "request");
    return [
      change({
        kind: "changed",
        area: "required",
        verdict,
        summary: [...prefix, ...words],
        at: ["required"],
        side: "after",
        before: !required,
        after: required,
      }),
    ];
  }
  if (member === "schema") {
    const scope = {
      beforeRoot: beforeParameter && walk(paths.before, beforeParameter, ["schema"]),
      afterRoot: afterParameter && walk(paths.after, afterParameter, ["schema"]),
      direction: "request" as const,
      fieldArea: "parameter" as const,
      rootNoun: "the value",
      subject: PARAMETER_SUBJECT,
      stronglyTyped: false,
      prefix,
    };
    return schemaChanges(site, scope, rest.slice(1));
  }
  // A path parameter's new name comes with the new path key, which pathRenamed reports.
  if (member === "name" && numbered.in === "path") return [];
  if (member === "deprecated") {
    const deprecated = diff.after === true;
    return [
      change({
        kind: "changed",
        area: "deprecation",
        verdict: ruleVerdict(
          deprecated ? "request-parameter-deprecated" : "request-parameter-reactivated",
          "non-breaking",
        ),
        summary: [...prefix, deprecated ? "deprecated" : "un-deprecated"],
        at: ["deprecated"],
        side: "after",
        after: deprecated,
      }),
    ];
  }
  const documentation = isDocumentation(member);
  const serialization = typeof member === "string" && SERIALIZATION_FIELDS.has(member);
  return [
    change({
      kind,
      area: documentation ? "documentation" : "parameter",
      verdict: documentation
        ? unitaskVerdict("documentation", "non-breaking")
        : serialization
          ? unitaskVerdict("request-parameter-serialization-changed", "potentially-breaking")
          : fallbackVerdict(diff, "request-parameter-changed"),
      summary: [...prefix, ...verbPhrase(kind, documentation ? String(member) : rest.join("/"))],
      at: documentation ? rest.slice(0, 1) : rest,
      side: sideOf(kind),
      before: diff.before,
      after: diff.after,
    }),
  ];
}

function parameterChange(
  site: OperationSite,
  parameter: LocatedParameter | undefined,
  finding: Omit<OperationFinding, "at"> & { at?: readonly Token[] },
): SpecChange {
  const document = finding.side === "before" ? site.paths.before : site.paths.after;
  const located =
    parameter === undefined ? undefined : finding.at === undefined ? parameter : walk(document, parameter, finding.at);
  const tokens = ["paths", finding.side === "before" ? site.beforeKey : site.afterKey, site.method, "parameters"];
  return changeAt(site, finding, located, tokens);
}

function locatedPart(site: OperationSite, side: "before" | "after", tokens: readonly Token[]): Located | undefined {
  const document = side === "before" ? site.paths.before : site.paths.after;
  return locate(document, ["paths", side === "before" ? site.beforeKey : site.afterKey, site.method, ...tokens]);
}

function requestBodyChanges(site: OperationSite, rest: readonly Token[]): SpecChange[] {
  const { diff } = site;
  const prefix: MessagePart[] = [`${site.label} request body: `];
  const member = rest[0];
  if (member === undefined && diff.action === "add") {
    const body = locatedPart(site, "after", ["requestBody"])?.value;
    const required = isRecord(body) && body.required === true;
    return [
      operationChange(site, {
        kind: "added",
        area: "request-body",
        verdict: ruleVerdict(
          required ? "request-body-added-required" : "request-body-added-optional",
          required ? "breaking" : "non-breaking",
        ),
        summary: [`${site.label}: added ${required ? "required" : "optional"} request body`],
        at: ["requestBody"],
        side: "after",
      }),
    ];
  }
  if (member === undefined && diff.action === "remove") {
    return [
      operationChange(site, {
        kind: "removed",
        area: "request-body",
        verdict: ruleVerdict("request-body-removed", "breaking"),
        summary: [`${site.label}: removed request body`],
        at: ["requestBody"],
        side: "before",
      }),
    ];
  }
  if (member === "required") {
    const required = diff.after === true;
    const { words, verdict } = requirednessChange("request-body", required, "request");
    return [
      operationChange(site, {
        kind: "changed",
        area: "required",
        verdict,
        summary: [...prefix, ...words],
        at: ["requestBody", "required"],
        side: "after",
        before: !required,
        after: required,
      }),
    ];
  }
  if (member === "content") return contentChanges(site, ["requestBody"], rest.slice(1), prefix, "request");
  if (isDocumentation(member)) return [documentationChange(site, ["requestBody", ...rest], prefix)];
  return [genericChange(site, ["requestBody", ...rest], prefix)];
}

const BODY_SUBJECTS: Readonly<Record<"request" | "response", RuleSubject>> = {
  request: { root: "request-body", field: "request-property" },
  response: { root: "response-body", field: "response-property" },
};

function contentChanges(
  site: OperationSite,
  owner: readonly Token[],
  rest: readonly Token[],
  prefix: readonly MessagePart[],
  direction: "request" | "response",
): SpecChange[] {
  const { diff } = site;
  const mediaType = rest[0];
  if (mediaType === undefined) return [genericChange(site, [...owner, "content"], prefix)];
  if (rest.length === 1 && (diff.action === "add" || diff.action === "remove")) {
    const adds = diff.action === "add";
    // A client may still send or expect the media type that is gone; a new one is only an option.
    const rule = `${direction === "request" ? "request-body" : "response"}-media-type-${adds ? "added" : "removed"}`;
    return [
      operationChange(site, {
        kind: adds ? "added" : "removed",
        area: "media-type",
        verdict: ruleVerdict(rule, adds ? "non-breaking" : "breaking"),
        summary: [...prefix, adds ? "added media type " : "removed media type ", code(String(mediaType))],
        at: [...owner, "content", mediaType],
        side: adds ? "after" : "before",
      }),
    ];
  }
  if (rest[1] === "schema") {
    const at = [...owner, "content", mediaType, "schema"];
    const scope = {
      beforeRoot: locatedPart(site, "before", at),
      afterRoot: locatedPart(site, "after", at),
      direction,
      fieldArea: direction === "request" ? ("request-field" as const) : ("response-field" as const),
      rootNoun: "the body",
      subject: BODY_SUBJECTS[direction],
      stronglyTyped: isJsonMediaType(String(mediaType)),
      prefix,
    };
    return schemaChanges(site, scope, rest.slice(2));
  }
  if (isDocumentation(rest[1])) return [documentationChange(site, [...owner, "content", ...rest], prefix)];
  return [genericChange(site, [...owner, "content", ...rest], prefix)];
}

export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function responseChanges(site: OperationSite, rest: readonly Token[]): SpecChange[] {
  const { diff } = site;
  const status = String(rest[0]);
  const prefix: MessagePart[] = [`${site.label} ${status} response: `];
  const member = rest[1];
  if (member === undefined && (diff.action === "add" || diff.action === "remove")) {
    const adds = diff.action === "add";
    // A success status that disappears breaks clients; an error status that disappears does not.
    const rule = `response-${isSuccessStatus(status) ? "success" : "non-success"}-status-${adds ? "added" : "removed"}`;
    return [
      operationChange(site, {
        kind: adds ? "added" : "removed",
        area: "status-code",
        verdict: ruleVerdict(rule, adds || !isSuccessStatus(status) ? "non-breaking" : "breaking"),
        summary: [`${site.label}: ${adds ? "added" : "removed"} ${status} response`],
        at: ["responses", status],
        side: adds ? "after" : "before",
      }),
    ];
  }
  if (member === "content") return contentChanges(site, ["responses", status], rest.slice(2), prefix, "response");
  if (member === "headers") return headerChanges(site, status, rest.slice(2));
  if (isDocumentation(member)) return [documentationChange(site, ["responses", ...rest], prefix)];
  return [genericChange(site, ["responses", ...rest], prefix)];
}

const HEADER_SUBJECT: RuleSubject = { root: "response-header", field: "response-header-property" };

function headerChanges(site: OperationSite, status: string, rest: readonly Token[]): SpecChange[] {
  const { diff } = site;
  const header = rest[0];
  const owner: Token[] = ["responses", status, "headers"];
  if (header === undefined) return [genericChange(site, owner, [`${site.label} ${status} response: `])];
  const name = code(String(header));
  const at = [...owner, header];
  if (rest.length === 1 && diff.action === "add") {
    return [
      operationChange(site, {
        kind: "added",
        area: "response-header",
        verdict: ruleVerdict("response-header-added", "non-breaking"),
        summary: [`${site.label} ${status} response: added header `, name],
        at,
        side: "after",
      }),
    ];
  }
  if (rest.length === 1 && diff.action === "remove") {
    const removed = locatedPart(site, "before", at)?.value;
    const required = isRecord(removed) && removed.required === true;
    const presence = required ? "required" : "optional";
    return [
      operationChange(site, {
        kind: "removed",
        area: "response-header",
        verdict: ruleVerdict(`${presence}-response-header-removed`, required ? "breaking" : "potentially-breaking"),
        summary: [`${site.label} ${status} response: removed ${presence} header `, name],
        at,
        side: "before",
      }),
    ];
  }
  const prefix: MessagePart[] = [`${site.label} ${status} response header `, name, ": "];
  if (rest[1] === "required") {
    const required = diff.after === true;
    const { words, verdict } = requirednessChange("response-header", required, "response");
    return [
      operationChange(site, {
        kind: "changed",
        area: "required",
        verdict,
        summary: [...prefix, ...words],
        at: [...at, "required"],
        side: "after",
        before: !required,
        after: required,
      }),
    ];
  }
  if (rest[1] === "schema") {
    const schemaAt = [...at, "schema"];
    const scope = {
      beforeRoot: locatedPart(site, "before", schemaAt),
      afterRoot: locatedPart(site, "after", schemaAt),
      direction: "response" as const,
      fieldArea: "response-header" as const,
      rootNoun: "the value",
      subject: HEADER_SUBJECT,
      stronglyTyped: false,
      prefix,
    };
    return schemaChanges(site, scope, rest.slice(2));
  }
  if (isDocumentation(rest[1])) return [documentationChange(site, [...owner, ...rest], prefix)];
  return [genericChange(site, [...owner, ...rest], prefix)];
}
