// A tiny `paths` type and the operation specs the generator would emit for it: a Deck-like GET with three media
// types and body-less 401/403, an Eden-like GET documented as `*/*`, and a POST.

import type { OperationSpec } from "../../runtime/src/http/index.js";

export interface ErrorBody {
  errors: { type: string; code: string; message: string }[];
  request_id: string;
}

export interface Task {
  id: string;
  name: string;
}

type Headers = { [name: string]: unknown };

export interface paths {
  "/tasks/{task_id}": {
    parameters: { query?: never; header?: never; path: { task_id: string }; cookie?: never };
    get: operations["getTask"];
    post: operations["updateTask"];
  };
  "/eden/tasks/{task_id}": {
    parameters: { query?: never; header?: never; path: { task_id: string }; cookie?: never };
    get: operations["getEdenTask"];
  };
}

export interface operations {
  getTask: {
    parameters: { query?: never; header?: never; path: { task_id: string }; cookie?: never };
    requestBody?: never;
    responses: {
      200: { headers: Headers; content: { "text/plain": Task; "application/json": Task; "text/json": Task } };
      401: { headers: Headers; content?: never };
      403: { headers: Headers; content?: never };
      404: { headers: Headers; content: { "application/json": ErrorBody } };
      500: { headers: Headers; content: { "application/json": ErrorBody } };
    };
  };
  updateTask: {
    parameters: { query?: never; header?: never; path: { task_id: string }; cookie?: never };
    requestBody: { content: { "application/json": { name: string } } };
    responses: {
      200: { headers: Headers; content: { "application/json": Task } };
      "4XX": { headers: Headers; content: { "application/json": ErrorBody } };
    };
  };
  getEdenTask: {
    parameters: { query?: never; header?: never; path: { task_id: string }; cookie?: never };
    requestBody?: never;
    responses: {
      200: { headers: Headers; content: { "*/*": { task: Task } } };
    };
  };
}

export const operationSpecs = {
  getTask: {
    operationId: "getTask",
    method: "get",
    path: "/tasks/{task_id}",
    responses: {
      "200": ["text/plain", "application/json", "text/json"],
      "401": [],
      "403": [],
      "404": ["application/json"],
      "500": ["application/json"],
    },
  },
  updateTask: {
    operationId: "updateTask",
    method: "post",
    path: "/tasks/{task_id}",
    responses: { "200": ["application/json"], "4XX": ["application/json"] },
  },
  getEdenTask: {
    operationId: "getEdenTask",
    method: "get",
    path: "/eden/tasks/{task_id}",
    responses: { "200": ["*/*"] },
  },
} as const satisfies Record<string, OperationSpec>;

export const task: Task = { id: "task_1", name: "Book a flight" };
export const secretKey = "sk_live_DO_NOT_LEAK_7f3a9c";
