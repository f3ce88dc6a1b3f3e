// Stage 2c, bundle: pull the spec's own external files into one document (Redocly's bundler,
// confined to files already checked by refs.ts). A single-file spec is returned as it is.
import { bundle } from "@redocly/openapi-core";
import type { LoadedFile } from "./load.js";
import { problemAt } from "./load.js";
import { GenerateError } from "./problems.js";
import { createResolver, getStructuralConfig, toRedoclyDocument } from "./redocly.js";
import { unshieldDocument, unshieldPointer, unshieldText } from "./redocly-shield.js";

export type OpenApiDocument = Record<string, unknown>;

export async function bundleSpec(root: LoadedFile, files: ReadonlyMap<string, LoadedFile>): Promise<OpenApiDocument> {
  if (files.size === 1) return root.document as OpenApiDocument;
  const result = await bundle({
    doc: toRedoclyDocument(root, true),
    config: await getStructuralConfig(),
    externalRefResolver: createResolver(files),
    dereference: false,
  });
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    throw new GenerateError(
      errors.map((problem) =>
        problemAt(
          root,
          unshieldPointer(problem.location[0]?.pointer ?? ""),
          `bundle-${problem.ruleId}`,
          unshieldText(problem.message),
        ),
      ),
    );
  }
  return unshieldDocument(result.bundle.parsed) as OpenApiDocument;
}
