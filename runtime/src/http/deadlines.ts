// Timeouts without a fresh AbortSignal per request. Node's fetch (undici) pays a fifth of a loopback request's CPU for
// every new signal it is given (a listener, a WeakRef, a FinalizationRegistry entry), and almost nothing for one it
// has seen. So attempts whose deadlines fall close together share one signal, aborted once the latest of those
// deadlines has passed: a timeout fires at most 1/64 of its length late (1 ms at the least), never early. A deadline
// nobody waits for any more is cancelled, so no timer keeps the process alive.

import { startTimer, type CancelTimer } from "../timer.js";

/** A deadline shared by the attempts that joined it. */
export interface SharedDeadline {
  /** Aborts when the deadline passes. */
  readonly signal: AbortSignal;
  /** Rejects when the deadline passes: raced, for a fetch that ignores its signal. */
  readonly passed: Promise<never>;
}

interface Deadline extends SharedDeadline {
  key: string;
  waiting: number;
  cancel: CancelTimer;
}

const deadlines = new Map<string, Deadline>();

/** The shared deadline `timeoutMs` (finite, ≥ 0) from now falls into; `leaveDeadline` it when done. */
export function joinDeadline(timeoutMs: number): SharedDeadline {
  const now = performance.now();
  const grainMs = 2 ** Math.max(0, Math.ceil(Math.log2(timeoutMs / 64)));
  const slot = Math.ceil((now + timeoutMs) / grainMs);
  const key = `${grainMs}:${slot}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined) deadline = createDeadline(key, slot * grainMs - now);
  deadline.waiting++;
  return deadline;
}

/** Stops waiting for `deadline`; the last one out cancels its timer. */
export function leaveDeadline(shared: SharedDeadline): void {
  const deadline = shared as Deadline;
  if (--deadline.waiting > 0 || deadline.signal.aborted) return;
  deadline.cancel();
  deadlines.delete(deadline.key);
}

function createDeadline(key: string, delayMs: number): Deadline {
  const controller = new AbortController();
  let reject!: (reason: unknown) => void;
  const passed = new Promise<never>((_, rejectPassed) => (reject = rejectPassed));
  passed.catch(() => undefined);
  const cancel = startTimer(() => {
    deadlines.delete(key);
    controller.abort();
    reject(controller.signal.reason);
  }, delayMs);
  const deadline: Deadline = { key, signal: controller.signal, passed, waiting: 0, cancel };
  deadlines.set(key, deadline);
  return deadline;
}
