// @unitask/core/testing: the harness that runs a generated package's tests, which are data (test/cases.json):
// against a loopback server (the request on the wire, decoded data, typed errors) and against Prism, an
// independent mock of the package's spec. Needs vitest, ajv and ajv-formats, and for Prism @stoplight/prism-cli.
export type { Fixture, OperationCases, PackageTestCases, PrismCase, ResponseCase } from "./cases.js";
export { describeLoopbackTests } from "./loopback-tests.js";
export type { PackageTestOptions, TestClientOptions } from "./package-tests.js";
export { describePrismTests } from "./prism-tests.js";
export {
  startLoopbackServer,
  type LoopbackServer,
  type RecordedRequest,
  type ServedResponse,
} from "./loopback-server.js";
export { startPrism, withRequestHeaders, type PrismOptions, type PrismServer } from "./prism-server.js";
export { compileSpecSchemas, type SpecSchemas, type Violation } from "./spec-schemas.js";
export type { TypeEquals } from "./type-equals.js";
