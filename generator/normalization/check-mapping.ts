// The drift check: a normalization mapping against its provider's bundled OpenAPI document. Every operation,
// parameter, field path and status value the mapping relies on must still be in the spec; an enum value the
// mapping does not cover is a warning. Returns problems; never throws on a malformed document.

import type { Problem } from "../problems.js";
import { escapePointerToken, isRecord, toPointer } from "../spec/index.js";
import {
  hasPath,
  pathsOf,
  TIMESTAMP_FIELDS,
  type MappedField,
  type NormalizationMapping,
  type PathSource,
} from "./mapping.js";
import { enumOf, resolveRef, typesOf, walkPath, type LocatedSchema } from "./response-schema.js";

/** The JSON types each unified field accepts from the spec (besides null); result and error accept anything. */
const EXPECTED_TYPES: Partial<Record<MappedField, readonly string[]>> = {
  id: ["string", "integer", "number"],
  title: ["string"],
  status: ["string"],
  progress: ["number", "integer"],
};
const TIMESTAMP_TYPES = { "iso-8601": ["string"], "unix-ms": ["integer", "number"] } as const;

export function checkMapping(
  provider: string,
  mappingFile: string,
  mapping: NormalizationMapping,
  document: unknown,
): Problem[] {
  const problems: Problem[] = [];
  const report = (pointer: string, code: string, message: string, severity: Problem["severity"] = "error") =>
    problems.push({
      code,
      severity,
      file: mappingFile,
      pointer,
      line: mapping.lineOf?.(pointer),
      message: `${provider}: ${message}`,
    });

  const { method, path } = mapping.operation;
  const operationName = `${method.toUpperCase()} ${path}`;
  const pathItem = isRecord(document) && isRecord(document["paths"]) ? document["paths"][path] : undefined;
  const operation = isRecord(pathItem) ? pathItem[method] : undefined;
  if (!isRecord(pathItem) || !isRecord(operation)) {
    report("#/operation/path", "mapping-operation-missing", `operation ${operationName} is not in the spec`);
    return problems;
  }
  checkParameters(mapping, path, report);

  const response = successResponse(document, toPointer(["paths", path, method]), operation);
  if (response === undefined) {
    report("#/operation", "mapping-response-missing", `operation ${operationName} has no 2xx response with a schema`);
    return problems;
  }

  const task = walkPath(document, response, mapping.task);
  if ("missing" in task) {
    report(
      "#/task",
      "mapping-field-missing",
      `the task object "${mapping.task}" is not in the success response of ${operationName}: ${task.missing.at} ${task.missing.reason}`,
    );
  }

  for (const field of ["id", "title", "status", "progress", ...TIMESTAMP_FIELDS, "result", "error"] as const) {
    const source = mapping[field];
    if (!hasPath<PathSource>(source)) continue;
    const expected = "format" in source ? TIMESTAMP_TYPES[source.format] : EXPECTED_TYPES[field];
    const multiple = typeof source.path !== "string";
    pathsOf(source).forEach((fieldPath, index) => {
      const pointer = multiple ? `#/${field}/path/${index}` : `#/${field}/path`;
      const walked = walkPath(document, response, fieldPath);
      if ("missing" in walked) {
        report(
          pointer,
          "mapping-field-missing",
          `mapped field "${fieldPath}" is not in the success response of ${operationName}: ${walked.missing.at} ${walked.missing.reason}`,
        );
        return;
      }
      const types = typesOf(document, walked.found);
      if (expected !== undefined && types !== undefined && !expected.some((type) => types.has(type))) {
        report(
          pointer,
          "mapping-field-type",
          `mapped field "${fieldPath}" has type ${[...types].join(" | ")} at ${walked.found.pointer} (expected ${expected.join(" or ")} for ${field})`,
        );
      }
    });
  }

  checkStatusValues(document, response, mapping, report);
  return problems;
}

type Report = (pointer: string, code: string, message: string, severity?: Problem["severity"]) => void;

function checkParameters(mapping: NormalizationMapping, path: string, report: Report): void {
  const templateNames = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? "");
  const mapped = mapping.operation.parameters;
  for (const name of templateNames) {
    if (!Object.hasOwn(mapped, name))
      report(
        "#/operation/parameters",
        "mapping-parameter-unmapped",
        `path parameter "${name}" of ${path} has no source in the mapping`,
      );
  }
  for (const name of Object.keys(mapped)) {
    if (!templateNames.includes(name))
      report(
        `#/operation/parameters/${escapePointerToken(name)}`,
        "mapping-parameter-missing",
        `mapped path parameter "${name}" is not in ${path}`,
      );
  }
  const taskIdSources = Object.values(mapped).filter((source) => source.from === "taskId").length;
  if (taskIdSources !== 1)
    report(
      "#/operation/parameters",
      "mapping-parameter-task-id",
      `exactly one path parameter must come from the task id (found ${taskIdSources})`,
    );
}

/** The schema of the operation's success response: "200" first, then other 2xx; JSON media types first. */
function successResponse(
  document: unknown,
  operationPointer: string,
  operation: Record<string, unknown>,
): LocatedSchema | undefined {
  const responses = operation["responses"];
  if (!isRecord(responses)) return undefined;
  const codes = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .sort();
  for (const code of codes) {
    const response = resolveRef(document, {
      schema: isRecord(responses[code]) ? responses[code] : {},
      pointer: `${operationPointer}/responses/${code}`,
    });
    const content = response?.schema["content"];
    if (response === undefined || !isRecord(content)) continue;
    const mediaTypes = Object.keys(content).sort((a, b) => Number(!/json/i.test(a)) - Number(!/json/i.test(b)));
    for (const mediaType of mediaTypes) {
      const media = content[mediaType];
      if (isRecord(media) && isRecord(media["schema"])) {
        return {
          schema: media["schema"],
          pointer: `${response.pointer}/content/${escapePointerToken(mediaType)}/schema`,
        };
      }
    }
  }
  return undefined;
}

function checkStatusValues(
  document: unknown,
  response: LocatedSchema,
  mapping: NormalizationMapping,
  report: Report,
): void {
  const enums = pathsOf(mapping.status).map((statusPath) => {
    const walked = walkPath(document, response, statusPath);
    return "found" in walked ? enumOf(document, walked.found) : undefined;
  });
  // A value is only checkable when every path it may come from declares an enum.
  if (enums.length === 0 || enums.some((found) => found === undefined)) return;
  const declared = enums.flatMap((found) => found?.values ?? []);
  const where = enums.map((found) => found?.pointer).join(", ");
  const mapped = Object.keys(mapping.status.values);
  for (const value of mapped) {
    if (!declared.includes(value)) {
      report(
        `#/status/values/${escapePointerToken(value)}`,
        "mapping-status-value-missing",
        `mapped status value "${value}" is not in the spec's enum at ${where} (values: ${declared.map(String).join(", ")})`,
      );
    }
  }
  for (const value of declared) {
    if (!mapped.includes(String(value))) {
      report(
        "#/status/values",
        "mapping-status-value-unmapped",
        `the spec's status value "${String(value)}" at ${where} is not mapped: it maps to unknown until a mapping is added`,
        "warning",
      );
    }
  }
}
