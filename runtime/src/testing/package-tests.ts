// What the loopback and Prism harnesses share: reading a package's test/cases.json and spec/openapi.json, the
// values its fixtures stand for, and calling an operation of the client by name with the case's arguments.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OperationSpec } from "../http/index.js";
import type { Fixture, OperationCases, PackageTestCases } from "./cases.js";
import { compileSpecSchemas, type SpecSchemas } from "./spec-schemas.js";

/** The options a harness creates the client with; the generated test adds the credentials. */
export interface TestClientOptions {
  baseUrl: string;
  maxRetries: number;
  fetch?: typeof fetch;
}

export interface PackageTestOptions {
  /** The package's test/cases.json. */
  cases: URL;
  /** The package's spec/openapi.json. */
  spec: URL;
  /** The client's `operationSpecs`, to recognise each operation's typed errors. */
  operationSpecs: Readonly<Record<string, OperationSpec>>;
  createClient(options: TestClientOptions): object;
}

export interface LoadedPackageTests {
  cases: PackageTestCases;
  specFile: string;
  schemas: SpecSchemas;
  /** The value a fixture stands for: the spec's example when it has one, else the stored sample. */
  valueOf(fixture: Fixture): unknown;
  /** The stored sample of a fixture. */
  sampleOf(fixture: Fixture): unknown;
}

export function loadPackageTests(options: PackageTestOptions): LoadedPackageTests {
  const cases = readJson(options.cases) as PackageTestCases;
  const specFile = fileURLToPath(options.spec);
  const document = readJson(options.spec) as Record<string, unknown>;
  const sampleOf = (fixture: Fixture) => {
    if (fixture.sample === undefined || !Object.hasOwn(cases.samples, fixture.sample))
      throw new Error(`${fileURLToPath(options.cases)}: no sample "${fixture.sample}"`);
    return cases.samples[fixture.sample];
  };
  return {
    cases,
    specFile,
    schemas: compileSpecSchemas(document),
    valueOf: (fixture) =>
      fixture.example === undefined ? sampleOf(fixture) : resolvePointer(document, fixture.example, specFile),
    sampleOf,
  };
}

/** The options argument of a call: the required query, headers and body; undefined when there are none. */
export function callOptions(
  operation: OperationCases,
  valueOf: (fixture: Fixture) => unknown,
): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (Object.keys(operation.query).length > 0) options.query = operation.query;
  if (Object.keys(operation.headers).length > 0) options.headers = operation.headers;
  if (operation.body) options.body = valueOf(operation.body);
  return Object.keys(options).length > 0 ? options : undefined;
}

/** Calls `client[operation.name](...pathArgs, options)`. */
export function callOperationOf(
  client: object,
  operation: OperationCases,
  pathArgs: readonly unknown[],
  options: Record<string, unknown> | undefined,
): Promise<unknown> {
  const method = (client as Record<string, unknown>)[operation.name];
  if (typeof method !== "function") throw new Error(`the client has no operation ${operation.name}`);
  return method(...pathArgs, ...(options === undefined ? [] : [options])) as Promise<unknown>;
}

/** The rejection of `call`; a resolution is an error that says `unexpected`. */
export async function rejectionOf(call: Promise<unknown>, unexpected: string): Promise<unknown> {
  const settled = await call.then(
    () => ({ resolved: true as const }),
    (rejection: unknown) => ({ resolved: false as const, rejection }),
  );
  if (settled.resolved) throw new Error(unexpected);
  return settled.rejection;
}

export function describeResponse(response: { status: string; mediaType?: string }): string {
  return response.mediaType === undefined ? response.status : `${response.status} ${response.mediaType}`;
}

function readJson(file: URL): unknown {
  return JSON.parse(readFileSync(fileURLToPath(file), "utf8"));
}

function resolvePointer(document: unknown, pointer: string, file: string): unknown {
  let node = document;
  for (const token of pointer.replace(/^#\//, "").split("/")) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key))
      throw new Error(`${file}: nothing at ${pointer}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
