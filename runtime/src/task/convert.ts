// Total conversions from provider values to unified task fields, called by generated adapters.
// Every function accepts any input and never throws: a value outside what a spec documents becomes
// null or `unknown`, never an exception. Only `requireTaskObject` and `requireTaskId` throw, and only
// their own TaskPayloadError, because a response without a task or an id is not a task.

import { TaskPayloadError } from "./errors.js";
import { isTerminalStatus, type TaskErrorDetail, type TaskStatus } from "./model.js";

/** How a provider sends timestamps: ISO-8601 strings, or unix epoch milliseconds. */
export type TimestampFormat = "iso-8601" | "unix-ms";

/** The scale a provider's progress number is documented on: 0..1 (`unit`) or 0..100 (`percent`). */
export type ProgressScale = "unit" | "percent";

/** A provider's status values → the unified vocabulary. */
export type StatusTable = Readonly<Record<string, TaskStatus>>;

export interface ConvertedStatus {
  status: TaskStatus;
  terminal: boolean;
  providerStatus: string | null;
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Converts a timestamp to an ISO-8601 UTC string (`2025-01-01T00:00:00.000Z`), or null when unparsable.
 * Numbers are read as unix milliseconds whatever the format says (the JavaScript convention); with
 * `unix-ms`, a string of digits is read as milliseconds too. Strings must be ISO-8601 (a date, or a
 * date-time); a date-time without an offset is read as UTC, so the result never depends on the machine's
 * time zone. Impossible dates (`2025-02-30`) and instants outside the years 0000..9999 give null.
 */
export function toIsoTimestamp(value: unknown, format: TimestampFormat = "iso-8601"): string | null {
  if (typeof value === "number") return fromEpochMilliseconds(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (format === "unix-ms" && /^-?\d+$/.test(text)) return fromEpochMilliseconds(Number(text));
  return fromIsoString(text);
}

function fromEpochMilliseconds(milliseconds: number): string | null {
  if (!Number.isFinite(milliseconds)) return null;
  const date = new Date(Math.trunc(milliseconds));
  // Years outside 0000..9999 would print as extended ISO (`+010000-…`), which no consumer expects.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) return null;
  return date.toISOString();
}

function fromIsoString(text: string): string | null {
  const match = ISO_8601.exec(text);
  if (match === null) return null;
  const [, year, month, day, hours = "0", minutes = "0", seconds = "0", fraction = "", offset = "Z"] = match;
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hours: Number(hours),
    minutes: Number(minutes),
    seconds: Number(seconds),
  };
  if (parts.hours > 23 || parts.minutes > 59 || parts.seconds > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  // setUTCFullYear rolls impossible dates over (February 30 → March 2): reject them instead.
  if (date.getUTCFullYear() !== parts.year || date.getUTCMonth() !== parts.month - 1 || date.getUTCDate() !== parts.day)
    return null;
  date.setUTCHours(parts.hours, parts.minutes, parts.seconds, Number(fraction.padEnd(3, "0").slice(0, 3)));
  const offsetMinutes = parseOffsetMinutes(offset);
  if (offsetMinutes === null) return null;
  return fromEpochMilliseconds(date.getTime() - offsetMinutes * 60_000);
}

function parseOffsetMinutes(offset: string): number | null {
  if (offset.toUpperCase() === "Z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (offset.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Converts progress to 0..1, or null. Anything but a finite number gives null (no guessing from strings).
 * On the `unit` scale, a value in (1, 100] is read as a percentage: the provider evidently used the other
 * scale (57 → 0.57). On the `percent` scale, 0..100 is divided by 100. Negative values (often a sentinel for
 * "unknown") and values beyond the scale give null rather than a clamped, made-up number.
 */
export function toProgress(value: unknown, scale: ProgressScale): number | null {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return null;
  if (scale === "unit" && value <= 1) return value + 0; // `+ 0` turns -0 into 0
  if (value <= 100) return value / 100;
  return null;
}

/**
 * Looks a provider status up in its table. Strings are kept as `providerStatus` (numbers and booleans are
 * stringified); a value outside the table becomes `unknown`, which is never terminal.
 */
export function toTaskStatus(value: unknown, table: StatusTable): ConvertedStatus {
  const providerStatus =
    typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null;
  // Object.hasOwn, not `in` or a plain index: "constructor" or "__proto__" must not match Object.prototype.
  const status =
    providerStatus !== null && Object.hasOwn(table, providerStatus) ? (table[providerStatus] ?? "unknown") : "unknown";
  return { status, terminal: isTerminalStatus(status), providerStatus };
}

const MAX_ERROR_DEPTH = 4;

/**
 * Converts what a provider reports as an error to `{ code?, message }`, or null when it reports none.
 * Accepts a string (Eden, Quant), an `ErrorResponse`-like `{ errors: [{ code, message }] }` (Deck: the first
 * code, every message joined with "; "), an object with `message` (and `code`), or a `{ error: … }` wrapper.
 * Anything else non-empty is kept as its JSON text so no detail is lost.
 */
export function toTaskError(value: unknown): TaskErrorDetail | null {
  return errorFrom(value, 0);
}

function errorFrom(value: unknown, depth: number): TaskErrorDetail | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value === "string") return value.trim() === "" ? null : { message: value };
  if (value === true) return { message: "The provider reported an error without details." };
  if (typeof value !== "object") return { message: String(value) };
  if (depth >= MAX_ERROR_DEPTH) return messageFromJson(value);
  if (Array.isArray(value)) return joinErrors(value.map((item) => errorFrom(item, depth + 1)));
  const record = value as Record<string, unknown>;
  if (typeof record["message"] === "string" && record["message"].trim() !== "") {
    const code = codeFrom(record["code"]);
    return code === undefined ? { message: record["message"] } : { code, message: record["message"] };
  }
  for (const key of ["errors", "error"]) {
    if (Object.hasOwn(record, key)) {
      const nested = errorFrom(record[key], depth + 1);
      if (nested !== null) return nested;
    }
  }
  return messageFromJson(value);
}

function joinErrors(errors: readonly (TaskErrorDetail | null)[]): TaskErrorDetail | null {
  const present = errors.filter((error) => error !== null);
  const first = present[0];
  if (first === undefined) return null;
  const message = present.map((error) => error.message).join("; ");
  return first.code === undefined ? { message } : { code: first.code, message };
}

function codeFrom(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function messageFromJson(value: object): TaskErrorDetail | null {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return { message: "The provider reported an error that cannot be shown as JSON." };
  }
  return json === undefined || json === "{}" || json === "[]" ? null : { message: json };
}

/** A title: a non-empty string, or null. */
export function toTitle(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** A result as the provider sent it; absent becomes null. */
export function toResult(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** The last element of an array (a `@last` step in a mapping path), or undefined for anything else. */
export function lastElement<T>(value: readonly T[] | null | undefined): T | undefined {
  return Array.isArray(value) ? (value as readonly T[])[value.length - 1] : undefined;
}

/** The task object at `pointer` in a response; throws TaskPayloadError when it is not an object. */
export function requireTaskObject<T>(provider: string, value: T, pointer: string): NonNullable<T> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TaskPayloadError(provider, pointer, `the response has no task object at ${pointer || "its root"}`);
  }
  return value as NonNullable<T>;
}

/** The task id at `pointer` in a response (a non-empty string, or a number as a string); throws TaskPayloadError otherwise. */
export function requireTaskId(provider: string, value: unknown, pointer: string): string {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new TaskPayloadError(provider, pointer, `the response has no task id at ${pointer}`);
}
