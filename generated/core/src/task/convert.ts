// Copied by unitask from runtime/src/task/convert.ts. Do not edit: change runtime/src/, then run npm run generate.
// Total conversions from provider values to unified task fields, called by generated adapters.
// Every function accepts any input and never throws: a value outside what a spec documents becomes
// null or `unknown`, never an exception. Only `requireTaskObject` and `requireTaskId` throw, and only
// their own TaskPayloadError, because a response without a task or an id is not a task.

import { TaskPayloadError } from "./errors.js";
import { isTerminalStatus, type TaskErrorDetail, type TaskStatus } from "./model.js";
import {
  daysFromCivil,
  daysInMonth,
  formatUtcMilliseconds,
  MAX_FOUR_DIGIT_YEAR_MS,
  MIN_FOUR_DIGIT_YEAR_MS,
} from "./utc-calendar.js";

/** How a provider sends timestamps: ISO-8601 strings, or unix epoch milliseconds. */
export type TimestampFormat = "iso-8601" | "unix-ms";

/** The scale a provider's progress number is documented on: 0..1 (`unit`) or 0..100 (`percent`). */
export type ProgressScale = "unit" | "percent";

/** A provider's status values → the unified vocabulary. */
export type StatusTable = Readonly<Record<string, TaskStatus>>;

/** A provider status looked up in its table: the unified fields it fills. */
export interface ConvertedStatus {
  /** The unified status; `unknown` for a value outside the table. */
  status: TaskStatus;
  /** Whether `status` is terminal. */
  terminal: boolean;
  /** The provider's value as a string, or null when it sent none. */
  providerStatus: string | null;
}

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
  const whole = Math.trunc(milliseconds);
  // Years outside 0000..9999 would print as extended ISO (`+010000-…`), which no consumer expects.
  if (whole < MIN_FOUR_DIGIT_YEAR_MS || whole > MAX_FOUR_DIGIT_YEAR_MS) return null;
  return formatUtcMilliseconds(whole + 0); // `+ 0` turns -0 into 0
}

/**
 * Reads `YYYY-MM-DD`, optionally followed by `T` (or a space) `HH:MM`, `:SS`, a fraction after `.` or `,`, and
 * `Z` or an offset `±HH`, `±HHMM`, `±HH:MM`. Scanned by character code rather than by a regular expression:
 * this runs for every timestamp of every task, and the match array and its substrings cost more than the rest.
 */
function fromIsoString(text: string): string | null {
  const length = text.length;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  let fraction = 0;
  let offsetMinutes = 0;
  let index = 10;
  if (index < length) {
    const separator = text.charCodeAt(index);
    if (separator !== UPPER_T && separator !== LOWER_T && separator !== SPACE) return null;
    hours = digitsAt(text, 11, 2);
    minutes = digitsAt(text, 14, 2);
    if (hours < 0 || minutes < 0 || text.charCodeAt(13) !== COLON) return null;
    index = 16;
    if (text.charCodeAt(index) === COLON) {
      seconds = digitsAt(text, index + 1, 2);
      if (seconds < 0) return null;
      index += 3;
      const mark = text.charCodeAt(index);
      if (mark === DOT || mark === COMMA) {
        const first = ++index;
        // Only milliseconds are kept: further digits are truncated, as Date does.
        for (; index < length && isDigit(text.charCodeAt(index)); index++)
          if (index - first < 3) fraction = fraction * 10 + (text.charCodeAt(index) - ZERO);
        if (index === first) return null;
        for (let missing = 3 - (index - first); missing > 0; missing--) fraction *= 10;
      }
    }
    if (hours > 23 || minutes > 59 || seconds > 59) return null;
    if (index < length) {
      const zone = text.charCodeAt(index);
      if (zone === UPPER_Z || zone === LOWER_Z) index++;
      else if (zone === PLUS || zone === MINUS) {
        const offsetHours = digitsAt(text, index + 1, 2);
        index += 3;
        let offsetMinutesPart = 0;
        if (index < length) {
          if (text.charCodeAt(index) === COLON) index++;
          offsetMinutesPart = digitsAt(text, index, 2);
          index += 2;
        }
        if (offsetHours < 0 || offsetHours > 23 || offsetMinutesPart < 0 || offsetMinutesPart > 59) return null;
        offsetMinutes = (zone === MINUS ? -1 : 1) * (offsetHours * 60 + offsetMinutesPart);
      }
    }
  }
  if (index !== length) return null;
  // A UTC date-time with seconds and a `T` (`2025-01-01T00:00:00Z`, as most APIs send it) is already canonical
  // up to its fraction: no calendar arithmetic needed, and a four-digit year in UTC is always in range.
  if (
    length > 19 &&
    text.charCodeAt(length - 1) === UPPER_Z &&
    text.charCodeAt(10) === UPPER_T &&
    text.charCodeAt(16) === COLON
  )
    return `${text.slice(0, 19)}.${fraction < 100 ? (fraction < 10 ? "00" : "0") : ""}${fraction}Z`;
  const milliseconds =
    daysFromCivil(year, month, day) * 86_400_000 + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000;
  return fromEpochMilliseconds(milliseconds + fraction);
}

const ZERO = 0x30;
const NINE = 0x39;
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const COMMA = 0x2c;
const SPACE = 0x20;
const PLUS = 0x2b;
const MINUS = 0x2d;
const UPPER_T = 0x54;
const LOWER_T = 0x74;
const UPPER_Z = 0x5a;
const LOWER_Z = 0x7a;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** The non-negative integer written by the `count` ASCII digits at `start`, or -1 when any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - ZERO);
  }
  return value;
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
