// Classifies the api-smart-diff changes under `paths`: operations, parameters, request bodies, responses,
// their media types, status codes and headers. Schema changes are handed to schema-changes.ts with the
// direction (request or response) that decides what breaks a client.
import type { Diff } from "api-smart-diff";
import { toPointer } from "../problems.js";
import {
  code,
  makeChange,
  type ChangeArea,
  type ChangeKind,
  type ChangeSeverity,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { classifySchemaDiff, type SchemaScope } from "./schema-changes.js";
import {
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
}

interface OperationFinding {
  kind: ChangeKind;
  area: ChangeArea;
  severity: ChangeSeverity;
  summary: readonly MessagePart[];
  /** Tokens below the operation in the spec of `side`. */
  at: readonly Token[];
  side: "before" | "after";
  before?: unknown;
  after?: unknown;
}

const DOCUMENTATION_FIELDS = new Set(["summary", "description", "externalDocs", "tags", "example", "examples"]);

/** api-smart-diff's verdict, kept only where no rule here applies; `unclassified` means it could not tell. */
export function fallbackSeverity(diff: Diff): ChangeSeverity {
  if (diff.type === "breaking") return "breaking";
  if (diff.type === "unclassified") return "potentially-breaking";
  return "non-breaking";
}

function kindOf(diff: Diff): ChangeKind {
  return diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
}

function isDocumentation(token: Token | undefined): boolean {
  return typeof token === "string" && (DOCUMENTATION_FIELDS.has(token) || token.startsWith("x-"));
}

export function classifyPathDiff(paths: PathsContext, diff: Diff): SpecChange[] {
  const [, pathToken, methodToken] = diff.path;
  if (diff.path.length === 1 && diff.action === "rename") return [pathRenamed(diff)];
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
  if (section === "security") return []; // compared whole, per operation, in security-changes.ts
  if (section === "parameters") return parameterChanges(site, tail.slice(1));
  if (section === "requestBody") return requestBodyChanges(site, tail.slice(1));
  if (section === "responses") return responseChanges(site, tail.slice(1));
  if (section === "operationId") return [operationIdChange(site)];
  if (section === "deprecated") {
    const deprecated = diff.after === true;
    const summary = [`${site.label}: `, deprecated ? "deprecated the operation" : "un-deprecated the operation"];
    return [
      operationChange(site, {
        kind: "changed",
        area: "deprecation",
        severity: "non-breaking",
        summary,
        at: ["deprecated"],
        side: "after",
        after: deprecated,
      }),
    ];
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
    severity: finding.severity,
    summary: finding.summary,
    before: finding.before,
    after: finding.after,
    operation: site.label,
  });
}

function pathRenamed(diff: Diff): SpecChange {
  const from = String(diff.before);
  const to = String(diff.after);
  // Same template, other parameter names: the same requests on the wire, but the typed `paths` keys change.
  return makeChange({
    kind: "changed",
    area: "operation",
    pointer: toPointer(["paths", to]),
    severity: "potentially-breaking",
    summary: ["renamed path ", code(from), " to ", code(to)],
    before: from,
    after: to,
    operation: to,
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
    severity: documentation ? "non-breaking" : fallbackSeverity(diff),
    summary: [`${afterKey}: `, ...verbPhrase(kind, tail.join("/"))],
    before: diff.before,
    after: diff.after,
  });
}

function verbPhrase(kind: ChangeKind, what: string): MessagePart[] {
  return [kind === "added" ? "added " : kind === "removed" ? "removed " : "changed ", code(what)];
}

function operationAddedOrRemoved(site: OperationSite): SpecChange {
  if (site.diff.action === "add") {
    return operationChange(site, {
      kind: "added",
      area: "operation",
      severity: "non-breaking",
      summary: [`${site.label}: added operation`],
      at: [],
      side: "after",
    });
  }
  return operationChange(site, {
    kind: "removed",
    area: "operation",
    severity: "breaking",
    summary: [`${site.label}: removed operation`],
    at: [],
    side: "before",
  });
}

function operationIdChange(site: OperationSite): SpecChange {
  const { before, after } = site.diff;
  const kind = kindOf(site.diff);
  // oasdiff only informs here, but a generated client names its methods after the operationId.
  const summary: MessagePart[] =
    kind === "added"
      ? [`${site.label}: set operationId to `, code(String(after))]
      : kind === "removed"
        ? [`${site.label}: removed operationId `, code(String(before))]
        : [`${site.label}: changed operationId from `, code(String(before)), " to ", code(String(after))];
  return operationChange(site, {
    kind,
    area: "operation-id",
    severity: "breaking",
    summary,
    at: ["operationId"],
    side: kind === "removed" ? "before" : "after",
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
    severity: "non-breaking",
    summary: [...prefix, ...verbPhrase(kind, String(member[member.length - 1]))],
    at: member,
    side: kind === "removed" ? "before" : "after",
    before: tail.length > member.length ? undefined : site.diff.before,
    after: tail.length > member.length ? undefined : site.diff.after,
  });
}

function genericChange(site: OperationSite, tail: readonly Token[], prefix: readonly MessagePart[]): SpecChange {
  const kind = kindOf(site.diff);
  return operationChange(site, {
    kind,
    area: "other",
    severity: fallbackSeverity(site.diff),
    summary: [...prefix, ...verbPhrase(kind, tail.join("/"))],
    at: tail,
    side: kind === "removed" ? "before" : "after",
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
  const fullScope: SchemaScope = { ...scope, before: paths.before, after: paths.after, operation: site.label };
  return classifySchemaDiff(fullScope, {
    tail,
    action: diff.action,
    before: diff.before,
    after: diff.after,
    fallbackSeverity: fallbackSeverity(diff),
  });
}

function parameterChanges(site: OperationSite, tail: readonly Token[]): SpecChange[] {
  const { paths, diff } = site;
  const position = Number(tail[0]);
  const rest = tail.slice(1);
  const beforeParameters = operationParameters(paths.before, site.beforeKey, site.method);
  const afterParameters = operationParameters(paths.after, site.afterKey, site.method);
  // api-smart-diff numbers an added parameter in the new spec and any other in the old one.
  const numbered =
    diff.action === "add" && rest.length === 0
      ? afterParameters[position]
      : (beforeParameters[position] ?? afterParameters[position]);
  if (numbered === undefined) return [genericChange(site, ["parameters", ...tail], [`${site.label}: `])];
  const identity = parameterIdentity(numbered);
  const beforeParameter = beforeParameters.find((parameter) => parameterIdentity(parameter) === identity);
  const afterParameter = afterParameters.find((parameter) => parameterIdentity(parameter) === identity);
  const name = code(numbered.name);
  const where = `${numbered.in} parameter `;
  const prefix: MessagePart[] = [`${site.label} ${where}`, name, ": "];
  const change = (finding: Omit<OperationFinding, "at"> & { at?: readonly Token[] }) =>
    parameterChange(site, finding.side === "before" ? beforeParameter : afterParameter, finding);

  if (rest.length === 0) {
    if (diff.action === "add" && afterParameter !== undefined) {
      const required =
        isRecord(afterParameter.value) && (afterParameter.value.required === true || afterParameter.in === "path");
      const summary = [`${site.label}: added ${required ? "required" : "optional"} ${where}`, name];
      return [
        change({
          kind: "added",
          area: "parameter",
          severity: required ? "breaking" : "non-breaking",
          summary,
          side: "after",
          after: afterParameter.value,
        }),
      ];
    }
    if (diff.action === "remove" && beforeParameter !== undefined) {
      // oasdiff warns: the server may ignore the parameter now, or reject it.
      const summary = [`${site.label}: removed ${where}`, name];
      return [
        change({
          kind: "removed",
          area: "parameter",
          severity: "potentially-breaking",
          summary,
          side: "before",
          before: beforeParameter.value,
        }),
      ];
    }
  }
  const member = rest[0];
  if (member === "required") {
    const required = isRecord(afterParameter?.value) && afterParameter.value.required === true;
    const summary = [...prefix, required ? "became required" : "became optional"];
    return [
      change({
        kind: "changed",
        area: "required",
        severity: required ? "breaking" : "non-breaking",
        summary,
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
      prefix,
    };
    return schemaChanges(site, scope, rest.slice(1));
  }
  if (member === "name" && numbered.in === "path") {
    // Path parameters are positional in the generated client and never named on the wire.
    const summary = [
      `${site.label}: renamed path parameter `,
      code(String(diff.before)),
      " to ",
      code(String(diff.after)),
    ];
    return [
      change({
        kind: "changed",
        area: "parameter",
        severity: "non-breaking",
        summary,
        at: ["name"],
        side: "after",
        before: diff.before,
        after: diff.after,
      }),
    ];
  }
  if (member === "deprecated") {
    const deprecated = diff.after === true;
    return [
      change({
        kind: "changed",
        area: "deprecation",
        severity: "non-breaking",
        summary: [...prefix, deprecated ? "deprecated" : "un-deprecated"],
        at: ["deprecated"],
        side: "after",
        after: deprecated,
      }),
    ];
  }
  const kind = kindOf(diff);
  if (isDocumentation(member)) {
    return [
      change({
        kind,
        area: "documentation",
        severity: "non-breaking",
        summary: [...prefix, ...verbPhrase(kind, String(member))],
        at: rest.slice(0, 1),
        side: kind === "removed" ? "before" : "after",
        before: diff.before,
        after: diff.after,
      }),
    ];
  }
  if (member === "in") {
    return [
      change({
        kind,
        area: "parameter",
        severity: "breaking",
        summary: [...prefix, "moved from ", code(String(diff.before)), " to ", code(String(diff.after))],
        at: ["in"],
        side: "after",
        before: diff.before,
        after: diff.after,
      }),
    ];
  }
  // style, explode, allowReserved, content: how the value is serialized; a server may or may not accept both.
  const severity: ChangeSeverity =
    typeof member === "string" && ["style", "explode", "allowReserved", "content"].includes(member)
      ? "potentially-breaking"
      : fallbackSeverity(diff);
  return [
    change({
      kind,
      area: "parameter",
      severity,
      summary: [...prefix, ...verbPhrase(kind, rest.join("/"))],
      at: rest,
      side: kind === "removed" ? "before" : "after",
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
  if (member === undefined) {
    if (diff.action === "add") {
      const body = locatedPart(site, "after", ["requestBody"])?.value;
      const required = isRecord(body) && body.required === true;
      const summary = [`${site.label}: added ${required ? "required" : "optional"} request body`];
      return [
        operationChange(site, {
          kind: "added",
          area: "request-body",
          severity: required ? "breaking" : "non-breaking",
          summary,
          at: ["requestBody"],
          side: "after",
        }),
      ];
    }
    if (diff.action === "remove") {
      return [
        operationChange(site, {
          kind: "removed",
          area: "request-body",
          severity: "breaking",
          summary: [`${site.label}: removed request body`],
          at: ["requestBody"],
          side: "before",
        }),
      ];
    }
  }
  if (member === "required") {
    const required = diff.after === true;
    const summary = [...prefix, required ? "became required" : "became optional"];
    return [
      operationChange(site, {
        kind: "changed",
        area: "required",
        severity: required ? "breaking" : "non-breaking",
        summary,
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
    const summary = [...prefix, adds ? "added media type " : "removed media type ", code(String(mediaType))];
    return [
      operationChange(site, {
        kind: adds ? "added" : "removed",
        area: "media-type",
        severity: adds ? "non-breaking" : "breaking",
        summary,
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
      prefix,
    };
    return schemaChanges(site, scope, rest.slice(2));
  }
  if (isDocumentation(rest[1])) return [documentationChange(site, [...owner, "content", ...rest], prefix)];
  return [genericChange(site, [...owner, "content", ...rest], prefix)];
}

function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

function responseChanges(site: OperationSite, rest: readonly Token[]): SpecChange[] {
  const { diff } = site;
  const status = String(rest[0]);
  const prefix: MessagePart[] = [`${site.label} ${status} response: `];
  const member = rest[1];
  if (member === undefined && (diff.action === "add" || diff.action === "remove")) {
    const adds = diff.action === "add";
    // oasdiff: a success status that disappears breaks clients; an error status that disappears does not.
    const severity: ChangeSeverity = adds || !isSuccessStatus(status) ? "non-breaking" : "breaking";
    const summary = [`${site.label}: ${adds ? "added" : "removed"} ${status} response`];
    return [
      operationChange(site, {
        kind: adds ? "added" : "removed",
        area: "status-code",
        severity,
        summary,
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

function headerChanges(site: OperationSite, status: string, rest: readonly Token[]): SpecChange[] {
  const { diff } = site;
  const header = rest[0];
  const owner: Token[] = ["responses", status, "headers"];
  if (header === undefined) return [genericChange(site, owner, [`${site.label} ${status} response: `])];
  const name = code(String(header));
  const at = [...owner, header];
  if (rest.length === 1 && (diff.action === "add" || diff.action === "remove")) {
    if (diff.action === "add") {
      const summary = [`${site.label} ${status} response: added header `, name];
      return [
        operationChange(site, {
          kind: "added",
          area: "response-header",
          severity: "non-breaking",
          summary,
          at,
          side: "after",
        }),
      ];
    }
    const removed = locatedPart(site, "before", at)?.value;
    const wasRequired = isRecord(removed) && removed.required === true;
    const summary = [
      `${site.label} ${status} response: removed ${wasRequired ? "required" : "optional"} header `,
      name,
    ];
    return [
      operationChange(site, {
        kind: "removed",
        area: "response-header",
        severity: wasRequired ? "breaking" : "potentially-breaking",
        summary,
        at,
        side: "before",
      }),
    ];
  }
  const prefix: MessagePart[] = [`${site.label} ${status} response header `, name, ": "];
  if (rest[1] === "required") {
    const required = diff.after === true;
    const summary = [...prefix, required ? "became required" : "became optional"];
    return [
      operationChange(site, {
        kind: "changed",
        area: "required",
        severity: required ? "non-breaking" : "breaking",
        summary,
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
      prefix,
    };
    return schemaChanges(site, scope, rest.slice(2));
  }
  if (isDocumentation(rest[1])) return [documentationChange(site, [...owner, ...rest], prefix)];
  return [genericChange(site, [...owner, ...rest], prefix)];
}
