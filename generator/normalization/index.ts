// Normalization, generator side: load a mapping, check it against its spec, emit the provider's adapter.
export { checkMapping } from "./check-mapping.js";
export { emitAdapter, type EmitAdapterInput } from "./emit-adapter.js";
export { loadMapping } from "./load-mapping.js";
export type { NormalizationMapping } from "./mapping.js";
