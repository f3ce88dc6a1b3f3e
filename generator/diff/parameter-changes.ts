// An operation's parameters, paired by `in` and `name` (after `$ref`s and path-level parameters; a renamed
// path's parameters by their position in the template): added, removed, required, deprecated, serialized
// differently, or changed inside their schema.
// How a parameter value is written into the request; a server may or may not accept both spellings.
import { code, type MessagePart, type SpecChange } from "./change.js";
import {
  changeAt,
  fallbackVerdict,
  genericChange,
  isDocumentation,
  kindOf,
  schemaChanges,
  sideOf,
  verbPhrase,
  type OperationFinding,
  type OperationSite,
} from "./operation-site.js";
import { requirednessChange } from "./requiredness.js";
import { ruleVerdict, unitaskVerdict } from "./rules.js";
import type { RuleSubject } from "./schema-changes.js";
import {
  deref,
  isRecord,
  operationParameters,
  parameterIdentity,
  walk,
  type LocatedParameter,
  type SpecDocument,
  type Token,
} from "./spec-walk.js";

const SERIALIZATION_FIELDS = new Set(["style", "explode", "allowReserved", "allowEmptyValue", "content"]);

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

export function parameterChanges(unpaired: OperationSite, tail: readonly Token[]): SpecChange[] {
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
