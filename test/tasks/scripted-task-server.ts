// A task server on 127.0.0.1 that advances a task through a script of responses, and a TaskClient that reads it
// with the unified conversions: enough to drive watchTask through any sequence without a provider.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiConnectionError, createApiError } from "../../runtime/src/http/errors.js";
import { toProgress, toTaskError, toTaskStatus, type TaskClient } from "../../runtime/src/task/index.js";

/** One scripted answer: a task body, an HTTP error status, or no answer at all. */
export type Step = { task: { status: string; progress?: number; error?: string } } | { httpStatus: number } | "hang";

export interface ScriptedTaskServer {
  client: TaskClient;
  /** How many requests arrived so far. */
  requests(): number;
  close(): Promise<void>;
}

const statusTable = { queued: "queued", running: "running", done: "succeeded", failed: "failed" } as const;

/** Serves `steps` in order (the last one repeats) at GET /tasks/:id. */
export async function startScriptedTaskServer(steps: readonly Step[]): Promise<ScriptedTaskServer> {
  let requests = 0;
  const server = createServer((_request, response) => {
    const step = steps[Math.min(requests, steps.length - 1)];
    requests += 1;
    if (step === undefined || step === "hang") return;
    if ("httpStatus" in step) {
      response.writeHead(step.httpStatus, { "content-type": "application/json" }).end('{"message":"unavailable"}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "task_1", ...step.task }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const client: TaskClient = {
    provider: "scripted",
    async getTask(id, options) {
      let response: Response;
      try {
        response = await fetch(`http://127.0.0.1:${port}/tasks/${id}`, { signal: options?.signal ?? null });
      } catch (error) {
        throw new ApiConnectionError({ cause: error });
      }
      const body = (await response.json()) as { id: string; status: string; progress?: number; error?: string };
      if (!response.ok) throw createApiError({ status: response.status, headers: response.headers, body });
      return {
        provider: "scripted",
        kind: "execution",
        id: body.id,
        title: null,
        ...toTaskStatus(body.status, statusTable),
        progress: toProgress(body.progress, "unit"),
        createdAt: null,
        updatedAt: null,
        startedAt: null,
        completedAt: null,
        result: null,
        error: toTaskError(body.error),
        raw: body,
      };
    },
  };
  return {
    client,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
