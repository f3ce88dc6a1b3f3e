// watchTask against a real HTTP server on 127.0.0.1 whose task advances through a script of responses: what it
// yields, when it stops polling, and how it ends.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PollEvent } from "../../runtime/src/observability/events.js";
import {
  TaskAbortedError,
  TaskTimeoutError,
  waitForTask,
  watchTask,
  type UnifiedTask,
} from "../../runtime/src/task/index.js";
import { startScriptedTaskServer, type ScriptedTaskServer, type Step } from "./scripted-task-server.js";

const fast = { intervalMs: 5, maxIntervalMs: 20 };
let server: ScriptedTaskServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.useRealTimers();
});

async function serve(steps: readonly Step[]): Promise<ScriptedTaskServer> {
  server = await startScriptedTaskServer(steps);
  return server;
}

const snapshot = (task: UnifiedTask) => [task.status, task.progress, task.providerStatus] as const;

describe("watchTask yields each new snapshot once", () => {
  const cases: [string, { given: Step[]; want: (readonly [string, number | null, string | null])[] }][] = [
    [
      "a task that runs, repeats itself, and succeeds",
      {
        given: [
          { task: { status: "queued" } },
          { task: { status: "queued" } },
          { task: { status: "running", progress: 0.25 } },
          { task: { status: "running", progress: 0.25 } },
          { task: { status: "running", progress: 0.75 } },
          { task: { status: "done", progress: 1 } },
        ],
        want: [
          ["queued", null, "queued"],
          ["running", 0.25, "running"],
          ["running", 0.75, "running"],
          ["succeeded", 1, "done"],
        ],
      },
    ],
    [
      "a task that fails: the failed snapshot ends the iteration, nothing is thrown",
      {
        given: [{ task: { status: "running" } }, { task: { status: "failed", error: "out of memory" } }],
        want: [
          ["running", null, "running"],
          ["failed", null, "failed"],
        ],
      },
    ],
    [
      "statuses outside the table: unknown, yielded once however the provider's word changes",
      {
        given: [
          { task: { status: "warming-up" } },
          { task: { status: "still-warming" } },
          { task: { status: "still-warming", progress: 0.5 } },
          { task: { status: "done" } },
        ],
        want: [
          ["unknown", null, "warming-up"],
          ["unknown", 0.5, "still-warming"],
          ["succeeded", null, "done"],
        ],
      },
    ],
    [
      "transient errors between polls are polled through",
      {
        given: [{ task: { status: "queued" } }, { httpStatus: 503 }, { httpStatus: 429 }, { task: { status: "done" } }],
        want: [
          ["queued", null, "queued"],
          ["succeeded", null, "done"],
        ],
      },
    ],
    [
      "a task already terminal at the first poll",
      { given: [{ task: { status: "done", progress: 1 } }], want: [["succeeded", 1, "done"]] },
    ],
  ];
  it.each(cases)("%s", async (_, { given, want }) => {
    const { client, requests } = await serve(given);
    const seen: ReturnType<typeof snapshot>[] = [];
    for await (const task of watchTask(client, "task_1", { ...fast, timeoutMs: 5000 })) seen.push(snapshot(task));
    expect(seen).toEqual(want);
    expect(requests()).toBe(given.length);
  });
});

describe("watchTask stops", () => {
  it("polling at once on break, with no poll after it", async () => {
    const { client, requests } = await serve([{ task: { status: "running", progress: 0.1 } }]);
    for await (const task of watchTask(client, "task_1", { intervalMs: 1, maxIntervalMs: 1 })) {
      expect(task.status).toBe("running");
      break;
    }
    expect(requests()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests()).toBe(1);
  });

  it("while the consumer is busy: a poll starts only when the next snapshot is asked for", async () => {
    const { client, requests } = await serve([
      { task: { status: "queued" } },
      { task: { status: "running" } },
      { task: { status: "done" } },
    ]);
    const iterator = watchTask(client, "task_1", { intervalMs: 1, maxIntervalMs: 1 });
    expect((await iterator.next()).value?.status).toBe("queued");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests()).toBe(1);
    expect((await iterator.next()).value?.status).toBe("running");
    await iterator.return();
    expect(requests()).toBe(2);
  });

  it("with TaskAbortedError carrying the last task when the signal fires during a delay", async () => {
    const { client } = await serve([{ task: { status: "running", progress: 0.5 } }]);
    const controller = new AbortController();
    const seen: string[] = [];
    const started = performance.now();
    const ended = await (async () => {
      for await (const task of watchTask(client, "task_1", {
        intervalMs: 60_000,
        maxIntervalMs: 60_000,
        signal: controller.signal,
      })) {
        seen.push(task.status);
        setTimeout(() => controller.abort("user"), 10);
      }
    })().catch((error: unknown) => error);
    expect(ended).toBeInstanceOf(TaskAbortedError);
    expect((ended as TaskAbortedError).lastTask?.progress).toBe(0.5);
    expect((ended as TaskAbortedError).cause).toBe("user");
    expect(seen).toEqual(["running"]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("with TaskAbortedError, before any poll, when the signal has already fired", async () => {
    const { client, requests } = await serve([{ task: { status: "running" } }]);
    const iterator = watchTask(client, "task_1", { signal: AbortSignal.abort("early") });
    await expect(iterator.next()).rejects.toBeInstanceOf(TaskAbortedError);
    expect(requests()).toBe(0);
  });

  it("with TaskTimeoutError when a poll hangs past the deadline", async () => {
    const { client } = await serve([{ task: { status: "running" } }, "hang"]);
    const seen: string[] = [];
    const ended = await (async () => {
      for await (const task of watchTask(client, "task_1", { ...fast, timeoutMs: 200 })) seen.push(task.status);
    })().catch((error: unknown) => error);
    expect(ended).toBeInstanceOf(TaskTimeoutError);
    expect((ended as TaskTimeoutError).lastTask?.status).toBe("running");
    expect(seen).toEqual(["running"]);
  });

  it("with the error itself when it is not transient (404)", async () => {
    const { client, requests } = await serve([{ task: { status: "running" } }, { httpStatus: 404 }]);
    const ended = await (async () => {
      for await (const _ of watchTask(client, "task_1", fast));
    })().catch((error: unknown) => error);
    expect(ended).toMatchObject({ status: 404 });
    expect(requests()).toBe(2);
  });

  it("with the last transient error after maxConsecutiveErrors in a row", async () => {
    const { client, requests } = await serve([{ httpStatus: 503 }]);
    const ended = await (async () => {
      for await (const _ of watchTask(client, "task_1", { ...fast, maxConsecutiveErrors: 3 }));
    })().catch((error: unknown) => error);
    expect(ended).toMatchObject({ status: 503 });
    expect(requests()).toBe(3);
  });
});

describe("options out of range", () => {
  const cases: [string, { given: Record<string, number>; want: string }][] = [
    ["a NaN timeout", { given: { timeoutMs: Number.NaN }, want: "watchTask: timeoutMs must be 0 or more (got NaN)" }],
    ["a negative interval", { given: { intervalMs: -1 }, want: "watchTask: intervalMs must be 0 or more (got -1)" }],
  ];
  it.each(cases)("%s is a RangeError, before any poll", async (_, { given, want }) => {
    const { client, requests } = await serve([{ task: { status: "done" } }]);
    await expect(watchTask(client, "task_1", given).next()).rejects.toThrow(new RangeError(want));
    expect(requests()).toBe(0);
  });
});

describe("timeoutMs", () => {
  it("Infinity means no deadline", async () => {
    const { client } = await serve([{ task: { status: "queued" } }, { task: { status: "done" } }]);
    await expect(waitForTask(client, "task_1", { ...fast, timeoutMs: Infinity })).resolves.toMatchObject({
      status: "succeeded",
    });
  });

  it("beyond setTimeout's limit is honoured, not fired at once", async () => {
    const { client } = await serve([{ task: { status: "queued" } }, { task: { status: "done" } }]);
    await expect(waitForTask(client, "task_1", { ...fast, timeoutMs: 2 ** 31 + 10 })).resolves.toMatchObject({
      status: "succeeded",
    });
  });
});

describe("poll events", () => {
  it("one per poll, with the status seen or the error", async () => {
    const { client } = await serve([{ task: { status: "queued" } }, { httpStatus: 503 }, { task: { status: "done" } }]);
    const events: PollEvent[] = [];
    await waitForTask(client, "task_1", { ...fast, onEvent: (event) => events.push(event) });
    expect(
      events.map(({ kind, provider, operation, taskId, attempt, status }) => [
        kind,
        provider,
        operation,
        taskId,
        attempt,
        status,
      ]),
    ).toEqual([
      ["poll", "scripted", "getTask", "task_1", 1, "queued"],
      ["poll", "scripted", "getTask", "task_1", 2, undefined],
      ["poll", "scripted", "getTask", "task_1", 3, "succeeded"],
    ]);
    expect(events[1]?.error).toMatchObject({ status: 503 });
    expect(events.every((event) => event.durationMs >= 0)).toBe(true);
  });

  it("a listener that throws changes nothing", async () => {
    const { client } = await serve([{ task: { status: "done" } }]);
    const onEvent = () => {
      throw new Error("broken logger");
    };
    await expect(waitForTask(client, "task_1", { ...fast, onEvent })).resolves.toMatchObject({ status: "succeeded" });
  });
});
