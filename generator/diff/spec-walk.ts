// The diff's one way to read a spec: find the node a change is about, following internal `$ref`s, and
// remember the JSON pointer of where that node really is (a shared component, not the operation that uses
// it); list the parameters an operation really takes. Every module in generator/diff reads through here.
import {
  deref as derefNode,
  HTTP_METHODS as OPERATION_METHODS,
  isRecord,
  parsePointer,
  refOf,
  toPointer,
} from "../spec/index.js";

export { isRecord };

export type SpecDocument = Readonly<Record<string, unknown>>;

export type Token = string | number;

export interface Located {
  value: unknown;
  tokens: readonly Token[];
}

export const HTTP_METHODS: ReadonlySet<string> = new Set(OPERATION_METHODS);

export function pointerOf(located: Located): string {
  return toPointer(located.tokens);
}

/** Follows `$ref`s (internal ones only: the specs are bundled) until the node is not a reference. */
export function deref(document: SpecDocument, located: Located): Located | undefined {
  if (refOf(located.value) === undefined) return located;
  const { node, pointer } = derefNode(document, located.value);
  if (node === undefined || pointer === undefined || refOf(node) !== undefined) return undefined;
  return { value: node, tokens: parsePointer(pointer) };
}

/** Walks `tokens` down from `start`, dereferencing before each step when `followRefs`. */
export function walk(
  document: SpecDocument,
  start: Located,
  tokens: readonly Token[],
  followRefs = true,
): Located | undefined {
  let current: Located | undefined = start;
  for (const token of tokens) {
    if (followRefs) current = deref(document, current);
    if (current === undefined) return undefined;
    const container: unknown = current.value;
    let next: unknown;
    if (Array.isArray(container)) next = container[Number(token)];
    else if (isRecord(container)) next = Object.hasOwn(container, token) ? container[token] : undefined;
    if (next === undefined) return undefined;
    current = { value: next, tokens: [...current.tokens, token] };
  }
  return followRefs && current !== undefined ? deref(document, current) : current;
}

/** Like `walk`, but the last step stays on the `$ref` itself: where a property is, not what it refers to. */
export function walkToSlot(document: SpecDocument, start: Located, tokens: readonly Token[]): Located | undefined {
  if (tokens.length === 0) return start;
  const parent = walk(document, start, tokens.slice(0, -1));
  return parent && walk(document, parent, tokens.slice(-1), false);
}

export function locate(document: SpecDocument, tokens: readonly Token[]): Located | undefined {
  return walk(document, { value: document, tokens: [] }, tokens);
}

export interface LocatedParameter extends Located {
  name: string;
  in: string;
  /** The list entry as written: the parameter, or the `$ref` to it. */
  raw: unknown;
}

/**
 * The parameters an operation really takes, in the order api-smart-diff numbers them: the operation's
 * own, then the path item's that the operation does not override (same `name` and `in`).
 */
export function operationParameters(document: SpecDocument, pathKey: string, method: string): LocatedParameter[] {
  const own = listParameters(document, ["paths", pathKey, method, "parameters"]);
  const shared = listParameters(document, ["paths", pathKey, "parameters"]);
  const overridden = new Set(own.map(parameterIdentity));
  return [...own, ...shared.filter((parameter) => !overridden.has(parameterIdentity(parameter)))];
}

export function parameterIdentity(parameter: { name: string; in: string }): string {
  return `${parameter.in}:${parameter.name}`;
}

function listParameters(document: SpecDocument, tokens: readonly Token[]): LocatedParameter[] {
  const list = locate(document, tokens);
  if (list === undefined || !Array.isArray(list.value)) return [];
  return list.value.flatMap((raw: unknown, index) => {
    const parameter = walk(document, list, [index]);
    if (parameter === undefined || !isRecord(parameter.value)) return [];
    const { name, in: where } = parameter.value;
    return typeof name === "string" && typeof where === "string" ? [{ ...parameter, name, in: where, raw }] : [];
  });
}
