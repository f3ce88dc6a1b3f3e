// The normalization mapping format (specs/<provider>/normalization.yaml): which operation fetches a task,
// where the task sits in its response and which response field feeds which unified field. Types, plus the
// JSON Schema that loadMapping validates a file against.

import type { ProgressScale, TaskKind, TaskStatus, TimestampFormat } from "../../runtime/src/task/index.js";

/**
 * A path into the operation's success response body: a JSON pointer ("" is the body itself) whose tokens
 * may also be an array index or `@last`, the last element of an array. A list of paths means "the first
 * one present, in order" (Neo: the current stream's status, else the newest run's).
 */
export type ResponsePath = string | readonly string[];

export interface PathSource {
  path: ResponsePath;
}

/** The provider has nothing for this unified field: it is always null, for the reason given. */
export interface NoSource {
  none: string;
}

export interface TimestampSource extends PathSource {
  format: TimestampFormat;
}

export interface ProgressSource extends PathSource {
  scale: ProgressScale;
}

export interface StatusValueMapping {
  status: TaskStatus;
  /** One line: why this provider value means that unified status. */
  reason: string;
}

export interface StatusSource extends PathSource {
  values: Readonly<Record<string, StatusValueMapping>>;
}

/** Where a path parameter of the task operation gets its value. */
export type ParameterSource =
  | { from: "taskId" }
  | { from: "option"; /** Name of the task client option, a TS identifier. */ option: string; description?: string };

export interface OperationMapping {
  method: "get";
  /** The path template exactly as in the spec, e.g. `/tasks/{task_id}`. */
  path: string;
  /** Every path parameter of the template, by its name in the spec. */
  parameters: Readonly<Record<string, ParameterSource>>;
}

export interface NormalizationMapping {
  kind: TaskKind;
  operation: OperationMapping;
  /** JSON pointer of the task object in the response body ("" when the body is the task). */
  task: string;
  id: PathSource;
  title: PathSource | NoSource;
  status: StatusSource;
  progress: ProgressSource | NoSource;
  createdAt: TimestampSource | NoSource;
  updatedAt: TimestampSource | NoSource;
  startedAt: TimestampSource | NoSource;
  completedAt: TimestampSource | NoSource;
  result: PathSource | NoSource;
  error: PathSource | NoSource;
  /** 1-based line of a JSON pointer in the mapping file; set by loadMapping, absent for mappings built in code. */
  lineOf?: (pointer: string) => number | undefined;
}

/** The unified fields a mapping fills from a path (or declares as `none`), in UnifiedTask order. */
export const MAPPED_FIELDS = [
  "id",
  "title",
  "status",
  "progress",
  "createdAt",
  "updatedAt",
  "startedAt",
  "completedAt",
  "result",
  "error",
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export const TIMESTAMP_FIELDS = ["createdAt", "updatedAt", "startedAt", "completedAt"] as const;

/** The paths of a source, as a list. */
export function pathsOf(source: PathSource): readonly string[] {
  return typeof source.path === "string" ? [source.path] : source.path;
}

export function hasPath<S extends PathSource>(source: S | NoSource): source is S {
  return "path" in source;
}

const responsePointer = { type: "string", pattern: "^(/([^~/]|~[01])*)*$" };
const responsePath = { oneOf: [responsePointer, { type: "array", items: responsePointer, minItems: 1 }] };
const reason = { type: "string", minLength: 1 };
const none = { type: "object", required: ["none"], properties: { none: reason }, additionalProperties: false };
const pathOnly = {
  type: "object",
  required: ["path"],
  properties: { path: responsePath },
  additionalProperties: false,
};
const pathOrNone = { oneOf: [pathOnly, none] };
const timestamp = {
  oneOf: [
    {
      type: "object",
      required: ["path", "format"],
      properties: { path: responsePath, format: { enum: ["iso-8601", "unix-ms"] } },
      additionalProperties: false,
    },
    none,
  ],
};
const taskStatuses: readonly TaskStatus[] = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "blocked",
  "unknown",
];

/** JSON Schema (2020-12) of a normalization.yaml file. */
export const mappingJsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["kind", "operation", "task", ...MAPPED_FIELDS],
  additionalProperties: false,
  properties: {
    kind: { enum: ["execution", "definition"] },
    operation: {
      type: "object",
      required: ["method", "path", "parameters"],
      additionalProperties: false,
      properties: {
        method: { const: "get" },
        path: { type: "string", pattern: "^/" },
        parameters: {
          type: "object",
          minProperties: 1,
          additionalProperties: {
            oneOf: [
              {
                type: "object",
                required: ["from"],
                properties: { from: { const: "taskId" } },
                additionalProperties: false,
              },
              {
                type: "object",
                required: ["from", "option"],
                properties: {
                  from: { const: "option" },
                  option: { type: "string", pattern: "^[A-Za-z_$][A-Za-z0-9_$]*$" },
                  description: reason,
                },
                additionalProperties: false,
              },
            ],
          },
        },
      },
    },
    task: responsePointer,
    id: pathOnly,
    title: pathOrNone,
    status: {
      type: "object",
      required: ["path", "values"],
      additionalProperties: false,
      properties: {
        path: responsePath,
        values: {
          type: "object",
          minProperties: 1,
          additionalProperties: {
            type: "object",
            required: ["status", "reason"],
            properties: { status: { enum: taskStatuses }, reason },
            additionalProperties: false,
          },
        },
      },
    },
    progress: {
      oneOf: [
        {
          type: "object",
          required: ["path", "scale"],
          properties: { path: responsePath, scale: { enum: ["unit", "percent"] } },
          additionalProperties: false,
        },
        none,
      ],
    },
    createdAt: timestamp,
    updatedAt: timestamp,
    startedAt: timestamp,
    completedAt: timestamp,
    result: pathOrNone,
    error: pathOrNone,
  },
} as const;
