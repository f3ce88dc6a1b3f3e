// Stage 3, model: the few facts about a spec that the emitters need, read once from the bundled
// document. Pure: the same document gives the same model, operations in path then method order.
import type { OpenApiDocument } from "./bundle.js";
import type { Manifest } from "./manifest.js";
import { camelCase, nameFromFullPath, nameFromMethodAndPath } from "./naming.js";
import {
  deref,
  isJsonMediaType,
  isRecord,
  listOperations,
  mergeParameters,
  resolvePointer,
  type HttpMethod,
  type ParameterObject,
} from "./spec/index.js";

export type { HttpMethod } from "./spec/index.js";

/** The manifest's names (`name` the folder, e.g. `deck`; `pascalName` as in `createDeckClient`), and the spec read. */
export interface ProviderModel extends Manifest {
  /** The version this run gives the package: the manifest's first version, or the previous one bumped. */
  version: string;
  /** The spec's path as shown in headers and messages, e.g. `specs/deck/openapi.yaml`. */
  specFile: string;
  api: { title: string; version: string; description?: string };
  servers: ServerModel[];
  auth: AuthOption[];
  /** True when every operation requires credentials. */
  authRequired: boolean;
  operations: OperationModel[];
}

export interface ServerModel {
  /** The URL with its variables set to their defaults. */
  url: string;
  description?: string;
}

export type AuthOption =
  | { option: string; kind: "apiKey"; in: "header" | "query" | "cookie"; name: string; description?: string }
  | { option: "token"; kind: "bearer"; description?: string }
  | { option: "username"; kind: "basic"; description?: string };

export interface ParameterModel {
  name: string;
  /** The argument name in the generated function: `task_id` → `taskId`. */
  argName: string;
  description?: string;
}

export interface OperationModel {
  functionName: string;
  /** `GetTask`, as in `GetTaskData`. */
  typeName: string;
  operationId?: string;
  method: HttpMethod;
  /** The path key, as `paths` types it. */
  path: string;
  /**
   * The path the request goes to: the key without its query or fragment (`/#Action=Describe` is `/`). A fragment
   * is never sent (RFC 3986 §3.5), and a query appended after it would be dropped with it.
   */
  requestPath: string;
  /**
   * The query the key itself carries (`/rest?method=x`, `/export?filename={filename}`), without the parameters
   * the operation declares `in: query` (the call sends those); its `{name}`s are path parameters.
   */
  keyQuery?: string;
  /** Pointer to the operation object in the spec. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  pathParams: ParameterModel[];
  query: "none" | "optional" | "required";
  headers: "none" | "optional" | "required";
  body: "none" | "optional" | "required";
  /** Status (or `default`, `2XX`) → documented media types, `[]` when documented without a body. */
  responses: Record<string, string[]>;
  successStatuses: string[];
  /** The Accept header the client sends: the JSON media types of its success responses, else all of them. */
  accept?: string;
}

export function buildProviderModel(document: OpenApiDocument, manifest: Manifest, specFile: string): ProviderModel {
  const info = (document.info ?? {}) as { title?: string; version?: string; description?: string };
  // `raw` is the client's own property; `<provider>Client` would make `<Provider>ClientOptions` twice.
  const reservedNames = new Set([
    "raw",
    `${manifest.pascalName.charAt(0).toLowerCase()}${manifest.pascalName.slice(1)}Client`,
  ]);
  const operations = nameOperations(collectOperations(document), reservedNames);
  const auth = collectAuth(document);
  return {
    name: manifest.name,
    pascalName: manifest.pascalName,
    displayName: manifest.displayName,
    packageName: manifest.packageName,
    runtimePackage: manifest.runtimePackage,
    version: manifest.version,
    specFile,
    api: {
      title: String(info.title ?? manifest.displayName),
      version: String(info.version ?? ""),
      description: optionalString(info.description),
    },
    servers: collectServers(document.servers),
    auth: auth.options,
    authRequired: operations.length > 0 && operations.every((operation) => auth.requiredBy(operation.pointer)),
    operations,
  };
}

type UnnamedOperation = Omit<OperationModel, "functionName" | "typeName">;

function collectOperations(document: OpenApiDocument): UnnamedOperation[] {
  return listOperations(document).map(({ path, method, pointer, pathItem, operation }) => {
    const parameters = mergeParameters(document, pathItem, operation);
    const requestBody = deref(document, operation.requestBody).node;
    const responses = collectResponses(document, method, operation.responses);
    const successStatuses = Object.keys(responses).filter((status) => /^2(\d\d|XX)$/.test(status));
    const { requestPath, keyQuery } = splitPathKey(path, parameters);
    return {
      operationId: optionalString(operation.operationId),
      method,
      path,
      requestPath,
      ...(keyQuery ? { keyQuery } : {}),
      pointer,
      summary: optionalString(operation.summary),
      description: optionalString(operation.description),
      deprecated: operation.deprecated === true,
      pathParams: orderPathParameters(keyQuery ? `${requestPath}?${keyQuery}` : requestPath, parameters),
      query: presence(parameters.filter((parameter) => parameter.in === "query")),
      headers: presence(parameters.filter((parameter) => parameter.in === "header")),
      body: isRecord(requestBody) ? (requestBody.required === true ? "required" : "optional") : "none",
      responses,
      successStatuses,
      accept: acceptHeader(successStatuses.flatMap((status) => responses[status]!)),
    };
  });
}

/** operationId where unique, else method + path; any name still shared falls back to the full path. */
function nameOperations(operations: UnnamedOperation[], reserved: ReadonlySet<string>): OperationModel[] {
  const preferred = operations.map(
    (operation) =>
      (operation.operationId
        ? camelCase(operation.operationId)
        : nameFromMethodAndPath(operation.method, operation.path)) || operation.method,
  );
  const counts = countBy(preferred);
  const names = operations.map((operation, index) =>
    counts.get(preferred[index]!)! > 1 ? nameFromFullPath(operation.method, operation.path) : preferred[index]!,
  );
  const seen = new Map<string, number>();
  return operations.map((operation, index) => {
    let functionName = reserved.has(names[index]!) ? `${names[index]}Operation` : names[index]!;
    const taken = seen.get(functionName) ?? 0;
    seen.set(functionName, taken + 1);
    if (taken > 0) functionName = `${functionName}${taken + 1}`;
    return { ...operation, functionName, typeName: functionName.charAt(0).toUpperCase() + functionName.slice(1) };
  });
}

/** A path key as a request carries it: the path before `?` and `#`, and the query between them. */
function splitPathKey(key: string, parameters: ParameterObject[]): { requestPath: string; keyQuery?: string } {
  const [beforeFragment = ""] = key.split("#");
  const queryStart = beforeFragment.indexOf("?");
  if (queryStart === -1) return { requestPath: beforeFragment };
  const declared = new Set(
    parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name),
  );
  const keyQuery = beforeFragment
    .slice(queryStart + 1)
    .split("&")
    .filter((pair) => pair !== "" && !declared.has(pair.split("=")[0]!))
    .join("&");
  return { requestPath: beforeFragment.slice(0, queryStart), ...(keyQuery ? { keyQuery } : {}) };
}

/** Path parameters in the order they appear in the template, which is the order callers pass them. */
function orderPathParameters(path: string, parameters: ParameterObject[]): ParameterModel[] {
  const declared = new Map(
    parameters.filter((parameter) => parameter.in === "path").map((parameter) => [parameter.name, parameter]),
  );
  const taken = new Set(["options", "callOptions"]);
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => {
    let argName = camelCase(name!) || "param";
    while (taken.has(argName)) argName = `${argName}_`;
    taken.add(argName);
    return { name: name!, argName, description: optionalString(declared.get(name!)?.description) };
  });
}

function collectResponses(document: OpenApiDocument, method: HttpMethod, responses: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!isRecord(responses)) return result;
  for (const status of Object.keys(responses).sort()) {
    const response = deref(document, responses[status]).node;
    // RFC 9110 §9.3.2: a response to HEAD never has content, whatever `content` the spec copied from its GET
    // (openapi-fetch, too, reads no body for HEAD).
    const content = method !== "head" && isRecord(response) && isRecord(response.content) ? response.content : {};
    result[status] = Object.keys(content);
  }
  return result;
}

/** JSON is what the client decodes best, so a JSON media type is preferred when the spec offers one. */
function acceptHeader(mediaTypes: string[]): string | undefined {
  const unique = [...new Set(mediaTypes)];
  const json = unique.filter(isJsonMediaType);
  const accepted = json.length > 0 ? json : unique;
  return accepted.length > 0 ? accepted.join(", ") : undefined;
}

function collectServers(servers: unknown): ServerModel[] {
  if (!Array.isArray(servers)) return [];
  return servers
    .filter(
      (server): server is { url: string; description?: string; variables?: Record<string, { default?: unknown }> } =>
        typeof server?.url === "string",
    )
    .map((server) => ({
      url: server.url.replace(/\{([^}]+)\}/g, (whole, name: string) =>
        String(server.variables?.[name]?.default ?? whole),
      ),
      description: optionalString(server.description),
    }));
}

/** Client options that an API key named after its scheme must not shadow. */
const RESERVED_OPTIONS = new Set([
  "baseUrl",
  "fetch",
  "maxRetries",
  "timeoutMs",
  "retryNonIdempotent",
  "token",
  "username",
  "password",
]);

function collectAuth(document: OpenApiDocument) {
  const components = (document.components ?? {}) as { securitySchemes?: Record<string, unknown> };
  const schemes = components.securitySchemes ?? {};
  const options: AuthOption[] = [];
  const apiKeys = Object.keys(schemes).filter(
    (name) => (deref(document, schemes[name]).node as { type?: string } | undefined)?.type === "apiKey",
  );
  for (const name of Object.keys(schemes).sort()) {
    const scheme = (deref(document, schemes[name]).node ?? {}) as {
      type?: string;
      scheme?: string;
      in?: string;
      name?: string;
      description?: string;
    };
    const description = optionalString(scheme.description);
    if (
      scheme.type === "apiKey" &&
      scheme.name &&
      (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie")
    ) {
      const option = apiKeys.length === 1 ? "apiKey" : camelCase(name);
      options.push({
        option: RESERVED_OPTIONS.has(option) ? `${option}ApiKey` : option,
        kind: "apiKey",
        in: scheme.in,
        name: scheme.name,
        description,
      });
    } else if (
      (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") ||
      scheme.type === "oauth2" ||
      scheme.type === "openIdConnect"
    ) {
      if (!options.some((option) => option.kind === "bearer"))
        options.push({ option: "token", kind: "bearer", description });
    } else if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") {
      options.push({ option: "username", kind: "basic", description });
    }
  }
  const globalSecurity = document.security;
  const requiredBy = (operationPointer: string): boolean => {
    const operation = resolvePointer(document, operationPointer) as { security?: unknown };
    const security = operation.security ?? globalSecurity;
    return (
      Array.isArray(security) &&
      security.length > 0 &&
      security.every((requirement) => Object.keys(requirement ?? {}).length > 0)
    );
  };
  return { options, requiredBy };
}

function presence(parameters: ParameterObject[]): "none" | "optional" | "required" {
  if (parameters.length === 0) return "none";
  return parameters.some((parameter) => parameter.required) ? "required" : "optional";
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
