// Validates values against the schemas of a package's bundled spec (spec/openapi.json) with ajv, so that a fixture
// served by a generated test, or Prism's answer, is checked against the spec itself. A schema is named by its JSON
// pointer in the spec and compiled in place, so its internal `$ref`s resolve against the whole document.
// OpenAPI 3.1 schemas are JSON Schema 2020-12 (Ajv2020); OpenAPI 3.0 schemas are read as draft-07 (Ajv), which also
// understands 3.0's `nullable`. Validation stays strict: unknown keywords and formats are errors, except the
// OpenAPI keywords and formats declared below.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export interface Violation {
  /** JSON pointer into the validated value ("" for the value itself). */
  at: string;
  keyword: string;
  message: string;
}

export interface SpecSchemas {
  /** Every way `value` breaks the schema at `pointer` (e.g. `#/components/schemas/Task`); [] when it is valid. */
  violations(pointer: string, value: unknown): Violation[];
}

const documentId = "urn:unitask:spec";
// The OpenAPI Object's own fields: the document is registered whole so that `#/components/...` refs resolve,
// and ajv must not mistake these for misspelt JSON Schema keywords. Their values are never validated.
const documentKeywords = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
  "externalDocs",
];
// Schema Object fields that OpenAPI adds to JSON Schema: annotations, with nothing to validate. (A discriminator
// only names the branch; the oneOf/anyOf beside it still decides validity.)
const schemaAnnotations = ["example", "discriminator", "xml", "externalDocs"];
const int32 = 2 ** 31;

export function readSpecSchemas(specFile: string | URL): SpecSchemas {
  const document = JSON.parse(
    readFileSync(specFile instanceof URL ? fileURLToPath(specFile) : specFile, "utf8"),
  ) as Record<string, unknown>;
  const version = String(document.openapi ?? "");
  const ajv = version.startsWith("3.0") ? new Ajv({ allErrors: true }) : new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  // The formats the OpenAPI specification defines beyond JSON Schema's.
  ajv.addFormat("int32", {
    type: "number",
    validate: (value: number) => Number.isInteger(value) && value >= -int32 && value < int32,
  });
  ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  ajv.addFormat("password", true);
  ajv.addFormat("binary", true);
  for (const keyword of new Set([...documentKeywords, ...schemaAnnotations, ...extensionKeywords(document)])) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }
  ajv.addSchema({ ...document, $id: documentId });

  const compiled = new Map<string, ValidateFunction>();
  return {
    violations(pointer, value) {
      if (!pointer.startsWith("#/")) throw new Error(`not a JSON pointer into the spec: ${pointer}`);
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${documentId}#${encodePointerForUri(pointer.slice(1))}` });
        compiled.set(pointer, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map((error) => ({
        at: error.instancePath,
        keyword: error.keyword,
        message: error.message ?? "",
      }));
    },
  };
}

/** `x-…` vendor extensions used anywhere in the document. */
function extensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extensionKeywords(item, found);
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeywords(value, found);
    }
  }
  return found;
}

/** A JSON pointer as a URI fragment: `{` `}` and other characters outside a fragment's grammar percent-encoded. */
function encodePointerForUri(pointer: string): string {
  return pointer
    .split("/")
    .map((token) => encodeURIComponent(token).replaceAll("%7E", "~"))
    .join("/");
}
