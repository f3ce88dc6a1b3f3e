// Copied by unitask from runtime/src/http/index.ts. Do not edit: change runtime/src/, then run npm run generate.
// The public API of the HTTP runtime: client creation, operation calls, their types, and the errors they throw.
export {
  callOperation,
  isOperationError,
  type CallOptions,
  type OperationParams,
  type OperationSpec,
} from "./call-operation.js";
export type { Credential } from "./credentials.js";
export {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createApiError,
  InternalServerError,
  InvalidCredentialError,
  InvalidResponseError,
  NotFoundError,
  PathParameterError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  UnitaskError,
  UnprocessableEntityError,
  type ApiErrorDetails,
  type InvalidResponseDetails,
} from "./errors.js";
export { createHttpClient, type ClientRuntimeOptions, type HttpClientOptions } from "./http-client.js";
export { defaultMaxResponseBytes } from "./read-body.js";
export { minSecretLength } from "./redaction.js";
export type { OperationData, OperationError } from "./operation-types.js";
