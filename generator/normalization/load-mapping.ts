// Loads specs/<provider>/normalization.yaml: parse (keeping lines), then validate its shape against
// mappingJsonSchema. Checking it against the provider's spec is check-mapping.ts's job.

import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { parseText } from "../load.js";
import { GenerateError, type Problem } from "../problems.js";
import { mappingJsonSchema, type NormalizationMapping } from "./mapping.js";

/** Compiled on first use (50 ms): most spec folders have no normalization.yaml. */
let validateShape: ValidateFunction | undefined;

export function loadMapping(file: string, text: string): { mapping?: NormalizationMapping; problems: Problem[] } {
  let loaded;
  try {
    loaded = parseText(text, file, file);
  } catch (error) {
    // One YAML syntax error cascades into dozens of follow-on ones: the first is the one to fix.
    if (error instanceof GenerateError) return { problems: error.problems.slice(0, 1) };
    throw error;
  }
  validateShape ??= new Ajv2020({ allErrors: true, strict: true }).compile(mappingJsonSchema);
  if (!validateShape(loaded.document)) {
    const problems = describeShapeErrors(validateShape.errors ?? []).map(({ pointer, message }) => ({
      code: "mapping-invalid",
      severity: "error" as const,
      file,
      pointer,
      line: loaded.lineOf(pointer),
      message: `the normalization mapping ${message}`,
    }));
    return { problems };
  }
  const mapping = { ...(loaded.document as NormalizationMapping), lineOf: loaded.lineOf };
  return { mapping, problems: [] };
}

/** One message per place; a failed `oneOf` is only reported when nothing more precise was said there. */
function describeShapeErrors(errors: readonly ErrorObject[]): { pointer: string; message: string }[] {
  const described = new Map<string, { pointer: string; message: string }>();
  for (const error of errors) {
    if (
      error.keyword === "oneOf" &&
      errors.some(
        (other) => other !== error && other.instancePath.startsWith(error.instancePath) && other.keyword !== "oneOf",
      )
    )
      continue;
    const pointer = error.instancePath === "" ? "" : `#${error.instancePath}`;
    const message = describeShapeError(error);
    described.set(`${pointer} ${message}`, { pointer, message });
  }
  return [...described.values()];
}

function describeShapeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `is missing "${String(params["missingProperty"])}"`;
    case "additionalProperties":
      return `has an unknown property "${String(params["additionalProperty"])}"`;
    case "enum":
      return `must be one of: ${(params["allowedValues"] as unknown[]).map(String).join(", ")}`;
    case "const":
      return `must be "${String(params["allowedValue"])}"`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
