// toUnifiedTask throughput per provider: how many realistic responses each generated adapter converts per
// second of CPU time, the median of several timed runs after a warm-up, and the ratio to the 1 M tasks/s
// target. CPU time (process.cpuUsage), not wall time: on a shared machine other processes' load would
// otherwise count against the adapter. Run with `npx tsx bench/unified-task.ts`; it prints, it asserts nothing.
import type { UnifiedTask } from "@unitask/core";
import { examples } from "../test/normalization/examples.js";
import { providers, toUnifiedTask } from "../test/normalization/providers.js";

const TARGET_PER_SECOND = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CONVERSIONS_PER_RUN = 500_000;

/** Fresh copies of the body, so that no run converts the very object the previous conversion returned in `raw`. */
function bodies(body: unknown, count: number): unknown[] {
  const text = JSON.stringify(body);
  return Array.from({ length: count }, () => JSON.parse(text) as unknown);
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(`toUnifiedTask, ${CONVERSIONS_PER_RUN.toLocaleString("en")} conversions per run, median of ${RUNS} runs`);
for (const provider of providers) {
  const convert = toUnifiedTask[provider];
  const inputs = bodies(examples[provider].body, 1024);
  // Kept, so the conversions have an observable result the compiler cannot drop.
  let last: UnifiedTask | undefined;
  const run = () => {
    const start = process.cpuUsage();
    for (let index = 0; index < CONVERSIONS_PER_RUN; index++) last = convert(inputs[index & 1023]);
    const { user, system } = process.cpuUsage(start);
    return (user + system) / 1000;
  };
  run(); // warm-up: let the JIT compile the adapter before anything is timed
  const perSecond = CONVERSIONS_PER_RUN / (median(Array.from({ length: RUNS }, run)) / 1000);
  if (last?.provider !== provider) throw new Error(`${provider}: the conversions did not produce its tasks`);
  console.log(
    `  ${provider.padEnd(6)} ${(perSecond / 1e6).toFixed(2).padStart(6)} M tasks/s   ${(perSecond / TARGET_PER_SECOND).toFixed(2)}x the 1 M/s target`,
  );
}
