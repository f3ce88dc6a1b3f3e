// Stage 2b, validate: is this an OpenAPI 3.0 or 3.1 document that a client can be built from?
// Structure and references are checked by Redocly; unitask adds the findings a generated client depends
// on. Only what stops a correct client is an error (a missing required field, an OpenAPI object of the
// wrong type, an unresolved reference, a duplicate operationId); the nits real specs ship with, which
// JSON Schema itself ignores, are warnings of a named kind, and the run goes on.
import { lintDocument } from "@redocly/openapi-core";
import { problemAt, type LoadedFile } from "./load.js";
import type { Problem } from "./problems.js";
import { createResolver, getStructuralConfig, toRedoclyDocument } from "./redocly.js";
import { unshieldPointer, unshieldText } from "./redocly-shield.js";
import { acceptsNull, isNullSchema, PointerPath } from "./spec/index.js";

const SUPPORTED_VERSION = /^3\.[01]\.\d+(-.+)?$/;

interface FindingKind {
  code: string;
  severity: Problem["severity"];
  pattern: RegExp;
  /** What generation does about it, appended to Redocly's message. */
  outcome?: string;
}

/** A Redocly finding's kind and whether it stops generation; the first row that matches decides. */
const FINDING_KINDS: FindingKind[] = [
  {
    code: "nullable-in-3.1",
    severity: "warning",
    pattern: /^Property `nullable` is not expected here/,
    outcome: "OpenAPI 3.1 writes type: [T, 'null']; read as nullable",
  },
  {
    code: "unknown-keyword",
    severity: "warning",
    pattern: /^Property `.*` is not expected here/,
    outcome: "ignored, as JSON Schema ignores unknown keywords",
  },
  {
    code: "nullable-without-type",
    severity: "warning",
    pattern: /^The `type` field must be defined when the `nullable` field is used/,
  },
  {
    code: "schema-not-an-object",
    severity: "warning",
    pattern: /^Expected type `Schema` \(object\) but got `null`/,
    outcome: "read as {} (any value)",
  },
  {
    code: "boolean-schema",
    severity: "warning",
    pattern: /^Expected type `Schema` \(object\) but got `boolean`/,
    outcome: "kept: true and false are schemas in JSON Schema",
  },
  {
    code: "type-not-allowed",
    severity: "warning",
    pattern: /^`type` can be one of the following only/,
    outcome: "kept as written",
  },
  { code: "wrong-object-type", severity: "error", pattern: /^Expected type `\w+` \((object|array)\) but got/ },
  { code: "value-type", severity: "warning", pattern: /^Expected type `\w+` but got/, outcome: "ignored" },
  { code: "value-not-allowed", severity: "warning", pattern: /can be one of the following only/, outcome: "ignored" },
];

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
      const kind = FINDING_KINDS.find((candidate) => candidate.pattern.test(problem.message));
      const message = unshieldText(problem.message);
      return problemAt(
        file,
        unshieldPointer(location?.pointer ?? ""),
        kind?.code ?? `lint-${problem.ruleId}`,
        kind?.outcome ? `${message.replace(/\.$/, "")}: ${kind.outcome}` : message,
        kind?.severity ?? "error",
      );
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
  const stack: { node: unknown; path: PointerPath }[] = [{ node: root.document, path: new PointerPath() }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const oneOf = (node as { oneOf?: unknown }).oneOf;
    if (
      Array.isArray(oneOf) &&
      oneOf.some(isNullSchema) &&
      oneOf.filter((branch) => acceptsNull(root.document, branch)).length > 1
    ) {
      problems.push(
        problemAt(
          root,
          `${path.pointer}/oneOf`,
          "oneof-null-ambiguous",
          "null matches more than one oneOf branch, so strict JSON Schema validators reject null here (use anyOf, or constrain the other branch's type)",
          "warning",
        ),
      );
    }
    for (const [key, value] of Object.entries(node))
      if (value !== null && typeof value === "object") stack.push({ node: value, path: new PointerPath(path, key) });
  }
  return problems.sort((a, b) => a.pointer.localeCompare(b.pointer));
}
