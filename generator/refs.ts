// Stage 2a, confine references: every reference (`$ref`, or a discriminator mapping that names a
// document) must stay inside the spec's own folder. URLs are refused (generating never touches the
// network), so are paths that climb out of the folder or through a symlink, and `$ref` chains that loop
// without ever reaching content. Only reference positions count (spec/references.ts): literal data such as
// an example's `$ref` is never read. Returns every file the spec reaches, loaded, for the bundler.
import { realpath } from "node:fs/promises";
import path from "node:path";
import { loadFile, problemAt, type LoadedFile } from "./load.js";
import { GenerateError, type Problem } from "./problems.js";
import { decodeUriText, deref, findReferences, resolvePointer, type ReferenceSite } from "./spec/index.js";

const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** Loads the files reachable through references from `root`, refusing any that leave `folder`. */
export async function collectReferencedFiles(root: LoadedFile, folder: string): Promise<Map<string, LoadedFile>> {
  const files = new Map<string, LoadedFile>([[root.absolutePath, root]]);
  const problems: Problem[] = [];
  const realFolder = await realpath(folder);
  const pending = [root];

  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const site of findReferences(current.document)) {
      const [target = "", fragment = ""] = splitRef(site.ref);
      const named = site.kind === "$ref" ? `$ref "${site.ref}"` : `discriminator mapping "${site.ref}"`;
      if (URL_SCHEME.test(target)) {
        problems.push(
          problemAt(
            current,
            site.pointer,
            "ref-url-refused",
            `${named} points to a URL; unitask never fetches from the network: save the referenced document inside the spec's folder and point to it relatively`,
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
              site.pointer,
              "ref-outside-folder",
              `${named} leaves the spec's folder ${displayFolder(folder)}; unitask reads no file outside it`,
            ),
          );
          continue;
        }
        if (resolved === undefined) {
          problems.push(
            problemAt(
              current,
              site.pointer,
              "ref-unresolved",
              `Can't resolve ${named}: file ${path.relative(process.cwd(), absoluteTarget)} does not exist`,
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
      const problem = checkFragment(current, site, targetFile, target, fragment);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return files;
}

function checkFragment(
  current: LoadedFile,
  site: ReferenceSite,
  targetFile: LoadedFile,
  target: string,
  fragment: string,
): Problem | undefined {
  if (fragment === "" || fragment === "#") return undefined;
  const pointer = decodeUriText(fragment);
  const named = site.kind === "$ref" ? `$ref "${site.ref}"` : `discriminator mapping "${site.ref}"`;
  const node = resolvePointer(targetFile.document, pointer);
  if (node === undefined) {
    return problemAt(
      current,
      site.pointer,
      "ref-unresolved",
      `Can't resolve ${named}: ${target === "" ? "" : `${targetFile.file} has `}no ${fragment}`,
    );
  }
  // A chain of `$ref`s that comes back to itself names no schema at all; tools that follow it never stop.
  if (deref(targetFile.document, node, pointer).node === undefined) {
    return problemAt(
      current,
      site.pointer,
      "ref-cycle",
      `${named} starts a chain of $refs that loops back without reaching any content (${pointer} → … → ${pointer})`,
    );
  }
  return undefined;
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
