// No field of a spec reaches the network or the disk: the CLI runs against specs whose every field that
// names a URL or a file points at a loopback listener and at a canary file outside the spec's folder,
// and neither sees a request or a read. Literal data (examples, extensions) is generated verbatim;
// a real reference outside the folder is refused with its pointer.
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, unitask, type Workspace } from "./workspace.js";

/** Where a row's spec may point: `url` on the listener, `file` at its canary (relative and absolute). */
interface Targets {
  url: string;
  file: string;
  absoluteFile: string;
}

interface Row {
  spec: (targets: Targets) => string;
  /** Omitted: the spec generates. Else every pattern must be among the errors printed. */
  refused?: RegExp[];
}

const info = `info: { title: Canary, version: "1" }`;
const response = (extra: string) => `
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { type: object, properties: { a: { type: string } } }
${extra}`;

const rows: [string, Row][] = [
  [
    "an example's externalValue",
    {
      spec: ({ url, file }) => `openapi: 3.0.3
${info}
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - name: q
          in: query
          schema: { type: string }
          examples: { Q: { externalValue: "${url}/parameter" } }
${response(`              examples:
                Remote: { externalValue: "${url}/media" }
                Local: { externalValue: "${file}" }`)}`,
    },
  ],
  [
    "a link's operationRef",
    {
      spec: ({ url, file }) => `openapi: 3.0.3
${info}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: OK
          links:
            Remote: { operationRef: "${url}/openapi.json#/paths/~1a/get" }
            Local: { operationRef: "${file}#/paths/~1a/get" }`,
    },
  ],
  [
    "a $ref inside an x- extension",
    {
      spec: ({ url, file, absoluteFile }) => `openapi: 3.1.0
${info}
x-remote: { $ref: "${url}/root" }
x-local: { $ref: "${file}" }
paths:
  /a:
    x-path-item: { $ref: "file://${absoluteFile}" }
    get:
      operationId: getA
      x-operation: { nested: [{ $ref: "${url}/operation" }] }
${response("")}
components:
  schemas:
    Thing: { type: object, x-schema: { $ref: "${file}" } }`,
    },
  ],
  [
    "a $ref inside example, default, enum and const values",
    {
      spec: ({ url, file }) => `openapi: 3.1.0
${info}
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - { name: q, in: query, schema: { type: object }, example: { $ref: "${url}/parameter" } }
${response(`              example: { $ref: "${url}/media" }
              examples:
                Value: { value: { $ref: "${file}" } }`)}
components:
  schemas:
    Thing:
      type: object
      example: { $ref: "${url}/example" }
      examples: [{ $ref: "${file}" }]
      default: { $ref: "${url}/default" }
      enum: [{ $ref: "${file}" }]
    Constant: { const: { $ref: "${url}/const" } }`,
    },
  ],
  [
    "$id and $schema",
    {
      spec: ({ url, file }) => `openapi: 3.1.0
${info}
paths:
  /a:
    get:
      operationId: getA
${response("")}
components:
  schemas:
    Remote: { $id: "${url}/id", $schema: "${url}/schema", type: object, properties: { a: { type: string } } }
    Local: { $id: "${file}", $schema: "${file}", type: string }`,
    },
  ],
  [
    "jsonSchemaDialect",
    {
      spec: ({ url }) => `openapi: 3.1.0
${info}
jsonSchemaDialect: "${url}/dialect"
paths:
  /a:
    get:
      operationId: getA
${response("")}`,
    },
  ],
  [
    "URLs that describe the API",
    {
      spec: ({ url }) => `openapi: 3.0.3
info:
  title: Canary
  version: "1"
  termsOfService: "${url}/terms"
  contact: { url: "${url}/contact" }
  license: { name: MIT, url: "${url}/license" }
externalDocs: { url: "${url}/docs" }
servers: [{ url: "${url}/server" }]
components:
  securitySchemes:
    oidc: { type: openIdConnect, openIdConnectUrl: "${url}/.well-known/openid-configuration" }
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: "${url}/token", scopes: {} } } }
paths:
  /a:
    get:
      operationId: getA
${response("")}`,
    },
  ],
  [
    "a $ref inside an unknown keyword",
    {
      spec: ({ url, file }) => `openapi: 3.0.3
${info}
paths:
  /a:
    get:
      operationId: getA
${response("")}
components:
  schemas:
    Thing: { type: string, regex: { $ref: "${url}/regex" }, pattern: "^a", name: { $ref: "${file}" } }`,
    },
  ],
  [
    "a discriminator mapping",
    {
      spec: ({ url, file }) => `openapi: 3.0.3
${info}
paths:
  /a:
    get:
      operationId: getA
${response("")}
components:
  schemas:
    Pet:
      oneOf: [{ $ref: "#/components/schemas/Cat" }]
      discriminator: { propertyName: kind, mapping: { remote: "${url}/cat", local: "${file}#/Cat" } }
    Cat: { type: object, properties: { kind: { type: string } } }`,
      refused: [
        /#\/components\/schemas\/Pet\/discriminator\/mapping\/remote: discriminator mapping ".*" points to a URL/,
        /#\/components\/schemas\/Pet\/discriminator\/mapping\/local: discriminator mapping ".*" leaves the spec's folder/,
      ],
    },
  ],
  [
    "a $ref",
    {
      spec: ({ url, file, absoluteFile }) => `openapi: 3.0.3
${info}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": { $ref: "${url}/response" }
        "400": { $ref: "${file}" }
        "500": { $ref: "file://${absoluteFile}" }`,
      refused: [
        /#\/paths\/~1a\/get\/responses\/200\/\$ref: \$ref ".*" points to a URL/,
        /#\/paths\/~1a\/get\/responses\/400\/\$ref: \$ref ".*" leaves the spec's folder/,
        /#\/paths\/~1a\/get\/responses\/500\/\$ref: \$ref ".*" points to a URL/,
      ],
    },
  ],
];

/** An atime well in the past: any read moves it (Linux's relatime updates an atime older than the mtime). */
const PAST = new Date("2001-02-03T04:05:06Z");

function slug(name: string): string {
  return name
    .replace(/[^a-z\d]+/gi, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

describe("no field of a spec reaches the network or the disk", () => {
  let workspace: Workspace;
  let server: Server;
  let connections = 0;
  const requests: string[] = [];
  const runs: { code: number; stderr: string }[] = [];
  const canary = (row: string) => path.join(workspace.root, `canary-${slug(row)}.yaml`);

  beforeAll(async () => {
    server = createServer((request, reply) => {
      requests.push(request.url ?? "");
      reply.setHeader("content-type", "application/json");
      reply.end('{ "type": "string" }');
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    workspace = createWorkspace();
    // The proof the canaries rest on: on this file system, reading a file moves its atime.
    const control = path.join(workspace.root, "control.yaml");
    writeFileSync(control, "type: string\n");
    utimesSync(control, PAST, new Date());
    readFileSync(control);
    expect(statSync(control).atimeMs).not.toBe(PAST.getTime());

    for (const [name, row] of rows) {
      const file = canary(name);
      writeFileSync(file, "Cat: { type: object }\ntype: string\n");
      utimesSync(file, PAST, new Date());
      const targets = {
        url: `http://127.0.0.1:${port}/${slug(name)}`,
        file: `../../${path.basename(file)}`,
        absoluteFile: file,
      };
      workspace.write(slug(name), "openapi.yaml", `${row.spec(targets)}\n`);
    }
    const generated = rows.filter(([, row]) => !row.refused).map(([name]) => slug(name));
    const refused = rows.filter(([, row]) => row.refused).map(([name]) => slug(name));
    for (const providers of [generated, refused])
      runs.push(
        await unitask(["generate", ...providers.flatMap((name) => ["--provider", name])], workspace.root, 120_000),
      );
  }, 240_000);

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("runs the generated rows to success and refuses the references, without a stack trace", () => {
    expect(runs[0]).toMatchObject({ code: 0 });
    expect(runs[1]).toMatchObject({ code: 1 });
    for (const run of runs) expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it.each(rows)("%s: no request, canary unread", (name, { refused }) => {
    expect(requests.filter((url) => url.startsWith(`/${slug(name)}/`))).toEqual([]);
    expect(statSync(canary(name)).atimeMs).toBe(PAST.getTime());
    if (refused) for (const pattern of refused) expect(runs[1]!.stderr).toMatch(pattern);
    else
      expect(readFileSync(path.join(workspace.outDir, slug(name), "spec/openapi.json"), "utf8")).toContain(slug(name));
  });

  it("saw no connection at all", () => {
    expect(connections).toBe(0);
  });
});
