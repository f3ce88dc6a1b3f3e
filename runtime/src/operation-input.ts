// The typed inputs of one operation besides its path parameters, read from openapi-typescript's
// `paths[path][method]` type: query and header parameters, and the request body. Each is required
// exactly when the spec requires it (openapi-typescript marks those properties without `?`).

import type { CallOptions } from "./http/index.js";

type ParametersOf<Operation> = Operation extends { parameters: infer Parameters } ? Parameters : {};

/** `{ [As]: T }` when `Source[Key]` is required, `{ [As]?: T }` when optional, `{}` when absent or never. */
type Field<
  Source,
  Key extends PropertyKey,
  As extends string,
  Value = Source extends Record<Key, unknown>
    ? Source[Key]
    : Source extends Partial<Record<Key, infer Optional>>
      ? Optional
      : never,
> = [Exclude<Value, undefined>] extends [never]
  ? {}
  : Source extends Record<Key, unknown>
    ? { [Name in As]: Exclude<Value, undefined> }
    : { [Name in As]?: Exclude<Value, undefined> };

type ContentOf<RequestBody> = RequestBody extends { content: infer Content } ? Content[keyof Content] : never;
type BodyField<Operation> = Operation extends { requestBody: infer RequestBody }
  ? [ContentOf<RequestBody>] extends [never]
    ? {}
    : { body: ContentOf<RequestBody> }
  : Operation extends { requestBody?: infer RequestBody }
    ? [ContentOf<NonNullable<RequestBody>>] extends [never]
      ? {}
      : { body?: ContentOf<NonNullable<RequestBody>> }
    : {};

/** Any other header may be sent too. */
type HeadersField<Operation> =
  Field<ParametersOf<Operation>, "header", "headers"> extends infer Headers
    ? { [Key in keyof Headers]: Headers[Key] & Record<string, string> }
    : never;

/**
 * The query, headers and request body of one operation, typed from its openapi-typescript entry
 * (`paths["/tasks/{id}"]["get"]`): each field present only when the spec documents it, and required
 * exactly when the spec requires it.
 */
export type OperationInput<Operation> = Field<ParametersOf<Operation>, "query", "query"> &
  HeadersField<Operation> &
  BodyField<Operation>;

/** Everything one call of the operation takes besides its path parameters. */
export type OperationCallOptions<Operation> = Omit<CallOptions, "query" | "headers" | "body"> & {
  headers?: Record<string, string>;
} & OperationInput<Operation>;
