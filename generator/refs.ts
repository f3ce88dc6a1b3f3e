// Stage 2a, confine references: every reference (`$ref`, or a discriminator mapping that names a
// document) must stay inside the spec's own folder. URLs are refused (generating never touches the
// network), so are paths that climb out of the folder or through a symlink, and `$ref` chains that loop
// without ever reaching content. Only reference positions count (spec/walk.ts): literal data such as
// an example's `$ref` is never read. Returns every file the spec reaches, loaded, for the bundler.
//
// A discriminator mapping entry that resolves to nothing (upstream bundlers leave entries such as
// `models/pet.yml#/Cat` relative to files the published document no longer comes with) is a warning, and
// its discriminator is dropped: which branch the entry meant is unknown, so no value can be tied to a
// branch (not even by schema name, OpenAPI's implicit mapping, which could contradict the lost entry),
// and the oneOf/anyOf alone tells the values apart, as JSON Schema does. A `$ref` to nothing leaves a type
// unknown, so it stays an error.
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { loadFile, problemAt, type LoadedFile } from "./load.js";
import { GenerateError, type Problem } from "./problems.js";
import {
  decodeUriText,
  deref,
  findReferences,
  isRecord,
  parsePointer,
  resolvePointer,
  toPointer,
  type ReferenceSite,
} from "./spec/index.js";

const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i;

export interface ReferencedFiles {
  /** Every file the spec reaches, by absolute path, the spec itself included. */
  files: Map<string, LoadedFile>;
  /** The mapping entries that resolve to nothing; their discriminators are dropped from their documents. */
  warnings: Problem[];
}

/** Loads the files reachable through references from `root`, refusing any that leave `folder`. */
export async function collectReferencedFiles(root: LoadedFile, folder: string): Promise<ReferencedFiles> {
  const files = new Map<string, LoadedFile>([[root.absolutePath, root]]);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const unresolved = (current: LoadedFile, site: ReferenceSite, reason: string): void => {
    if (site.kind === "$ref") {
      problems.push(problemAt(current, site.pointer, "ref-unresolved", `Can't resolve $ref "${site.ref}": ${reason}`));
      return;
    }
    warnings.push(
      problemAt(
        current,
        site.pointer,
        "mapping-unresolved",
        `discriminator mapping "${site.ref}" resolves to nothing (${reason}): the discriminator is ignored, its oneOf/anyOf tells the values apart`,
        "warning",
      ),
    );
    dropDiscriminator(current.document, site.pointer);
    // A dropped discriminator may have been where a $ref pointed.
    resolutions.clear();
  };
  // Real specs point at a few hundred components from tens of thousands of places: each is resolved once.
  const resolutions = new Map<string, "found" | "missing" | "cycle">();
  const resolveFragment = (file: LoadedFile, fragment: string): "found" | "missing" | "cycle" => {
    const key = `${file.absolutePath}#${fragment}`;
    let resolution = resolutions.get(key);
    if (resolution === undefined) {
      const pointer = decodeUriText(fragment);
      const node = resolvePointer(file.document, pointer);
      // A chain of `$ref`s that comes back to itself names no schema at all; tools that follow it never stop.
      resolution =
        node === undefined ? "missing" : deref(file.document, node, pointer).node === undefined ? "cycle" : "found";
      resolutions.set(key, resolution);
    }
    return resolution;
  };
  const realFolder = await realpath(folder);
  const pending = [root];

  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const site of findReferences(current.document)) {
      const [target = "", fragment = ""] = splitRef(site.ref);
      if (URL_SCHEME.test(target)) {
        problems.push(
          problemAt(
            current,
            site.pointer,
            "ref-url-refused",
            `${describe(site)} points to a URL; unitask never fetches from the network: save the referenced document inside the spec's folder and point to it relatively`,
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
              `${describe(site)} leaves the spec's folder ${displayFolder(folder)}; unitask reads no file outside it`,
            ),
          );
          continue;
        }
        if (resolved === undefined) {
          unresolved(current, site, `file ${path.relative(process.cwd(), absoluteTarget)} does not exist`);
          continue;
        }
        const known = files.get(resolved);
        if (known) {
          targetFile = known;
        } else if (!(await stat(resolved)).isFile()) {
          // A folder cannot be read, and a named pipe would block the read forever.
          unresolved(current, site, `${path.relative(process.cwd(), resolved)} is not a file`);
          continue;
        } else {
          targetFile = await loadFile(resolved, path.relative(process.cwd(), resolved));
          files.set(resolved, targetFile);
          pending.push(targetFile);
        }
      }
      if (fragment === "" || fragment === "#") continue;
      const resolution = resolveFragment(targetFile, fragment);
      if (resolution === "missing") {
        unresolved(current, site, `${target === "" ? "" : `${targetFile.file} has `}no ${fragment}`);
        continue;
      }
      if (resolution === "cycle") {
        const pointer = decodeUriText(fragment);
        problems.push(
          problemAt(
            current,
            site.pointer,
            "ref-cycle",
            `${describe(site)} starts a chain of $refs that loops back without reaching any content (${pointer} → … → ${pointer})`,
          ),
        );
      }
    }
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return { files, warnings };
}

function describe(site: ReferenceSite): string {
  return site.kind === "$ref" ? `$ref "${site.ref}"` : `discriminator mapping "${site.ref}"`;
}

/** Drops the discriminator of a mapping entry (`…/discriminator/mapping/<value>`) from its schema. */
function dropDiscriminator(document: unknown, entryPointer: string): void {
  const schema = resolvePointer(document, toPointer(parsePointer(entryPointer).slice(0, -3)));
  if (isRecord(schema)) delete schema.discriminator;
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
