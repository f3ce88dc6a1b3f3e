// What an operation sends and receives: its request body, its responses by status, their media types
// and headers. Schemas inside are handed to the schema classifiers with their direction.
import { isJsonMediaType } from "../../runtime/src/http/media-types.js";
import { code, type MessagePart, type SpecChange } from "./change.js";
import {
  documentationChange,
  genericChange,
  isDocumentation,
  locatedPart,
  operationChange,
  schemaChanges,
  type OperationSite,
} from "./operation-site.js";
import { requirednessChange } from "./requiredness.js";
import { ruleVerdict } from "./rules.js";
import type { RuleSubject } from "./schema-changes.js";
import { isRecord, type Token } from "./spec-walk.js";

/** `required` of the request body or a response header turned on or off (`owner` is where it sits). */
function requiredChange(
  site: OperationSite,
  subject: string,
  direction: "request" | "response",
  prefix: readonly MessagePart[],
  owner: readonly Token[],
): SpecChange {
  const required = site.diff.after === true;
  const { words, verdict } = requirednessChange(subject, required, direction);
  return operationChange(site, {
    kind: "changed",
    area: "required",
    verdict,
    summary: [...prefix, ...words],
    at: [...owner, "required"],
    side: "after",
    before: !required,
    after: required,
  });
}

export function requestBodyChanges(site: OperationSite, rest: readonly Token[]): SpecChange[] {
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
  if (member === "required") return [requiredChange(site, "request-body", "request", prefix, ["requestBody"])];
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

export function responseChanges(site: OperationSite, rest: readonly Token[]): SpecChange[] {
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
  if (rest[1] === "required") return [requiredChange(site, "response-header", "response", prefix, at)];
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
