// Copied by unitask from runtime/src/task/errors.ts. Do not edit: change runtime/src/, then run npm run generate.
// Typed errors of the task layer: a response that is not a task, and the three ways a wait gives up.

import { UnitaskError } from "../http/errors.js";
import type { UnifiedTask } from "./model.js";

/** Thrown by a generated `toUnifiedTask` when the response has no task object or no task id. */
export class TaskPayloadError extends UnitaskError {
  /** The provider whose response it was. */
  readonly provider: string;
  /** JSON pointer into the response where the task or its id was expected. */
  readonly pointer: string;
  /** `detail` says what is missing, e.g. "the response has no task id at /id". */
  constructor(provider: string, pointer: string, detail: string) {
    super(`${provider}: ${detail}`);
    this.provider = provider;
    this.pointer = pointer;
  }
}

/** watchTask or waitForTask ran past `timeoutMs` before the task reached a terminal status. */
export class TaskTimeoutError extends UnitaskError {
  /** The task waited for. */
  readonly taskId: string;
  /** The deadline that passed. */
  readonly timeoutMs: number;
  /** The last state seen, if any poll succeeded. */
  readonly lastTask: UnifiedTask | undefined;
  /** The message names the task, the deadline and the last status seen. */
  constructor(taskId: string, timeoutMs: number, lastTask: UnifiedTask | undefined) {
    const seen = lastTask === undefined ? "" : ` (last status: ${lastTask.status})`;
    super(`Task ${taskId} did not finish within ${timeoutMs} ms${seen}`);
    this.taskId = taskId;
    this.timeoutMs = timeoutMs;
    this.lastTask = lastTask;
  }
}

/** The AbortSignal of watchTask or waitForTask fired; `cause` is the signal's reason. */
export class TaskAbortedError extends UnitaskError {
  /** The task waited for. */
  readonly taskId: string;
  /** The last state seen, if any poll succeeded. */
  readonly lastTask: UnifiedTask | undefined;
  /** `reason` is the signal's reason, kept as `cause`. */
  constructor(taskId: string, reason: unknown, lastTask: UnifiedTask | undefined) {
    super(`Waiting for task ${taskId} was aborted`, { cause: reason });
    this.taskId = taskId;
    this.lastTask = lastTask;
  }
}

/** The task reached the terminal status `failed`; `task` is its final state. */
export class TaskFailedError<Raw = unknown> extends UnitaskError {
  /** The task in its final, failed state. */
  readonly task: UnifiedTask<Raw>;
  /** The message carries the task's error code and message, when it has them. */
  constructor(task: UnifiedTask<Raw>) {
    const detail =
      task.error === null
        ? ""
        : `: ${task.error.code === undefined ? "" : `${task.error.code}: `}${task.error.message}`;
    super(`Task ${task.id} failed${detail}`);
    this.task = task;
  }
}
