// How far a package's version moves for a set of spec changes, and the move itself.
import type { SpecChange } from "./change.js";

export type VersionBump = "major" | "minor" | "patch";

/**
 * `major` when anything is breaking or potentially breaking, `minor` for any other API change, `patch`
 * when only documentation changed, `null` when nothing did.
 *
 * Potentially breaking changes (oasdiff's warnings: a new response enum value, a removed optional response
 * field or request parameter) bump major like breaking ones: in a generated TypeScript package each of them
 * changes an exported type (a union gains a member, a property disappears), which can stop a consumer's
 * code compiling (an exhaustive `switch`, a read of the removed property), and a caret range would pull it
 * in unasked. Accepting a change in accepted-changes.yaml does not lower its bump: it records that someone
 * reviewed it, and the version still says what it does to consumers.
 */
export function bumpFor(changes: readonly SpecChange[]): VersionBump | null {
  if (changes.length === 0) return null;
  if (changes.some((change) => change.severity !== "non-breaking")) return "major";
  if (changes.some((change) => change.area !== "documentation")) return "minor";
  return "patch";
}

const PLAIN_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The next version. Below 1.0.0 the usual convention (Cargo's, npm's caret ranges) shifts each bump one
 * place right, because `^0.y.z` accepts only `0.y.*`: a major bump moves the minor (0.3.1 → 0.4.0), and
 * minor and patch bumps move the patch (0.3.1 → 0.3.2). Accepts only plain `x.y.z`: generated packages
 * carry no pre-release or build tags, and guessing how to bump one would be wrong half the time.
 */
export function bumpVersion(version: string, bump: VersionBump | null): string {
  const match = PLAIN_SEMVER.exec(version);
  if (match === null) throw new Error(`Not a plain x.y.z version: ${JSON.stringify(version)}`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (bump === null) return version;
  if (major === 0) return bump === "major" ? `0.${minor + 1}.0` : `0.${minor}.${patch + 1}`;
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}
