// Whole-process cost of one command: CPU time (user + system, worker threads included) and peak
// resident memory, as the process itself reports them when it exits. Wall time is left out on
// purpose: on a shared machine it measures the neighbours.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Usage {
  cpuSeconds: number;
  peakMiB: number;
}

/** Preloaded into the measured node process: writes its own resource usage when it exits. */
const REPORT_USAGE = `data:text/javascript,${encodeURIComponent(
  [
    `import { writeFileSync } from "node:fs";`,
    `process.on("exit", () => {`,
    `  const usage = process.resourceUsage();`,
    `  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(usage));`,
    `});`,
  ].join("\n"),
)}`;

export interface RunOptions {
  cwd: string;
  /** Heap limit in MiB; a command that needs more fails and is reported so. */
  maxHeapMiB?: number;
  timeoutSeconds?: number;
}

/** Runs `node <args>` once; throws with the command's last output lines when it fails. */
export function measureNode(args: readonly string[], options: RunOptions): Usage {
  const scratch = mkdtempSync(path.join(tmpdir(), "unitask-usage-"));
  const usageFile = path.join(scratch, "usage.json");
  const timeoutSeconds = options.timeoutSeconds ?? 900;
  try {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        REPORT_USAGE,
        ...(options.maxHeapMiB ? [`--max-old-space-size=${options.maxHeapMiB}`] : []),
        ...args,
      ],
      {
        cwd: options.cwd,
        encoding: "utf8",
        env: { ...process.env, BENCH_USAGE_FILE: usageFile },
        timeout: timeoutSeconds * 1000,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (run.status !== 0) {
      const tail = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim().split("\n").slice(-3).join("\n");
      const timedOut = (run.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
      const why = timedOut
        ? `stopped after the limit of ${timeoutSeconds} s`
        : run.signal
          ? `killed by ${run.signal}`
          : `exit ${run.status}`;
      throw new Error(`${why}\n${tail}`.trim());
    }
    const usage = JSON.parse(readFileSync(usageFile, "utf8")) as NodeJS.ResourceUsage;
    return {
      cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakMiB: usage.maxRSS / 1024,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
