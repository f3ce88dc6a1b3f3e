// unitask.config.json: what a folder layout cannot say (the npm names of the packages, their license and
// repository, and the default --specs and --out), read from the working directory and validated field by
// field. Kept free of heavy imports: every run reads it before deciding whether there is anything to do.
import { readFileSync } from "node:fs";
import path from "node:path";
import { closestMatch } from "./command-line.js";
import { displayPath } from "./inputs.js";
import { GenerateError, type Problem } from "./problems.js";
import { toPointer } from "./spec/pointer.js";

export const CONFIG_FILE = "unitask.config.json";

/** What every generated package.json says beyond the spec; part of every package's fingerprint. */
export interface PackageSettings {
  /** The npm scope of the provider packages (`@acme`); a provider.yaml `package` overrides it. */
  scope: string;
  /** The npm name of the shared runtime package. */
  runtimePackage: string;
  /** The license of a package whose spec has no `info.license`; UNLICENSED when absent too. */
  license?: string;
  /** The git repository the packages are published from; each package's `directory` is added. */
  repository?: string;
  homepage?: string;
  /** The output folder relative to the repository root, for `repository.directory`. */
  outFromRoot: string;
}

export interface UnitaskConfig {
  /** The config file's folder (the working directory without one): paths in the file are relative to it. */
  root: string;
  specs: string;
  out: string;
  packages: PackageSettings;
}

/** What a run without a config file uses. */
export function defaultPackageSettings(): PackageSettings {
  return { scope: "@unitask", runtimePackage: "@unitask/core", outFromRoot: "generated" };
}

const NPM_NAME = /^(@[a-z\d][a-z\d._-]*\/)?[a-z\d][a-z\d._-]*$/;
const NPM_SCOPE = /^@[a-z\d][a-z\d._-]*$/;

type FieldCheck = (value: unknown) => string | undefined;

const text =
  (what: string, pattern?: RegExp): FieldCheck =>
  (value) =>
    typeof value !== "string" || value === "" || (pattern && !pattern.test(value))
      ? `must be ${what} (got ${JSON.stringify(value)})`
      : undefined;

/** Every field the config file may hold, with its check. */
const FIELDS: Record<string, FieldCheck> = {
  $schema: text("a string"),
  specs: text("a folder path"),
  out: text("a folder path"),
  scope: text('an npm scope such as "@acme"', NPM_SCOPE),
  runtimePackage: text('an npm package name such as "@acme/unitask-core"', NPM_NAME),
  license: text('an SPDX license expression such as "MIT" or "Apache-2.0"', /^[A-Za-z\d.+\-() ]+$/),
  repository: text(
    'a repository URL such as "https://github.com/acme/clients"',
    /^(https?|git\+https|git|ssh):\/\/\S+$/,
  ),
  homepage: text('an http(s) URL such as "https://acme.dev/clients"', /^https?:\/\/\S+$/),
};

/**
 * Reads `unitask.config.json` in `cwd` (or `file`, when given), with defaults for every field.
 * Paths in the file are relative to its folder. Throws a GenerateError naming the file and field.
 */
export async function loadConfig(cwd: string, file?: string): Promise<UnitaskConfig> {
  const absolute = path.resolve(cwd, file ?? CONFIG_FILE);
  let raw: string | undefined;
  try {
    raw = readFileSync(absolute, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" || file !== undefined)
      throw new GenerateError([configProblem(absolute, undefined, undefined, `cannot read the config file (${code})`)]);
  }
  const values = raw === undefined ? {} : await parseConfig(absolute, raw);
  const folder = path.dirname(absolute);
  const out = path.resolve(folder, (values.out as string | undefined) ?? "generated");
  const scope = (values.scope as string | undefined) ?? "@unitask";
  return {
    root: folder,
    specs: path.resolve(folder, (values.specs as string | undefined) ?? "specs"),
    out,
    packages: {
      scope,
      runtimePackage: (values.runtimePackage as string | undefined) ?? `${scope}/core`,
      license: values.license as string | undefined,
      repository: values.repository as string | undefined,
      homepage: values.homepage as string | undefined,
      outFromRoot: path.relative(folder, out).split(path.sep).join("/"),
    },
  };
}

async function parseConfig(absolute: string, raw: string): Promise<Record<string, unknown>> {
  let document: unknown;
  try {
    document = JSON.parse(raw);
  } catch (error) {
    throw new GenerateError([configProblem(absolute, undefined, raw, `invalid JSON: ${(error as Error).message}`)]);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document))
    throw new GenerateError([configProblem(absolute, undefined, raw, "must be a JSON object")]);
  const problems: Problem[] = [];
  for (const [field, value] of Object.entries(document)) {
    const check = FIELDS[field];
    if (!check) {
      const suggestion = closestMatch(field, Object.keys(FIELDS));
      problems.push(
        configProblem(
          absolute,
          field,
          raw,
          `unknown field "${field}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; allowed: ${Object.keys(FIELDS).join(", ")}`,
        ),
      );
      continue;
    }
    const message = check(value);
    if (message) problems.push(configProblem(absolute, field, raw, message));
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return document as Record<string, unknown>;
}

/** A problem with the whole file, or with one top-level `field`, located by its line. */
function configProblem(absolute: string, field: string | undefined, raw: string | undefined, message: string): Problem {
  // The config is flat: the first `"field"` in the file is the key, good enough to point an editor at it.
  const at = field === undefined || raw === undefined ? -1 : raw.indexOf(JSON.stringify(field));
  return {
    code: "config-invalid",
    severity: "error",
    file: displayPath(absolute),
    pointer: field === undefined ? "" : toPointer([field]),
    ...(at === -1 ? {} : { line: raw!.slice(0, at).split("\n").length }),
    message,
  };
}
