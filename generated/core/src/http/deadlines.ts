// Copied by unitask from runtime/src/http/deadlines.ts. Do not edit: change runtime/src/, then run npm run generate.
// Timeouts without a fresh AbortSignal per request. Node's fetch (undici) pays a fifth of a loopback request's CPU for
// every new signal it is given (a listener, a WeakRef, a FinalizationRegistry entry), and much less for one it has
// seen. So attempts whose deadlines fall in the same slot share one signal, aborted once the slot ends: a timeout
// fires at most 1/64 of its length late (1 ms at the least), never early. The timer runs only while an attempt
// waits, so none keeps the process alive. A signal serves at most `maxSharers` attempts: undici drops its abort
// listener only when its request is garbage-collected, and adding a listener scans those already there.

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
  /** `performance.now()` when the slot ends. */
  endsAt: number;
  /** Attempts that joined, and those still waiting. */
  joined: number;
  waiting: number;
  /** Set while an attempt waits. */
  cancel: CancelTimer | undefined;
  expire: () => void;
}

const maxSharers = 32;
const deadlines = new Map<string, Deadline>();

/** The shared deadline `timeoutMs` (finite, ≥ 0) from now falls into; `leaveDeadline` it when done. */
export function joinDeadline(timeoutMs: number): SharedDeadline {
  const now = performance.now();
  const grainMs = 2 ** Math.max(0, Math.ceil(Math.log2(timeoutMs / 64)));
  const slot = Math.ceil((now + timeoutMs) / grainMs);
  const key = `${grainMs}:${slot}`;
  let deadline = deadlines.get(key);
  if (deadline === undefined || deadline.joined >= maxSharers) {
    deadline = createDeadline(key, slot * grainMs, now);
  }
  deadline.joined++;
  if (deadline.waiting++ === 0) deadline.cancel = startTimer(deadline.expire, deadline.endsAt - now);
  return deadline;
}

/** Stops waiting for `deadline`; the last one out stops its timer. */
export function leaveDeadline(shared: SharedDeadline): void {
  const deadline = shared as Deadline;
  if (--deadline.waiting > 0) return;
  deadline.cancel?.();
  deadline.cancel = undefined;
}

function createDeadline(key: string, endsAt: number, now: number): Deadline {
  // Slots that ended while nobody waited were never aborted: forget them.
  for (const [staleKey, stale] of deadlines) if (stale.endsAt <= now) deadlines.delete(staleKey);
  const controller = new AbortController();
  let reject!: (reason: unknown) => void;
  const passed = new Promise<never>((_, rejectPassed) => (reject = rejectPassed));
  passed.catch(() => undefined);
  const deadline: Deadline = {
    key,
    endsAt,
    signal: controller.signal,
    passed,
    joined: 0,
    waiting: 0,
    cancel: undefined,
    expire: () => {
      if (deadlines.get(key) === deadline) deadlines.delete(key);
      controller.abort();
      reject(controller.signal.reason);
    },
  };
  deadlines.set(key, deadline);
  return deadline;
}
