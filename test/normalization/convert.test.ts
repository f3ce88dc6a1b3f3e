// The conversions generated adapters call: each is total, so every row states what an odd input becomes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  lastElement,
  requireTaskId,
  requireTaskObject,
  TaskPayloadError,
  toIsoTimestamp,
  toProgress,
  toTaskError,
  toTaskStatus,
  toTitle,
  type StatusTable,
  type TimestampFormat,
} from "../../runtime/src/task/index.js";

describe("toIsoTimestamp", () => {
  const cases: [string, { given: unknown; format?: TimestampFormat; want: string | null }][] = [
    ["an ISO date-time in UTC", { given: "2023-11-07T05:31:56Z", want: "2023-11-07T05:31:56.000Z" }],
    [
      "an ISO date-time with an offset, converted to UTC",
      { given: "2023-11-07T07:31:56+02:00", want: "2023-11-07T05:31:56.000Z" },
    ],
    ["a compact offset", { given: "2023-11-07T00:31:56-0500", want: "2023-11-07T05:31:56.000Z" }],
    [
      "fractional seconds beyond milliseconds, truncated",
      { given: "2023-11-07T05:31:56.123456Z", want: "2023-11-07T05:31:56.123Z" },
    ],
    ["a date-time without offset, read as UTC", { given: "2023-11-07T05:31:56", want: "2023-11-07T05:31:56.000Z" }],
    ["a date alone, midnight UTC", { given: "2023-11-07", want: "2023-11-07T00:00:00.000Z" }],
    ["unix milliseconds (Quant)", { given: 1735689600000, format: "unix-ms", want: "2025-01-01T00:00:00.000Z" }],
    [
      "unix milliseconds as a digit string, with unix-ms",
      { given: "1735689600000", format: "unix-ms", want: "2025-01-01T00:00:00.000Z" },
    ],
    ["a number where ISO was documented, read as milliseconds", { given: 0, want: "1970-01-01T00:00:00.000Z" }],
    [
      "an ISO string where unix-ms was documented",
      { given: "2025-01-01T00:00:00Z", format: "unix-ms", want: "2025-01-01T00:00:00.000Z" },
    ],
    ["a digit string where ISO was documented", { given: "1735689600000", want: null }],
    ["an impossible date", { given: "2025-02-30T00:00:00Z", want: null }],
    ["an impossible hour", { given: "2025-01-01T24:00:00Z", want: null }],
    ["free text", { given: "yesterday", want: null }],
    ["a locale date string Date.parse would accept", { given: "March 7, 2024", want: null }],
    ["an empty string", { given: "", want: null }],
    ["NaN", { given: Number.NaN, format: "unix-ms", want: null }],
    ["Infinity", { given: Number.POSITIVE_INFINITY, format: "unix-ms", want: null }],
    ["beyond the date range", { given: 8.64e15 + 1, format: "unix-ms", want: null }],
    ["after the year 9999 (extended ISO years)", { given: 253402300800000, format: "unix-ms", want: null }],
    ["the last millisecond of 9999", { given: 253402300799999, format: "unix-ms", want: "9999-12-31T23:59:59.999Z" }],
    ["a lower-case t and z", { given: "2023-11-07t05:31:56.5z", want: "2023-11-07T05:31:56.500Z" }],
    [
      "a space instead of T, a comma before the fraction",
      { given: "2023-11-07 05:31:56,25Z", want: "2023-11-07T05:31:56.250Z" },
    ],
    ["minutes without seconds", { given: "2023-11-07T05:31Z", want: "2023-11-07T05:31:00.000Z" }],
    ["an hour-only offset", { given: "2023-11-07T07:31:56+02", want: "2023-11-07T05:31:56.000Z" }],
    [
      "an offset that crosses midnight backwards",
      { given: "2024-03-01T00:30:00+01:00", want: "2024-02-29T23:30:00.000Z" },
    ],
    ["an offset cut after its colon", { given: "2023-11-07T07:31:56+02:", want: null }],
    ["an offset minute of 60", { given: "2023-11-07T07:31:56+02:60", want: null }],
    ["a fraction without digits", { given: "2023-11-07T05:31:56.Z", want: null }],
    ["a trailing character", { given: "2023-11-07T05:31:56Zx", want: null }],
    ["a T without a time", { given: "2023-11-07T", want: null }],
    ["February 29 of a leap year", { given: "2024-02-29", want: "2024-02-29T00:00:00.000Z" }],
    ["February 29 of a century that is not a leap year", { given: "1900-02-29", want: null }],
    ["month 13", { given: "2023-13-01", want: null }],
    ["day 0", { given: "2023-01-00", want: null }],
    ["the year 0000", { given: "0000-01-01T00:00:00Z", want: "0000-01-01T00:00:00.000Z" }],
    ["an offset that moves the instant before the year 0000", { given: "0000-01-01T00:00:00+01:00", want: null }],
    ["a negative millisecond count", { given: -1, format: "unix-ms", want: "1969-12-31T23:59:59.999Z" }],
    ["-0 milliseconds", { given: -0, format: "unix-ms", want: "1970-01-01T00:00:00.000Z" }],
    ["fractional milliseconds, truncated", { given: 1.9, format: "unix-ms", want: "1970-01-01T00:00:00.001Z" }],
    ["null", { given: null, want: null }],
    ["an object", { given: { seconds: 1 }, want: null }],
  ];
  it.each(cases)("%s", (_, { given, format, want }) => {
    expect(toIsoTimestamp(given, format)).toBe(want);
  });

  // The conversion does its own calendar arithmetic; Date is the reference it must agree with everywhere.
  const yearZero = new Date(0).setUTCFullYear(0, 0, 1); // Date.UTC would read the year 0 as 1900
  const lastMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

  it("formats any millisecond of the years 0000..9999 as Date.prototype.toISOString does", () => {
    fc.assert(
      fc.property(fc.integer({ min: yearZero, max: lastMs }), (milliseconds) => {
        expect(toIsoTimestamp(milliseconds, "unix-ms")).toBe(new Date(milliseconds).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads any ISO date-time with any offset as Date computes the same instant", () => {
    const pad = (value: number, width: number) => String(value).padStart(width, "0");
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1, max: 9998 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          hours: fc.integer({ min: 0, max: 23 }),
          minutes: fc.integer({ min: 0, max: 59 }),
          seconds: fc.integer({ min: 0, max: 59 }),
          fraction: fc.stringMatching(/^\d{0,6}$/),
          offset: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
          colon: fc.boolean(),
          utc: fc.constantFrom("Z", "z", "offset"),
        }),
        ({ year, month, day, hours, minutes, seconds, fraction, offset: someOffset, colon, utc }) => {
          const offset = utc === "offset" ? someOffset : 0;
          const sign = offset < 0 ? "-" : "+";
          const zone =
            utc === "offset"
              ? `${sign}${pad(Math.trunc(Math.abs(offset) / 60), 2)}${colon ? ":" : ""}${pad(Math.abs(offset) % 60, 2)}`
              : utc;
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${fraction === "" ? "" : `.${fraction}`}${zone}`;
          const reference = new Date(0);
          reference.setUTCFullYear(year, month - 1, day);
          const exists = reference.getUTCMonth() === month - 1;
          reference.setUTCHours(hours, minutes - offset, seconds, Number(fraction.padEnd(3, "0").slice(0, 3)));
          expect(toIsoTimestamp(text)).toBe(exists ? reference.toISOString() : null);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe("toProgress", () => {
  const cases: [string, { given: unknown; scale: "unit" | "percent"; want: number | null }][] = [
    ["0..1 on the unit scale", { given: 0.5, scale: "unit", want: 0.5 }],
    ["1 on the unit scale is done", { given: 1, scale: "unit", want: 1 }],
    ["57 on the unit scale: the other scale, read as a percentage", { given: 57, scale: "unit", want: 0.57 }],
    ["100 on the unit scale", { given: 100, scale: "unit", want: 1 }],
    ["above 100 on the unit scale", { given: 150, scale: "unit", want: null }],
    ["57 on the percent scale", { given: 57, scale: "percent", want: 0.57 }],
    ["0.5 on the percent scale is half a percent", { given: 0.5, scale: "percent", want: 0.005 }],
    ["above 100 on the percent scale", { given: 101, scale: "percent", want: null }],
    ["-1, a sentinel for unknown", { given: -1, scale: "unit", want: null }],
    ["-0 becomes 0", { given: -0, scale: "unit", want: 0 }],
    ["NaN", { given: Number.NaN, scale: "unit", want: null }],
    ["Infinity", { given: Number.POSITIVE_INFINITY, scale: "percent", want: null }],
    ["a numeric string", { given: "0.5", scale: "unit", want: null }],
    ["null", { given: null, scale: "unit", want: null }],
  ];
  it.each(cases)("%s", (_, { given, scale, want }) => {
    expect(toProgress(given, scale)).toBe(want);
  });
});

describe("toTaskStatus", () => {
  const table: StatusTable = { pending: "queued", completed: "succeeded", failed: "failed", blocked: "blocked" };
  const cases: [string, { given: unknown; want: ReturnType<typeof toTaskStatus> }][] = [
    [
      "a mapped value",
      { given: "completed", want: { status: "succeeded", terminal: true, providerStatus: "completed" } },
    ],
    [
      "blocked is not terminal",
      { given: "blocked", want: { status: "blocked", terminal: false, providerStatus: "blocked" } },
    ],
    [
      "a new upstream value: unknown, raw kept",
      { given: "archived", want: { status: "unknown", terminal: false, providerStatus: "archived" } },
    ],
    ["case matters", { given: "COMPLETED", want: { status: "unknown", terminal: false, providerStatus: "COMPLETED" } }],
    [
      "an Object.prototype name",
      { given: "constructor", want: { status: "unknown", terminal: false, providerStatus: "constructor" } },
    ],
    ["__proto__", { given: "__proto__", want: { status: "unknown", terminal: false, providerStatus: "__proto__" } }],
    ["a number, stringified", { given: 3, want: { status: "unknown", terminal: false, providerStatus: "3" } }],
    ["missing", { given: undefined, want: { status: "unknown", terminal: false, providerStatus: null } }],
    ["an object", { given: { state: "done" }, want: { status: "unknown", terminal: false, providerStatus: null } }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(toTaskStatus(given, table)).toEqual(want);
  });
});

describe("toTaskError", () => {
  const cases: [string, { given: unknown; want: ReturnType<typeof toTaskError> }][] = [
    ["Eden's or Quant's string", { given: "CUDA out of memory", want: { message: "CUDA out of memory" } }],
    ["Quant's null", { given: null, want: null }],
    ["absent", { given: undefined, want: null }],
    ["an empty string", { given: "  ", want: null }],
    [
      "Deck's ErrorResponse: first code, every message",
      {
        given: {
          errors: [
            { type: "task", code: "task_failed", message: "Login failed" },
            { type: "source", code: "timeout", message: "Portal timed out" },
          ],
          request_id: "req_1",
        },
        want: { code: "task_failed", message: "Login failed; Portal timed out" },
      },
    ],
    [
      "an ErrorResponse with no errors",
      { given: { errors: [], request_id: "req_1" }, want: { message: '{"errors":[],"request_id":"req_1"}' } },
    ],
    [
      "an object with message and a numeric code",
      { given: { code: 42, message: "boom" }, want: { code: "42", message: "boom" } },
    ],
    ["a wrapper", { given: { error: { message: "nested" } }, want: { message: "nested" } }],
    ["an empty object, Eden's untyped `{}`", { given: {}, want: null }],
    ["an unrecognised object, kept as JSON", { given: { reason: "quota" }, want: { message: '{"reason":"quota"}' } }],
    ["a number", { given: 500, want: { message: "500" } }],
    ["false", { given: false, want: null }],
    [
      "a value JSON cannot show",
      { given: { big: 1n }, want: { message: "The provider reported an error that cannot be shown as JSON." } },
    ],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(toTaskError(given)).toEqual(want);
  });
});

describe("the small helpers", () => {
  it("toTitle keeps non-empty strings only", () => {
    expect([toTitle("Summarise"), toTitle(""), toTitle(7), toTitle(null)]).toEqual(["Summarise", null, null, null]);
  });

  it("lastElement reads arrays only", () => {
    expect([
      lastElement([1, 2, 3]),
      lastElement([]),
      lastElement(null),
      lastElement("abc" as unknown as string[]),
    ]).toEqual([3, undefined, undefined, undefined]);
  });

  it("requireTaskObject and requireTaskId throw TaskPayloadError naming the provider and the place", () => {
    expect(() => requireTaskObject("eden", undefined, "/task")).toThrow(
      new TaskPayloadError("eden", "/task", "the response has no task object at /task"),
    );
    expect(() => requireTaskObject("quant", [], "")).toThrow("quant: the response has no task object at its root");
    expect(() => requireTaskId("deck", "", "/id")).toThrow("deck: the response has no task id at /id");
    expect(requireTaskId("deck", 12, "/id")).toBe("12");
  });
});
