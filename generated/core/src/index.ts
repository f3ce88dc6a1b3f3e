// Copied by unitask from runtime/src/index.ts. Do not edit: change runtime/src/, then run npm run generate.
// @unitask/core: the hand-written runtime every generated package depends on.
// http/: errors, auth, retries, timeouts and response decoding for openapi-fetch clients.
// task/: the unified task model, normalization helpers and waitForTask.
export * from "./http/index.js";
export type { OperationCallOptions, OperationInput } from "./operation-input.js";
export * from "./task/index.js";
