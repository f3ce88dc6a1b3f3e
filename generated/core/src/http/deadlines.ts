// Copied by unitask from runtime/src/http/deadlines.ts. Do not edit: change runtime/src/, then run npm run generate.
// Timeouts without a fresh AbortSignal per request. Node's fetch (undici) pays a fifth of a loopback request's CPU for
// every new signal it is given (a listener, a WeakRef, a FinalizationRegistry entry), and much less for one it has
// seen. So attempts whose deadlines fall in the same slot share one signal, aborted once the slot ends: a timeout
// fires at most 1/64 of its length late (1 ms at the least), never early. A signal serves at most `maxSharers`
// attempts: undici drops its abort listener only when its request is garbage-collected, and adding a listener
// scans those already there. A deadline's timer is set once, at its first join, rather than set and cleared for each
// attempt; while no attempt waits it is unref'd, so that it keeps no process alive.

import { createTimer, type Timer } from "../timer.js";

/** A deadline shared by the attempts that joined it. */
export interface SharedDeadline {
  /** Aborts when the deadline passes. */
  readonly signal: AbortSignal;
  /** Rejects when the deadline passes: raced, for a fetch that ignores its signal. */
  readonly passed: Promise<never>;
}

interface Deadline extends SharedDeadline {
  key: string;
  /** The timeout of the attempt that made it; others in its slot may have another. */
  timeoutMs: number;
  /** `performance.now()` when the slot starts (excluded) and ends. */
  startsAt: number;
  endsAt: number;
  /** Attempts that joined, and those still waiting. */
  joined: number;
  waiting: number;
  /** From the first join until the slot ends, or until the last sharer leaves. */
  timer: Timer | undefined;
  expire: () => void;
}

const maxSharers = 32;
const deadlines = new Map<string, Deadline>();
let last: Deadline | undefined;

/** The shared deadline `timeoutMs` (finite, ≥ 0) from now falls into; `leaveDeadline` it when done. */
export function joinDeadline(timeoutMs: number): SharedDeadline {
  const now = performance.now();
  let deadline = last;
  // Calls one after another mostly share a timeout, and so the slot the last one joined.
  if (
    deadline === undefined ||
    deadline.timeoutMs !== timeoutMs ||
    now + timeoutMs > deadline.endsAt ||
    now + timeoutMs <= deadline.startsAt ||
    deadline.joined >= maxSharers
  ) {
    const grainMs = 2 ** Math.max(0, Math.ceil(Math.log2(timeoutMs / 64)));
    const slot = Math.ceil((now + timeoutMs) / grainMs);
    const key = `${grainMs}:${slot}`;
    deadline = deadlines.get(key);
    if (deadline === undefined || deadline.joined >= maxSharers) {
      deadline = createDeadline(key, timeoutMs, (slot - 1) * grainMs, slot * grainMs, now);
    }
    last = deadline;
  }
  deadline.joined++;
  if (deadline.waiting++ === 0) {
    if (deadline.timer === undefined) deadline.timer = createTimer(deadline.expire, deadline.endsAt - now);
    else deadline.timer.keepAlive(true);
  }
  return deadline;
}

/**
 * Stops waiting for `deadline`. When the last one out leaves, its timer stops if no attempt can join any more, and
 * otherwise stops keeping the process alive.
 */
export function leaveDeadline(shared: SharedDeadline): void {
  const deadline = shared as Deadline;
  if (--deadline.waiting > 0) return;
  if (deadline.joined < maxSharers) deadline.timer?.keepAlive(false);
  else {
    deadline.timer?.cancel();
    deadline.timer = undefined;
  }
}

function createDeadline(key: string, timeoutMs: number, startsAt: number, endsAt: number, now: number): Deadline {
  // Slots that ended while nobody waited were never aborted: forget them.
  for (const [staleKey, stale] of deadlines) if (stale.endsAt <= now) deadlines.delete(staleKey);
  const controller = new AbortController();
  let reject!: (reason: unknown) => void;
  const passed = new Promise<never>((_, rejectPassed) => (reject = rejectPassed));
  passed.catch(() => undefined);
  const deadline: Deadline = {
    key,
    timeoutMs,
    startsAt,
    endsAt,
    signal: controller.signal,
    passed,
    joined: 0,
    waiting: 0,
    timer: undefined,
    expire: () => {
      if (deadlines.get(key) === deadline) deadlines.delete(key);
      deadline.timer = undefined;
      // Nobody to stop: the signal stays unaborted, as when the timer was cancelled.
      if (deadline.waiting === 0) return;
      controller.abort();
      reject(controller.signal.reason);
    },
  };
  deadlines.set(key, deadline);
  return deadline;
}
