// Copied by unitask from runtime/src/task/wait.ts. Do not edit: change runtime/src/, then run npm run generate.
// waitForTask: the promise form of watchTask, for callers who want only the end.

import { TaskFailedError } from "./errors.js";
import type { TaskClient, UnifiedTask } from "./model.js";
import { watchTask, type WatchTaskOptions } from "./watch.js";

/** watchTask's options, plus a callback for each new snapshot. */
export interface WaitForTaskOptions<Raw = unknown> extends WatchTaskOptions {
  /** Called with the task whenever its status or progress differs from the previous poll (and on the first). */
  onProgress?: (task: UnifiedTask<Raw>) => void;
}

/**
 * Polls `client.getTask(id)` until the task is terminal and resolves with its final state (`succeeded` or
 * `cancelled`); a thin consumer of watchTask, with the same polling, backoff, jitter, transient-error, timeout
 * and abort rules. Rejects with TaskFailedError (carrying the task) when it ends `failed`, TaskTimeoutError after
 * `timeoutMs`, TaskAbortedError when `signal` fires; the timeout and the signal interrupt a delay or a poll at
 * once. A transient getTask error does not end the wait: polling goes on with the same backoff until the
 * deadline or `maxConsecutiveErrors` errors in a row.
 */
export async function waitForTask<Raw>(
  client: TaskClient<Raw>,
  id: string,
  options: WaitForTaskOptions<Raw> = {},
): Promise<UnifiedTask<Raw>> {
  for await (const task of watchTask(client, id, options)) {
    options.onProgress?.(task);
    if (!task.terminal) continue;
    if (task.status === "failed") throw new TaskFailedError(task);
    return task;
  }
  throw new Error(`watchTask ended without a terminal state of task ${id}`);
}
