// Copied by unitask from runtime/src/testing/loopback-tests.ts. Do not edit: change runtime/src/, then run npm run generate.
// Runs a package's test/cases.json against its client and a real loopback server: per operation and documented
// response, the server serves the fixture (checked against its schema with ajv first), and the test asserts the
// request the client put on the wire, the data it resolved with, or the typed error it rejected with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, isOperationError } from "../http/index.js";
import { isNested } from "../http/query-string.js";
import type { OperationCases, ResponseCase } from "./cases.js";
import { startLoopbackServer, type LoopbackServer } from "./loopback-server.js";
import type { Violation } from "./spec-schemas.js";
import {
  callOperationOf,
  callOptions,
  describeResponse,
  loadPackageTests,
  rejectionOf,
  type LoadedPackageTests,
  type PackageTestOptions,
} from "./package-tests.js";

export function describeLoopbackTests(options: PackageTestOptions): void {
  const loaded = loadPackageTests(options);
  let server: LoopbackServer;
  let client: object;

  beforeAll(async () => {
    server = await startLoopbackServer();
    client = options.createClient({ baseUrl: server.url + loaded.cases.basePath, maxRetries: 0 });
  });

  afterAll(async () => {
    await server?.close();
  });

  for (const operation of loaded.cases.operations) {
    describe(`${operation.name}: ${operation.method.toUpperCase()} ${operation.path}`, () => {
      const call = () =>
        callOperationOf(client, operation, operation.encodedArgs, callOptions(operation, loaded.valueOf));
      for (const response of operation.responses) {
        if (response.success) {
          const what =
            response.mediaType === undefined
              ? `the ${response.status} response, which has no body`
              : `the ${response.status} ${response.mediaType} body`;
          it(`sends ${operation.method.toUpperCase()} ${operation.expectedPath} with the credentials, and resolves with ${what}`, async ({
            annotate,
          }) => {
            const served = await serve(server, loaded, response, annotate);
            const data = await call();
            expectRequest(server, loaded, operation);
            expectBody(data, response, served);
          });
        } else {
          const carries =
            response.mediaType === undefined
              ? "and no body (the spec documents none)"
              : `and the parsed ${response.mediaType} body`;
          const serving =
            String(response.servedStatus) === response.status ? "" : ` (serving ${response.servedStatus})`;
          it(`rejects on ${response.status}${serving} with the typed error, carrying the status ${carries}`, async ({
            annotate,
          }) => {
            const served = await serve(server, loaded, response, annotate);
            const error = await rejectionOf(
              call(),
              `${operation.name} resolved, but the server answered ${response.servedStatus}`,
            );
            if (!isOperationError<ApiError<number, unknown>>(error, options.operationSpecs[operation.name]!))
              throw error;
            expect(error.status).toBe(response.servedStatus);
            expectBody(error.body, response, served);
          });
        }
      }
    });
  }
}

/**
 * The body the server sends for `response`, after checking the fixture against the schema: the spec's example, or
 * the sample where the example breaks the schema. Only one violation is let through, said in an annotation: a
 * value that matches several branches of a `oneOf` whose branches overlap, which no value can avoid. Where no value
 * satisfies the schema at all (the generator says which part admits none), the sample must break it.
 */
async function serve(
  server: LoopbackServer,
  loaded: LoadedPackageTests,
  response: ResponseCase,
  annotate: (message: string) => Promise<unknown>,
): Promise<string | undefined> {
  if (response.mediaType === undefined) {
    server.serve({ status: response.servedStatus });
    return undefined;
  }
  const { fixture, schema } = response;
  // The generator gives every media type a body (the client rejects an empty one where the spec documents one).
  if (fixture === undefined) throw new Error(`the ${describeResponse(response)} case has no body to serve`);
  let value = loaded.valueOf(fixture);
  if (schema !== undefined) {
    let violations = loaded.schemas.violations(schema, value);
    if (violations.length > 0 && fixture.example !== undefined && fixture.sample !== undefined) {
      await annotate(
        `The spec's example ${fixture.example} breaks its schema (${summarize(violations)}): serving a sample.`,
      );
      value = loaded.sampleOf(fixture);
      violations = loaded.schemas.violations(schema, value);
    }
    if (response.unsatisfiable !== undefined) {
      const { schema: part, reason } = response.unsatisfiable;
      await annotate(
        `No value satisfies the schema at ${part} (${reason}): serving the closest sample, which breaks it.`,
      );
      expect(violations).not.toEqual([]);
    } else {
      const overlapping = violations.filter((violation) => (violation.matchedBranches?.length ?? 0) > 1);
      if (overlapping.length > 0)
        await annotate(`The schema's oneOf branches overlap: the value matches several (${summarize(overlapping)}).`);
      expect(violations.filter((violation) => !overlapping.includes(violation))).toEqual([]);
    }
  }
  const body = response.decodedAs === "text" && typeof value === "string" ? value : JSON.stringify(value);
  server.serve({ status: response.servedStatus, headers: { "content-type": response.contentType! }, body });
  return body;
}

function summarize(violations: readonly Violation[]): string {
  return violations.map((violation) => `${violation.at || "/"} ${violation.message}`).join("; ");
}

function expectBody(received: unknown, response: ResponseCase, served: string | undefined): void {
  if (served === undefined) expect(received).toBeUndefined();
  else if (response.decodedAs === "json") expect(received).toEqual(JSON.parse(served));
  else expect(received).toBe(served);
}

function expectRequest(server: LoopbackServer, loaded: LoadedPackageTests, operation: OperationCases): void {
  const { cases } = loaded;
  const query = { ...cases.authQuery, ...operation.query };
  expect(server.requests).toMatchObject([
    {
      method: operation.method.toUpperCase(),
      path: operation.expectedPath,
      ...(Object.keys(query).length === 0 ? { search: "" } : {}),
      headers: {
        ...cases.authHeaders,
        ...Object.fromEntries(Object.entries(operation.headers).map(([name, value]) => [name.toLowerCase(), value])),
        // The client asks for the success media types it decodes; without any, fetch's default arrives.
        accept: operation.accept ?? "*/*",
      },
    },
  ]);
  const search = new URLSearchParams(server.requests[0]?.search);
  for (const [name, value] of Object.entries(query)) expect(queryValue(search, name, value)).toEqual(value);
  if (operation.body) expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(loaded.valueOf(operation.body));
}

/**
 * A parameter read back from the query as the runtime writes it (an array of primitives as repeated `name=`, an
 * object as `name[key]=`, and below that arrays by index, `name[0][key]=`), in the shape of `expected`, its values
 * compared as the strings they were sent as.
 */
function queryValue(search: URLSearchParams, name: string, expected: unknown, nested = false): unknown {
  if (Array.isArray(expected)) {
    if (!nested && !isNested(expected))
      return search.getAll(name).map((value, index) => asSent(value, expected[index]));
    return expected.map((item, index) => queryValue(search, `${name}[${index}]`, item, true));
  }
  if (typeof expected === "object" && expected !== null)
    return Object.fromEntries(
      Object.entries(expected).map(([key, value]) => [key, queryValue(search, `${name}[${key}]`, value, true)]),
    );
  return asSent(search.get(name), expected);
}

function asSent(received: string | null, expected: unknown): unknown {
  return received !== null && received === String(expected) ? expected : received;
}
