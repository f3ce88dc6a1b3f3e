// Emits spec/openapi.json: the bundled spec the package was built from, and what the next run compares
// against. Written as JSON.stringify formats it, not through prettier: it is data as large as the spec.
import type { OpenApiDocument } from "../bundle.js";

export function emitBundledSpec(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
