// Copied by unitask from runtime/src/testing/prism-tests.ts. Do not edit: change runtime/src/, then run npm run generate.
// Runs a package's test/cases.json against its client and Prism, an independent mock of spec/openapi.json that
// this project did not write: asked for each documented status (`Prefer: code=…`) and media type, with a request
// Prism validates against the spec, the client must resolve with, or reject with a typed error carrying, exactly
// what Prism sent. Prism's answer is then validated against the schema: where it breaks it (Prism serves the
// spec's examples verbatim, wrong ones included), the test says so in an annotation, and the loopback tests
// assert valid bodies; the breaks the generator predicts (Deck's `oneOf: [null, …]`) are asserted exactly.
// Every limitation of Prism is a test that asserts it (or, where Prism cannot be asked, a todo), never a skip.
import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, isOperationError } from "../http/index.js";
import type { OperationCases, ResponseCase } from "./cases.js";
import {
  callOperationOf,
  callOptions,
  describeResponse,
  loadPackageTests,
  rejectionOf,
  type LoadedPackageTests,
  type PackageTestOptions,
} from "./package-tests.js";
import { startPrism, withRequestHeaders, type PrismServer } from "./prism-server.js";
import type { Violation } from "./spec-schemas.js";

const coveredByLoopback = "covered by the loopback test in client.test.ts";

export function describePrismTests(options: PackageTestOptions): void {
  const loaded = loadPackageTests(options);
  const asksPrism = loaded.cases.operations.some((operation) =>
    operation.responses.some((response) => response.prism.kind !== "not-asked"),
  );
  let prism: PrismServer | undefined;
  if (asksPrism) {
    // Prism reads the whole spec before it answers: about 2 s for a small one, far longer for GitHub's 13 MB.
    const readyWithinMs = 20_000 + (10 * statSync(loaded.specFile).size) / 1_000;
    beforeAll(async () => {
      prism = await startPrism(loaded.specFile, { readyWithinMs });
    }, readyWithinMs + 10_000);
    afterAll(async () => {
      await prism?.stop();
    });
  }

  /**
   * Calls the operation with a client whose requests ask Prism for one documented status and, when given, one
   * media type; `answer` is the body Prism sent, as text.
   */
  const callAskingFor = (operation: OperationCases, response: ResponseCase, accept: string | undefined) => {
    const headers: Record<string, string> = { Prefer: `code=${response.servedStatus}` };
    if (accept !== undefined) headers.Accept = accept;
    const asking = withRequestHeaders(headers);
    let answer: Promise<string> = Promise.resolve("");
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const sent = await asking(input, init);
      answer = sent.clone().text();
      return sent;
    };
    const client = options.createClient({ baseUrl: prism!.url, maxRetries: 0, fetch });
    const call = callOperationOf(client, operation, operation.validArgs, callOptions(operation, loaded.valueOf));
    return { call, answer: () => answer };
  };

  for (const operation of loaded.cases.operations) {
    const { name, method, path } = operation;
    describe(`${name} against Prism, an independent mock of ${method.toUpperCase()} ${path}`, () => {
      for (const response of operation.responses) {
        const label = describeResponse(response);
        const prismCase = response.prism;
        switch (prismCase.kind) {
          case "not-asked":
            it.todo(`${label}: not asked of Prism (${prismCase.reason}); ${coveredByLoopback}`);
            break;
          case "cannot-serialise-as-text": {
            const title =
              response.mediaType === "*/*"
                ? `${label}: Prism cannot mock */* responses (it serializes them as text, and refuses an object): ${coveredByLoopback}`
                : `${label}: Prism cannot serialize an object as ${response.mediaType} and answers 500: ${coveredByLoopback}`;
            it(title, async () => {
              const error = await rejectionOf(
                callAskingFor(operation, response, prismCase.accept).call,
                `${name} resolved, but Prism cannot serve ${response.mediaType}`,
              );
              expect(error).toMatchObject({
                status: 500,
                excerpt: expect.stringContaining("Cannot serialise complex objects as text"),
              });
            });
            break;
          }
          case "serves":
            it(servesTitle(label, response, prismCase.expectedViolations), async ({ annotate }) => {
              const { call, answer } = callAskingFor(operation, response, prismCase.accept);
              let received: unknown;
              if (response.success) received = await call;
              else {
                const error = await rejectionOf(
                  call,
                  `${name} resolved, but Prism was asked for ${response.servedStatus}`,
                );
                if (!isOperationError<ApiError<number, unknown>>(error, options.operationSpecs[name]!)) throw error;
                expect(error.status).toBe(response.servedStatus);
                received = error.body;
              }
              const sent = await answer();
              if (response.mediaType === undefined) expect(received).toBeUndefined();
              else expect(received).toEqual(response.decodedAs === "json" ? JSON.parse(sent) : sent);
              const unexpected = checkAgainstSchema(loaded, response, received, prismCase.expectedViolations);
              if (unexpected.length > 0)
                await annotate(
                  `Prism's answer breaks the schema (${unexpected.map((violation) => `${violation.at || "/"} ${violation.message}`).join("; ")}); the client returned it as sent.`,
                );
            });
            break;
        }
      }
    });
  }
}

function servesTitle(label: string, response: ResponseCase, violations: readonly string[]): string {
  if (response.mediaType === undefined)
    return response.success
      ? `${label}: resolves with no body`
      : `${label}: the typed error carries the status and no body`;
  if (violations.length > 0)
    return `${label}: Prism's own answer breaks the spec at ${violations.join(", ")} (null, which matches both branches of oneOf: [null, …]), and validation says so; ${coveredByLoopback} covers these fields`;
  return response.success
    ? `${label}: the typed data validates against the schema`
    : `${label}: the typed error carries the status and a body that validates against the schema`;
}

/** Asserts the predicted violations exactly; returns the others (none for a spec whose examples are right). */
function checkAgainstSchema(
  loaded: LoadedPackageTests,
  response: ResponseCase,
  received: unknown,
  predicted: readonly string[],
): Violation[] {
  if (response.mediaType === undefined || response.schema === undefined) return [];
  const violations = loaded.schemas.violations(response.schema, received);
  if (predicted.length > 0) {
    expect(violations).toMatchObject(predicted.map((at) => ({ at, keyword: "oneOf" })));
    return [];
  }
  return violations.filter((violation) => (violation.matchedBranches?.length ?? 0) <= 1);
}
