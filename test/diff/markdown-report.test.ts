// `unitask diff --format markdown`: the report ready to paste into a pull request, as a golden file.
// The edits cover every severity, a client-generator rule, an accepted change, what changes hit, and
// spec text that would open HTML or a code span if it were not escaped.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffSpecs, renderMarkdownReport, reviewChanges, type SpecDocument } from "../../generator/diff/index.js";
import { readManifest } from "../../generator/manifest.js";

// Edits reach deep into parsed YAML, where a precise type would only restate the spec.
type Doc = any;

const before = parse(readFileSync(new URL("fixtures/pets.yaml", import.meta.url), "utf8")) as SpecDocument;
const after = structuredClone(before) as Doc;
after.paths["/pets"].get.parameters.unshift({
  name: "tenant",
  in: "query",
  required: true,
  schema: { type: "string" },
});
after.paths["/pets/{petId}"].get.operationId = "fetchPet";
after.components.schemas.Pet.properties.status.enum.push("<b>`sold|out`</b>");
after.components.schemas.NewPet.properties.age.format = "int64";
after.servers[0].url = "https://api.pets.test/v2";

const inputs = {
  before,
  after,
  manifest: readManifest("pets", undefined).manifest,
  specLabel: "specs/pets/openapi.yaml",
  accepted: [
    {
      rule: "api-operation-id-removed",
      pointer: "#/paths/~1pets~1{petId}/get/operationId",
      reason: "getPet had no users yet; renamed to match the docs.",
      file: "specs/pets/accepted-changes.yaml",
      entryPointer: "#/changes/0",
    },
  ],
};

describe("renderMarkdownReport", () => {
  it("groups the changes by severity, each with its pointer, rule, hits and acceptance", async () => {
    const { changes, stale } = reviewChanges(diffSpecs(before, after), inputs);
    expect(stale).toEqual([]);
    await expect(renderMarkdownReport("pets", changes)).toMatchFileSnapshot("__snapshots__/pets-report.md");
  });

  it("says so when nothing changed", () => {
    expect(renderMarkdownReport("pets", [])).toBe("## Spec changes: pets\n\nNo changes.\n");
  });
});
