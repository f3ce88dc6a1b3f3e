// OperationInput: an operation's query, headers and body, required exactly when the spec says so.
import { describe, expectTypeOf, it } from "vitest";
import type { OperationInput } from "../../runtime/src/operation-input.js";

interface NoInputs {
  parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
  requestBody?: never;
}
interface RequiredInputs {
  parameters: {
    query: { expand: string; limit?: number };
    header: { "X-Tenant": string };
    path?: never;
    cookie?: never;
  };
  requestBody: { content: { "application/json": { name: string } } };
}
interface OptionalInputs {
  parameters: { query?: { limit?: number }; header?: { "X-Trace"?: string }; path?: never; cookie?: never };
  requestBody?: { content: { "application/json": { name: string } } };
}

describe("OperationInput", () => {
  it("has nothing to pass for an operation without inputs", () => {
    expectTypeOf<OperationInput<NoInputs>>().toEqualTypeOf<{}>();
  });

  it("requires the query, headers and body the spec requires", () => {
    expectTypeOf<{ query: { expand: string } }>().not.toExtend<OperationInput<RequiredInputs>>();
    expectTypeOf<{ query: { expand: "a" }; headers: { "X-Tenant": "t" }; body: { name: "n" } }>().toExtend<
      OperationInput<RequiredInputs>
    >();
    expectTypeOf<{
      query: { expand: "a" };
      headers: { "X-Tenant": "t"; "X-Other": "o" };
      body: { name: "n" };
    }>().toExtend<OperationInput<RequiredInputs>>();
  });

  it("lets optional inputs be left out, and still types them", () => {
    expectTypeOf<{}>().toExtend<OperationInput<OptionalInputs>>();
    expectTypeOf<{ body: { name: number } }>().not.toExtend<OperationInput<OptionalInputs>>();
    expectTypeOf<{ query: { limit: 5 } }>().toExtend<OperationInput<OptionalInputs>>();
  });
});
