// Normalization, generator side: load a mapping and check it against its spec (emit/adapter.ts emits the adapter).
export { checkMapping } from "./check-mapping.js";
export { loadMapping } from "./load-mapping.js";
export type { NormalizationMapping } from "./mapping.js";
