// Reads a response body whole, up to a size cap counted on the bytes as decoded (fetch inflates gzip, deflate and
// brotli while streaming), so a small compressed body that expands without bound stops at the cap, costing no more
// memory than the cap and the time to inflate it.

import { ResponseTooLargeError } from "./errors.js";

/** The default `maxResponseBytes`: 32 MiB, far above any task document, far below what would strain memory. */
export const defaultMaxResponseBytes = 32 * 1024 * 1024;

const empty = new Uint8Array(0);

/**
 * The whole body of `response` (empty when it has none). Rejects with `ResponseTooLargeError` as soon as more than
 * `maxResponseBytes` bytes arrive, cancelling the rest of the body.
 */
export async function readBodyCapped(
  response: Response,
  maxResponseBytes: number,
  operationId: string | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  if (response.body === null) return empty;
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxResponseBytes) {
      reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError({ operationId, status: response.status, maxResponseBytes });
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
