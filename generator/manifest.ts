// The optional provider.yaml beside a spec: what the package needs that the spec does not say.
// A folder without one gets defaults, so any spec dropped into specs/<name>/ becomes a package.
import { Ajv, type ValidateFunction } from "ajv";
import { problemAt, type LoadedFile } from "./load.js";
import { pascalCase } from "./naming.js";
import type { Problem } from "./problems.js";

export interface Manifest {
  /** The provider's folder name. */
  name: string;
  pascalName: string;
  displayName: string;
  packageName: string;
  /** The npm name of the shared runtime the package imports. */
  runtimePackage: string;
  /** The version a package starts at; later versions follow the spec's changes. */
  version: string;
}

const manifestSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    package: { type: "string", pattern: "^(@[a-z\\d][a-z\\d._-]*/)?[a-z\\d][a-z\\d._-]*$", maxLength: 214 },
    version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+(-[\\da-zA-Z.-]+)?$" },
    displayName: { type: "string", minLength: 1, maxLength: 80, pattern: "^[^\\r\\n]*$" },
  },
} as const;

/** Compiled on first use (25 ms): most spec folders have no provider.yaml. */
let validateManifest: ValidateFunction | undefined;

/** `names`: the scope of a package without a `package` field, and the runtime's package name. */
export function readManifest(
  name: string,
  file: LoadedFile | undefined,
  names: { scope: string; runtimePackage: string } = { scope: "@unitask", runtimePackage: "@unitask/core" },
): { manifest: Manifest; problems: Problem[] } {
  const raw = (file?.document ?? {}) as { package?: string; version?: string; displayName?: string };
  const problems = file ? manifestProblems(file) : [];
  const displayName = problems.length === 0 && raw.displayName ? raw.displayName : pascalCase(name);
  return {
    manifest: {
      name,
      pascalName: pascalCase(name),
      displayName,
      packageName: (problems.length === 0 && raw.package) || `${names.scope}/${name}`,
      runtimePackage: names.runtimePackage,
      version: (problems.length === 0 && raw.version) || "0.1.0",
    },
    problems,
  };
}

function manifestProblems(file: LoadedFile): Problem[] {
  validateManifest ??= new Ajv({ allErrors: true }).compile(manifestSchema);
  if (validateManifest(file.document ?? {})) return [];
  return (validateManifest.errors ?? []).map((error) => {
    const field = error.keyword === "additionalProperties" ? `/${String(error.params.additionalProperty)}` : "";
    const detail =
      error.keyword === "additionalProperties"
        ? `unknown field "${String(error.params.additionalProperty)}" (allowed: package, version, displayName)`
        : error.message;
    return problemAt(
      file,
      `#${error.instancePath}${field}`,
      "manifest-invalid",
      `invalid manifest: ${error.instancePath || "the document"} ${detail}`,
    );
  });
}
