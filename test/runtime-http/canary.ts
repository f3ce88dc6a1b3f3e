// Where a secret could surface when an error is logged: its message, String(error), stack, JSON.stringify and
// util.inspect (depth 10), and whatever the call wrote to stdout or stderr.
import { inspect } from "node:util";
import { expect } from "vitest";

/** Every rendering of `error` a logger might use. */
export function renderingsOf(error: unknown): {
  message: string;
  string: string;
  stack: string;
  json: string;
  inspect: string;
} {
  return {
    message: String((error as Error).message),
    string: String(error),
    stack: String((error as Error).stack),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 10 }),
  };
}

/** Asserts that no rendering of `error`, and nothing in `written`, contains any of `canaries`. */
export function expectNoCanary(error: unknown, canaries: readonly string[], written: readonly string[] = []): void {
  const renderings = { ...renderingsOf(error), written: written.join("") };
  for (const [where, text] of Object.entries(renderings)) {
    for (const canary of canaries) expect(text, `${where} shows ${JSON.stringify(canary)}`).not.toContain(canary);
  }
}

/**
 * Runs `action` while recording what is written to stdout and stderr (still passing it through), and resolves with
 * its outcome (the value, or the error it rejected with) and the text written.
 */
export async function capturingOutput(
  action: () => Promise<unknown>,
): Promise<{ outcome: unknown; written: string[] }> {
  const written: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    const original = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  }
  const onWarning = (warning: Error) => written.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  try {
    const outcome = await action().catch((error: unknown) => error);
    return { outcome, written };
  } finally {
    streams.forEach((stream, index) => (stream.write = originals[index]!));
    process.off("warning", onWarning);
  }
}
