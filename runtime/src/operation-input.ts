// The typed inputs of one operation besides its path parameters, read from openapi-typescript's
// `paths[path][method]` type: query and header parameters, and the request body.

type ParametersOf<Operation> = Operation extends { parameters: infer Parameters } ? Parameters : never;
type NeverToUndefined<T> = [T] extends [never] ? undefined : T;

type QueryOf<Operation> = NeverToUndefined<ParametersOf<Operation> extends { query?: infer Query } ? Query : never>;
type HeadersOf<Operation> = NeverToUndefined<ParametersOf<Operation> extends { header?: infer Headers } ? Headers : never>;
type BodyOf<Operation> = NeverToUndefined<
  Operation extends { requestBody?: infer RequestBody } ? (NonNullable<RequestBody> extends { content: infer Content } ? Content[keyof Content] : never) : never
>;

export interface OperationInput<Operation> {
  query?: QueryOf<Operation>;
  /** The operation's documented headers, plus any other header for this call. */
  headers?: ([HeadersOf<Operation>] extends [undefined] ? unknown : HeadersOf<Operation>) & Record<string, string>;
  body?: BodyOf<Operation>;
}
