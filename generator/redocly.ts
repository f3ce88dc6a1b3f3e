// The Redocly engine openapi-typescript itself uses, confined to the files unitask already loaded and
// checked: it never reads the disk or the network on its own (it would follow `externalValue` and any
// `$ref` it meets, even in example values), and it is given documents shielded (redocly-shield.ts).
import { BaseResolver, createConfig, Source, type Config, type Document } from "@redocly/openapi-core";
import type { LoadedFile } from "./load.js";
import { shieldDocument } from "./redocly-shield.js";

class ConfinedResolver extends BaseResolver {
  constructor(private readonly files: ReadonlyMap<string, LoadedFile>) {
    super();
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const file = this.files.get(absoluteRef);
    if (!file) throw new Error(`unitask refused to read ${absoluteRef}: it is not a checked file of this spec`);
    return toSource(file);
  }

  /** The document unitask parsed, shielded: Redocly never parses spec text itself. */
  override parseDocument(source: Source): Document {
    const file = this.files.get(source.absoluteRef);
    if (!file) throw new Error(`unitask refused to parse ${source.absoluteRef}: it is not a checked file of this spec`);
    return { source, parsed: shieldDocument(file.document) };
  }
}

export function createResolver(files: ReadonlyMap<string, LoadedFile>): BaseResolver {
  return new ConfinedResolver(files);
}

/** `bundling`: Redocly's bundler replaces an example's `externalValue` by the file it names; not here. */
export function toRedoclyDocument(file: LoadedFile, bundling = false): Document {
  return { source: toSource(file), parsed: shieldDocument(file.document, bundling) };
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
 * Example values are literal data: Redocly must not follow a `$ref` inside one.
 */
export function getStructuralConfig(): Promise<Config> {
  return (structuralConfig ??= createConfig({
    extends: [],
    resolve: { doNotResolveExamples: true },
    rules: { struct: "error", "no-unresolved-refs": "error", "operation-operationId-unique": "error" },
  }));
}
