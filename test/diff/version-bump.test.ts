// How far a package version moves for a set of spec changes, above and below 1.0.0.
import { describe, expect, it } from "vitest";
import {
  bumpFor,
  bumpVersion,
  type ChangeArea,
  type ChangeSeverity,
  type SpecChange,
  type VersionBump,
} from "../../generator/diff/index.js";

function change(severity: ChangeSeverity, area: ChangeArea): SpecChange {
  return {
    kind: "changed",
    area,
    rule: "unitask/x",
    pointer: "#/x",
    severity,
    message: `x (${severity})`,
    summary: ["x"],
  };
}

describe("bumpFor", () => {
  it.each<[string, SpecChange[], VersionBump | null]>([
    ["no change", [], null],
    ["documentation only", [change("non-breaking", "documentation"), change("non-breaking", "documentation")], "patch"],
    [
      "a non-breaking API change",
      [change("non-breaking", "documentation"), change("non-breaking", "response-field")],
      "minor",
    ],
    [
      "a potentially breaking change",
      [change("non-breaking", "response-field"), change("potentially-breaking", "enum")],
      "major",
    ],
    // The semver policy: a potentially breaking change alone is enough for major, as it changes an exported type.
    ["only potentially breaking changes", [change("potentially-breaking", "enum")], "major"],
    ["an accepted breaking change", [{ ...change("breaking", "parameter"), accepted: "Reviewed." }], "major"],
    [
      "a client-generator rule stricter than oasdiff",
      [{ ...change("breaking", "operation-id"), rule: "api-operation-id-removed", stricterThan: "INFO" }],
      "major",
    ],
    ["a server change, which is deployment metadata", [change("non-breaking", "server")], "minor"],
    ["a breaking change", [change("breaking", "operation"), change("non-breaking", "documentation")], "major"],
  ])("%s → %s", (_name, changes, bump) => {
    expect(bumpFor(changes)).toBe(bump);
  });
});

describe("bumpVersion", () => {
  it.each<[string, VersionBump | null, string]>([
    ["1.2.3", "major", "2.0.0"],
    ["1.2.3", "minor", "1.3.0"],
    ["1.2.3", "patch", "1.2.4"],
    ["1.2.3", null, "1.2.3"],
    ["10.0.9", "patch", "10.0.10"],
    // Below 1.0.0 every bump moves one place right: ^0.3.1 accepts 0.3.x only.
    ["0.3.1", "major", "0.4.0"],
    ["0.3.1", "minor", "0.3.2"],
    ["0.3.1", "patch", "0.3.2"],
    ["0.0.1", "major", "0.1.0"],
    ["0.3.1", null, "0.3.1"],
  ])("%s with a %s bump is %s", (version, bump, next) => {
    expect(bumpVersion(version, bump)).toBe(next);
  });

  it.each(["1.2", "v1.2.3", "1.2.3-beta.1", "1.2.3+build.5", "01.2.3", ""])("rejects %j", (version) => {
    expect(() => bumpVersion(version, "patch")).toThrow(`Not a plain x.y.z version: ${JSON.stringify(version)}`);
  });
});
