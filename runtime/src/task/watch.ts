// watchTask: a task's progress as an async iterable of unified snapshots, polled with capped exponential backoff
// and jitter. The polling lives in the iterator's own `next`: nothing is fetched while the consumer is busy, and
// `break` (the iterator's `return`) ends it between two polls, with no timer left behind.

import { sleep } from "../sleep.js";
import { startTimer } from "../timer.js";
import { ApiConnectionError, ApiError } from "../http/errors.js";
import { isRetryableStatus } from "../http/retry-policy.js";
import { emitEvent, type EventListener, type PollEvent } from "../observability/events.js";
import { startSpan } from "../observability/tracing.js";
import { TaskAbortedError, TaskTimeoutError } from "./errors.js";
import type { TaskClient, UnifiedTask } from "./model.js";
import { pollDelayMs } from "./poll-delay.js";

/** How watchTask (and waitForTask) polls, and when it gives up. */
export interface WatchTaskOptions {
  /**
   * Give up with TaskTimeoutError after this long. Default: no deadline (use `signal` to stop). Infinity means
   * no deadline too; values beyond setTimeout's 24.8 days are honoured.
   */
  timeoutMs?: number;
  /** Give up with TaskAbortedError when this fires; also cancels the poll in flight. */
  signal?: AbortSignal;
  /** Delay after the first poll; it doubles after each poll up to `maxIntervalMs`. Default 1000. */
  intervalMs?: number;
  /** Upper bound of the delay between polls. Default 15000. */
  maxIntervalMs?: number;
  /**
   * Decides whether a getTask error between polls is worth polling through. Default: connection failures,
   * 408, 429 and 5xx are; other errors (404, 401, a malformed task…) end the watch at once.
   */
  isTransientError?: (error: unknown) => boolean;
  /** How many transient errors in a row are polled through before the last one is thrown. Default 5. */
  maxConsecutiveErrors?: number;
  /** Called after every poll, successful or not. */
  onEvent?: EventListener<PollEvent>;
}

/**
 * Polls `client.getTask(id)` and yields the unified task whenever its status, progress or terminal flag differs
 * from the snapshot yielded before (the first poll's always), so the same snapshot never comes twice. The
 * iteration ends after yielding a terminal task (`succeeded`, `failed` or `cancelled`: check `status`). It
 * throws TaskTimeoutError after `timeoutMs`, TaskAbortedError when `signal` fires (both interrupt a delay or a
 * poll at once), and a getTask error that is not transient (see `isTransientError`) or the last of
 * `maxConsecutiveErrors` transient ones in a row. Polls start only when the consumer asks for the next snapshot;
 * `break` stops polling at once. Delays use "equal jitter": half the backoff fixed, half random, so many
 * watchers do not poll in step. With `@opentelemetry/api` installed, each watch is a span with an event per poll.
 *
 * @example
 * for await (const task of watchTask(client, "task_123", { timeoutMs: 600_000 })) {
 *   console.log(task.status, task.progress);
 * }
 */
export async function* watchTask<Raw>(
  client: TaskClient<Raw>,
  id: string,
  options: WatchTaskOptions = {},
): AsyncGenerator<UnifiedTask<Raw>, void, undefined> {
  const { timeoutMs, signal, intervalMs = 1000, maxIntervalMs = 15_000, onEvent } = options;
  const isTransient = options.isTransientError ?? isTransientError;
  const maxConsecutiveErrors = options.maxConsecutiveErrors ?? 5;
  for (const [name, value] of Object.entries({ timeoutMs, intervalMs, maxIntervalMs, maxConsecutiveErrors })) {
    // `!(>= 0)` also catches NaN, which setTimeout would treat as 0.
    if (value !== undefined && !(value >= 0))
      throw new RangeError(`watchTask: ${name} must be 0 or more (got ${value})`);
  }
  if (signal?.aborted) throw new TaskAbortedError(id, signal.reason, undefined);
  let lastSeen: UnifiedTask<Raw> | undefined;
  let lastYielded: UnifiedTask<Raw> | undefined;

  const stop = new AbortController();
  const stopWith = (error: Error) => {
    if (!stop.signal.aborted) stop.abort(error);
  };
  const onAbort = () => stopWith(new TaskAbortedError(id, signal?.reason, lastSeen));
  signal?.addEventListener("abort", onAbort, { once: true });
  const cancelDeadline =
    timeoutMs === undefined
      ? undefined
      : startTimer(() => stopWith(new TaskTimeoutError(id, timeoutMs, lastSeen)), timeoutMs);
  const stopped = new Promise<never>((_, reject) => {
    stop.signal.addEventListener("abort", () => reject(stop.signal.reason), { once: true });
  });
  stopped.catch(() => {}); // observed through the races below
  const span = await startSpan("unitask.watchTask", { "unitask.provider": client.provider, "unitask.task_id": id });

  try {
    let consecutiveErrors = 0;
    for (let poll = 0; ; poll++) {
      if (stop.signal.aborted) throw stop.signal.reason;
      const started = performance.now();
      let task: UnifiedTask<Raw>;
      try {
        task = await Promise.race([client.getTask(id, { signal: stop.signal }), stopped]);
      } catch (error) {
        const event = pollEvent(client.provider, id, poll, undefined, started, error);
        emitEvent(onEvent, event);
        span.addEvent("poll", { attempt: event.attempt, "error.type": errorName(error) });
        if (stop.signal.aborted) throw stop.signal.reason;
        if (!isTransient(error) || ++consecutiveErrors >= maxConsecutiveErrors) throw error;
        await sleep(pollDelayMs(poll, intervalMs, maxIntervalMs), stop.signal);
        continue;
      }
      consecutiveErrors = 0;
      lastSeen = task;
      const event = pollEvent(client.provider, id, poll, task.status, started);
      emitEvent(onEvent, event);
      span.addEvent("poll", { attempt: event.attempt, "unitask.task_status": task.status });
      // Before the yield: a consumer that stops at the terminal snapshot never resumes the generator.
      if (task.terminal) span.setAttributes({ "unitask.task_status": task.status, "unitask.polls": poll + 1 });
      if (lastYielded === undefined || hasChanged(lastYielded, task)) {
        lastYielded = task;
        yield task;
      }
      if (task.terminal) return;
      await sleep(pollDelayMs(poll, intervalMs, maxIntervalMs), stop.signal);
    }
  } catch (error) {
    span.fail(error);
    throw error;
  } finally {
    span.end();
    cancelDeadline?.();
    signal?.removeEventListener("abort", onAbort);
    // Cancels a poll still in flight when the consumer leaves early.
    stopWith(new TaskAbortedError(id, "the watch ended", lastSeen));
  }
}

function hasChanged(before: UnifiedTask, after: UnifiedTask): boolean {
  return before.status !== after.status || before.progress !== after.progress || before.terminal !== after.terminal;
}

function pollEvent(
  provider: string,
  taskId: string,
  poll: number,
  status: string | undefined,
  started: number,
  error?: unknown,
): PollEvent {
  const event: PollEvent = {
    kind: "poll",
    provider,
    operation: "getTask",
    taskId,
    attempt: poll + 1,
    status,
    durationMs: performance.now() - started,
  };
  if (error !== undefined) event.error = error;
  return event;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/**
 * The default for `isTransientError`: a connection failure or timeout (ApiConnectionError), or an ApiError
 * whose status the HTTP layer would retry (408, 429, 5xx); errors from other TaskClients by a numeric `status`.
 * Everything else (404, 401, a response that breaks the spec, TaskPayloadError, a TypeError from a bug) is not.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof ApiConnectionError) return true;
  if (error instanceof ApiError) return isRetryableStatus(error.status);
  if (!(error instanceof Error)) return false;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" && isRetryableStatus(status);
}
