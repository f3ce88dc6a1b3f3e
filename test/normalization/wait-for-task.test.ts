// waitForTask against a real HTTP server on 127.0.0.1 whose task advances through a script of responses.
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../../runtime/src/http/errors.js";
import {
  TaskAbortedError,
  TaskFailedError,
  TaskTimeoutError,
  toTaskStatus,
  waitForTask,
  type UnifiedTask,
} from "../../runtime/src/task/index.js";
import { startScriptedTaskServer, type ScriptedTaskServer, type Step } from "../tasks/scripted-task-server.js";

let server: ScriptedTaskServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startTaskServer(steps: readonly Step[]): Promise<ScriptedTaskServer> {
  server = await startScriptedTaskServer(steps);
  return server;
}

const fast = { intervalMs: 5, maxIntervalMs: 20 };

describe("waitForTask", () => {
  it("polls until the task succeeds, reporting each change of status or progress once", async () => {
    const { client, requests } = await startTaskServer([
      { task: { status: "queued" } },
      { task: { status: "running", progress: 0.5 } },
      { task: { status: "running", progress: 0.5 } },
      { task: { status: "done", progress: 1 } },
    ]);
    const seen: [string, number | null][] = [];
    const task = await waitForTask(client, "task_1", {
      ...fast,
      timeoutMs: 1500,
      onProgress: (update) => seen.push([update.status, update.progress]),
    });
    expect(task).toMatchObject({
      id: "task_1",
      status: "succeeded",
      terminal: true,
      providerStatus: "done",
      progress: 1,
    });
    expect(seen).toEqual([
      ["queued", null],
      ["running", 0.5],
      ["succeeded", 1],
    ]);
    expect(requests()).toBe(4);
  });

  it("rejects with TaskFailedError carrying the final task when it ends failed", async () => {
    const { client } = await startTaskServer([
      { task: { status: "running" } },
      { task: { status: "failed", error: "out of memory" } },
    ]);
    const failure = await waitForTask(client, "task_1", { ...fast, timeoutMs: 1500 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskFailedError);
    const { task } = failure as TaskFailedError;
    expect(task).toMatchObject({ status: "failed", terminal: true, error: { message: "out of memory" } });
    expect((failure as Error).message).toBe("Task task_1 failed: out of memory");
  });

  it("polls through 503s between polls and resolves when the task finishes", async () => {
    const { client, requests } = await startTaskServer([
      { task: { status: "running" } },
      { httpStatus: 503 },
      { httpStatus: 503 },
      { task: { status: "done" } },
    ]);
    const task = await waitForTask(client, "task_1", { ...fast, timeoutMs: 1500 });
    expect(task.status).toBe("succeeded");
    expect(requests()).toBe(4);
  });

  it("rethrows a 404 at once instead of polling on", async () => {
    const { client, requests } = await startTaskServer([{ httpStatus: 404 }, { task: { status: "done" } }]);
    await expect(waitForTask(client, "task_1", { ...fast, timeoutMs: 1500 })).rejects.toBeInstanceOf(NotFoundError);
    expect(requests()).toBe(1);
  });

  it("rethrows the last transient error after maxConsecutiveErrors in a row", async () => {
    const { client, requests } = await startTaskServer([{ httpStatus: 503 }]);
    await expect(
      waitForTask(client, "task_1", { ...fast, timeoutMs: 1500, maxConsecutiveErrors: 3 }),
    ).rejects.toMatchObject({ status: 503 });
    expect(requests()).toBe(3);
  });

  it("rejects with TaskTimeoutError carrying the last task when the deadline passes", async () => {
    const { client } = await startTaskServer([{ task: { status: "running", progress: 0.25 } }]);
    const failure = await waitForTask(client, "task_1", { ...fast, timeoutMs: 100 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskTimeoutError);
    expect((failure as TaskTimeoutError).lastTask).toMatchObject({ status: "running", progress: 0.25 });
    expect((failure as Error).message).toBe("Task task_1 did not finish within 100 ms (last status: running)");
  });

  it("interrupts a poll that never answers when the deadline passes", async () => {
    const { client } = await startTaskServer([{ task: { status: "running" } }, "hang"]);
    await expect(waitForTask(client, "task_1", { ...fast, timeoutMs: 150 })).rejects.toBeInstanceOf(TaskTimeoutError);
  }, 2000);

  it("rejects with TaskAbortedError when the signal fires during a delay, without waiting it out", async () => {
    const { client, requests } = await startTaskServer([{ task: { status: "running" } }]);
    const controller = new AbortController();
    // A 60 s interval: only an immediate interruption lets this test finish within its 2 s bound.
    const waiting = waitForTask(client, "task_1", {
      intervalMs: 60_000,
      onProgress: () => setTimeout(() => controller.abort(new Error("user left")), 10),
      signal: controller.signal,
    });
    const failure = await waiting.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskAbortedError);
    expect((failure as TaskAbortedError).cause).toEqual(new Error("user left"));
    expect((failure as TaskAbortedError).lastTask?.status).toBe("running");
    expect(requests()).toBe(1);
  }, 2000);

  it("rejects at once, without polling, when the signal has already fired", async () => {
    const { client, requests } = await startTaskServer([{ task: { status: "done" } }]);
    await expect(waitForTask(client, "task_1", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      TaskAbortedError,
    );
    expect(requests()).toBe(0);
  });

  it("resolves a cancelled task: cancelled is terminal but not a failure", async () => {
    const table = { stopped: "cancelled" } as const;
    const cancelled: UnifiedTask = {
      provider: "x",
      kind: "execution",
      id: "t",
      title: null,
      ...toTaskStatus("stopped", table),
      progress: null,
      createdAt: null,
      updatedAt: null,
      startedAt: null,
      completedAt: null,
      result: null,
      error: null,
      raw: null,
    };
    await expect(waitForTask({ provider: "x", getTask: async () => cancelled }, "t")).resolves.toBe(cancelled);
  });
});
