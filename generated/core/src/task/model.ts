// Copied by unitask from runtime/src/task/model.ts. Do not edit: change runtime/src/, then run npm run generate.
// The unified task: one shape for "what is my task doing, and what did it produce?" across providers.
// Generated adapters fill it from each provider's own response; nothing here knows any provider.

/** The small status vocabulary every provider status maps into. */
export type TaskStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "blocked" | "unknown";

/** Every TaskStatus, in lifecycle order. */
export const TASK_STATUSES: readonly TaskStatus[] = [
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "blocked",
  "unknown",
];

/**
 * What the provider's "task" is: one run that starts and ends (`execution`), or a reusable definition whose
 * status is its readiness (`definition`, e.g. Deck: `learning`, then usable in `test` and `live`).
 */
export type TaskKind = "execution" | "definition";

/** What went wrong with a task, as its provider reports it. */
export interface TaskErrorDetail {
  /** The provider's error code, when it gives one. */
  code?: string;
  /** The provider's message (several joined with "; "), or its error as JSON. */
  message: string;
}

/** One provider task in the shape shared by every provider; `Raw` is the provider's own response type. */
export interface UnifiedTask<Raw = unknown> {
  /** The provider's name, e.g. `quant`. */
  provider: string;
  /** Whether the task is one run or a reusable definition. */
  kind: TaskKind;
  /** The provider's task id. */
  id: string;
  /** A human-readable name, when the provider gives one. */
  title: string | null;
  /** The provider's status in the unified vocabulary; `unknown` when its value is not mapped. */
  status: TaskStatus;
  /** True for `succeeded`, `failed` and `cancelled`: polling this task again will not change it. */
  terminal: boolean;
  /** The provider's own status string, kept even when `status` is `unknown`; null when it sent none. */
  providerStatus: string | null;
  /** Completion in 0..1, or null when the provider says nothing usable. */
  progress: number | null;
  /** ISO-8601 UTC timestamps (`2025-01-01T00:00:00.000Z`), or null. */
  createdAt: string | null;
  /** When the provider last changed the task. */
  updatedAt: string | null;
  /** When the task (or its current run) started. */
  startedAt: string | null;
  /** When the task (or its current run) ended. */
  completedAt: string | null;
  /** What the task produced, as the provider sent it; null when it sent nothing. */
  result: unknown;
  /** Why the task failed, when the provider says; null otherwise. */
  error: TaskErrorDetail | null;
  /** The provider's response, untouched. */
  raw: Raw;
}

const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(["succeeded", "failed", "cancelled"]);

/** True for `succeeded`, `failed` and `cancelled`: a task in these statuses does not change any more. */
export function isTerminalStatus(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Per-call options of `TaskClient.getTask`. */
export interface GetTaskOptions {
  /** Cancels the request: the call rejects at once. */
  signal?: AbortSignal;
}

/** What every generated `create<Provider>TaskClient` returns, and what `waitForTask` polls. */
export interface TaskClient<Raw = unknown> {
  /** The provider's name, e.g. `quant`. */
  readonly provider: string;
  /** Fetches the task and returns it unified; rejects with the HTTP layer's typed errors or TaskPayloadError. */
  getTask(id: string, options?: GetTaskOptions): Promise<UnifiedTask<Raw>>;
}
