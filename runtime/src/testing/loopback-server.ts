// The server the generated package tests call: a real node:http server on 127.0.0.1 and an ephemeral port that
// answers every request with the response it was last told to serve, and records each request as it arrived
// (path and query still percent-encoded), so a test can assert what the generated client put on the wire.

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as is; no body when absent. */
  body?: string;
}

export interface RecordedRequest {
  method: string;
  /** The path exactly as sent, percent-encoding included, without the query. */
  path: string;
  /** `?` and the query exactly as sent, or "" when there was none. */
  search: string;
  /** Header names in lower case, as node:http gives them. */
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The requests seen since the last `serve`. */
  readonly requests: RecordedRequest[];
  /** Answers every following request with `response`, and forgets the requests seen so far. */
  serve(response: ServedResponse): void;
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let served: ServedResponse | undefined;
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const target = incoming.url ?? "";
      const queryStart = target.indexOf("?");
      requests.push({
        method: incoming.method ?? "",
        path: queryStart === -1 ? target : target.slice(0, queryStart),
        search: queryStart === -1 ? "" : target.slice(queryStart),
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (served === undefined) {
        outgoing.writeHead(501, { "content-type": "text/plain" }).end("the test did not say what to serve");
        return;
      }
      outgoing.writeHead(served.status, served.headers).end(served.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve(response) {
      served = response;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
