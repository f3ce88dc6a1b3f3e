// What a package's generated tests exercise, worked out from the model and the bundled spec before any code is
// written: per operation, the arguments to call it with, the request it must produce, and per documented response
// the body to serve (the spec's example, else a sample that openapi-sampler synthesizes from the schema, here at
// generation time so the tests embed plain data) and what Prism, the independent mock, can make of it.
// Pure and deterministic: the same model and document give the same plan.
import { sample } from "openapi-sampler";
import type { OpenApiDocument } from "../bundle.js";
import type { AuthOption, OperationModel, ProviderModel } from "../model.js";
import { escapePointerToken } from "../problems.js";
import { resolvePointer } from "../refs.js";

/** The secret every generated test configures, and expects on the wire. */
export const TEST_SECRET = "test-secret";
const TEST_USER = "test-user";

export interface PackageTestPlan {
  /** `createDeckClient` */
  factory: string;
  /** The auth options passed to the factory, e.g. `{ token: "test-secret" }`. */
  credentials: Record<string, string>;
  /** Headers the credentials put on every request, names in lower case. */
  authHeaders: Record<string, string>;
  /** Query parameters the credentials put on every request. */
  authQuery: Record<string, string>;
  /** The path of the spec's first server (e.g. `/v2`), kept in the loopback base URL so joining is tested too. */
  basePath: string;
  operations: OperationTestPlan[];
}

export interface OperationTestPlan {
  operation: OperationModel;
  /** Path parameter values that need percent-encoding (a space and a slash), in argument order. */
  encodedArgs: string[];
  /** Path parameter values valid under their schemas (e.g. a UUID), for Prism, which validates requests. */
  validArgs: unknown[];
  /** The request path the loopback server must see: base path and template with `encodedArgs` percent-encoded. */
  expectedPath: string;
  /** Required query parameters, sampled from their schemas; {} when none. */
  query: Record<string, unknown>;
  /** Required header parameters, sampled from their schemas; {} when none. */
  headers: Record<string, string>;
  /** A sampled JSON request body when the operation requires one. */
  body?: { value: unknown };
  success: ResponseCase[];
  errors: ResponseCase[];
}

export interface ResponseCase {
  /** The documented key: `200`, `2XX`, `default`. */
  status: string;
  /** The status the test serves (a representative code for a range or `default`). */
  servedStatus: number;
  /** The documented media type, absent for a response documented without a body. */
  mediaType?: string;
  /** The `Content-Type` served: the media type itself, or a concrete one for a range such as `*\/*`. */
  contentType?: string;
  /** Pointer to the body's schema in spec/openapi.json; absent when there is no body or no schema. */
  schemaPointer?: string;
  fixture?: { value: unknown; source: "example" | "sample" };
  /** How the runtime decodes this body: parsed as JSON, or returned as text. */
  decodedAs?: "json" | "text";
  /**
   * Where a `oneOf` offers `null` next to a branch that also accepts null (Deck's `oneOf: [null, JsonElement]`):
   * `null` there matches two branches, which strict validation rejects. Instance pointers, e.g. `/input_schema`.
   */
  ambiguousNulls: AmbiguousNull[];
  prism: PrismCase;
}

export interface AmbiguousNull {
  at: string;
  /** Prism samples a `oneOf` from its first branch, so a null first branch gives `null` in its answers. */
  nullFirst: boolean;
}

export type PrismCase =
  /** Prism serves this response; `accept` is sent when the media type is not the one Prism picks by default. */
  | { kind: "serves"; accept?: string; expectedViolations: string[] }
  /** Prism's text serializer refuses objects: it answers 500 `Cannot serialise complex objects as text`. */
  | { kind: "cannot-serialise-as-text"; accept?: string }
  /** Prism is not asked: it cannot be told to answer a status range or `default`, or this media type. */
  | { kind: "not-asked"; reason: string };

export function planPackageTests(model: ProviderModel, document: OpenApiDocument): PackageTestPlan {
  const auth = planAuth(model.auth);
  const basePath = serverBasePath(model.servers[0]?.url);
  return {
    factory: `create${model.pascalName}Client`,
    ...auth,
    basePath,
    operations: model.operations.map((operation) => planOperation(document, operation, basePath)),
  };
}

function planAuth(options: readonly AuthOption[]): Pick<PackageTestPlan, "credentials" | "authHeaders" | "authQuery"> {
  const credentials: Record<string, string> = {};
  const authHeaders: Record<string, string> = {};
  const authQuery: Record<string, string> = {};
  const cookies: string[] = [];
  for (const option of options) {
    switch (option.kind) {
      case "apiKey":
        credentials[option.option] = TEST_SECRET;
        if (option.in === "header") authHeaders[option.name.toLowerCase()] ??= TEST_SECRET;
        else if (option.in === "query") authQuery[option.name] = TEST_SECRET;
        else cookies.push(`${option.name}=${encodeURIComponent(TEST_SECRET)}`);
        break;
      case "bearer":
        credentials.token = TEST_SECRET;
        authHeaders.authorization ??= `Bearer ${TEST_SECRET}`;
        break;
      case "basic":
        credentials.username = TEST_USER;
        credentials.password = TEST_SECRET;
        authHeaders.authorization ??= `Basic ${Buffer.from(`${TEST_USER}:${TEST_SECRET}`).toString("base64")}`;
        break;
    }
  }
  if (cookies.length > 0) authHeaders.cookie = cookies.join("; ");
  return { credentials, authHeaders, authQuery };
}

function serverBasePath(url: string | undefined): string {
  if (url === undefined) return "";
  const path = /^[a-z][a-z\d+.-]*:/i.test(url) ? new URL(url).pathname : url.split(/[?#]/)[0]!;
  return path.replace(/\/+$/, "");
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

function planOperation(document: OpenApiDocument, operation: OperationModel, basePath: string): OperationTestPlan {
  const parameters = operationParameters(document, operation);
  const sampleParameter = (name: string, location: string) =>
    sampleSchema(
      document,
      parameters.find((parameter) => parameter.name === name && parameter.in === location)?.schema ?? {
        type: "string",
      },
      "request",
    );
  const encodedArgs = operation.pathParams.map((param) => `${param.name} 1/2`);
  let expectedPath = operation.path;
  operation.pathParams.forEach(
    (param, index) => (expectedPath = expectedPath.replace(`{${param.name}}`, encodeURIComponent(encodedArgs[index]!))),
  );
  const required = (location: string) =>
    parameters
      .filter((parameter) => parameter.in === location && parameter.required)
      .sort((a, b) => compare(a.name, b.name));
  const body = requestBodySample(document, operation);
  return {
    operation,
    encodedArgs,
    validArgs: operation.pathParams.map((param) => sampleParameter(param.name, "path")),
    expectedPath: `${basePath}${expectedPath}`,
    query: Object.fromEntries(
      required("query").map((parameter) => [parameter.name, sampleParameter(parameter.name, "query")]),
    ),
    headers: Object.fromEntries(
      required("header").map((parameter) => [parameter.name, String(sampleParameter(parameter.name, "header"))]),
    ),
    ...(body ? { body } : {}),
    success: operation.successStatuses.flatMap((status) => planResponses(document, operation, status, true)),
    errors: Object.keys(operation.responses)
      .filter((status) => !operation.successStatuses.includes(status))
      .flatMap((status) => planResponses(document, operation, status, false)),
  };
}

function operationParameters(document: OpenApiDocument, operation: OperationModel): Parameter[] {
  const pathItemPointer = operation.pointer.slice(0, operation.pointer.lastIndexOf("/"));
  const byKey = new Map<string, Parameter>();
  for (const pointer of [`${pathItemPointer}/parameters`, `${operation.pointer}/parameters`]) {
    const list = resolvePointer(document, pointer);
    for (const entry of Array.isArray(list) ? list : []) {
      const parameter = deref(document, entry).node as Parameter | undefined;
      if (parameter?.name && parameter.in) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function requestBodySample(document: OpenApiDocument, operation: OperationModel): { value: unknown } | undefined {
  if (operation.body !== "required") return undefined;
  const requestBody = deref(document, resolvePointer(document, `${operation.pointer}/requestBody`)).node as
    { content?: Record<string, { schema?: unknown }> } | undefined;
  const content = requestBody?.content ?? {};
  const mediaType = Object.keys(content).find(isJsonMediaType) ?? Object.keys(content)[0];
  return mediaType === undefined
    ? undefined
    : { value: sampleSchema(document, content[mediaType]?.schema ?? {}, "request") };
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
): ResponseCase[] {
  const servedStatus = representativeStatus(status, Object.keys(operation.responses));
  const { pointer: responsePointer } = deref(
    document,
    resolvePointer(document, `${operation.pointer}/responses/${escapePointerToken(status)}`),
    `${operation.pointer}/responses/${escapePointerToken(status)}`,
  );
  const mediaTypes = operation.responses[status] ?? [];
  const exactStatus = /^\d{3}$/.test(status);
  if (mediaTypes.length === 0) {
    return [
      {
        status,
        servedStatus,
        ambiguousNulls: [],
        prism: exactStatus ? { kind: "serves", expectedViolations: [] } : rangeNotAsked(status),
      },
    ];
  }
  const cases = mediaTypes.map((mediaType, index): ResponseCase => {
    const mediaTypePointer = `${responsePointer}/content/${escapePointerToken(mediaType)}`;
    const mediaTypeObject = (resolvePointer(document, mediaTypePointer) ?? {}) as {
      schema?: unknown;
      example?: unknown;
      examples?: Record<string, unknown>;
    };
    const schemaPointer = mediaTypeObject.schema === undefined ? undefined : `${mediaTypePointer}/schema`;
    const example = mediaTypeExample(document, mediaTypeObject);
    const fixture =
      example ??
      (mediaTypeObject.schema === undefined
        ? undefined
        : { value: sampleSchema(document, mediaTypeObject.schema, "response"), source: "sample" as const });
    const contentType = concreteMediaType(mediaType, fixture?.value);
    const ambiguousNulls = schemaPointer === undefined ? [] : findAmbiguousNulls(document, schemaPointer);
    return {
      status,
      servedStatus,
      mediaType,
      contentType,
      ...(schemaPointer ? { schemaPointer } : {}),
      ...(fixture ? { fixture } : {}),
      decodedAs: decodedAs(contentType, mediaType, mediaTypes),
      ambiguousNulls,
      prism: exactStatus ? prismCase(mediaType, fixture, ambiguousNulls) : rangeNotAsked(status),
    };
  });
  return success ? cases : cases.slice(0, 1);
}

function mediaTypeExample(
  document: OpenApiDocument,
  mediaTypeObject: { example?: unknown; examples?: Record<string, unknown> },
): ResponseCase["fixture"] {
  if (mediaTypeObject.example !== undefined) return { value: mediaTypeObject.example, source: "example" };
  for (const name of Object.keys(mediaTypeObject.examples ?? {})) {
    const example = deref(document, mediaTypeObject.examples![name]).node as { value?: unknown } | undefined;
    if (example?.value !== undefined) return { value: example.value, source: "example" };
  }
  return undefined;
}

/** openapi-sampler's deterministic sample; a response includes read-only properties, a request write-only ones. */
/** One copy of each document for the sampler, made once: copying a large spec per sample costs minutes. */
const samplerCopies = new WeakMap<OpenApiDocument, object>();

function sampleSchema(document: OpenApiDocument, schema: unknown, direction: "request" | "response"): unknown {
  // Copies: the sampler annotates what it is given, and the document must stay as bundled.
  let samplerCopy = samplerCopies.get(document);
  if (!samplerCopy) samplerCopies.set(document, (samplerCopy = structuredClone(document)));
  return sample(
    structuredClone(schema) as object,
    direction === "response" ? { skipWriteOnly: true, quiet: true } : { skipReadOnly: true, quiet: true },
    samplerCopy,
  );
}

/** `4XX` → 400 and `default` → 500, unless the spec documents that code separately. */
function representativeStatus(status: string, documented: readonly string[]): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  const candidates = /^[1-5]XX$/i.test(status)
    ? Array.from({ length: 100 }, (_, index) => Number(status[0]) * 100 + index)
    : [500, ...Array.from({ length: 100 }, (_, index) => 599 - index)];
  return candidates.find((code) => !documented.includes(String(code))) ?? candidates[0]!;
}

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

function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return essence.endsWith("/json") || essence.endsWith("+json");
}

/** Prism serializes `application/json` and `application/*+json` as JSON, and `text/*` (which `*\/*` matches) only for strings. */
function prismCase(mediaType: string, fixture: ResponseCase["fixture"], ambiguousNulls: AmbiguousNull[]): PrismCase {
  // The client's own Accept names its preferred media types: each case asks Prism for the one under test.
  const accept = mediaType;
  const essence = mediaType.toLowerCase();
  const servesAsJson = essence === "application/json" || /^application\/[^/]*\+json$/.test(essence);
  const servesAsText = essence.startsWith("text/") || essence === "*/*";
  if (servesAsJson || (servesAsText && typeof fixture?.value === "string")) {
    // Prism serves the example when there is one, else a sample of its own, null first branches included.
    const expectedViolations =
      fixture?.source === "example"
        ? []
        : ambiguousNulls.filter((ambiguous) => ambiguous.nullFirst).map((ambiguous) => ambiguous.at);
    return { kind: "serves", ...(accept ? { accept } : {}), expectedViolations };
  }
  if (servesAsText) return { kind: "cannot-serialise-as-text", ...(accept ? { accept } : {}) };
  return { kind: "not-asked", reason: `Prism has no serializer for ${mediaType} bodies that are not strings` };
}

function rangeNotAsked(status: string): PrismCase {
  return { kind: "not-asked", reason: `Prism's Prefer header names an exact status, not ${status}` };
}

/** Ambiguous `oneOf` nulls reachable from the schema through object properties (arrays and maps are not followed). */
function findAmbiguousNulls(document: OpenApiDocument, schemaPointer: string): AmbiguousNull[] {
  const found: AmbiguousNull[] = [];
  const visit = (node: unknown, at: string, seen: ReadonlySet<unknown>, depth: number) => {
    const schema = deref(document, node).node as Record<string, unknown> | undefined;
    if (typeof schema !== "object" || schema === null || seen.has(schema) || depth > 8) return;
    const within = new Set(seen).add(schema);
    const branches = Array.isArray(schema.oneOf) ? schema.oneOf.map((branch) => deref(document, branch).node) : [];
    const nullIndex = branches.findIndex(isNullSchema);
    if (nullIndex !== -1 && branches.some((branch, index) => index !== nullIndex && acceptsNull(branch)))
      found.push({ at, nullFirst: nullIndex === 0 });
    for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) visit(part, at, within, depth + 1);
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(properties))
      visit(properties[name], `${at}/${escapePointerToken(name)}`, within, depth + 1);
  };
  visit(resolvePointer(document, schemaPointer), "", new Set(), 0);
  return found;
}

function isNullSchema(schema: unknown): boolean {
  const { type } = (schema ?? {}) as { type?: unknown };
  return type === "null" || (Array.isArray(type) && type.length === 1 && type[0] === "null");
}

/** Whether a schema lets `null` through: no type constraint at all, or a type list that includes null. */
function acceptsNull(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return schema !== false;
  const constraints = schema as Record<string, unknown>;
  if (constraints.nullable === true) return true;
  if (Array.isArray(constraints.type)) return constraints.type.includes("null");
  if (constraints.type !== undefined) return constraints.type === "null";
  return !["enum", "const", "oneOf", "anyOf", "allOf", "not", "$ref"].some((keyword) => keyword in constraints);
}

/** Follows internal `$ref`s, keeping the pointer of the node finally reached. */
function deref(document: OpenApiDocument, node: unknown, pointer = ""): { node: unknown; pointer: string } {
  for (let depth = 0; depth < 32; depth++) {
    const ref = (node as { $ref?: unknown } | null | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#")) break;
    pointer = ref;
    node = resolvePointer(document, ref);
  }
  return { node, pointer };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
