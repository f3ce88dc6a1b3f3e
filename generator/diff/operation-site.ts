// An operation a diff is in, seen from both specs: where its parts are, what part of it a diff names,
// and the generic ways of reporting a change there (documentation, anything no rule knows, a schema
// handed to the schema classifiers with its direction). Shared by the operation classifiers.
import type { Diff } from "api-smart-diff";
import { toPointer } from "../spec/index.js";
import {
  code,
  makeChange,
  type ChangeArea,
  type ChangeKind,
  type ChangeLocation,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { unitaskVerdict, type Verdict } from "./rules.js";
import { classifySchemaDiff, type SchemaScope } from "./schema-changes.js";
import { locate, pointerOf, type Located, type SpecDocument, type Token } from "./spec-walk.js";

export interface PathsContext {
  before: SpecDocument;
  after: SpecDocument;
  /** Paths api-smart-diff matched under a new template key (`/a/{id}` → `/a/{key}`): old key → new key. */
  renamedPaths: ReadonlyMap<string, string>;
}

export interface OperationSite {
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

export interface OperationFinding {
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

export const DOCUMENTATION_FIELDS = new Set(["summary", "description", "externalDocs", "tags", "example", "examples"]);

/** api-smart-diff's verdict, kept only where no rule here applies; `unclassified` means it could not tell. */
export function fallbackVerdict(diff: Diff, name: string): Verdict {
  const severity =
    diff.type === "breaking" ? "breaking" : diff.type === "unclassified" ? "potentially-breaking" : "non-breaking";
  return unitaskVerdict(name, severity);
}

export function kindOf(diff: Diff): ChangeKind {
  return diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
}

export function sideOf(kind: ChangeKind): "before" | "after" {
  return kind === "removed" ? "before" : "after";
}

export function isDocumentation(token: Token | undefined): boolean {
  return typeof token === "string" && (DOCUMENTATION_FIELDS.has(token) || token.startsWith("x-"));
}

export function verbPhrase(kind: ChangeKind, what: string): MessagePart[] {
  return [kind === "added" ? "added " : kind === "removed" ? "removed " : "changed ", code(what)];
}

export function operationChange(site: OperationSite, finding: OperationFinding): SpecChange {
  const document = finding.side === "before" ? site.paths.before : site.paths.after;
  const key = finding.side === "before" ? site.beforeKey : site.afterKey;
  const tokens = ["paths", key, site.method, ...finding.at];
  return changeAt(site, finding, locate(document, tokens), tokens);
}

/** The change a finding describes, pointing at where it was located, else at `fallback`. */
export function changeAt(
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

export function documentationChange(
  site: OperationSite,
  tail: readonly Token[],
  prefix: readonly MessagePart[],
): SpecChange {
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

export function genericChange(site: OperationSite, tail: readonly Token[], prefix: readonly MessagePart[]): SpecChange {
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

export function schemaChanges(
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

export function locatedPart(
  site: OperationSite,
  side: "before" | "after",
  tokens: readonly Token[],
): Located | undefined {
  const document = side === "before" ? site.paths.before : site.paths.after;
  return locate(document, ["paths", side === "before" ? site.beforeKey : site.afterKey, site.method, ...tokens]);
}
