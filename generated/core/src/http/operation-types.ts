// Copied by unitask from runtime/src/http/operation-types.ts. Do not edit: change runtime/src/, then run npm run generate.
// Types derived from an operation of openapi-typescript's output: what a call returns and what it may throw.
// They read `responses` only, so they work for any spec; every media type (`*/*` and `text/plain` included)
// yields its schema's type.

import type { ApiError } from "./errors.js";

type ResponsesOf<Operation> = Operation extends { responses: infer Responses } ? Responses : never;

type IsSuccessStatus<Status> = `${Status & (string | number)}` extends `2${string}` ? true : false;

/** The union of a response's content values; `undefined` for a response documented without content. */
type ContentOf<Response> = Response extends { content: infer Content }
  ? Content extends Record<string, unknown>
    ? Content[keyof Content]
    : undefined
  : undefined;

/** `404` stays `404`; a range (`4XX`) or `default` can only be `number`. */
type StatusCodeOf<Status> = Status extends number
  ? Status
  : Status extends `${infer Code extends number}`
    ? Code
    : number;

/**
 * What a successful call returns: the union of the bodies of the operation's 2XX responses. The `2XX` range also
 * spans 204 and 205, which carry no content, so it adds `undefined`.
 */
export type OperationData<Operation> = {
  [Status in keyof ResponsesOf<Operation>]: IsSuccessStatus<Status> extends true
    ? | ContentOf<ResponsesOf<Operation>[Status]>
      | (Uppercase<`${Status & (string | number)}`> extends "2XX" ? undefined : never)
    : never;
}[keyof ResponsesOf<Operation>];

/**
 * The `ApiError`s an operation documents, one per non-2XX status, discriminated by `status` and with `body` typed
 * from the spec (`undefined` for a response without content). Narrow a caught error with `isOperationError`.
 */
export type OperationError<Operation> = {
  [Status in keyof ResponsesOf<Operation>]: IsSuccessStatus<Status> extends true
    ? never
    : ApiError<StatusCodeOf<Status>, ContentOf<ResponsesOf<Operation>[Status]>>;
}[keyof ResponsesOf<Operation>];
