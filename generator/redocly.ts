// The Redocly engine openapi-typescript itself uses, confined to the files unitask already
// loaded and checked: it never reads the disk or the network on its own.
import { BaseResolver, createConfig, Source, type Config, type Document } from "@redocly/openapi-core";
import type { LoadedFile } from "./load.js";

class ConfinedResolver extends BaseResolver {
  constructor(private readonly files: ReadonlyMap<string, LoadedFile>) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const file = this.files.get(absoluteRef);
    if (!file) throw new Error(`unitask refused to read ${absoluteRef}: it is not a checked file of this spec`);
    return toSource(file);
  }
}

export function createResolver(files: ReadonlyMap<string, LoadedFile>): BaseResolver {
  return new ConfinedResolver(files);
}

export function toRedoclyDocument(file: LoadedFile): Document {
  return { source: toSource(file), parsed: file.document };
}

function toSource(file: LoadedFile): Source {
  return new Source(
    file.absolutePath,
    file.text,
    file.absolutePath.endsWith(".json") ? "application/json" : "application/yaml",
  );
}

let structuralConfig: Promise<Config> | undefined;

/**
 * The rules a client generator depends on: structure, references, unique operation ids. Style rules
 * are the spec owner's business, and skipping them makes linting a 13 MB spec four times faster.
 */
export function getStructuralConfig(): Promise<Config> {
  return (structuralConfig ??= createConfig({
    extends: [],
    rules: { struct: "error", "no-unresolved-refs": "error", "operation-operationId-unique": "error" },
  }));
}
