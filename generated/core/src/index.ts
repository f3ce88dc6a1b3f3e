// Copied by unitask from runtime/src/index.ts. Do not edit: change runtime/src/, then run npm run generate.
// @unitask/core's public API, by name: the errors a client throws, the options and types a caller
// writes, and the unified task model with waitForTask. What only generated code calls (creating the
// HTTP client, calling an operation, the adapters' conversions) is in ./internal.ts.
export {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  isOperationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnitaskError,
  UnprocessableEntityError,
  type ApiErrorDetails,
  type ClientRuntimeOptions,
  type InvalidResponseDetails,
  type OperationData,
  type OperationError,
} from "./http/index.js";
export type { OperationCallOptions, OperationInput } from "./operation-input.js";
export {
  isTerminalStatus,
  TASK_STATUSES,
  TaskAbortedError,
  TaskFailedError,
  TaskPayloadError,
  TaskTimeoutError,
  waitForTask,
  type GetTaskOptions,
  type TaskClient,
  type TaskErrorDetail,
  type TaskKind,
  type TaskStatus,
  type UnifiedTask,
  type WaitForTaskOptions,
} from "./task/index.js";
