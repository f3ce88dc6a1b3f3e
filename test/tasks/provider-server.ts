// A server on 127.0.0.1 that speaks one provider's wire format at its real task path, behind its credential,
// and advances the task through a script of provider statuses: what the registry's clients and the task CLI run
// against.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { examples } from "../normalization/examples.js";
import type { Provider } from "../normalization/providers.js";

export const SECRET = "sk_live_s3cr3t-value";
export const ORGANISATION = "acme";

const { eden, quant, deck, neo } = examples;

/** How a provider serves its task. */
interface ProviderWire {
  /** What the provider's server URL adds to the origin (Deck's server is https://api.deck.co/v2). */
  basePath: string;
  taskPath(id: string): string;
  /** The header that carries the credential, and its value. */
  credential: { header: string; value: string };
  /** The provider's realistic response (see examples.ts) with its own status, and progress where it has one. */
  respond(status: string, progress?: number): unknown;
}

export const wires: Record<Provider, ProviderWire> = {
  eden: {
    basePath: "",
    taskPath: (id) => `/v2/tasks/${id}`,
    credential: { header: "x-api-key", value: SECRET },
    respond: (status, progress) => ({ task: { ...eden.body.task, status, progress } }),
  },
  quant: {
    basePath: "",
    taskPath: (id) => `/api/v3/organizations/${ORGANISATION}/ai/tasks/${id}`,
    credential: { header: "authorization", value: `Bearer ${SECRET}` },
    respond: (status, progress) => ({ ...quant.body, status, progress }),
  },
  deck: {
    basePath: "/v2",
    taskPath: (id) => `/v2/tasks/${id}`,
    credential: { header: "authorization", value: `Bearer ${SECRET}` },
    respond: (status) => ({ ...deck.body, status }),
  },
  neo: {
    basePath: "",
    taskPath: (id) => `/api/v1/tasks/${id}`,
    credential: { header: "authorization", value: `Bearer ${SECRET}` },
    respond: (status) => ({
      ...neo.body,
      stream: { ...neo.body.stream, streamStatus: status },
      streams: [neo.body.streams[0], { ...neo.body.streams[1], status }],
    }),
  },
};

/** Each provider's task id in its examples. */
export const taskIds: Record<Provider, string> = {
  eden: eden.want.id,
  quant: quant.want.id,
  deck: deck.want.id,
  neo: neo.want.id,
};

/** One answer: the task in a provider status, an HTTP error, or no answer. */
export type ProviderStep = { status: string; progress?: number } | { httpStatus: number } | "hang";

export interface ProviderServer {
  /** The base URL to give the client: origin plus the provider's base path. */
  baseUrl: string;
  /** The URL of every request, as received. */
  urls: string[];
  close(): Promise<void>;
}

/**
 * Serves `steps` in order (the last one repeats) at the provider's task path to requests with its credential;
 * anything else gets 404 or 401.
 */
export async function startProviderServer(provider: Provider, steps: readonly ProviderStep[]): Promise<ProviderServer> {
  const wire = wires[provider];
  const urls: string[] = [];
  let answered = 0;
  const server = createServer((request, response) => {
    urls.push(request.url ?? "");
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.method !== "GET" || request.url !== wire.taskPath(taskIds[provider]))
      return json(404, { message: "no such task" });
    if (request.headers[wire.credential.header] !== wire.credential.value) return response.writeHead(401).end();
    const step = steps[Math.min(answered, steps.length - 1)];
    answered += 1;
    if (step === undefined || step === "hang") return;
    if ("httpStatus" in step) return json(step.httpStatus, { message: "unavailable" });
    json(200, wire.respond(step.status, step.progress));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${wire.basePath}`,
    urls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
