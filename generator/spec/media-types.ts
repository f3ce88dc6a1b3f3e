// Media types as a spec names them. The rule for JSON is the runtime's own, so the generator and the
// generated client agree on which bodies are JSON.
export { isJsonMediaType } from "../../runtime/src/http/media-types.js";
