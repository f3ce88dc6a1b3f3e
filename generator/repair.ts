// Stage 2d, repair: constructs OpenAPI allows, or that validation let through as warnings, rewritten into
// the one form every later stage (and openapi-typescript) reads. In memory only; the spec file is untouched.
import { problemAt, type LoadedFile } from "./load.js";
import type { Problem } from "./problems.js";
import {
  carriesNoContent,
  deref,
  escapePointerToken,
  HTTP_METHODS,
  isRecord,
  listOperations,
  walkTyped,
} from "./spec/index.js";

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

/**
 * HTTP gives no content to a 204, 205 or 304 response, nor to any response to HEAD (RFC 9110 §6.4.1, §15.3.6),
 * so `content` documented there describes nothing a client receives: each such response of an operation is read
 * without it, and the types, the client and its tests say "no body" as the wire does. A response component shared
 * with other statuses keeps its content there: the operation gets its own copy. One warning per response.
 */
export function dropForbiddenContent(root: LoadedFile, document: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const { method, pointer, operation } of listOperations(document)) {
    if (!isRecord(operation.responses)) continue;
    const responses = operation.responses;
    for (const status of Object.keys(responses)) {
      // A range or `default` spans statuses with content, unless the method is HEAD.
      if (!carriesNoContent(method, /^\d{3}$/.test(status) ? Number(status) : 0)) continue;
      const response = deref(document, responses[status]).node;
      if (!isRecord(response) || !isRecord(response.content) || Object.keys(response.content).length === 0) continue;
      const { content: _content, ...withoutContent } = response;
      responses[status] = withoutContent;
      problems.push(
        problemAt(
          root,
          `${pointer}/responses/${escapePointerToken(status)}`,
          "content-without-body",
          "content documented where HTTP sends none (a 204, 205 or 304 response, or any response to HEAD: RFC 9110 §6.4.1, §15.3.6): read as no body",
          "warning",
        ),
      );
    }
  }
  return problems;
}

/** Lower-cased: header parameters by these names are set by the media types and the security schemes. */
const IGNORED_HEADER_PARAMETERS = new Set(["accept", "content-type", "authorization"]);

/**
 * Header parameters named `Accept`, `Content-Type` or `Authorization` "SHALL be ignored" (OpenAPI 3.0.3 and 3.1,
 * Parameter Object, `in`): removed from the bundled document, so no stage types, sends or expects them, each a
 * warning. A client that sent a spec's sample `Authorization: Bearer <TOKEN>` would replace the real credentials.
 */
export function removeIgnoredHeaderParameters(root: LoadedFile, document: unknown): Problem[] {
  const problems: Problem[] = [];
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    const pathItem = deref(document, item).node;
    if (!isRecord(pathItem)) continue;
    const pathPointer = `#/paths/${escapePointerToken(path)}`;
    const owners: [unknown, string][] = [
      [pathItem, pathPointer],
      ...HTTP_METHODS.map((method): [unknown, string] => [pathItem[method], `${pathPointer}/${method}`]),
    ];
    for (const [owner, pointer] of owners) {
      if (!isRecord(owner) || !Array.isArray(owner.parameters)) continue;
      owner.parameters = owner.parameters.filter((entry: unknown, index: number) => {
        const parameter = deref(document, entry).node;
        const ignored =
          isRecord(parameter) &&
          parameter.in === "header" &&
          typeof parameter.name === "string" &&
          IGNORED_HEADER_PARAMETERS.has(parameter.name.toLowerCase());
        if (ignored)
          problems.push(
            problemAt(
              root,
              `${pointer}/parameters/${index}`,
              "ignored-header-parameter",
              `Header parameter \`${String(parameter.name)}\`: ignored, as OpenAPI says (the media types and security schemes set it)`,
              "warning",
            ),
          );
        return !ignored;
      });
    }
  }
  return problems;
}
