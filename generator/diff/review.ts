// A change set made ready for the people it concerns: what each change hits in the generated package
// (methods named as the generator names them, from both specs), and which ones a reviewer accepted.
import type { OpenApiDocument } from "../bundle.js";
import type { Manifest } from "../manifest.js";
import { buildProviderModel } from "../model.js";
import type { NormalizationMapping } from "../normalization/index.js";
import type { Problem } from "../problems.js";
import { applyAcceptedChanges, type AcceptedChange } from "./accepted-changes.js";
import type { SpecChange } from "./change.js";
import { withHits } from "./impact.js";
import type { SpecDocument } from "./spec-walk.js";

export interface ReviewInputs {
  before: SpecDocument;
  after: SpecDocument;
  manifest: Manifest;
  /** The spec as headers name it: `specs/quant/openapi.yaml`. */
  specLabel: string;
  mapping?: { file: string; mapping: NormalizationMapping };
  /** The entries of accepted-changes.yaml, when the provider has one. */
  accepted?: readonly AcceptedChange[];
}

/** The changes with their hits and acceptances, and the accepted entries that matched nothing (warnings). */
export function reviewChanges(
  changes: readonly SpecChange[],
  inputs: ReviewInputs,
): { changes: SpecChange[]; stale: Problem[] } {
  const operations = (document: SpecDocument) =>
    buildProviderModel(document as OpenApiDocument, inputs.manifest, inputs.specLabel).operations;
  const hit = withHits(changes, {
    before: changes.length === 0 ? [] : operations(inputs.before),
    after: changes.length === 0 ? [] : operations(inputs.after),
    clientFactory: `create${inputs.manifest.pascalName}Client`,
    mapping: inputs.mapping,
  });
  return inputs.accepted === undefined ? { changes: hit, stale: [] } : applyAcceptedChanges(hit, inputs.accepted);
}
