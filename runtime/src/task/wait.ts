// waitForTask: polls a TaskClient until the task reaches a terminal status, with capped exponential backoff.

import { ApiConnectionError, ApiError } from "../http/errors.js";
import { isRetryableStatus } from "../http/retry-policy.js";
import { sleep } from "../sleep.js";
import { startTimer } from "../timer.js";
import { pollDelayMs } from "./poll-delay.js";
import { TaskAbortedError, TaskFailedError, TaskTimeoutError } from "./errors.js";
import type { TaskClient, UnifiedTask } from "./model.js";

export interface WaitForTaskOptions<Raw = unknown> {
  /**
   * Give up with TaskTimeoutError after this long. Default: no deadline (use `signal` to stop). `Infinity` is no
   * deadline too; a deadline past 2^31−1 ms (24.8 days) is honoured.
   */
  timeoutMs?: number;
  /** Give up with TaskAbortedError when this fires; also cancels the poll in flight. */
  signal?: AbortSignal;
  /** Delay after the first poll; it doubles after each poll up to `maxIntervalMs`. Default 1000. */
  intervalMs?: number;
  /** Upper bound of the delay between polls. Default 15000. */
  maxIntervalMs?: number;
  /** Called with the task whenever its status or progress differs from the previous poll (and on the first). */
  onProgress?: (task: UnifiedTask<Raw>) => void;
  /**
   * Decides whether a getTask error between polls is worth polling through. Default: connection failures,
   * 408, 429 and 5xx are; other errors (404, 401, a malformed task…) are rethrown at once.
   */
  isTransientError?: (error: unknown) => boolean;
  /** How many transient errors in a row are polled through before the last one is rethrown. Default 5. */
  maxConsecutiveErrors?: number;
}

/**
 * Polls `client.getTask(id)` until the task is terminal and resolves with its final state (`succeeded` or
 * `cancelled`). Rejects with TaskFailedError (carrying the task) when it ends `failed`, TaskTimeoutError after
 * `timeoutMs`, TaskAbortedError when `signal` fires; the timeout and the signal interrupt a delay or a poll at
 * once. A transient getTask error (see `isTransientError`) does not end the wait: polling goes on with the
 * same backoff until the deadline or `maxConsecutiveErrors` errors in a row. Delays use "equal jitter": half
 * the backoff fixed, half random, so many waiters do not poll in step.
 */
export async function waitForTask<Raw>(
  client: TaskClient<Raw>,
  id: string,
  options: WaitForTaskOptions<Raw> = {},
): Promise<UnifiedTask<Raw>> {
  const { timeoutMs, signal, intervalMs = 1000, maxIntervalMs = 15_000, onProgress } = options;
  const isTransient = options.isTransientError ?? isTransientError;
  const maxConsecutiveErrors = options.maxConsecutiveErrors ?? 5;
  let lastTask: UnifiedTask<Raw> | undefined;

  const stop = new AbortController();
  const stopWith = (error: Error) => {
    if (!stop.signal.aborted) stop.abort(error);
  };
  const onAbort = () => stopWith(new TaskAbortedError(id, signal?.reason, lastTask));
  if (signal?.aborted) throw new TaskAbortedError(id, signal.reason, undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  const cancelDeadline =
    timeoutMs === undefined
      ? undefined
      : startTimer(() => stopWith(new TaskTimeoutError(id, timeoutMs, lastTask)), timeoutMs);
  const stopped = new Promise<never>((_, reject) => {
    stop.signal.addEventListener("abort", () => reject(stop.signal.reason), { once: true });
  });
  stopped.catch(() => {}); // observed through the races below

  try {
    let consecutiveErrors = 0;
    for (let poll = 0; ; poll++) {
      try {
        const task = await Promise.race([client.getTask(id, { signal: stop.signal }), stopped]);
        consecutiveErrors = 0;
        if (lastTask === undefined || task.status !== lastTask.status || task.progress !== lastTask.progress) {
          onProgress?.(task);
        }
        lastTask = task;
        if (task.terminal) {
          if (task.status === "failed") throw new TaskFailedError(task);
          return task;
        }
      } catch (error) {
        if (stop.signal.aborted) throw stop.signal.reason;
        if (error instanceof TaskFailedError || !isTransient(error) || ++consecutiveErrors >= maxConsecutiveErrors)
          throw error;
      }
      await sleep(pollDelayMs(poll, intervalMs, maxIntervalMs), stop.signal);
    }
  } finally {
    cancelDeadline?.();
    signal?.removeEventListener("abort", onAbort);
  }
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
