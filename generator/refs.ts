// Stage 2a, confine references: every `$ref` must stay inside the spec's own folder. URLs are
// refused (generating never touches the network), so are paths that climb out of the folder
// or through a symlink. Returns every file the spec reaches, loaded, for the bundler.
import { realpath } from "node:fs/promises";
import path from "node:path";
import { loadFile, problemAt, type LoadedFile } from "./load.js";
import { decodeUriText, escapePointerToken, GenerateError, parsePointer, toPointer, type Problem } from "./problems.js";

export interface RefSite {
  /** Pointer of the object holding the `$ref`. */
  pointer: string;
  ref: string;
}

const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** Loads the files reachable through `$ref`s from `root`, refusing any that leave `folder`. */
export async function collectReferencedFiles(root: LoadedFile, folder: string): Promise<Map<string, LoadedFile>> {
  const files = new Map<string, LoadedFile>([[root.absolutePath, root]]);
  const problems: Problem[] = [];
  const realFolder = await realpath(folder);
  const pending = [root];

  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const site of findRefs(current.document)) {
      const [target = "", fragment = ""] = splitRef(site.ref);
      const refPointer = toPointer([...parsePointer(site.pointer), "$ref"]);
      if (URL_SCHEME.test(target)) {
        problems.push(
          problemAt(
            current,
            refPointer,
            "ref-url-refused",
            `$ref "${site.ref}" points to a URL; unitask never fetches from the network: save the referenced document inside the spec's folder and point to it relatively`,
          ),
        );
        continue;
      }
      let targetFile = current;
      if (target !== "") {
        const absoluteTarget = path.resolve(path.dirname(current.absolutePath), decodeUriText(target));
        const resolved = await realpath(absoluteTarget).catch(() => undefined);
        if (!isInside(realFolder, resolved ?? absoluteTarget)) {
          problems.push(
            problemAt(
              current,
              refPointer,
              "ref-outside-folder",
              `$ref "${site.ref}" leaves the spec's folder ${displayFolder(folder)}; unitask reads no file outside it`,
            ),
          );
          continue;
        }
        if (resolved === undefined) {
          problems.push(
            problemAt(
              current,
              refPointer,
              "ref-unresolved",
              `Can't resolve $ref "${site.ref}": file ${path.relative(process.cwd(), absoluteTarget)} does not exist`,
            ),
          );
          continue;
        }
        const known = files.get(resolved);
        if (known) {
          targetFile = known;
        } else {
          targetFile = await loadFile(resolved, path.relative(process.cwd(), resolved));
          files.set(resolved, targetFile);
          pending.push(targetFile);
        }
      }
      if (fragment !== "" && !pointerExists(targetFile.document, decodeUriText(fragment))) {
        problems.push(
          problemAt(
            current,
            refPointer,
            "ref-unresolved",
            `Can't resolve $ref "${site.ref}": ${target === "" ? "" : `${targetFile.file} has `}no ${fragment}`,
          ),
        );
      }
    }
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return files;
}

/** Every `$ref` string in a document, in document order. Iterative: real specs nest deeply. */
export function findRefs(document: unknown): RefSite[] {
  const sites: RefSite[] = [];
  if (document === null || typeof document !== "object") return sites;
  const stack: [unknown, string][] = [[document, "#"]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (!Array.isArray(node) && typeof (node as { $ref?: unknown }).$ref === "string") {
      sites.push({ pointer, ref: (node as { $ref: string }).$ref });
    }
    const entries = Object.entries(node as object);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, value] = entries[index]!;
      if (value !== null && typeof value === "object") stack.push([value, `${pointer}/${escapePointerToken(key)}`]);
    }
  }
  return sites;
}

/** The node a local `$ref` (`#/…`, a URI fragment) points to. */
export function resolveLocalRef(document: unknown, ref: string): unknown {
  return resolvePointer(document, decodeUriText(ref));
}

export function resolvePointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function pointerExists(document: unknown, pointer: string): boolean {
  try {
    return pointer === "#" || resolvePointer(document, pointer) !== undefined;
  } catch {
    return false;
  }
}

function splitRef(ref: string): [string, string] {
  const hash = ref.indexOf("#");
  return hash === -1 ? [ref, ""] : [ref.slice(0, hash), ref.slice(hash)];
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function displayFolder(folder: string): string {
  return path.relative(process.cwd(), folder) || ".";
}
