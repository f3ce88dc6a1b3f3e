// Stage 2b, validate: is this an OpenAPI 3.0 or 3.1 document that a client can be built from?
// Structure and references are checked by Redocly; unitask adds the findings a generated
// client depends on. Errors stop the run; warnings are reported and the run goes on.
import { lintDocument } from "@redocly/openapi-core";
import { problemAt, type LoadedFile } from "./load.js";
import { escapePointerToken, type Problem } from "./problems.js";
import { createResolver, getStructuralConfig, toRedoclyDocument } from "./redocly.js";
import { resolveLocalRef } from "./refs.js";

const SUPPORTED_VERSION = /^3\.[01]\.\d+(-.+)?$/;

/**
 * Structural findings that real specs ship with and that generation handles: reported as warnings.
 * (GitHub's own REST spec has 135 `nullable` without a sibling `type`.)
 */
const TOLERATED_FINDINGS = [/^The `type` field must be defined when the `nullable` field is used\.$/];

export async function validateSpec(root: LoadedFile, files: ReadonlyMap<string, LoadedFile>): Promise<Problem[]> {
  const versionProblem = checkVersion(root);
  if (versionProblem) return [versionProblem];

  const config = await getStructuralConfig();
  const lint = await lintDocument({
    document: toRedoclyDocument(root),
    config: config.styleguide,
    externalRefResolver: createResolver(files),
  });
  const problems: Problem[] = lint
    .filter((problem) => problem.severity === "error")
    .map((problem) => {
      const location = problem.location[0];
      const file = (location && files.get(location.source.absoluteRef)) || root;
      const severity = TOLERATED_FINDINGS.some((pattern) => pattern.test(problem.message)) ? "warning" : "error";
      return problemAt(file, location?.pointer ?? "", `lint-${problem.ruleId}`, problem.message, severity);
    });
  return [...problems, ...findAmbiguousNullableOneOf(root)];
}

function checkVersion(root: LoadedFile): Problem | undefined {
  const document = root.document as { openapi?: unknown; swagger?: unknown } | null;
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return problemAt(root, "", "not-openapi", "not an OpenAPI document: expected a mapping at the top level");
  }
  if (document.swagger !== undefined) {
    return problemAt(
      root,
      "#/swagger",
      "not-openapi",
      `Swagger ${String(document.swagger)} is not supported: convert the spec to OpenAPI 3.0 or 3.1`,
    );
  }
  if (typeof document.openapi !== "string" || !SUPPORTED_VERSION.test(document.openapi)) {
    const found =
      document.openapi === undefined ? "no `openapi` field" : `openapi: ${JSON.stringify(document.openapi)}`;
    return problemAt(
      root,
      document.openapi === undefined ? "" : "#/openapi",
      "not-openapi",
      `not an OpenAPI 3.0 or 3.1 document (${found})`,
    );
  }
  return undefined;
}

/**
 * `oneOf: [{ type: 'null' }, X]` where X also accepts null (an unconstrained schema): null then
 * matches two branches, so strict validators (ajv, Prism) reject the very value the spec means.
 */
function findAmbiguousNullableOneOf(root: LoadedFile): Problem[] {
  const problems: Problem[] = [];
  const stack: [unknown, string][] = [[root.document, "#"]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const oneOf = (node as { oneOf?: unknown }).oneOf;
    if (
      Array.isArray(oneOf) &&
      oneOf.some(isNullOnly) &&
      oneOf.filter((branch) => acceptsNull(root.document, branch)).length > 1
    ) {
      problems.push(
        problemAt(
          root,
          `${pointer}/oneOf`,
          "oneof-null-ambiguous",
          "null matches more than one oneOf branch, so strict JSON Schema validators reject null here (use anyOf, or constrain the other branch's type)",
          "warning",
        ),
      );
    }
    for (const [key, value] of Object.entries(node)) stack.push([value, `${pointer}/${escapePointerToken(key)}`]);
  }
  return problems.sort((a, b) => a.pointer.localeCompare(b.pointer));
}

function isNullOnly(schema: unknown): boolean {
  return (schema as { type?: unknown } | null)?.type === "null";
}

function acceptsNull(document: unknown, schema: unknown, seen = new Set<unknown>()): boolean {
  if (schema === true) return true;
  if (schema === null || typeof schema !== "object" || seen.has(schema)) return false;
  seen.add(schema);
  const {
    $ref,
    type,
    nullable,
    enum: values,
    const: constant,
    oneOf,
    anyOf,
    allOf,
    not,
  } = schema as Record<string, unknown>;
  if (typeof $ref === "string")
    return $ref.startsWith("#") && acceptsNull(document, resolveLocalRef(document, $ref), seen);
  if (nullable === true) return true;
  if (Array.isArray(values)) return values.includes(null);
  if (constant !== undefined) return constant === null;
  if (type !== undefined) return type === "null" || (Array.isArray(type) && type.includes("null"));
  if (Array.isArray(oneOf) || Array.isArray(anyOf) || Array.isArray(allOf) || not !== undefined) return false;
  return true;
}
