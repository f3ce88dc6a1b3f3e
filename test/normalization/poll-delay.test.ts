// waitForTask's delays: doubling from intervalMs, capped at maxIntervalMs, half of each one random.
import { describe, expect, it } from "vitest";
import { pollDelayMs } from "../../runtime/src/task/poll-delay.js";

describe("pollDelayMs", () => {
  it.each([
    ["the first wait, no jitter drawn", 0, 0, 500],
    ["the first wait, most jitter", 0, 1, 1000],
    ["doubles each poll", 1, 0, 1000],
    ["and again", 2, 0.5, 3000],
    ["stops at the cap", 5, 0, 7500],
    ["stays at the cap", 40, 1, 15000],
  ])("%s", (_name, poll, random, expected) => {
    expect(pollDelayMs(poll, 1000, 15000, () => random)).toBe(expected);
  });

  it("is never shorter than half of the capped backoff, nor longer than it", () => {
    for (let poll = 0; poll < 50; poll++) {
      const delay = pollDelayMs(poll, 200, 5000);
      const capped = Math.min(5000, 200 * 2 ** poll);
      expect(delay).toBeGreaterThanOrEqual(capped / 2);
      expect(delay).toBeLessThanOrEqual(capped);
    }
  });
});
