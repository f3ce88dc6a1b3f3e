// The drift check: each provider's mapping against its spec, and what a spec that drifted away yields.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkMapping } from "../../generator/normalization/check-mapping.js";
import { loadMapping } from "../../generator/normalization/load-mapping.js";
import type { NormalizationMapping } from "../../generator/normalization/mapping.js";
import { formatProblem } from "../../generator/problems.js";

const providers = ["eden", "quant", "deck", "neo"] as const;
type Provider = (typeof providers)[number];

function mappingFile(provider: Provider): string {
  return `specs/${provider}/normalization.yaml`;
}

function loadProviderMapping(provider: Provider): NormalizationMapping {
  const { mapping, problems } = loadMapping(mappingFile(provider), readFileSync(mappingFile(provider), "utf8"));
  expect(problems).toEqual([]);
  return mapping!;
}

/** A fresh copy of the provider's spec as a plain object, free to mutate. */
function loadSpec(provider: Provider): Record<string, any> {
  return parse(readFileSync(`specs/${provider}/openapi.yaml`, "utf8"));
}

/** 1-based line of the first line of the mapping file that starts with `prefix` (after indentation). */
function lineOf(provider: Provider, prefix: string): number {
  const lines = readFileSync(mappingFile(provider), "utf8").split("\n");
  return lines.findIndex((line) => line.trimStart().startsWith(prefix)) + 1;
}

function check(provider: Provider, spec: unknown): string[] {
  return checkMapping(provider, mappingFile(provider), loadProviderMapping(provider), spec).map(formatProblem);
}

describe("checkMapping", () => {
  it.each(providers)("finds nothing to report in %s's mapping against its spec", (provider) => {
    expect(check(provider, loadSpec(provider))).toEqual([]);
  });

  it("names the provider, the mapping entry and the field when a mapped field disappears", () => {
    const spec = loadSpec("quant");
    delete spec.components.schemas.Task.properties.createdAt;
    expect(check("quant", spec)).toEqual([
      `specs/quant/normalization.yaml:${lineOf("quant", "createdAt:")} #/createdAt/path: quant: mapped field "/createdAt" is not in the success response of GET /api/v3/organizations/{organisation}/ai/tasks/{taskId}: #/components/schemas/Task has no property "createdAt" (properties: taskId, orgId, taskListId, title, description, status, assignedAgentId, createdByAgentId, dependsOn, metadata, progress, progressMessage, result, error, retryCount, maxRetries, updatedAt, startedAt, completedAt, expiresAt, blockedReason, blockedByTaskIds, blockedAt)`,
    ]);
  });

  it("follows an inline response schema (Eden) and points into it", () => {
    const spec = loadSpec("eden");
    delete spec.paths["/v2/tasks/{taskId}"].get.responses["200"].content["*/*"].schema.properties.task.properties._id;
    expect(check("eden", spec)).toEqual([
      expect.stringMatching(
        /^specs\/eden\/normalization\.yaml:\d+ #\/id\/path: eden: mapped field "\/task\/_id" is not in the success response of GET \/v2\/tasks\/\{taskId\}: #\/paths\/~1v2~1tasks~1\{taskId\}\/get\/responses\/200\/content\/\*~1\*\/schema\/properties\/task has no property "_id" \(properties: user, /,
      ),
    ]);
  });

  it("checks each path of a fallback list, through $refs and array items (Neo's @last)", () => {
    const spec = loadSpec("neo");
    delete spec.components.schemas.StreamRun.properties.status;
    expect(check("neo", spec)).toEqual([
      `specs/neo/normalization.yaml:${lineOf("neo", "path: [/stream/streamStatus")} #/status/path/1: neo: mapped field "/streams/@last/status" is not in the success response of GET /api/v1/tasks/{id}: #/components/schemas/StreamRun has no property "status" (properties: created_at, stream_id, completed_at, run_config)`,
    ]);
  });

  it("reports a mapped status value the spec's enum dropped", () => {
    const spec = loadSpec("quant");
    spec.components.schemas.Task.properties.status.enum = [
      "pending",
      "in_progress",
      "completed",
      "failed",
      "cancelled",
    ];
    expect(check("quant", spec)).toEqual([
      `specs/quant/normalization.yaml:${lineOf("quant", "blocked:")} #/status/values/blocked: quant: mapped status value "blocked" is not in the spec's enum at #/components/schemas/Task/properties/status (values: pending, in_progress, completed, failed, cancelled)`,
    ]);
  });

  it("warns about a status value the spec added but the mapping does not map", () => {
    const spec = loadSpec("quant");
    spec.components.schemas.Task.properties.status.enum.push("archived");
    const problems = checkMapping("quant", mappingFile("quant"), loadProviderMapping("quant"), spec);
    expect(problems).toEqual([
      {
        code: "mapping-status-value-unmapped",
        severity: "warning",
        file: "specs/quant/normalization.yaml",
        pointer: "#/status/values",
        line: lineOf("quant", "pending:"), // where the values map starts
        message:
          'quant: the spec\'s status value "archived" at #/components/schemas/Task/properties/status is not mapped: it maps to unknown until a mapping is added',
      },
    ]);
  });

  it("finds enums through a 3.0 nullable and a oneOf with null", () => {
    const spec = loadSpec("quant");
    spec.components.schemas.Task.properties.status = {
      oneOf: [{ type: "null" }, { type: "string", nullable: true, enum: ["pending", null] }],
    };
    const messages = check("quant", spec);
    expect(messages).toContain(
      `specs/quant/normalization.yaml:${lineOf("quant", "blocked:")} #/status/values/blocked: quant: mapped status value "blocked" is not in the spec's enum at #/components/schemas/Task/properties/status/oneOf/1 (values: pending)`,
    );
    expect(messages).toHaveLength(5);
  });

  it("reports a timestamp whose type no longer matches the declared format", () => {
    const spec = loadSpec("quant");
    spec.components.schemas.Task.properties.updatedAt = { type: "string", format: "date-time" };
    expect(check("quant", spec)).toEqual([
      `specs/quant/normalization.yaml:${lineOf("quant", "updatedAt:")} #/updatedAt/path: quant: mapped field "/updatedAt" has type string at #/components/schemas/Task/properties/updatedAt (expected integer or number for updatedAt)`,
    ]);
  });

  it("reports an operation the spec no longer has, and stops there", () => {
    const spec = loadSpec("deck");
    spec.paths["/v3/tasks/{task_id}"] = spec.paths["/tasks/{task_id}"];
    delete spec.paths["/tasks/{task_id}"];
    expect(check("deck", spec)).toEqual([
      `specs/deck/normalization.yaml:${lineOf("deck", "path: /tasks/")} #/operation/path: deck: operation GET /tasks/{task_id} is not in the spec`,
    ]);
  });

  it("never throws on a document that is not an OpenAPI document", () => {
    for (const spec of [
      null,
      42,
      "openapi",
      { paths: [] },
      { paths: { "/tasks/{task_id}": { get: { responses: null } } } },
    ]) {
      expect(() => checkMapping("deck", mappingFile("deck"), loadProviderMapping("deck"), spec)).not.toThrow();
    }
  });
});

describe("loadMapping", () => {
  it("reports the shape problems of a mapping with their pointer and line", () => {
    const text = readFileSync(mappingFile("quant"), "utf8")
      .replace("status: blocked,", "status: paused,")
      .replace(/^error: .*\n/m, "");
    const { mapping, problems } = loadMapping("specs/quant/normalization.yaml", text);
    expect(mapping).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      `specs/quant/normalization.yaml:${lineOf("quant", "kind:")}: the normalization mapping is missing "error"`,
      `specs/quant/normalization.yaml:${lineOf("quant", "blocked:")} #/status/values/blocked/status: the normalization mapping must be one of: queued, running, succeeded, failed, cancelled, blocked, unknown`,
    ]);
  });

  it("reports the first YAML syntax error only", () => {
    const { problems } = loadMapping("specs/x/normalization.yaml", "kind: execution\nstatus: { path: [a, }\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "parse-error", file: "specs/x/normalization.yaml", line: 2 });
  });
});
