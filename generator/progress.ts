// Progress on stderr while packages are built: which package, which stage, how long so far. On a
// terminal one status line is redrawn in place; elsewhere (CI logs, pipes) each stage is a plain line.

export type ProgressMode = "terminal" | "lines" | "quiet";

/** Where progress goes: a stream, and whether it is a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** `terminal` on an interactive terminal, `lines` in CI or when stderr is redirected. */
export function progressModeFor(stream: ProgressStream, quiet: boolean, env: NodeJS.ProcessEnv): ProgressMode {
  if (quiet) return "quiet";
  return stream.isTTY && !env.CI && env.TERM !== "dumb" ? "terminal" : "lines";
}

export class ProgressReporter {
  // Not performance.now(): the global loads perf_hooks, a millisecond of a run that has nothing to do.
  private readonly started = process.hrtime.bigint();
  private status: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly mode: ProgressMode,
  ) {}

  /** `deck: emit`, with the time since the run started. */
  stage(packageName: string, stage: string): void {
    if (this.mode === "quiet") return;
    this.status = `${packageName}: ${stage}`;
    if (this.mode === "lines") {
      this.stream.write(`${this.status} (${this.elapsed()})\n`);
      return;
    }
    this.redraw();
    // Redraw the elapsed time while a long stage runs; unref'd, so it never keeps the process alive.
    this.timer ??= setInterval(() => this.redraw(), 250).unref();
  }

  /** Removes the status line, before printing results or on exit. */
  clear(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.mode === "terminal" && this.status !== undefined) this.stream.write("\r\x1b[K");
    this.status = undefined;
  }

  /** Seconds since the run started, one decimal: `1.2 s`. */
  elapsed(): string {
    return `${(Number(process.hrtime.bigint() - this.started) / 1e9).toFixed(1)} s`;
  }

  private redraw(): void {
    if (this.status !== undefined) this.stream.write(`\r\x1b[K${this.status} … ${this.elapsed()}`);
  }
}
