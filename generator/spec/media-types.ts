// Media types as a spec names them, and the responses HTTP keeps without content. The rules are the runtime's
// own, so the generator and the generated client agree on which bodies are JSON and which responses have none.
export { carriesNoContent, isContentFreeStatus, isJsonMediaType } from "../../runtime/src/http/media-types.js";

/**
 * Whether a response key is the `2XX` range, which spans 204 and 205: a call it documents content for may still
 * resolve with no body, so its data type includes `undefined` (as the runtime's OperationData says).
 */
export function spansContentFreeSuccess(status: string): boolean {
  return /^2XX$/i.test(status);
}
