// @unitask/core: the hand-written runtime every generated package depends on.
// http/: errors, auth, retries, timeouts and response decoding for openapi-fetch clients.
// task/: the unified task model, normalization helpers, watchTask and waitForTask.
// observability/: the events an `onEvent` hook receives, and OpenTelemetry spans when the API is installed.
export * from "./http/index.js";
export type { EventListener, HttpAttemptEvent, PollEvent, UnitaskEvent } from "./observability/events.js";
export type { OperationCallOptions, OperationInput } from "./operation-input.js";
export * from "./task/index.js";
