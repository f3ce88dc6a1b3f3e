// Timeouts of any size: `Infinity` is none, delays past setTimeout's 2^31−1 ms are honoured (no immediate firing, no
// TimeoutOverflowWarning), in the client and in waitForTask; values that are not delays are refused clearly.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiTimeoutError,
  callOperation,
  createHttpClient,
  UnitaskError,
  type CallOptions,
  type ClientRuntimeOptions,
} from "../../runtime/src/http/index.js";
import { waitForTask, type TaskClient, type UnifiedTask } from "../../runtime/src/task/index.js";
import { joinDeadline, leaveDeadline } from "../../runtime/src/http/deadlines.js";
import { createTimer, startTimer } from "../../runtime/src/timer.js";
import { capturingOutput } from "./canary.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

afterEach(closeAll);
afterEach(() => void vi.useRealTimers());

const maxTimerDelayMs = 2 ** 31 - 1;

/** A server that answers after `delayMs`. */
const slowServer = (delayMs: number) =>
  startServer((_, response) => setTimeout(() => json(response, 200, task), delayMs));

describe("the client", () => {
  it.each([
    ["timeoutMs: Infinity", { timeoutMs: Infinity }, undefined],
    ["timeoutMs: 2^31 (one past setTimeout's limit)", { timeoutMs: 2 ** 31 }, undefined],
    ["timeoutMs: 30 days", { timeoutMs: 30 * 24 * 3600 * 1000 }, undefined],
    ["a call's timeoutMs: Infinity", { timeoutMs: 100 }, { timeoutMs: Infinity }],
    ["a call's timeoutMs: 2^40", { timeoutMs: 100 }, { timeoutMs: 2 ** 40 }],
  ] as [string, ClientRuntimeOptions, CallOptions | undefined][])(
    "%s waits for a slow answer, without a warning",
    async (_, runtime, call) => {
      const server = await slowServer(300);
      const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0, ...runtime } });
      const started = performance.now();
      const { outcome, written } = await capturingOutput(() =>
        callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }, call),
      );
      expect(outcome).toEqual(task);
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(written.join("")).not.toContain("TimeoutOverflowWarning");
      expect(server.requests).toHaveLength(1);
    },
  );

  it("a finite timeout still fires", async () => {
    const server = await slowServer(2_000);
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0, timeoutMs: 100 } });
    const started = performance.now();
    const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it.each([Number.NaN, -1, "60000" as unknown as number])("refuses timeoutMs %s clearly", async (timeoutMs) => {
    expect(() => createHttpClient<paths>({ baseUrl: "http://127.0.0.1:9", runtime: { timeoutMs } })).toThrow(
      /timeoutMs must be a number ≥ 0 \(or Infinity for no limit\)/,
    );
    const server = await slowServer(0);
    const client = createHttpClient<paths>({ baseUrl: server.url });
    const call = callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }, { timeoutMs });
    await expect(call).rejects.toBeInstanceOf(UnitaskError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("shared deadlines", () => {
  it("time out each of many overlapping calls on time, never early", async () => {
    const server = await startServer(() => undefined);
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0, timeoutMs: 200 } });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 15));
        const started = performance.now();
        const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
          (caught: unknown) => caught,
        );
        return { error, elapsed: performance.now() - started };
      }),
    );
    for (const { error, elapsed } of outcomes) {
      expect(error).toBeInstanceOf(ApiTimeoutError);
      expect(elapsed).toBeGreaterThanOrEqual(199);
      // At most 1/64 late by design; the rest is a loaded machine's slack.
      expect(elapsed).toBeLessThan(1_000);
    }
    expect(server.requests).toHaveLength(12);
  });

  it("do not cut short a call that shares one and answers in time", async () => {
    const server = await startServer((seen, response) => {
      if (seen.url.endsWith("/fast")) json(response, 200, task);
    });
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0, timeoutMs: 300 } });
    const slow = callOperation(client, operationSpecs.getTask, { path: { task_id: "slow" } });
    const fast = callOperation(client, operationSpecs.getTask, { path: { task_id: "fast" } });
    await expect(fast).resolves.toEqual(task);
    await expect(slow).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("are released when nobody waits for them any more, and then fire without aborting", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const first = joinDeadline(1_000);
    const second = joinDeadline(1_000);
    expect(second).toBe(first);
    leaveDeadline(first);
    leaveDeadline(second);
    vi.advanceTimersByTime(2_000);
    expect(first.signal.aborted).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("serve one attempt after another in the same slot, 32 at most, with one timer, stopped by the last", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const first = joinDeadline(60_000);
    leaveDeadline(first);
    expect(vi.getTimerCount()).toBe(1);
    const sharers = Array.from({ length: 31 }, () => {
      const deadline = joinDeadline(60_000);
      leaveDeadline(deadline);
      return deadline;
    });
    expect(new Set([first, ...sharers]).size).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    const next = joinDeadline(60_000);
    expect(next).not.toBe(first);
    vi.advanceTimersByTime(62_000);
    expect(next.signal.aborted).toBe(true);
    expect(first.signal.aborted).toBe(false);
    leaveDeadline(next);
  });

  it("keep the process alive only while an attempt waits", () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
    const idle = timers();
    const first = joinDeadline(90_000);
    expect(timers()).toBe(idle + 1);
    leaveDeadline(first);
    expect(timers()).toBe(idle);
    const second = joinDeadline(90_000);
    expect(second).toBe(first);
    expect(timers()).toBe(idle + 1);
    leaveDeadline(second);
    expect(timers()).toBe(idle);
  });

  it("give an attempt with another timeout its own slot, not the last one joined", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const long = joinDeadline(60_000);
    const short = joinDeadline(1_000);
    expect(short).not.toBe(long);
    vi.advanceTimersByTime(1_016);
    expect(short.signal.aborted).toBe(true);
    expect(long.signal.aborted).toBe(false);
    leaveDeadline(short);
    leaveDeadline(long);
  });

  it("fire at most 1/64 of the timeout late", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const deadline = joinDeadline(64_000);
    vi.advanceTimersByTime(63_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1_001);
    expect(deadline.signal.aborted).toBe(true);
    leaveDeadline(deadline);
  });
});

describe("startTimer", () => {
  it("chains timers past 2^31−1 ms and fires once, at the time asked", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const fired = vi.fn();
    startTimer(fired, maxTimerDelayMs + 5_000);
    vi.advanceTimersByTime(maxTimerDelayMs);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4_999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * maxTimerDelayMs);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("keeps the process alive unless told not to, across a chain too", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const timeouts: { hasRef(): boolean }[] = [];
    const fakeSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((...args: Parameters<typeof setTimeout>) => {
      const timeout = fakeSetTimeout(...args);
      timeouts.push(timeout as unknown as { hasRef(): boolean });
      return timeout;
    }) as typeof setTimeout);
    const timer = createTimer(() => undefined, 2 * maxTimerDelayMs);
    expect(timeouts.at(-1)?.hasRef()).toBe(true);
    timer.keepAlive(false);
    expect(timeouts.at(-1)?.hasRef()).toBe(false);
    vi.advanceTimersByTime(maxTimerDelayMs);
    expect(timeouts).toHaveLength(2);
    expect(timeouts.at(-1)?.hasRef()).toBe(false);
    timer.keepAlive(true);
    expect(timeouts.at(-1)?.hasRef()).toBe(true);
    timer.cancel();
    vi.restoreAllMocks();
  });

  it("never fires for Infinity, and can be cancelled mid-chain", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const never = vi.fn();
    startTimer(never, Infinity);
    const cancelled = vi.fn();
    const cancel = startTimer(cancelled, 3 * maxTimerDelayMs);
    vi.advanceTimersByTime(maxTimerDelayMs + 1);
    cancel();
    vi.advanceTimersByTime(10 * maxTimerDelayMs);
    expect(never).not.toHaveBeenCalled();
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe("waitForTask", () => {
  /** A task that is running for the first two polls, then succeeded. */
  function finishingClient(): TaskClient {
    let polls = 0;
    const state = (status: "running" | "succeeded"): UnifiedTask => ({
      provider: "test",
      kind: "execution",
      id: "t",
      title: null,
      status,
      terminal: status === "succeeded",
      providerStatus: status,
      progress: null,
      createdAt: null,
      updatedAt: null,
      startedAt: null,
      completedAt: null,
      result: null,
      error: null,
      raw: {},
    });
    return { provider: "test", getTask: async () => state(++polls > 2 ? "succeeded" : "running") };
  }

  it.each([
    ["Infinity", Infinity],
    ["2^31", 2 ** 31],
    ["a year", 365 * 24 * 3600 * 1000],
  ])("with timeoutMs %s polls to the end, without a warning", async (_, timeoutMs) => {
    const { outcome, written } = await capturingOutput(() =>
      waitForTask(finishingClient(), "t", { timeoutMs, intervalMs: 20, maxIntervalMs: 20 }),
    );
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(written.join("")).not.toContain("TimeoutOverflowWarning");
  });

  it("with maxIntervalMs past 2^31−1, the wait between polls does not collapse", async () => {
    const client = finishingClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { outcome, written } = await capturingOutput(() =>
      waitForTask(client, "t", { intervalMs: 2 ** 32, maxIntervalMs: 2 ** 32, signal: controller.signal }),
    );
    // Without chained timers the huge interval would fire at once and the task would have succeeded.
    expect(outcome).toMatchObject({ name: "TaskAbortedError" });
    expect(written.join("")).not.toContain("TimeoutOverflowWarning");
  });
});
