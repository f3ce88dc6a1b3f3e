// The spec-change engine: what changed between two specs, what it means for a client, what it hits in the
// generated package, how far the package version moves, and the reports and CHANGELOG entry that say so.
export type { ChangeArea, ChangeKind, ChangeLocation, ChangeSeverity, MessagePart, SpecChange } from "./change.js";
export { diffSpecs, sortChanges } from "./diff-specs.js";
export {
  ACCEPTED_CHANGES_FILE,
  applyAcceptedChanges,
  loadAcceptedChanges,
  unacceptedBreaking,
  type AcceptedChange,
} from "./accepted-changes.js";
export { withHits, type ChangeHits, type GeneratedOperation, type ImpactContext } from "./impact.js";
export { reviewChanges, type ReviewInputs } from "./review.js";
export { bumpFor, bumpVersion, type VersionBump } from "./version-bump.js";
export { renderMarkdownReport, renderReport, toJsonReport, type JsonReport, type JsonReportChange } from "./report.js";
export { renderChangelogEntry } from "./changelog.js";
export type { SpecDocument } from "./spec-walk.js";
