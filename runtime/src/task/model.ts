// The unified task: one shape for "what is my task doing, and what did it produce?" across providers.
// Generated adapters fill it from each provider's own response; nothing here knows any provider.

/** The small status vocabulary every provider status maps into. */
export type TaskStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "blocked" | "unknown";

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

export interface TaskErrorDetail {
  code?: string;
  message: string;
}

export interface UnifiedTask<Raw = unknown> {
  /** The provider's name, e.g. `quant`. */
  provider: string;
  kind: TaskKind;
  id: string;
  title: string | null;
  status: TaskStatus;
  /** True for `succeeded`, `failed` and `cancelled`: polling this task again will not change it. */
  terminal: boolean;
  /** The provider's own status string, kept even when `status` is `unknown`; null when it sent none. */
  providerStatus: string | null;
  /** Completion in 0..1, or null when the provider says nothing usable. */
  progress: number | null;
  /** ISO-8601 UTC timestamps (`2025-01-01T00:00:00.000Z`), or null. */
  createdAt: string | null;
  updatedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** What the task produced, as the provider sent it; null when it sent nothing. */
  result: unknown;
  error: TaskErrorDetail | null;
  /** The provider's response, untouched. */
  raw: Raw;
}

const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(["succeeded", "failed", "cancelled"]);

export function isTerminalStatus(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export interface GetTaskOptions {
  signal?: AbortSignal;
}

/** What every generated `create<Provider>TaskClient` returns, and what `waitForTask` polls. */
export interface TaskClient<Raw = unknown> {
  readonly provider: string;
  getTask(id: string, options?: GetTaskOptions): Promise<UnifiedTask<Raw>>;
}
