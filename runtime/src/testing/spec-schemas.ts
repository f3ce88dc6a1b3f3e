// Validates values against the schemas of a package's bundled spec (spec/openapi.json) with ajv, so that a fixture
// served by a generated test, or Prism's answer, is checked against the spec itself. A schema is named by its JSON
// pointer in the spec and compiled in place, so its internal `$ref`s resolve against the whole document.
// OpenAPI 3.1 schemas are JSON Schema 2020-12 (Ajv2020); OpenAPI 3.0 schemas are read as draft-07 (Ajv), which also
// understands 3.0's `nullable`. Unknown keywords and formats are ignored, as JSON Schema says and as the generator
// does (a spec's `regex` or `name` inside a schema constrains nothing); the OpenAPI formats are checked.

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export interface Violation {
  /** JSON pointer into the validated value ("" for the value itself). */
  at: string;
  keyword: string;
  message: string;
  /** For `oneOf`: the branches the value matched, when it matched more than one (the spec's branches overlap). */
  matchedBranches?: number[];
}

export interface SpecSchemas {
  /** Every way `value` breaks the schema at `pointer` (e.g. `#/components/schemas/Task`); [] when it is valid. */
  violations(pointer: string, value: unknown): Violation[];
}

const documentId = "urn:unitask:spec";
const int32 = 2 ** 31;
/**
 * JSON Schema patterns are ECMAScript expressions; one that is not (Linode's Ruby-style `\A…\Z`) constrains nothing
 * the validator could check, and must not make every schema beside it fail to compile.
 */
const lenientRegExp = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      return { test: () => true };
    }
  },
  { code: "new RegExp" },
);
const ajvOptions = { allErrors: true, strict: false, logger: false, code: { regExp: lenientRegExp } } as const;

export function compileSpecSchemas(document: Record<string, unknown>): SpecSchemas {
  const version = String(document.openapi ?? "");
  const ajv = version.startsWith("3.0") ? new Ajv(ajvOptions) : new Ajv2020(ajvOptions);
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
  ajv.addSchema({ ...documentForValidation(document, version.startsWith("3.0")), $id: documentId });

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
      const errors = validate.errors ?? [];
      // Where a value matches several branches of a oneOf, the errors of the branches it fails say nothing more:
      // the branches it matches report none, so every other error at or below that value comes from those.
      const overlaps = errors.filter(
        (error) => error.keyword === "oneOf" && Array.isArray(error.params.passingSchemas),
      );
      return withoutBranchErrors(errors, overlaps).map((error) => {
        const passing: unknown = error.params.passingSchemas;
        return {
          at: error.instancePath,
          keyword: error.keyword,
          message: error.message ?? "",
          ...(error.keyword === "oneOf" && Array.isArray(passing) ? { matchedBranches: passing as number[] } : {}),
        };
      });
    },
  };
}

function withoutBranchErrors(errors: readonly ErrorObject[], overlaps: readonly ErrorObject[]): ErrorObject[] {
  const within = (path: string, parent: string) => path === parent || path.startsWith(`${parent}/`);
  return errors.filter(
    (error) => !overlaps.some((overlap) => error !== overlap && within(error.instancePath, overlap.instancePath)),
  );
}

/** Keywords whose value maps names (a property's, a component's) to schemas or OpenAPI objects: keys, not keywords. */
const nameMaps = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas"]);

/**
 * The document as ajv is given it. Ajv looks for `$id` in every object it does not know to be data, so an
 * example or an `x-` extension holding `"$id": "…"` (Box's metadata examples) would be registered as a schema
 * and break every compilation ("resolves to more than one schema"): they are left out, since they constrain
 * nothing. `nullable` is left out where a schema has no `type`, which ajv refuses ("nullable cannot be used
 * without type") though such a schema already accepts null; in 3.0 and in the 3.1 documents that still use it
 * (ReadMe's), as the generator reads it in both. In 3.0, `exclusiveMinimum: true` qualifies `minimum` (draft 4's
 * form, which draft-07 ajv refuses: "exclusiveMinimum value must be number"): it becomes `exclusiveMinimum: <minimum>`,
 * and likewise for the maximum; `false` adds nothing.
 */
function documentForValidation(document: Record<string, unknown>, openapi30: boolean): Record<string, unknown> {
  const bounds: Record<string, string> = { exclusiveMinimum: "minimum", exclusiveMaximum: "maximum" };
  const copy = (value: unknown, namesOnly: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item) => copy(item, false));
    if (typeof value !== "object" || value === null) return value;
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!namesOnly) {
        if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
        if (key === "nullable" && !("type" in value)) continue;
        if (openapi30 && typeof inner === "boolean" && key in bounds) {
          const bound = (value as Record<string, unknown>)[bounds[key]!];
          if (inner && typeof bound === "number") result[key] = bound;
          continue;
        }
      }
      Object.defineProperty(result, key, {
        value: copy(inner, !namesOnly && nameMaps.has(key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  };
  return copy(document, false) as Record<string, unknown>;
}

/** A JSON pointer as a URI fragment: `{` `}` and other characters outside a fragment's grammar percent-encoded. */
function encodePointerForUri(pointer: string): string {
  return pointer
    .split("/")
    .map((token) => encodeURIComponent(token).replaceAll("%7E", "~"))
    .join("/");
}
