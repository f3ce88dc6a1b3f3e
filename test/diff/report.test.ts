// The text and JSON change reports and the CHANGELOG entry, including spec text that tries to escape.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  diffSpecs,
  renderChangelogEntry,
  renderReport,
  toJsonReport,
  type SpecDocument,
} from "../../generator/diff/index.js";

// Edits reach deep into parsed YAML, where a precise type would only restate the spec.
type Doc = any;

function deckEdited(edit: (doc: Doc) => void): { before: SpecDocument; after: SpecDocument } {
  const before = parse(readFileSync(new URL("../../specs/deck/openapi.yaml", import.meta.url), "utf8")) as SpecDocument;
  const after = structuredClone(before) as Doc;
  edit(after);
  return { before, after };
}

// Changes of each severity, documentation among them.
const { before, after } = deckEdited((doc) => {
  const task = doc.components.schemas.GetTaskResponse;
  delete task.properties.name;
  task.required = task.required.filter((name: string) => name !== "name");
  task.properties.status.enum = ["learning", "test", "live"];
  delete doc.components.schemas.TaskRunError.properties.field;
  doc.paths["/tasks/{task_id}"].get.responses["429"] = { description: "Too many requests." };
  doc.paths["/tasks/{task_id}"].get.summary = "Get a task";
});
const changes = diffSpecs(before, after);

describe("renderReport", () => {
  it("groups the changes by severity under a count, one line each", () => {
    expect(renderReport("deck", changes)).toBe(
      [
        "deck: 8 changes (1 breaking, 4 potentially breaking, 3 non-breaking)",
        "Breaking:",
        "  - GET /tasks/{task_id} 200 response: removed field `name` (breaking)",
        "Potentially breaking:",
        "  - GET /tasks/{task_id} 404 response: removed optional field `errors[].field` (potentially breaking)",
        "  - GET /tasks/{task_id} 409 response: removed optional field `errors[].field` (potentially breaking)",
        "  - GET /tasks/{task_id} 422 response: removed optional field `errors[].field` (potentially breaking)",
        "  - GET /tasks/{task_id} 500 response: removed optional field `errors[].field` (potentially breaking)",
        "Non-breaking:",
        "  - GET /tasks/{task_id} 200 response: added an enum to field `status`: `learning`, `test`, `live` (non-breaking)",
        "  - GET /tasks/{task_id}: added 429 response (non-breaking)",
        "  - GET /tasks/{task_id}: changed `summary` (non-breaking)",
        "",
      ].join("\n"),
    );
  });

  it("is empty when nothing changed", () => {
    expect(renderReport("deck", [])).toBe("");
  });
});

describe("toJsonReport", () => {
  it("carries the bump, the counts and each change as data", () => {
    const report = toJsonReport("deck", changes);
    expect(report.provider).toBe("deck");
    expect(report.bump).toBe("major");
    expect(report.counts).toEqual({ breaking: 1, "potentially-breaking": 4, "non-breaking": 3 });
    expect(report.changes[0]).toEqual({
      kind: "removed",
      area: "response-field",
      severity: "breaking",
      rule: "response-required-property-removed",
      pointer: "#/components/schemas/GetTaskResponse/properties/name",
      operation: "GET /tasks/{task_id}",
      field: "name",
      before: { type: "string", description: "Display name for the task." },
      message: "GET /tasks/{task_id} 200 response: removed field `name` (breaking)",
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("has no bump and no changes when nothing changed", () => {
    expect(toJsonReport("deck", [])).toEqual({
      provider: "deck",
      bump: null,
      counts: { breaking: 0, "potentially-breaking": 0, "non-breaking": 0 },
      changes: [],
    });
  });
});

describe("renderChangelogEntry", () => {
  it("lists the changes under the version, by severity, in Markdown", () => {
    const { before: old, after: current } = deckEdited((doc) => {
      const task = doc.components.schemas.GetTaskResponse;
      delete task.properties.name;
      task.required = task.required.filter((name: string) => name !== "name");
      doc.components.schemas.GetTaskResponse.properties.status.enum = ["learning", "test", "live"];
      doc.paths["/tasks/{task_id}"].get.responses["429"] = { description: "Too many requests." };
    });
    expect(renderChangelogEntry("2.0.0", diffSpecs(old, current))).toBe(
      [
        "## 2.0.0",
        "",
        "### Breaking changes",
        "",
        "- GET /tasks/{task\\_id} 200 response: removed field `name`",
        "",
        "### Other changes",
        "",
        "- GET /tasks/{task\\_id} 200 response: added an enum to field `status`: `learning`, `test`, `live`",
        "- GET /tasks/{task\\_id}: added 429 response",
        "",
      ].join("\n"),
    );
  });

  it("is empty when nothing changed", () => {
    expect(renderChangelogEntry("2.0.0", [])).toBe("");
  });

  it("keeps hostile spec text inside its list item, as literal text", () => {
    const hostile = "x`y\n\n## Owned <img src=x onerror=alert(1)>";
    const { before: old, after: current } = deckEdited((doc) => {
      doc.components.schemas.GetTaskResponse.properties[hostile] = { type: "string" };
      doc.paths["/tasks/{task_id}"].get.responses["200"].content["text/*<b>"] = { schema: { type: "string" } };
    });
    const entry = renderChangelogEntry("1.1.0", diffSpecs(old, current));
    expect(entry).toBe(
      [
        "## 1.1.0",
        "",
        "### Other changes",
        "",
        "- GET /tasks/{task\\_id} 200 response: added field ``x`y\\u000a\\u000a## Owned <img src=x onerror=alert(1)>``",
        "- GET /tasks/{task\\_id} 200 response: added media type `text/*<b>`",
        "",
      ].join("\n"),
    );
    // Each change stays on its own line: nothing the spec said starts a heading or a new item.
    expect(entry.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(2);
    expect(entry.split("\n").filter((line) => line.startsWith("#"))).toEqual(["## 1.1.0", "### Other changes"]);
  });

  it("escapes Markdown in plain text taken from the spec, such as a path", () => {
    const { before: old, after: current } = deckEdited((doc) => {
      doc.paths["/tasks/<script>*[x](y)"] = { get: { responses: { "200": { description: "OK" } } } };
    });
    expect(renderChangelogEntry("1.1.0", diffSpecs(old, current))).toContain(
      "- GET /tasks/\\<script\\>\\*\\[x\\](y): added operation\n",
    );
  });
});
