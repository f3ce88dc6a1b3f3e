// Media types as a spec names them, and the responses HTTP keeps without content. The rules are the runtime's
// own, so the generator and the generated client agree on which bodies are JSON and which responses have none.
export { carriesNoContent, isContentFreeStatus, isJsonMediaType } from "../../runtime/src/http/media-types.js";
