// One attempt's hops: fetch never follows a redirect itself (`redirect: "manual"`), because it would carry an API key
// header, a query key or a basic-auth token to whatever origin the Location names (it strips only `Authorization`
// and `Cookie`). Here credentials go on a hop only while every hop so far stayed on the request's origin (scheme,
// host and port: an https → http downgrade is another origin), and the headers that may carry one are removed
// from any other hop. Methods change as fetch changes them (WHATWG Fetch, "HTTP-redirect fetch").

import { applyCredentials, removeCredentials, type Credential } from "./credentials.js";
import { RedirectError } from "./errors.js";

/** A request as the transport sends it: the URL is final but for credentials, which are added per hop. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Headers;
  /** Replayable: sent again on a retry or a 307/308. */
  body: string | Uint8Array<ArrayBuffer> | FormData | URLSearchParams | undefined;
}

/** What following redirects needs besides the request. */
export interface RedirectSettings {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  credentials: readonly Credential[];
  /** Lower-case names of the headers removed from a hop to another origin. */
  credentialHeaders: readonly string[];
  /** Redirects followed before `RedirectError`. */
  maxRedirects: number;
  operationId?: string | undefined;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const bodyHeaders = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

/** Sends `request`, following redirects, and resolves with the first response that is not one (body unread). */
export async function fetchFollowingRedirects(
  request: OutgoingRequest,
  settings: RedirectSettings,
  signal: AbortSignal | undefined,
): Promise<Response> {
  let { method, url, headers, body } = request;
  let credentialed = true;
  let origin: string | undefined;
  for (let redirects = 0; ; redirects++) {
    const hopHeaders = new Headers(headers);
    const hopUrl = credentialed
      ? applyCredentials(url, hopHeaders, settings.credentials)
      : removeCredentials(url, hopHeaders, settings);
    const response = await settings.fetch(hopUrl, { method, headers: hopHeaders, body, signal, redirect: "manual" });
    const location = redirectStatuses.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return response;
    // Nothing of a redirect's body is kept; cancelling frees the connection.
    await response.body?.cancel().catch(() => undefined);
    const fail = (reason: string) =>
      new RedirectError({ operationId: settings.operationId, status: response.status, reason });
    if (redirects >= settings.maxRedirects) throw fail(`more than ${settings.maxRedirects} redirects (maxRedirects)`);
    let next: URL;
    try {
      next = new URL(location, hopUrl);
    } catch {
      throw fail("its Location is not a URL");
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") throw fail(`its Location is a ${next.protocol} URL`);
    origin ??= new URL(request.url).origin;
    credentialed &&= next.origin === origin;
    if ((response.status === 303 && method !== "HEAD") || (response.status <= 302 && method === "POST")) {
      method = "GET";
      body = undefined;
      headers = new Headers(headers);
      for (const name of bodyHeaders) headers.delete(name);
    }
    url = next.href;
  }
}
