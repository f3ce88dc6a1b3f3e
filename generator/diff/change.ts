// The shape of one classified spec change and the small vocabulary every classifier shares: how an
// effect on the set of valid payloads becomes a severity for a client, and how a sentence is worded.
// Spec text inside a sentence is kept apart (`{ code }`) so each output can escape it for its medium.
import type { ChangeHits } from "./impact.js";
import type { RuleLevel, Verdict } from "./rules.js";

export type ChangeKind = "added" | "removed" | "changed";

export type ChangeSeverity = "breaking" | "potentially-breaking" | "non-breaking";

export type ChangeArea =
  | "operation"
  | "operation-id"
  | "deprecation"
  | "parameter"
  | "request-body"
  | "request-field"
  | "response-field"
  | "response-header"
  | "status-code"
  | "media-type"
  | "type"
  | "format"
  | "enum"
  | "required"
  | "nullable"
  | "constraint"
  | "default"
  | "schema"
  | "server"
  | "security"
  | "security-scheme"
  | "documentation"
  | "other";

/** Where inside an operation a change is: what decides the generated type it touches. */
export type ChangeLocation =
  | { part: "response"; status: string }
  | { part: "response-header"; status: string; name: string }
  | { part: "request-body" }
  | { part: "parameter"; in: string; name: string };

/** Plain words are strings; text taken from a spec (names, values, URLs) is `{ code }`. */
export type MessagePart = string | { readonly code: string };

export interface SpecChange {
  kind: ChangeKind;
  area: ChangeArea;
  /** The rule the change falls under: oasdiff's id (`response-property-type-changed`) or `unitask/<name>`. */
  rule: string;
  /** oasdiff's level for `rule`, when unitask's severity is a client-generator rule stricter than it. */
  stricterThan?: RuleLevel;
  /** Where the change is, as a JSON pointer into the spec that has it (the old spec for removals, else the new one), `$ref`s followed. */
  pointer: string;
  before?: unknown;
  after?: unknown;
  severity: ChangeSeverity;
  /** `GET /tasks/{task_id}` when the change belongs to one operation. */
  operation?: string;
  /** Dotted path of the field inside a body, parameter or header schema (`task.status`, `items[].id`), when there is one. */
  field?: string;
  /** Which part of the operation the change is in, when it is in one. */
  location?: ChangeLocation;
  /** What the change touches in the generated package; set by withHits when the package is known. */
  hits?: ChangeHits;
  /** The reason from accepted-changes.yaml, when a reviewer accepted this change. */
  accepted?: string;
  /** One line: `GET /tasks/{task_id} 200 response: removed field `name` (breaking)`. */
  message: string;
  /** The same sentence without the severity, with spec text kept apart for escaping. */
  summary: readonly MessagePart[];
}

/**
 * What a change does to the set of payloads the contract allows. `incomparable`: old and new sets
 * overlap but neither contains the other; `unknown`: it cannot be decided from the spec alone.
 */
export type Effect = "widens" | "narrows" | "incomparable" | "unknown" | "none";

/** Who produces the payload: the client (request), the server (response), or neither. */
export type Direction = "request" | "response" | "none";

/**
 * oasdiff's model: a client breaks when what it may send shrinks (request narrows) or when what it may
 * receive grows (response widens). Effects without a direction (operations, security) break on narrowing.
 */
export function severityOf(effect: Effect, direction: Direction): ChangeSeverity {
  switch (effect) {
    case "none":
      return "non-breaking";
    case "unknown":
      return "potentially-breaking";
    case "incomparable":
      return "breaking";
    case "widens":
      return direction === "response" ? "breaking" : "non-breaking";
    case "narrows":
      return direction === "response" ? "non-breaking" : "breaking";
  }
}

export const SEVERITY_LABELS: Readonly<Record<ChangeSeverity, string>> = {
  breaking: "breaking",
  "potentially-breaking": "potentially breaking",
  "non-breaking": "non-breaking",
};

export const SEVERITY_ORDER: readonly ChangeSeverity[] = ["breaking", "potentially-breaking", "non-breaking"];

/** `breaking`, or `breaking; client-generator rule, stricter than oasdiff's INFO`. */
export function verdictLabel(verdict: Verdict): string {
  const label = SEVERITY_LABELS[verdict.severity];
  return verdict.stricterThan === undefined
    ? label
    : `${label}; client-generator rule, stricter than oasdiff's ${verdict.stricterThan}`;
}

export function code(text: string): MessagePart {
  return { code: text };
}

/** A value from a spec as it reads in a sentence: strings bare, anything else as JSON. */
export function codeValue(value: unknown): MessagePart {
  return code(typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)));
}

// C0/C1 controls, line and paragraph separators and bidi overrides: anything that could break a line or
// reorder what a reader sees.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces characters that could break or disguise a one-line message with their `\uXXXX` escapes. */
export function oneLine(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The sentence for a terminal or a log: spec text in backticks, on one line. */
export function plainText(parts: readonly MessagePart[]): string {
  return parts.map((part) => (typeof part === "string" ? oneLine(part) : `\`${oneLine(part.code)}\``)).join("");
}

export interface ChangeFacts extends Verdict {
  kind: ChangeKind;
  area: ChangeArea;
  pointer: string;
  summary: readonly MessagePart[];
  before?: unknown;
  after?: unknown;
  operation?: string;
  field?: string;
  location?: ChangeLocation;
}

/** Builds a change, its one-line message ending in the severity, leaving out absent optional facts. */
export function makeChange(facts: ChangeFacts): SpecChange {
  const change: SpecChange = {
    kind: facts.kind,
    area: facts.area,
    rule: facts.rule,
    pointer: facts.pointer,
    severity: facts.severity,
    message: `${plainText(facts.summary)} (${verdictLabel(facts)})`,
    summary: facts.summary,
  };
  if (facts.stricterThan !== undefined) change.stricterThan = facts.stricterThan;
  if (facts.before !== undefined) change.before = facts.before;
  if (facts.after !== undefined) change.after = facts.after;
  if (facts.operation !== undefined) change.operation = facts.operation;
  if (facts.field !== undefined && facts.field !== "") change.field = facts.field;
  if (facts.location !== undefined) change.location = facts.location;
  return change;
}
