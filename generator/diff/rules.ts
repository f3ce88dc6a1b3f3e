// What a change means for a client, decided by the rule it falls under: oasdiff's level for oasdiff's
// rules, unitask's own severity where oasdiff has no rule, and a stricter one where a generated client
// loses a method or an option that oasdiff only informs about.
import type { ChangeSeverity } from "./change.js";
import { OASDIFF_RULE_LEVELS } from "./oasdiff-rules.js";

export type RuleLevel = "ERR" | "WARN" | "INFO";

const LEVEL_SEVERITY: Readonly<Record<RuleLevel, ChangeSeverity>> = {
  ERR: "breaking",
  WARN: "potentially-breaking",
  INFO: "non-breaking",
};

export interface Verdict {
  /** oasdiff's rule id, or `unitask/<name>` for a class of change oasdiff has no rule for. */
  rule: string;
  severity: ChangeSeverity;
  /** oasdiff's own level, when this verdict is a client-generator rule stricter than it. */
  stricterThan?: RuleLevel;
}

export function oasdiffLevel(rule: string): RuleLevel | undefined {
  return Object.hasOwn(OASDIFF_RULE_LEVELS, rule) ? OASDIFF_RULE_LEVELS[rule] : undefined;
}

/**
 * oasdiff's verdict on `rule`. Rule ids are composed from where the change is (`response-property-`)
 * and what it does (`max-length-increased`); a composition oasdiff has no rule for becomes unitask's
 * own `unitask/<id>`, judged by `fallback`.
 */
export function ruleVerdict(rule: string, fallback: ChangeSeverity): Verdict {
  const level = oasdiffLevel(rule);
  return level === undefined
    ? { rule: `unitask/${rule}`, severity: fallback }
    : { rule, severity: LEVEL_SEVERITY[level] };
}

/** A client-generator rule: `severity`, where oasdiff's `rule` (which must exist) says less. */
export function stricterVerdict(rule: string, severity: ChangeSeverity): Verdict {
  const level = oasdiffLevel(rule);
  if (level === undefined) throw new Error(`Not an oasdiff rule: ${rule}`);
  return LEVEL_SEVERITY[level] === severity ? { rule, severity } : { rule, severity, stricterThan: level };
}

/** A class of change oasdiff has no rule for (servers, documentation, serialization details). */
export function unitaskVerdict(name: string, severity: ChangeSeverity): Verdict {
  return { rule: `unitask/${name}`, severity };
}
