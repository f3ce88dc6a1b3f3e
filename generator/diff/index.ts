// The spec-change engine: what changed between two specs, what it means for a client, how far the
// package version moves, and the report and CHANGELOG entry that say so.
export type { ChangeArea, ChangeKind, ChangeSeverity, MessagePart, SpecChange } from "./change.js";
export { diffSpecs, sortChanges } from "./diff-specs.js";
export { bumpFor, bumpVersion, type VersionBump } from "./version-bump.js";
export { renderReport, toJsonReport, type JsonReport, type JsonReportChange } from "./report.js";
export { renderChangelogEntry } from "./changelog.js";
export type { SpecDocument } from "./spec-walk.js";
