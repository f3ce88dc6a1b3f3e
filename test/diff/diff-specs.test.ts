// What diffSpecs reports, and how it classifies it, for edits made to copies of the four provider specs
// and of a request-side fixture: one edit, one change, one exact report line.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  bumpFor,
  diffSpecs,
  renderReport,
  type ChangeSeverity,
  type SpecDocument,
} from "../../generator/diff/index.js";

const SPEC_FILES = {
  eden: "specs/eden/openapi.yaml",
  deck: "specs/deck/openapi.yaml",
  quant: "specs/quant/openapi.yaml",
  neo: "specs/neo/openapi.yaml",
  requests: "test/diff/fixtures/requests.yaml",
} as const;

type SpecName = keyof typeof SPEC_FILES;

// The shapes real specs come in (test/fixtures/real-world): two path keys of one template shape, fragments
// in path keys, recursive and Object.prototype-named schemas... The alias bomb and the document nested past
// the loader's limit are refused before anything is compared.
const REAL_WORLD_DIR = new URL("../fixtures/real-world/", import.meta.url);
const REFUSED_ON_LOAD = new Set(["alias-bomb", "deep-nesting"]);
const REAL_WORLD = readdirSync(REAL_WORLD_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !REFUSED_ON_LOAD.has(entry.name))
  .map((entry) => entry.name);

function loadSpec(name: SpecName): SpecDocument {
  return parse(readFileSync(new URL(`../../${SPEC_FILES[name]}`, import.meta.url), "utf8")) as SpecDocument;
}

// Edits reach deep into parsed YAML, where a precise type would only restate the spec.
type Doc = any;

function edited(name: SpecName, edit: (doc: Doc) => void): { before: SpecDocument; after: SpecDocument } {
  const before = loadSpec(name);
  const after = structuredClone(before) as Doc;
  edit(after);
  return { before, after };
}

const edenTask = (doc: Doc) =>
  doc.paths["/v2/tasks/{taskId}"].get.responses["200"].content["*/*"].schema.properties.task;
const edenGet = (doc: Doc) => doc.paths["/v2/tasks/{taskId}"].get;
const deckTask = (doc: Doc) => doc.components.schemas.GetTaskResponse;
const deckGet = (doc: Doc) => doc.paths["/tasks/{task_id}"].get;
const quantGet = (doc: Doc) => doc.paths["/api/v3/organizations/{organisation}/ai/tasks/{taskId}"].get;
const quantTask = (doc: Doc) => doc.components.schemas.Task;
const neoSchemas = (doc: Doc) => doc.components.schemas;
const createTask = (doc: Doc) => doc.paths["/tasks"].post;
const newTask = (doc: Doc) => doc.components.schemas.NewTask;

function removeRequired(schema: Doc, name: string): void {
  schema.required = schema.required.filter((entry: string) => entry !== name);
}

const EDEN = "GET /v2/tasks/{taskId}";
const DECK = "GET /tasks/{task_id}";
const QUANT = "GET /api/v3/organizations/{organisation}/ai/tasks/{taskId}";
const NEO = "GET /api/v1/tasks/{id}";
const CREATE = "POST /tasks";

interface Row {
  spec: SpecName;
  edit: (doc: Doc) => void;
  severity: ChangeSeverity;
  line: string;
}

const changes: Array<[string, Row]> = [
  // Responses: what a client receives.
  [
    "a removed required response field",
    {
      spec: "deck",
      edit: (doc) => {
        delete deckTask(doc).properties.name;
        removeRequired(deckTask(doc), "name");
      },
      severity: "breaking",
      line: `${DECK} 200 response: removed field \`name\` (breaking)`,
    },
  ],
  [
    "a removed required response field, nested",
    {
      spec: "eden",
      edit: (doc) => {
        delete edenTask(doc).properties.tool;
        removeRequired(edenTask(doc), "tool");
      },
      severity: "breaking",
      line: `${EDEN} 200 response: removed field \`task.tool\` (breaking)`,
    },
  ],
  [
    "a removed optional response field",
    {
      spec: "neo",
      edit: (doc) => {
        delete neoSchemas(doc).GetTaskResponse.properties.read_only;
      },
      severity: "potentially-breaking",
      line: `${NEO} 200 response: removed optional field \`read_only\` (potentially breaking)`,
    },
  ],
  [
    "an added optional response field",
    {
      spec: "eden",
      edit: (doc) => {
        edenTask(doc).properties.name = { type: "string" };
      },
      severity: "non-breaking",
      line: `${EDEN} 200 response: added field \`task.name\` (non-breaking)`,
    },
  ],
  [
    "a response field that became optional",
    {
      spec: "eden",
      edit: (doc) => removeRequired(edenTask(doc), "status"),
      severity: "breaking",
      line: `${EDEN} 200 response: field \`task.status\` became optional (breaking)`,
    },
  ],
  [
    "a response field that became nullable (3.0 `nullable`)",
    {
      spec: "eden",
      edit: (doc) => {
        edenTask(doc).properties.tool.nullable = true;
      },
      severity: "breaking",
      line: `${EDEN} 200 response: field \`task.tool\` became nullable (breaking)`,
    },
  ],
  [
    "a response field that became nullable (3.1 type array)",
    {
      spec: "deck",
      edit: (doc) => {
        deckTask(doc).properties.name.type = ["null", "string"];
      },
      severity: "breaking",
      line: `${DECK} 200 response: field \`name\` became nullable (breaking)`,
    },
  ],
  [
    "a response field that became non-nullable",
    {
      spec: "deck",
      edit: (doc) => {
        deckTask(doc).properties.prompt.type = "string";
      },
      severity: "non-breaking",
      line: `${DECK} 200 response: field \`prompt\` became non-nullable (non-breaking)`,
    },
  ],
  [
    "a response field that lost its `oneOf` null branch",
    {
      spec: "deck",
      edit: (doc) => {
        deckTask(doc).properties.input_schema = { $ref: "#/components/schemas/JsonElement" };
      },
      severity: "non-breaking",
      line: `${DECK} 200 response: field \`input_schema\` became non-nullable (non-breaking)`,
    },
  ],
  [
    "a response field's type changed (api-smart-diff calls it non-breaking)",
    {
      spec: "deck",
      edit: (doc) => {
        deckTask(doc).properties.name.type = "integer";
      },
      severity: "breaking",
      line: `${DECK} 200 response: changed type of field \`name\` from \`string\` to \`integer\` (breaking)`,
    },
  ],
  [
    "a response field's type narrowed",
    {
      spec: "eden",
      edit: (doc) => {
        edenTask(doc).properties.cost.type = "integer";
      },
      severity: "non-breaking",
      line: `${EDEN} 200 response: changed type of field \`task.cost\` from \`number\` to \`integer\` (non-breaking)`,
    },
  ],
  [
    "a response field's type widened",
    {
      spec: "deck",
      edit: (doc) => {
        doc.components.schemas.ValidationErrorResponse.properties.status.type = ["null", "number"];
      },
      severity: "breaking",
      line: `${DECK} 400 response: changed type of field \`status\` from \`integer\` to \`number\` (breaking)`,
    },
  ],
  [
    "a nested response field's type changed",
    {
      spec: "neo",
      edit: (doc) => {
        neoSchemas(doc).Task.properties.title.type = "integer";
      },
      severity: "breaking",
      line: `${NEO} 200 response: changed type of field \`task.title\` from \`string\` to \`integer\` (breaking)`,
    },
  ],
  [
    "a response field's format changed to an unrelated one",
    {
      spec: "deck",
      edit: (doc) => {
        deckTask(doc).properties.created_at.format = "uri";
      },
      severity: "breaking",
      line: `${DECK} 200 response: changed format of field \`created_at\` from \`date-time\` to \`uri\` (breaking)`,
    },
  ],
  [
    "a response field's format removed",
    {
      spec: "neo",
      edit: (doc) => {
        delete neoSchemas(doc).Task.properties.created_at.format;
      },
      severity: "breaking",
      line: `${NEO} 200 response: removed format \`date-time\` from field \`task.created_at\` (breaking)`,
    },
  ],
  [
    "a new enum value in a response",
    {
      spec: "quant",
      edit: (doc) => {
        quantTask(doc).properties.status.enum.push("paused");
      },
      severity: "potentially-breaking",
      line: `${QUANT} 200 response: added enum value \`paused\` to field \`status\` (potentially breaking)`,
    },
  ],
  [
    "an enum value removed from a response",
    {
      spec: "quant",
      edit: (doc) => {
        quantTask(doc).properties.status.enum.pop();
      },
      severity: "non-breaking",
      line: `${QUANT} 200 response: removed enum value \`blocked\` from field \`status\` (non-breaking)`,
    },
  ],
  [
    "an enum added to an open response string",
    {
      spec: "neo",
      edit: (doc) => {
        neoSchemas(doc).StreamRun.properties.status.enum = ["running", "done"];
      },
      severity: "non-breaking",
      line: `${NEO} 200 response: added an enum to field \`streams[].status\`: \`running\`, \`done\` (non-breaking)`,
    },
  ],
  [
    "a response bound loosened",
    {
      spec: "quant",
      edit: (doc) => {
        quantTask(doc).properties.progress.maximum = 100;
      },
      severity: "breaking",
      line: `${QUANT} 200 response: changed \`maximum\` of field \`progress\` from \`1\` to \`100\` (breaking)`,
    },
  ],
  [
    "a removed response media type",
    {
      spec: "deck",
      edit: (doc) => {
        delete deckGet(doc).responses["200"].content["text/plain"];
      },
      severity: "breaking",
      line: `${DECK} 200 response: removed media type \`text/plain\` (breaking)`,
    },
  ],
  [
    "a removed success status",
    {
      spec: "quant",
      edit: (doc) => {
        delete quantGet(doc).responses["200"];
      },
      severity: "breaking",
      line: `${QUANT}: removed 200 response (breaking)`,
    },
  ],
  [
    "a removed error status",
    {
      spec: "deck",
      edit: (doc) => {
        delete deckGet(doc).responses["409"];
      },
      severity: "non-breaking",
      line: `${DECK}: removed 409 response (non-breaking)`,
    },
  ],
  [
    "an added status",
    {
      spec: "deck",
      edit: (doc) => {
        deckGet(doc).responses["429"] = { description: "Too many requests." };
      },
      severity: "non-breaking",
      line: `${DECK}: added 429 response (non-breaking)`,
    },
  ],
  [
    "a removed required response header",
    {
      spec: "requests",
      edit: (doc) => {
        delete createTask(doc).responses["201"].headers.Location;
      },
      severity: "breaking",
      line: `${CREATE} 201 response: removed required header \`Location\` (breaking)`,
    },
  ],

  // Operations.
  [
    "a removed operation",
    {
      spec: "deck",
      edit: (doc) => {
        delete doc.paths["/tasks/{task_id}"];
      },
      severity: "breaking",
      line: `${DECK}: removed operation (breaking)`,
    },
  ],
  [
    "an added operation",
    {
      spec: "neo",
      edit: (doc) => {
        doc.paths["/api/v1/tasks"] = { get: { operationId: "listTasks", responses: { "200": { description: "OK" } } } };
      },
      severity: "non-breaking",
      line: "GET /api/v1/tasks: added operation (non-breaking)",
    },
  ],
  [
    "a changed operationId (the generated method name)",
    {
      spec: "quant",
      edit: (doc) => {
        quantGet(doc).operationId = "fetchTask";
      },
      severity: "breaking",
      line: `${QUANT}: changed operationId from \`getTask\` to \`fetchTask\` (breaking; client-generator rule, stricter than oasdiff's INFO)`,
    },
  ],
  [
    "a deprecated operation",
    {
      spec: "neo",
      edit: (doc) => {
        doc.paths["/api/v1/tasks/{id}"].get.deprecated = true;
      },
      severity: "non-breaking",
      line: `${NEO}: deprecated the operation (non-breaking)`,
    },
  ],

  // Requests: what a client sends.
  [
    "a new required query parameter",
    {
      spec: "deck",
      edit: (doc) => {
        deckGet(doc).parameters.push({ name: "expand", in: "query", required: true, schema: { type: "string" } });
      },
      severity: "breaking",
      line: `${DECK}: added required query parameter \`expand\` (breaking)`,
    },
  ],
  [
    "a new optional query parameter",
    {
      spec: "eden",
      edit: (doc) => {
        edenGet(doc).parameters.push({ name: "fields", in: "query", schema: { type: "string" } });
      },
      severity: "non-breaking",
      line: `${EDEN}: added optional query parameter \`fields\` (non-breaking)`,
    },
  ],
  [
    "a new required parameter on the path item",
    {
      spec: "requests",
      edit: (doc) => {
        doc.paths["/tasks"].parameters = [{ name: "tenant", in: "query", required: true, schema: { type: "string" } }];
      },
      severity: "breaking",
      line: `${CREATE}: added required query parameter \`tenant\` (breaking)`,
    },
  ],
  [
    "a removed query parameter",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters.splice(1, 1);
      },
      severity: "potentially-breaking",
      line: `${CREATE}: removed query parameter \`mode\` (potentially breaking)`,
    },
  ],
  [
    "a parameter that became required",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters[0].required = true;
      },
      severity: "breaking",
      line: `${CREATE} query parameter \`priority\`: became required (breaking)`,
    },
  ],
  [
    "a parameter that became optional",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters[2].required = false;
      },
      severity: "non-breaking",
      line: `${CREATE} header parameter \`X-Trace\`: became optional (non-breaking)`,
    },
  ],
  [
    "a parameter's type narrowed",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters[0].schema.type = "integer";
      },
      severity: "breaking",
      line: `${CREATE} query parameter \`priority\`: changed type from \`number\` to \`integer\` (breaking)`,
    },
  ],
  [
    "a parameter's type widened",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters[0].schema.type = ["number", "string"];
      },
      severity: "non-breaking",
      line: `${CREATE} query parameter \`priority\`: changed type from \`number\` to \`number | string\` (non-breaking)`,
    },
  ],
  [
    "a path parameter's type changed",
    {
      spec: "quant",
      edit: (doc) => {
        quantGet(doc).parameters[1].schema.type = "integer";
      },
      severity: "breaking",
      line: `${QUANT} path parameter \`taskId\`: changed type from \`string\` to \`integer\` (breaking)`,
    },
  ],
  [
    "a path parameter's format dropped",
    {
      spec: "quant",
      edit: (doc) => {
        delete quantGet(doc).parameters[1].schema.format;
      },
      severity: "non-breaking",
      line: `${QUANT} path parameter \`taskId\`: removed format \`uuid\` (non-breaking)`,
    },
  ],
  [
    "a path parameter's format set",
    {
      spec: "neo",
      edit: (doc) => {
        doc.paths["/api/v1/tasks/{id}"].get.parameters[0].schema.format = "uri";
      },
      severity: "breaking",
      line: `${NEO} path parameter \`id\`: changed format from \`uuid\` to \`uri\` (breaking)`,
    },
  ],
  [
    "an enum value removed from a request",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters[1].schema.enum = ["fast"];
      },
      severity: "breaking",
      line: `${CREATE} query parameter \`mode\`: removed enum value \`thorough\` (breaking)`,
    },
  ],
  [
    "an enum value added to a request",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).parameters[1].schema.enum.push("balanced");
      },
      severity: "non-breaking",
      line: `${CREATE} query parameter \`mode\`: added enum value \`balanced\` (non-breaking)`,
    },
  ],
  [
    "a new required request field",
    {
      spec: "requests",
      edit: (doc) => {
        newTask(doc).properties.agent = { type: "string" };
        newTask(doc).required.push("agent");
      },
      severity: "breaking",
      line: `${CREATE} request body: added required field \`agent\` (breaking)`,
    },
  ],
  [
    "a new optional request field",
    {
      spec: "requests",
      edit: (doc) => {
        newTask(doc).properties.agent = { type: "string" };
      },
      severity: "non-breaking",
      line: `${CREATE} request body: added field \`agent\` (non-breaking)`,
    },
  ],
  [
    "a request field that became required",
    {
      spec: "requests",
      edit: (doc) => {
        newTask(doc).required.push("tags");
      },
      severity: "breaking",
      line: `${CREATE} request body: field \`tags\` became required (breaking)`,
    },
  ],
  [
    "a request field that became non-nullable",
    {
      spec: "requests",
      edit: (doc) => {
        delete newTask(doc).properties.callbackUrl.nullable;
      },
      severity: "breaking",
      line: `${CREATE} request body: field \`callbackUrl\` became non-nullable (breaking)`,
    },
  ],
  [
    "a request array item's type changed",
    {
      spec: "requests",
      edit: (doc) => {
        newTask(doc).properties.tags.items.type = "integer";
      },
      severity: "breaking",
      line: `${CREATE} request body: changed type of field \`tags[]\` from \`string\` to \`integer\` (breaking)`,
    },
  ],
  [
    "a request bound tightened",
    {
      spec: "requests",
      edit: (doc) => {
        newTask(doc).properties.prompt.maxLength = 500;
      },
      severity: "breaking",
      line: `${CREATE} request body: changed \`maxLength\` of field \`prompt\` from \`2000\` to \`500\` (breaking)`,
    },
  ],
  [
    "a request bound loosened",
    {
      spec: "requests",
      edit: (doc) => {
        newTask(doc).properties.prompt.maxLength = 5000;
      },
      severity: "non-breaking",
      line: `${CREATE} request body: changed \`maxLength\` of field \`prompt\` from \`2000\` to \`5000\` (non-breaking)`,
    },
  ],
  [
    "a removed request body",
    {
      spec: "requests",
      edit: (doc) => {
        delete createTask(doc).requestBody;
      },
      severity: "breaking",
      line: `${CREATE}: removed request body (breaking)`,
    },
  ],
  [
    "a request body that became optional",
    {
      spec: "requests",
      edit: (doc) => {
        createTask(doc).requestBody.required = false;
      },
      severity: "non-breaking",
      line: `${CREATE} request body: became optional (non-breaking)`,
    },
  ],

  // Servers, security, documentation.
  [
    "a removed server",
    {
      spec: "eden",
      edit: (doc) => {
        doc.servers.pop();
      },
      severity: "non-breaking",
      line: "removed server `http://localhost:8080` (non-breaking)",
    },
  ],
  [
    "an added server",
    {
      spec: "quant",
      edit: (doc) => {
        doc.servers.push({ url: "https://eu.quantcdn.io" });
      },
      severity: "non-breaking",
      line: "added server `https://eu.quantcdn.io` (non-breaking)",
    },
  ],
  [
    "a new default server",
    {
      spec: "eden",
      edit: (doc) => {
        doc.servers.reverse();
      },
      severity: "non-breaking",
      line: "made server `http://localhost:8080` the first: the client's default base URL moves to `http://localhost:8080` (non-breaking)",
    },
  ],
  [
    "a security scheme's header renamed",
    {
      spec: "eden",
      edit: (doc) => {
        doc.components.securitySchemes.apiKey.name = "Authorization";
      },
      severity: "breaking",
      line: "security scheme `apiKey`: changed `name` from `X-Api-Key` to `Authorization` (breaking)",
    },
  ],
  [
    "a description-only change",
    {
      spec: "eden",
      edit: (doc) => {
        edenGet(doc).description = "Returns one task.";
      },
      severity: "non-breaking",
      line: `${EDEN}: changed \`description\` (non-breaking)`,
    },
  ],
  [
    "a field description change",
    {
      spec: "deck",
      edit: (doc) => {
        deckTask(doc).properties.name.description = "The task's name.";
      },
      severity: "non-breaking",
      line: `${DECK} 200 response: changed \`description\` of field \`name\` (non-breaking)`,
    },
  ],
  [
    "an example change",
    {
      spec: "quant",
      edit: (doc) => {
        quantGet(doc).responses["200"].content["application/json"].example.title = "Summarise";
      },
      severity: "non-breaking",
      line: `${QUANT} 200 response: changed \`example\` (non-breaking)`,
    },
  ],
  [
    "the upstream API version",
    {
      spec: "quant",
      edit: (doc) => {
        doc.info.version = "3.1.0";
      },
      severity: "non-breaking",
      line: "changed `info.version` from `3.0.0` to `3.1.0` (non-breaking)",
    },
  ],
];

describe("diffSpecs classifies one edit as one change", () => {
  it.each(changes)("%s", (_name, { spec, edit, severity, line }) => {
    const { before, after } = edited(spec, edit);
    const found = diffSpecs(before, after);
    expect(found.map((change) => change.message)).toEqual([line]);
    expect(found[0]?.severity).toBe(severity);
    expect(renderReport(spec, found)).toContain(`\n  - ${line}\n`);
  });
});

describe("diffSpecs", () => {
  it.each(Object.keys(SPEC_FILES) as SpecName[])("finds nothing between %s and an unchanged copy", (name) => {
    const found = diffSpecs(loadSpec(name), structuredClone(loadSpec(name)));
    expect(found).toEqual([]);
    expect(renderReport(name, found)).toBe("");
    expect(bumpFor(found)).toBeNull();
  });

  it.each(REAL_WORLD)("finds nothing between the real-world %s fixture and an unchanged copy", (name) => {
    const document = parse(readFileSync(new URL(name + "/openapi.yaml", REAL_WORLD_DIR), "utf8")) as SpecDocument;
    expect(diffSpecs(document, structuredClone(document))).toEqual([]);
  });

  it("reports a shared schema's change once per place a client sees it, pointing at the schema", () => {
    const { before, after } = edited("neo", (doc) => {
      neoSchemas(doc).RunConfig.properties.max_steps.type = "string";
    });
    expect(diffSpecs(before, after).map(({ pointer, message }) => ({ pointer, message }))).toEqual([
      {
        pointer: "#/components/schemas/RunConfig/properties/max_steps/type",
        message: `${NEO} 200 response: changed type of field \`stream.run_config.max_steps\` from \`integer\` to \`string\` (breaking)`,
      },
      {
        pointer: "#/components/schemas/RunConfig/properties/max_steps/type",
        message: `${NEO} 200 response: changed type of field \`streams[].run_config.max_steps\` from \`integer\` to \`string\` (breaking)`,
      },
    ]);
  });

  it("records where, in which operation and on which field an enum value appeared", () => {
    const { before, after } = edited("quant", (doc) => quantTask(doc).properties.status.enum.push("paused"));
    const [change] = diffSpecs(before, after);
    expect(change).toMatchObject({
      kind: "added",
      area: "enum",
      pointer: "#/components/schemas/Task/properties/status/enum",
      operation: QUANT,
      field: "status",
      after: "paused",
    });
  });

  it("reports a switched security scheme as the old requirement lost and the new one gained", () => {
    const { before, after } = edited("eden", (doc) => {
      edenGet(doc).security = [{ bearer: [] }];
      doc.components.securitySchemes.bearer = { type: "http", scheme: "bearer" };
    });
    expect(diffSpecs(before, after).map((change) => change.message)).toEqual([
      "added security scheme `bearer` (non-breaking)",
      `${EDEN}: added security requirement \`bearer\` (non-breaking)`,
      `${EDEN}: removed security requirement \`apiKey\` (breaking; client-generator rule, stricter than oasdiff's INFO)`,
    ]);
  });

  it("treats an operation opened to anonymous callers as a gain and one closed to them as a loss, stricter than oasdiff", () => {
    const open = edited("deck", (doc) => {
      doc.security = [];
    });
    expect(diffSpecs(open.before, open.after).map((change) => change.message)).toEqual([
      `${DECK}: no longer requires credentials (non-breaking)`,
    ]);
    expect(diffSpecs(open.after, open.before).map((change) => change.message)).toEqual([
      `${DECK}: now requires credentials: \`BearerAuth\` (breaking; client-generator rule, stricter than oasdiff's INFO)`,
    ]);
  });

  it("treats a requirement that now needs a scope as a lost requirement", () => {
    const { before, after } = edited("neo", (doc) => {
      doc.security = [{ bearerAuth: ["tasks:read"] }];
    });
    expect(diffSpecs(before, after).map((change) => change.message)).toEqual([
      `${NEO}: added security requirement \`bearerAuth[tasks:read]\` (non-breaking)`,
      `${NEO}: removed security requirement \`bearerAuth\` (breaking; client-generator rule, stricter than oasdiff's INFO)`,
    ]);
  });

  it("reports a replaced server URL as one non-breaking change that moves the default base URL", () => {
    const { before, after } = edited("deck", (doc) => {
      doc.servers[0].url = "https://api.deck.co/v3";
    });
    expect(diffSpecs(before, after).map((change) => change.message)).toEqual([
      "changed server URL `https://api.deck.co/v2` to `https://api.deck.co/v3`: the client's default base URL moves to `https://api.deck.co/v3` (non-breaking)",
    ]);
  });

  it("sorts by pointer, then kind, whatever order the edits were made in", () => {
    const { before, after } = edited("deck", (doc) => {
      deckGet(doc).responses["429"] = { description: "Too many requests." };
      delete deckTask(doc).properties.name;
      removeRequired(deckTask(doc), "name");
      doc.servers.push({ url: "https://eu.deck.co/v2" });
    });
    const found = diffSpecs(before, after);
    expect(found.map((change) => change.pointer)).toEqual([
      "#/components/schemas/GetTaskResponse/properties/name",
      "#/paths/~1tasks~1{task_id}/get/responses/429",
      "#/servers/1",
    ]);
    expect(diffSpecs(before, after)).toEqual(found);
  });

  it("leaves both documents as they were", () => {
    const { before, after } = edited("requests", (doc) => {
      doc.paths["/tasks"].parameters = [{ name: "tenant", in: "query", schema: { type: "string" } }];
    });
    const snapshot = structuredClone({ before, after });
    diffSpecs(before, after);
    expect({ before, after }).toEqual(snapshot);
  });
});
