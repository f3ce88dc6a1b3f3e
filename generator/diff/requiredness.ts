// The one rule for anything that becomes required or optional (a parameter, a request body, a field,
// a response header): oasdiff's `<subject>-became-required` / `-became-optional`, and where oasdiff has
// no such rule, the effect on what the client sends (required narrows) or receives (required narrows).
import { severityOf, type Direction, type MessagePart } from "./change.js";
import { ruleVerdict, type Verdict } from "./rules.js";

export function requirednessChange(
  subject: string,
  required: boolean,
  direction: Direction,
): { words: MessagePart[]; verdict: Verdict } {
  return {
    words: [required ? "became required" : "became optional"],
    verdict: ruleVerdict(
      `${subject}-became-${required ? "required" : "optional"}`,
      severityOf(required ? "narrows" : "widens", direction),
    ),
  };
}
