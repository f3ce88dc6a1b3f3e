// generate --watch: waits for changes under the specs folder and hands the changed providers to `run`,
// once the folder has been quiet for `debounceMs` (an editor's save is often several writes). Runs never
// overlap: changes made during a run are collected and trigger one more run after it.
import { watch } from "node:fs";

export interface WatchOptions {
  debounceMs?: number;
  /** Stops watching; the returned promise then resolves. */
  signal: AbortSignal;
}

/** Calls `run` with the sorted names of the provider folders that changed, until `signal` aborts. */
export function watchProviders(
  specsDir: string,
  run: (providers: string[]) => Promise<void>,
  { debounceMs = 200, signal }: WatchOptions,
): Promise<void> {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    if (running || changed.size === 0) return;
    const providers = [...changed].sort();
    changed.clear();
    running = run(providers);
    try {
      await running;
    } finally {
      running = undefined;
    }
    // What changed during the run waits for its own quiet period.
    if (changed.size > 0) schedule();
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };

  return new Promise((resolve, reject) => {
    const watcher = watch(specsDir, { recursive: true, signal }, (_event, filename) => {
      // The first segment of the changed path is the provider's folder; dot-folders are not providers.
      const provider = filename?.split(/[\\/]/)[0];
      if (!provider || provider.startsWith(".")) return;
      changed.add(provider);
      schedule();
    });
    watcher.on("error", (error: NodeJS.ErrnoException) => (error.name === "AbortError" ? undefined : reject(error)));
    watcher.on("close", async () => {
      clearTimeout(timer);
      await running;
      resolve();
    });
  });
}
