// The types a generated client exposes: what a call returns (OperationData) and what it throws (OperationError).
import { describe, expectTypeOf, it } from "vitest";
import {
  ApiError,
  callOperation,
  createHttpClient,
  isOperationError,
  NotFoundError,
  type OperationData,
  type OperationError,
} from "../../runtime/src/http/index.js";
import { operationSpecs, type ErrorBody, type operations, type paths, type Task } from "./fixtures.js";

type GetTaskError = OperationError<operations["getTask"]>;

describe("OperationData", () => {
  it("is the schema of a response documented only as */* (Eden)", () => {
    expectTypeOf<OperationData<operations["getEdenTask"]>>().toEqualTypeOf<{ task: Task }>();
  });

  it("is the one schema of a response offered as text/plain, application/json and text/json (Deck)", () => {
    expectTypeOf<OperationData<operations["getTask"]>>().toEqualTypeOf<Task>();
  });

  it("is the union over the 2XX responses, undefined for one without content", () => {
    type Operation = {
      responses: {
        200: { headers: {}; content: { "application/json": Task } };
        "2XX": { headers: {}; content: { "text/csv": string } };
        204: { headers: {}; content?: never };
        404: { headers: {}; content: { "application/json": ErrorBody } };
        default: { headers: {}; content: { "application/json": ErrorBody } };
      };
    };
    expectTypeOf<OperationData<Operation>>().toEqualTypeOf<Task | string | undefined>();
  });

  it("includes undefined for a 2XX range documented with content: a 204 or 205 within it carries none", () => {
    type Operation = {
      responses: {
        "2XX": { headers: {}; content: { "application/json": Task } };
        default: { headers: {}; content: { "application/json": ErrorBody } };
      };
    };
    expectTypeOf<OperationData<Operation>>().toEqualTypeOf<Task | undefined>();
  });
});

describe("OperationError", () => {
  it("has one member per documented non-2XX status", () => {
    expectTypeOf<GetTaskError["status"]>().toEqualTypeOf<401 | 403 | 404 | 500>();
  });

  it("is discriminated by status, with each body typed from the spec", () => {
    const handle = (error: GetTaskError) => {
      if (error.status === 404) {
        expectTypeOf(error.body).toEqualTypeOf<ErrorBody>();
        expectTypeOf(error.body.errors[0]?.code).toEqualTypeOf<string | undefined>();
      }
      if (error.status === 401) expectTypeOf(error.body).toEqualTypeOf<undefined>();
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<GetTaskError>();
  });

  it("types a status range or default as number", () => {
    expectTypeOf<OperationError<operations["updateTask"]>>().toEqualTypeOf<ApiError<number, ErrorBody>>();
  });

  it("accepts the subclass actually thrown", () => {
    expectTypeOf<NotFoundError<ErrorBody>>().toExtend<GetTaskError>();
  });

  it("is what isOperationError narrows a caught error to", () => {
    const caught: unknown = undefined;
    if (isOperationError<GetTaskError>(caught, operationSpecs.getTask))
      expectTypeOf(caught).toEqualTypeOf<GetTaskError>();
    if (caught instanceof ApiError) expectTypeOf(caught as GetTaskError).toEqualTypeOf<GetTaskError>();
  });
});

describe("callOperation", () => {
  it("takes a client typed by its paths and resolves with the data type it is given", () => {
    const client = createHttpClient<paths>({ baseUrl: "http://127.0.0.1:9" });
    const data = callOperation<OperationData<operations["getTask"]>>(client, operationSpecs.getTask, {
      path: { task_id: "t" },
    });
    expectTypeOf(data).toEqualTypeOf<Promise<Task>>();
  });
});
