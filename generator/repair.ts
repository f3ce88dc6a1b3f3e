// Stage 2d, repair: constructs OpenAPI allows, or that validation let through as warnings, rewritten into
// the one form every later stage (and openapi-typescript) reads. In memory only; the spec file is untouched.
import { problemAt, type LoadedFile } from "./load.js";
import type { Problem } from "./problems.js";
import { escapePointerToken, isRecord, walkTyped } from "./spec/index.js";

/**
 * Discriminator mapping values may name a schema instead of referencing it (`Option One: OptionOne`,
 * OpenAPI 3.0.3 §4.7.25.3): each name becomes `#/components/schemas/<name>`. A name that is no schema
 * of the document is an error. Redocly's rule for telling a reference from a name: it has a `/` or a `#`.
 */
export function resolveMappingNames(root: LoadedFile): Problem[] {
  const problems: Problem[] = [];
  const components = isRecord(root.document) ? root.document.components : undefined;
  const schemas = isRecord(components) && isRecord(components.schemas) ? components.schemas : {};
  walkTyped(root.document, (node) => {
    const { value } = node;
    if (node.type !== "DiscriminatorMapping" || !isRecord(value)) return;
    for (const [key, name] of Object.entries(value)) {
      if (typeof name !== "string" || name.includes("/") || name.startsWith("#")) continue;
      if (!Object.hasOwn(schemas, name)) {
        problems.push(
          problemAt(
            root,
            `${node.pointer}/${escapePointerToken(key)}`,
            "mapping-name-unknown",
            `discriminator mapping "${key}" names the schema "${name}", which components/schemas does not have`,
          ),
        );
        continue;
      }
      value[key] = `#/components/schemas/${escapePointerToken(name).replaceAll("%", "%25")}`;
    }
  });
  return problems;
}

/**
 * A `null` where a schema belongs, which validation reported as a warning, reads as `{}`: any value.
 * (`true` and `false` are schemas in their own right, which openapi-typescript reads.)
 */
export function replaceNullSchemas(document: unknown): void {
  walkTyped(document, ({ value, type, parent, key }) => {
    if (type === "Schema" && value === null && parent !== undefined && key !== undefined)
      (parent as Record<string | number, unknown>)[key] = {};
  });
}
