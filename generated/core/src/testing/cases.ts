// Copied by unitask from runtime/src/testing/cases.ts. Do not edit: change runtime/src/, then run npm run generate.
// The format of a generated package's test/cases.json: what to call each operation with, the request it must
// put on the wire, and per documented response what to serve and expect. Written by the generator
// (generator/emit/test-cases.ts), run by this folder's harness. Plain JSON, so it costs tsc nothing.

export interface PackageTestCases {
  /** Headers the credentials (the generated test file passes them to the client) put on every request, names in lower case. */
  authHeaders: Record<string, string>;
  /** Query parameters the credentials put on every request. */
  authQuery: Record<string, string>;
  /** The path of the spec's first server (e.g. `/v2`), kept in the loopback base URL so joining is tested too. */
  basePath: string;
  operations: OperationCases[];
  /** Sampled values, one per schema and direction, shared by every case that serves or sends them. */
  samples: Record<string, unknown>;
}

export interface OperationCases {
  /** The client method, e.g. `getTask`. */
  name: string;
  method: string;
  path: string;
  /** Path parameter values that need percent-encoding (a space and a slash), in argument order. */
  encodedArgs: string[];
  /** Path parameter values valid under their schemas (e.g. a UUID), for Prism, which validates requests. */
  validArgs: unknown[];
  /** The request path the loopback server must see: base path and template with `encodedArgs` percent-encoded. */
  expectedPath: string;
  /** The Accept header the client sends; fetch's default when absent. */
  accept?: string;
  /** Required query parameters; {} when none. */
  query: Record<string, unknown>;
  /** Required header parameters; {} when none. */
  headers: Record<string, string>;
  /** The request body when the operation requires one. */
  body?: Fixture;
  responses: ResponseCase[];
}

/**
 * A value: the spec's own example (a pointer into spec/openapi.json), or a sample (a key of `samples`), or both:
 * the example is served when it satisfies the schema, else the sample (spec examples can contradict their schema).
 */
export interface Fixture {
  example?: string;
  sample?: string;
}

export interface ResponseCase {
  /** The documented key: `200`, `2XX`, `default`. */
  status: string;
  /** Whether the client resolves with it (a 2XX) or rejects with a typed error. */
  success: boolean;
  /** The status served (a representative code for a range or `default`). */
  servedStatus: number;
  /** The documented media type; absent for a response documented without a body. */
  mediaType?: string;
  /** The `Content-Type` served: the media type itself, or a concrete one within a range such as `*\/*`. */
  contentType?: string;
  /** Pointer to the body's schema in spec/openapi.json; absent when there is no body or no schema. */
  schema?: string;
  /** The body served; absent when there is none (no media type). Without a schema or an example, a string. */
  fixture?: Fixture;
  /**
   * Set when no value satisfies the body's schema (a `type: 'null'` beside `oneOf: [string, number]`): `schema` is
   * the pointer of the part that admits none. The closest sample is served, and expected to break the schema.
   */
  unsatisfiable?: { schema: string; reason: string };
  /** How the runtime decodes this body: parsed as JSON, or returned as text. */
  decodedAs?: "json" | "text";
  prism: PrismCase;
}

export type PrismCase =
  /**
   * Prism serves this response; `accept` is sent when there is a media type to ask for. `expectedViolations`:
   * instance pointers where Prism's own answer breaks the spec (`null` in a `oneOf: [null, X]` whose X also
   * accepts null, which matches two branches), which validation must report.
   */
  | { kind: "serves"; accept?: string; expectedViolations: string[] }
  /** Prism's text serializer refuses objects: it answers 500 `Cannot serialise complex objects as text`. */
  | { kind: "cannot-serialise-as-text"; accept?: string }
  /** Prism is not asked: it cannot be told to answer a status range or `default`, or this media type. */
  | { kind: "not-asked"; reason: string };
