// Credentials and the openapi-fetch middleware that puts them on each request. A header the caller set explicitly
// (e.g. a per-call `Authorization`) is left as it is. The secret values are also listed, so that error excerpts
// can be scrubbed of a server that echoes them back.

import type { Middleware } from "openapi-fetch";

export type Credential =
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string; value: string }
  | { kind: "bearer"; value: string }
  | { kind: "basic"; username: string; password: string };

export function createAuthMiddleware(credentials: readonly Credential[]): Middleware {
  return {
    onRequest({ request }) {
      let authorized = request;
      for (const credential of credentials) authorized = applyCredential(authorized, credential);
      return authorized;
    },
  };
}

/**
 * The strings that must never be shown: keys, tokens, passwords and the basic-auth token derived from them,
 * each also as it appears percent-encoded in a URL (a key sent in the query and echoed back by a server).
 */
export function secretsOf(credentials: readonly Credential[]): string[] {
  const secrets = credentials.flatMap((credential) => {
    switch (credential.kind) {
      case "apiKey":
      case "bearer":
        return [credential.value];
      case "basic":
        return [credential.password, basicToken(credential)];
    }
  });
  return [
    ...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]).filter((secret) => secret !== "")),
  ];
}

function applyCredential(request: Request, credential: Credential): Request {
  switch (credential.kind) {
    case "bearer":
      return withHeader(request, "Authorization", credential.value && `Bearer ${credential.value}`);
    case "basic":
      return withHeader(request, "Authorization", `Basic ${basicToken(credential)}`);
    case "apiKey":
      if (credential.value === "") return request;
      if (credential.in === "header") return withHeader(request, credential.name, credential.value);
      if (credential.in === "cookie") {
        const cookie = `${credential.name}=${encodeURIComponent(credential.value)}`;
        const existing = request.headers.get("Cookie");
        request.headers.set("Cookie", existing ? `${existing}; ${cookie}` : cookie);
        return request;
      }
      return withQueryParameter(request, credential.name, credential.value);
  }
}

function withHeader(request: Request, name: string, value: string): Request {
  if (value !== "" && !request.headers.has(name)) request.headers.set(name, value);
  return request;
}

function withQueryParameter(request: Request, name: string, value: string): Request {
  const url = new URL(request.url);
  if (url.searchParams.has(name)) return request;
  url.searchParams.set(name, value);
  return new Request(url, request);
}

/** base64 of the UTF-8 `username:password` (RFC 7617). */
function basicToken(credential: { username: string; password: string }): string {
  const bytes = new TextEncoder().encode(`${credential.username}:${credential.password}`);
  return btoa(String.fromCharCode(...bytes));
}
