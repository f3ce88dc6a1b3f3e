// Typed errors of the task layer: a response that is not a task, and the three ways waitForTask gives up.

import type { UnifiedTask } from "./model.js";

/** Thrown by a generated `toUnifiedTask` when the response has no task object or no task id. */
export class TaskPayloadError extends Error {
  readonly provider: string;
  /** JSON pointer into the response where the task or its id was expected. */
  readonly pointer: string;
  constructor(provider: string, pointer: string, detail: string) {
    super(`${provider}: ${detail}`);
    this.name = "TaskPayloadError";
    this.provider = provider;
    this.pointer = pointer;
  }
}

/** waitForTask ran past `timeoutMs` before the task reached a terminal status. */
export class TaskTimeoutError extends Error {
  readonly taskId: string;
  readonly timeoutMs: number;
  /** The last state seen, if any poll succeeded. */
  readonly lastTask: UnifiedTask | undefined;
  constructor(taskId: string, timeoutMs: number, lastTask: UnifiedTask | undefined) {
    const seen = lastTask === undefined ? "" : ` (last status: ${lastTask.status})`;
    super(`Task ${taskId} did not finish within ${timeoutMs} ms${seen}`);
    this.name = "TaskTimeoutError";
    this.taskId = taskId;
    this.timeoutMs = timeoutMs;
    this.lastTask = lastTask;
  }
}

/** waitForTask's AbortSignal fired; `cause` is the signal's reason. */
export class TaskAbortedError extends Error {
  readonly taskId: string;
  readonly lastTask: UnifiedTask | undefined;
  constructor(taskId: string, reason: unknown, lastTask: UnifiedTask | undefined) {
    super(`Waiting for task ${taskId} was aborted`, { cause: reason });
    this.name = "TaskAbortedError";
    this.taskId = taskId;
    this.lastTask = lastTask;
  }
}

/** The task reached the terminal status `failed`; `task` is its final state. */
export class TaskFailedError<Raw = unknown> extends Error {
  readonly task: UnifiedTask<Raw>;
  constructor(task: UnifiedTask<Raw>) {
    const detail = task.error === null ? "" : `: ${task.error.code === undefined ? "" : `${task.error.code}: `}${task.error.message}`;
    super(`Task ${task.id} failed${detail}`);
    this.name = "TaskFailedError";
    this.task = task;
  }
}
