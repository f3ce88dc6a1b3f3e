// What each change hits in the generated package: method, exported type and property path, and the
// normalization mapping entry and UnifiedTask field where the mapping reads the changed field or value.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { diffSpecs, reviewChanges, type ChangeHits, type SpecDocument } from "../../generator/diff/index.js";
import { readManifest } from "../../generator/manifest.js";
import type { NormalizationMapping } from "../../generator/normalization/index.js";

// Edits reach deep into parsed YAML, where a precise type would only restate the spec.
type Doc = any;

const base = parse(readFileSync(new URL("fixtures/pets.yaml", import.meta.url), "utf8")) as SpecDocument;
const pet = (doc: Doc) => doc.components.schemas.Pet;
const detail = (doc: Doc) => doc.components.schemas.PetDetail;

// A mapping in code, as if specs/pets/normalization.yaml read GET /pets/{petId}.
const mapping: NormalizationMapping = {
  kind: "definition",
  operation: { method: "get", path: "/pets/{petId}", parameters: { petId: { from: "taskId" } } },
  task: "",
  id: { path: "/id" },
  title: { none: "Pets have no title." },
  status: { path: "/state", values: { alive: { status: "running", reason: "Still here." } } },
  progress: { none: "No progress." },
  createdAt: { path: "/born", format: "iso-8601" },
  updatedAt: { none: "Not tracked." },
  startedAt: { none: "Not tracked." },
  completedAt: { none: "Not tracked." },
  result: { path: "/extra" },
  error: { none: "No errors." },
};
const mappingFile = "specs/pets/normalization.yaml";
const UNMAPPED = [
  { code: "toUnifiedTask" },
  " maps it to ",
  { code: "unknown" },
  "; add it under ",
  { code: "status.values" },
];
const withState = (doc: Doc) => {
  detail(doc).properties.state = { type: "string", enum: ["alive"] };
  detail(doc).properties.extra = { type: "object", properties: { colour: { type: "string" } } };
};
const mapped = structuredClone(base) as Doc;
withState(mapped);

function hitsOf(before: SpecDocument, edit: (doc: Doc) => void): Array<[string, ChangeHits | undefined]> {
  const after = structuredClone(before) as Doc;
  edit(after);
  const { changes } = reviewChanges(diffSpecs(before, after), {
    before,
    after,
    manifest: readManifest("pets", undefined).manifest,
    specLabel: "specs/pets/openapi.yaml",
    mapping: { file: mappingFile, mapping },
  });
  return changes.map((change) => [change.message, change.hits]);
}

describe("what a change hits", () => {
  it.each<[string, { before?: SpecDocument; edit: (doc: Doc) => void; want: ChangeHits }]>([
    [
      "a response field: the method and the Data type at the field",
      {
        edit: (doc) => delete pet(doc).properties.nickname,
        want: { methods: ["listPets"], type: "ListPetsData", property: "items[].nickname" },
      },
    ],
    [
      "a query parameter: the Options type at query.<name>",
      {
        edit: (doc) => (doc.paths["/pets"].get.parameters[0].schema.maximum = 100),
        want: { methods: ["listPets"], type: "ListPetsOptions", property: "query.limit" },
      },
    ],
    [
      "a request body field: the Options type at body.<field>",
      {
        edit: (doc) => (doc.components.schemas.NewPet.properties.name.maxLength = 10),
        want: { methods: ["createPet"], type: "CreatePetOptions", property: "body.name" },
      },
    ],
    [
      "a path parameter: the method's argument",
      {
        edit: (doc) => (doc.paths["/pets/{petId}"].parameters[0].schema.format = "uuid"),
        want: { methods: ["getPet"], argument: "petId" },
      },
    ],
    [
      "the default server's URL: the client's default baseUrl",
      {
        edit: (doc) => (doc.servers[0].url = "https://api.pets.test/v2"),
        want: {
          note: [
            "the default ",
            { code: "baseUrl" },
            " of ",
            { code: "createPetsClient" },
            ", and ",
            { code: "servers" },
          ],
        },
      },
    ],
    [
      "another server: only the exported list",
      { edit: (doc) => doc.servers.pop(), want: { note: ["the exported ", { code: "servers" }, " list"] } },
    ],
    [
      "a security scheme's header: the client's credential options",
      {
        edit: (doc) => (doc.components.securitySchemes.apiKey.name = "Authorization"),
        want: { note: ["the credential options of ", { code: "createPetsClient" }] },
      },
    ],
    [
      "a renamed operationId: the method, old and new",
      {
        edit: (doc) => (doc.paths["/pets/{petId}"].get.operationId = "fetchPet"),
        want: { methods: ["getPet"], renamedTo: "fetchPet" },
      },
    ],
    [
      "a mapped status gaining a value: the mapping entry, the UnifiedTask field, and what to do",
      {
        before: mapped,
        edit: (doc) => detail(doc).properties.state.enum.push("archived"),
        want: {
          methods: ["getPet"],
          type: "GetPetData",
          property: "state",
          mapping: {
            file: mappingFile,
            entry: "status",
            unifiedField: "UnifiedTask.status",
            effect: UNMAPPED,
          },
        },
      },
    ],
    [
      "a field inside a mapped object",
      {
        before: mapped,
        edit: (doc) => delete detail(doc).properties.extra.properties.colour,
        want: {
          methods: ["getPet"],
          type: "GetPetData",
          property: "extra.colour",
          mapping: { file: mappingFile, entry: "result", unifiedField: "UnifiedTask.result" },
        },
      },
    ],
    [
      "a mapped timestamp's format",
      {
        before: mapped,
        edit: (doc) => (detail(doc).properties.born.format = "date-time"),
        want: {
          methods: ["getPet"],
          type: "GetPetData",
          property: "born",
          mapping: { file: mappingFile, entry: "createdAt", unifiedField: "UnifiedTask.createdAt" },
        },
      },
    ],
  ])("%s", (_, { before = base, edit, want }) => {
    const found = hitsOf(before, edit);
    expect(found).toHaveLength(1);
    expect(found[0]![1]).toEqual(want);
  });

  it("names the Error type and the status for an error body, and both sides of a removed status value", () => {
    expect(
      hitsOf(base, (doc) => {
        doc.paths["/pets"].post.responses["422"].content = {
          "application/json": { schema: { type: "object", properties: { detail: { type: "string" } } } },
        };
      }).map(([, hits]) => hits),
    ).toEqual([{ methods: ["createPet"], type: "CreatePetError", property: "[status 422].body" }]);
    const removed = hitsOf(mapped, (doc) => (detail(doc).properties.state.enum = ["gone"]));
    expect(removed.map(([, hits]) => hits?.mapping)).toEqual([
      {
        file: mappingFile,
        entry: "status",
        unifiedField: "UnifiedTask.status",
        effect: UNMAPPED,
      },
      {
        file: mappingFile,
        entry: "status.values.alive",
        unifiedField: "UnifiedTask.status",
        effect: ["the mapping still lists it; remove it"],
      },
    ]);
  });

  it("says the generated signatures stay and the raw client's paths key moves for a renamed path", () => {
    const found = hitsOf(base, (doc) => {
      doc.paths["/pets/{id}"] = doc.paths["/pets/{petId}"];
      delete doc.paths["/pets/{petId}"];
      doc.paths["/pets/{id}"].parameters[0].name = "id";
    });
    expect(found).toEqual([
      [
        "renamed path `/pets/{petId}` to `/pets/{id}` (non-breaking)",
        {
          methods: ["getPet"],
          note: [
            "signatures unchanged (path parameters are positional); the ",
            { code: "raw" },
            " client's key ",
            { code: 'paths["/pets/{petId}"]' },
            " is now ",
            { code: 'paths["/pets/{id}"]' },
          ],
        },
      ],
    ]);
  });
});
