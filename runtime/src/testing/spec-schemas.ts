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
  const forValidation = documentForValidation(document, version.startsWith("3.0"));
  ajv.addSchema({ ...forValidation.document, $id: documentId });

  const compiled = new Map<string, ValidateFunction>();
  return {
    violations(pointer, value) {
      if (!pointer.startsWith("#/")) throw new Error(`not a JSON pointer into the spec: ${pointer}`);
      let validate = compiled.get(pointer);
      if (!validate) {
        const moved = forValidation.pointerOf(encodePointerForUri(pointer.slice(1)));
        validate = ajv.compile({ $ref: `${documentId}#${moved}` });
        compiled.set(pointer, validate);
      }
      if (validate(value)) return [];
      const errors = validate.errors ?? [];
      // Where a value matches several branches of a oneOf, the errors of the branches it fails say nothing more:
      // the branches it matches report none, so every other error at or below that value comes from those.
      const overlaps = errors.filter(
        (error) => error.keyword === "oneOf" && Array.isArray(error.params.passingSchemas),
      );
      // An `if` adds nothing to the errors of its branch ("must match "else" schema").
      return withoutBranchErrors(errors, overlaps)
        .filter((error) => error.keyword !== "if")
        .map((error) => {
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
 * Where a wrapped schema's own keywords move to: `{ if: { type: "null" }, else: <here> }`. Not an `anyOf`, whose
 * null branch would add "must be null" to every violation of the rest; an `if` adds one error of its own kind.
 */
const unwrapped = ["else"];

/**
 * The document as ajv is given it, and where each schema of the spec went in it. Ajv looks for `$id` in every
 * object it does not know to be data, so an example or an `x-` extension holding `"$id": "…"` (Box's metadata
 * examples) would be registered as a schema and break every compilation ("resolves to more than one schema"): they
 * are left out, since they constrain nothing. `nullable: true` beside no `type`, which ajv refuses ("nullable cannot
 * be used without type"), means what the generated types say (`T | null`, in 3.0 and in the 3.1 documents that
 * still use it, ReadMe's): the schema becomes "null, or else the rest", so that Asana's
 * `{ nullable: true, allOf: [{ $ref: Object }] }` accepts null, and a `$ref` into the rest is moved with it. In 3.0,
 * `exclusiveMinimum: true` qualifies `minimum` (draft 4's form, which draft-07 ajv refuses: "exclusiveMinimum value
 * must be number"): it becomes `exclusiveMinimum: <minimum>`, and likewise for the maximum; `false` adds nothing.
 */
function documentForValidation(
  document: Record<string, unknown>,
  openapi30: boolean,
): {
  document: Record<string, unknown>;
  pointerOf: (pointer: string) => string;
} {
  // JSON pointers (`/components/schemas/Pet`, tokens escaped as RFC 6901 says) of the wrapped schemas.
  const wrapped = new Set<string>();
  const refHolders: Record<string, unknown>[] = [];
  const bounds: Record<string, string> = { exclusiveMinimum: "minimum", exclusiveMaximum: "maximum" };
  const copy = (value: unknown, namesOnly: boolean, at: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => copy(item, false, `${at}/${index}`));
    if (typeof value !== "object" || value === null) return value;
    const result: Record<string, unknown> = {};
    // A `type` that names no JSON type (Codat's `type: { enum: […] }`) ajv refuses to compile: read as no type.
    const untyped = !namesOnly && !("type" in value && namesJsonTypes(value.type));
    const untypedNullable = untyped && Object.hasOwn(value, "nullable");
    for (const [key, inner] of Object.entries(value)) {
      if (!namesOnly && (key === "example" || key === "examples" || key.startsWith("x-"))) continue;
      if (untyped && (key === "type" || key === "nullable")) continue;
      if (!namesOnly && openapi30 && typeof inner === "boolean" && key in bounds) {
        const bound = (value as Record<string, unknown>)[bounds[key]!];
        if (inner && typeof bound === "number") result[key] = bound;
        continue;
      }
      Object.defineProperty(result, key, {
        value: copy(inner, !namesOnly && nameMaps.has(key), `${at}/${escapeToken(key)}`),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (!namesOnly && typeof result.$ref === "string") refHolders.push(result);
    if (!untypedNullable || (value as { nullable?: unknown }).nullable !== true) return result;
    wrapped.add(at);
    return { if: { type: "null" }, else: result };
  };
  const copied = copy(document, false, "") as Record<string, unknown>;
  // A pointer (a URI fragment) with the way into the rest of each wrapped schema it passes through inserted.
  const pointerOf = (pointer: string): string => {
    if (wrapped.size === 0) return pointer;
    const [first = "", ...tokens] = pointer.split("/");
    const moved = [first];
    let at = "";
    for (const token of tokens) {
      if (wrapped.has(at)) moved.push(...unwrapped);
      at += `/${percentDecoded(token)}`;
      moved.push(token);
    }
    return moved.join("/");
  };
  for (const holder of refHolders)
    if ((holder.$ref as string).startsWith("#/")) holder.$ref = pointerOf(holder.$ref as string);
  return { document: copied, pointerOf };
}

function escapeToken(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A `$ref`'s pointer token is a URI fragment's: percent-encoding is undone before `~1` and `~0` are read. */
function percentDecoded(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** A `type` ajv compiles: a JSON type's name or a list of them. */
function namesJsonTypes(type: unknown): boolean {
  return typeof type === "string" || (Array.isArray(type) && type.every((name) => typeof name === "string"));
}

/** A JSON pointer as a URI fragment: `{` `}` and other characters outside a fragment's grammar percent-encoded. */
function encodePointerForUri(pointer: string): string {
  return pointer
    .split("/")
    .map((token) => encodeURIComponent(token).replaceAll("%7E", "~"))
    .join("/");
}
