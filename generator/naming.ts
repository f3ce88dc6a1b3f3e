// Names for generated identifiers, derived from spec text that may contain anything.

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield await".split(
    " ",
  ),
);

/** Splits `get-task_by ID`, `getTaskByID`, `task.v2` into words. */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z\d]+/)
    .filter((word) => word !== "");
}

export function pascalCase(text: string): string {
  const name = splitWords(text)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join("");
  return /^\d/.test(name) ? `_${name}` : name;
}

export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  const name = pascal.startsWith("_") ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
  return RESERVED.has(name) ? `${name}_` : name;
}

/** `tasks` → `task`, `categories` → `category`, `status` stays. Good enough for names, not grammar. */
export function singular(word: string): string {
  if (/ies$/i.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * A function name for an operation without `operationId`: the method and the path's static
 * segments, version prefixes dropped; an item path (ending in a parameter) names one thing.
 * `GET /v2/tasks/{taskId}` → `getTask`, `GET /api/v1/tasks` → `getTasks`.
 */
export function nameFromMethodAndPath(method: string, path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  const endsWithParameter = /^\{.*\}$/.test(segments.at(-1) ?? "");
  const words = segments.filter((segment) => !/^\{.*\}$/.test(segment) && !/^(api|v\d+(\.\d+)*)$/i.test(segment));
  if (endsWithParameter && words.length > 0) words[words.length - 1] = singular(words.at(-1)!);
  return camelCase([method, ...words].join(" "));
}

/** The fallback when names collide: every segment, parameters as `by<Name>`. */
export function nameFromFullPath(method: string, path: string): string {
  const words = path
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => segment.replace(/^\{(.*)\}$/, "by $1"));
  return camelCase([method, ...words].join(" "));
}
