// @unitask/core/internal: what generated clients and adapters call, and no user should need. It may
// change in any release that keeps the generated packages of the same core version working.
export {
  callOperation,
  createApiError,
  createHttpClient,
  type CallOptions,
  type Credential,
  type HttpClientOptions,
  type OperationParams,
  type OperationSpec,
} from "./http/index.js";
export {
  lastElement,
  requireTaskId,
  requireTaskObject,
  toIsoTimestamp,
  toProgress,
  toResult,
  toTaskError,
  toTaskStatus,
  toTitle,
  type ConvertedStatus,
  type ProgressScale,
  type StatusTable,
  type TimestampFormat,
} from "./task/index.js";
