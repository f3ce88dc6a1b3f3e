// A real HTTP server on 127.0.0.1 and an ephemeral port, scripted per test to misbehave on purpose, which records
// every request it sees. `closeAll()` (in afterEach) closes every server started, hanging connections included.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  /** Path and query exactly as sent, percent-encoding included. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers the request numbered `index` (0 for the first one the server sees). */
export type Script = (request: SeenRequest, response: ServerResponse, index: number) => void;

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: SeenRequest[];
}

const running = new Set<ReturnType<typeof createServer>>();

export async function startServer(script: Script): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const seen = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      script(seen, response, requests.length - 1);
    });
  });
  running.add(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests };
}

/** A URL where nothing listens: a port that was just bound and released. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export async function closeAll(): Promise<void> {
  const servers = [...running];
  running.clear();
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
}

/** Sends `status` with a JSON body. */
export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** Sends a redirect to `location` (relative or absolute), with a small body that must not be kept. */
export function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location, "content-type": "text/plain" }).end(`Redirecting to ${location}`);
}
