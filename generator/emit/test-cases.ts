// Emits test/cases.json, what a package's generated tests exercise, as data: per operation the arguments to call
// it with and the request it must produce, and per documented response the body to serve (the spec's example,
// named by its pointer in spec/openapi.json, else a bounded sample stored once per schema) and what Prism, the
// independent mock, can make of it. The harness in @unitask/core/testing runs it. Pure and deterministic.
import { isNested } from "../../runtime/src/http/query-string.js";
import type { PackageTestCases, OperationCases, ResponseCase, Fixture } from "../../runtime/src/testing/cases.js";
import type { OpenApiDocument } from "../bundle.js";
import type { Problem } from "../problems.js";
import type { AuthOption, OperationModel, ProviderModel } from "../model.js";
import {
  deref,
  escapePointerToken,
  isContentFreeStatus,
  isJsonMediaType,
  isRecord,
  mergeParameters,
  resolvePointer,
  walkTyped,
} from "../spec/index.js";
import { pathKeyNotAsked, prismCase, rangeNotAsked, unreadableQueryNotAsked } from "./prism-cases.js";
import { sampleSchemaChecked, type Direction, type Unsatisfiable } from "./sample-fixture.js";

/** The secret every generated test configures, and expects on the wire. */
const TEST_SECRET = "test-secret";
const TEST_USER = "test-user";

/**
 * test/cases.json: one line per operation and per sample, so it stays small and its diffs read by operation.
 * `warn` is told of each schema no value satisfies, whose test serves the closest sample and expects it refused.
 */
export function emitTestCases(
  model: ProviderModel,
  document: OpenApiDocument,
  warn: (warning: Pick<Problem, "code" | "pointer" | "message">) => void = () => {},
): string {
  const { operations, samples, ...auth } = planTestCases(model, document, warn);
  const lines = (entries: string[]) => (entries.length === 0 ? "" : `\n    ${entries.join(",\n    ")}\n  `);
  const fields = [
    ...Object.entries(auth).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`),
    `"operations": [${lines(operations.map((operation) => JSON.stringify(operation)))}]`,
    `"samples": {${lines(Object.entries(samples).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`))}}`,
  ];
  return `{\n  ${fields.join(",\n  ")}\n}\n`;
}

export function planTestCases(
  model: ProviderModel,
  document: OpenApiDocument,
  warn: (warning: Pick<Problem, "code" | "pointer" | "message">) => void = () => {},
): PackageTestCases {
  const samples = new SampleStore(document);
  const basePath = serverBasePath(model.servers[0]?.url);
  const operations = model.operations.map((operation) => planOperation(document, operation, basePath, samples));
  // One message for every such schema, since warnings of a kind are printed grouped; test/cases.json says why each.
  for (const pointer of samples.unsatisfiable())
    warn({
      code: "schema-unsatisfiable",
      pointer,
      message:
        "no value satisfies this schema (its types, branches or values contradict one another): a test serving it expects the closest sample refused",
    });
  return { ...expectedAuth(model.auth), basePath, operations, samples: samples.values() };
}

/** The client options every generated test configures: each credential set to the test secret. */
export function testCredentials(options: readonly AuthOption[]): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const option of options) {
    if (option.kind === "basic") {
      credentials.username = TEST_USER;
      credentials.password = TEST_SECRET;
    } else credentials[option.option] = TEST_SECRET;
  }
  return credentials;
}

/** What those credentials put on every request. */
function expectedAuth(options: readonly AuthOption[]): Pick<PackageTestCases, "authHeaders" | "authQuery"> {
  const authHeaders: Record<string, string> = {};
  const authQuery: Record<string, string> = {};
  const cookies: string[] = [];
  for (const option of options) {
    switch (option.kind) {
      case "apiKey":
        if (option.in === "header") authHeaders[option.name.toLowerCase()] ??= TEST_SECRET;
        else if (option.in === "query") authQuery[option.name] = TEST_SECRET;
        else cookies.push(`${option.name}=${encodeURIComponent(TEST_SECRET)}`);
        break;
      case "bearer":
        authHeaders.authorization ??= `Bearer ${TEST_SECRET}`;
        break;
      case "basic":
        authHeaders.authorization ??= `Basic ${Buffer.from(`${TEST_USER}:${TEST_SECRET}`).toString("base64")}`;
        break;
    }
  }
  if (cookies.length > 0) authHeaders.cookie = cookies.join("; ");
  return { authHeaders, authQuery };
}

/**
 * A path as a request line carries it: what the WHATWG URL parser percent-encodes in a path (controls, space, `"`,
 * `<`, `>`, a backtick, braces, non-ASCII) encoded, as fetch sends it (a spec's key may end in a stray `"`).
 */
function asUrlPath(path: string): string {
  return path.replace(/[\u0000-\u0020"<>`{}\u007f-\u{10ffff}]/gu, (character) =>
    [...new TextEncoder().encode(character)]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)
      .join(""),
  );
}

function serverBasePath(url: string | undefined): string {
  if (url === undefined) return "";
  const path = /^[a-z][a-z\d+.-]*:/i.test(url) ? new URL(url).pathname : url.split(/[?#]/)[0]!;
  return path.replace(/\/+$/, "");
}

/** Samples keyed by the schema they satisfy and the direction, so a schema used by many operations is stored once. */
class SampleStore {
  private readonly byKey = new Map<string, unknown>();
  /** Per sample key, the schema inside it that admits no value, where one does. */
  private readonly unsatisfiableByKey = new Map<string, Unsatisfiable>();
  /** Every schema met that admits no value. */
  private readonly found = new Set<object>();
  private pointers: Map<object, string> | undefined;

  constructor(private readonly document: OpenApiDocument) {}

  /** A fixture for the schema at `pointer` (a component's pointer when the schema is a `$ref` to one). */
  fixture(schema: unknown, pointer: string, direction: Direction): Fixture {
    const key = `${direction} ${deref(this.document, schema, pointer).pointer}`;
    if (!this.byKey.has(key)) {
      const sample = this.sample(schema, direction);
      this.byKey.set(key, sample.value);
      if (sample.unsatisfiable) this.unsatisfiableByKey.set(key, sample.unsatisfiable);
    }
    return { sample: key };
  }

  value(schema: unknown, direction: Direction): unknown {
    return this.sample(schema, direction).value;
  }

  /** Where no value satisfies the schema of a fixture's sample: the pointer of the schema inside that admits none. */
  unsatisfiableOf(fixture: Fixture): { schema: string; reason: string } | undefined {
    const found = fixture.sample === undefined ? undefined : this.unsatisfiableByKey.get(fixture.sample);
    return found && { schema: this.pointerOf(found.schema), reason: found.reason };
  }

  /** The pointer of every schema met that admits no value. */
  unsatisfiable(): string[] {
    return [...this.found].map((schema) => this.pointerOf(schema));
  }

  private sample(schema: unknown, direction: Direction) {
    const sample = sampleSchemaChecked(this.document, schema, direction);
    for (const { schema: node } of sample.found) this.found.add(node);
    return sample;
  }

  /** The pointer of a schema object of the document; built once, and only when a schema admits no value. */
  private pointerOf(schema: object): string {
    if (this.pointers === undefined) {
      const pointers = new Map<object, string>();
      walkTyped(this.document, ({ value, type, pointer }) => {
        if (type === "Schema" && isRecord(value) && !pointers.has(value)) pointers.set(value, pointer);
      });
      this.pointers = pointers;
    }
    return this.pointers.get(schema) ?? "#";
  }

  /** The value a fixture stands for. */
  resolve(fixture: Fixture): unknown {
    return fixture.example === undefined
      ? this.byKey.get(fixture.sample!)
      : resolvePointer(this.document, fixture.example);
  }

  values(): Record<string, unknown> {
    return Object.fromEntries([...this.byKey].sort(([a], [b]) => compare(a, b)));
  }
}

function planOperation(
  document: OpenApiDocument,
  operation: OperationModel,
  basePath: string,
  samples: SampleStore,
): OperationCases {
  const pathItemPointer = operation.pointer.slice(0, operation.pointer.lastIndexOf("/"));
  const parameters = mergeParameters(
    document,
    resolvePointer(document, pathItemPointer),
    resolvePointer(document, operation.pointer),
  );
  const sampleParameter = (name: string, location: string) =>
    samples.value(
      parameters.find((parameter) => parameter.name === name && parameter.in === location)?.schema ?? {
        type: "string",
      },
      "request",
    );
  const encodedArgs = operation.pathParams.map((param) => `${param.name} 1/2`);
  let expectedPath = operation.requestPath;
  operation.pathParams.forEach(
    (param, index) => (expectedPath = expectedPath.replace(`{${param.name}}`, encodeURIComponent(encodedArgs[index]!))),
  );
  const required = (location: string) =>
    parameters
      .filter((parameter) => parameter.in === location && parameter.required)
      .sort((a, b) => compare(a.name, b.name));
  const body = requestBodyFixture(document, operation, samples);
  const query = required("query").map((parameter) => ({ parameter, value: sampleParameter(parameter.name, "query") }));
  // The query the path key carries, as the server reads it, with the path parameters it names.
  let keyQuery = operation.keyQuery ?? "";
  operation.pathParams.forEach(
    (param, index) => (keyQuery = keyQuery.replaceAll(`{${param.name}}`, encodeURIComponent(encodedArgs[index]!))),
  );
  const prismCannotRoute =
    operation.requestPath === operation.path
      ? unreadableQueryNotAsked(
          query.filter(({ parameter, value }) => parameter.style !== "deepObject" && isNested(value)),
        )
      : pathKeyNotAsked(operation.path);
  return {
    name: operation.functionName,
    method: operation.method,
    path: operation.path,
    encodedArgs,
    validArgs: operation.pathParams.map((param) => sampleParameter(param.name, "path")),
    expectedPath: asUrlPath(`${basePath}${expectedPath}`),
    ...(operation.accept ? { accept: operation.accept } : {}),
    query: Object.fromEntries([
      ...new URLSearchParams(keyQuery),
      ...query.map(({ parameter, value }) => [parameter.name, value]),
    ]),
    headers: Object.fromEntries(
      required("header").map((parameter) => [parameter.name, String(sampleParameter(parameter.name, "header"))]),
    ),
    ...(body ? { body } : {}),
    responses: [
      ...operation.successStatuses.flatMap((status) => planResponses(document, operation, status, true, samples)),
      ...Object.keys(operation.responses)
        .filter((status) => !operation.successStatuses.includes(status))
        .flatMap((status) => planResponses(document, operation, status, false, samples)),
    ].map((response) => (prismCannotRoute ? { ...response, prism: prismCannotRoute } : response)),
  };
}

function requestBodyFixture(
  document: OpenApiDocument,
  operation: OperationModel,
  samples: SampleStore,
): Fixture | undefined {
  if (operation.body !== "required") return undefined;
  const { node, pointer } = deref(
    document,
    resolvePointer(document, `${operation.pointer}/requestBody`),
    `${operation.pointer}/requestBody`,
  );
  const content = (node as { content?: Record<string, { schema?: unknown }> } | undefined)?.content ?? {};
  const mediaType = Object.keys(content).find(isJsonMediaType) ?? Object.keys(content)[0];
  if (mediaType === undefined) return undefined;
  const schemaPointer = `${pointer}/content/${escapePointerToken(mediaType)}/schema`;
  return samples.fixture(content[mediaType]?.schema ?? {}, schemaPointer, "request");
}

/**
 * The cases of one documented response. A success response gives one case per media type (the client must decode
 * each); an error response one case, with its first media type.
 */
function planResponses(
  document: OpenApiDocument,
  operation: OperationModel,
  status: string,
  success: boolean,
  samples: SampleStore,
): ResponseCase[] {
  const servedStatus = representativeStatus(status, Object.keys(operation.responses));
  const statusPointer = `${operation.pointer}/responses/${escapePointerToken(status)}`;
  const { pointer: responsePointer } = deref(document, resolvePointer(document, statusPointer), statusPointer);
  const mediaTypes = operation.responses[status] ?? [];
  const exactStatus = /^\d{3}$/.test(status);
  if (mediaTypes.length === 0) {
    const prism = exactStatus ? { kind: "serves" as const, expectedViolations: [] } : rangeNotAsked(status);
    return [{ status, success, servedStatus, prism }];
  }
  const cases = (success ? mediaTypes : mediaTypes.slice(0, 1)).map((mediaType): ResponseCase => {
    const mediaTypePointer = `${responsePointer}/content/${escapePointerToken(mediaType)}`;
    const mediaTypeObject = (resolvePointer(document, mediaTypePointer) ?? {}) as {
      schema?: unknown;
      example?: unknown;
      examples?: Record<string, unknown>;
    };
    const schema = mediaTypeObject.schema === undefined ? undefined : `${mediaTypePointer}/schema`;
    const example = mediaTypeExample(document, mediaTypeObject, mediaTypePointer);
    // A sample beside the example, served if the example breaks the schema. A media type documented with neither
    // (an `audio/mpeg` download) still has a body, which the client requires: any string will do.
    const sample =
      schema === undefined
        ? example
          ? undefined
          : samples.fixture({ type: "string" }, mediaTypePointer, "response")
        : samples.fixture(mediaTypeObject.schema, schema, "response");
    const fixture = { ...example, ...sample };
    const value = samples.resolve(fixture);
    const contentType = concreteMediaType(mediaType, value);
    const unsatisfiable = sample && samples.unsatisfiableOf(sample);
    return {
      status,
      success,
      servedStatus,
      mediaType,
      contentType,
      ...(schema ? { schema } : {}),
      fixture,
      ...(unsatisfiable ? { unsatisfiable } : {}),
      decodedAs: decodedAs(contentType, mediaType, mediaTypes),
      prism: !exactStatus
        ? rangeNotAsked(status)
        : unsatisfiable
          ? { kind: "not-asked", reason: `no value satisfies the schema at ${unsatisfiable.schema}` }
          : prismCase(document, mediaType, schema, fixture, value),
    };
  });
  return cases;
}

/** The media type's `example`, else its first `examples` entry with a `value`, as a pointer to the value. */
function mediaTypeExample(
  document: OpenApiDocument,
  mediaTypeObject: { example?: unknown; examples?: Record<string, unknown> },
  mediaTypePointer: string,
): Fixture | undefined {
  if (mediaTypeObject.example !== undefined) return { example: `${mediaTypePointer}/example` };
  for (const name of Object.keys(mediaTypeObject.examples ?? {})) {
    const examplePointer = `${mediaTypePointer}/examples/${escapePointerToken(name)}`;
    const { node, pointer } = deref(document, mediaTypeObject.examples![name], examplePointer);
    if ((node as { value?: unknown } | undefined)?.value !== undefined) return { example: `${pointer}/value` };
  }
  return undefined;
}

/**
 * `4XX` → 400 and `default` → 500, unless the spec documents that code separately. Never a 204, 205 or 304 for a
 * range: the range's content would arrive as no body.
 */
function representativeStatus(status: string, documented: readonly string[]): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  const candidates = /^[1-5]XX$/i.test(status) ? RANGE_CANDIDATES[Number(status[0])]! : DEFAULT_CANDIDATES;
  return candidates.find((code) => !documented.includes(String(code)) && !isContentFreeStatus(code)) ?? candidates[0]!;
}

/** The codes a range (`4XX`: 400 to 499) or `default` (500, then 599 down to 500) is tried as, in order. */
const RANGE_CANDIDATES = Array.from({ length: 6 }, (_, digit) =>
  Array.from({ length: 100 }, (_, index) => digit * 100 + index),
);
const DEFAULT_CANDIDATES = [500, ...Array.from({ length: 100 }, (_, index) => 599 - index)];

function concreteMediaType(mediaType: string, value: unknown): string {
  if (mediaType === "*/*") return typeof value === "string" ? "text/plain" : "application/json";
  if (mediaType === "application/*") return "application/json";
  if (mediaType === "text/*") return "text/plain";
  return mediaType.replace(/\/\*$/, "/octet-stream");
}

/**
 * The runtime's rule (runtime/src/http/media-types.ts, `decodesAsJson`): a JSON media type is parsed; so is a
 * `text/plain` or range-matched body when the spec documents JSON for the status. Anything else stays text.
 */
function decodedAs(contentType: string, mediaType: string, documented: readonly string[]): "json" | "text" {
  if (isJsonMediaType(contentType)) return "json";
  const documentsJson = documented.some((type) => type === "*/*" || isJsonMediaType(type));
  return documentsJson && (contentType === "text/plain" || mediaType.includes("*")) ? "json" : "text";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
