// Copied by unitask from runtime/src/http/http-client.ts. Do not edit: change runtime/src/, then run npm run generate.
// Builds the openapi-fetch client a generated package wraps, with the transport as its fetch: credentials (checked
// here, once), retries, timeouts, redirects and the size cap. Runtime options are read at call time (openapi-fetch
// would capture `globalThis.fetch` at creation), and are remembered per client so that `callOperation` can apply
// per-call overrides, and call the transport directly while no middleware was added.

import createClient, { removeTrailingSlash, type Client, type Middleware } from "openapi-fetch";
import type { EventListener, HttpAttemptEvent } from "../observability/events.js";
import { credentialHeaderNames, normalizeCredentials, secretsOf, type Credential } from "./credentials.js";
import { UnitaskError } from "./errors.js";
import { expandPath } from "./path-parameters.js";
import { defaultMaxResponseBytes } from "./read-body.js";
import { createRedactor, type Redactor } from "./redaction.js";
import { observeOperation, type OperationObservation } from "./observe-operation.js";
import { fetchWithRetries, type TransportSettings } from "./resilient-fetch.js";
import { defaultMaxRetries } from "./retry-policy.js";

/** How a client sends requests; each may also be set per call (see `CallOptions`) unless noted. */
export interface ClientRuntimeOptions {
  /** Defaults to `globalThis.fetch`, looked up on every request. Called with `redirect: "manual"`. */
  fetch?: typeof fetch;
  /** Retries after the first attempt, for 408, 429, 5xx, timeouts and connection errors. Default 2. */
  maxRetries?: number;
  /**
   * Bound on each attempt, from sending the request to the last byte of the body. Default 60 000. `Infinity` for
   * none; delays past 2^31−1 ms (24.8 days) are honoured.
   */
  timeoutMs?: number;
  /** Also retry POST and PATCH, which may repeat a side effect. Default false. Client-wide only. */
  retryNonIdempotent?: boolean;
  /** Cap on a response body, counted after decompression: `ResponseTooLargeError` past it. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Redirects followed per attempt before `RedirectError`. Default 10. Client-wide only. */
  maxRedirects?: number;
  /** Called after every HTTP request (each retry, each redirect hop) with its status, duration and redacted URL. */
  onEvent?: EventListener<HttpAttemptEvent>;
}

/** What `createHttpClient` takes: where the API is, the credentials to send, and the runtime options. */
export interface HttpClientOptions {
  /** The provider's name, reported in events and spans. */
  provider?: string;
  baseUrl: string;
  credentials?: readonly Credential[];
  runtime?: ClientRuntimeOptions;
}

/** Per-call overrides of the client's runtime options. */
export interface RetryOverrides {
  timeoutMs?: number;
  maxRetries?: number;
  maxResponseBytes?: number;
}

/** What `createHttpClient` remembers of a client, for `callOperation`. */
export interface Registration {
  /** Without a trailing slash, as openapi-fetch keeps it. */
  baseUrl: string;
  runtime: ClientRuntimeOptions;
  credentials: readonly Credential[];
  credentialHeaders: readonly string[];
  redactor: Redactor;
  /** The middleware added with `client.use` and not ejected. */
  middleware: Set<Middleware>;
  provider: string | undefined;
}

const defaultTimeoutMs = 60_000;
const defaultMaxRedirects = 10;
const registrations = new WeakMap<object, Registration>();

/**
 * An openapi-fetch client for `baseUrl` whose requests carry `credentials` and go through the transport.
 * Throws `InvalidCredentialError` for a credential no request could carry, and `UnitaskError` for a runtime option
 * out of range.
 */
export function createHttpClient<Paths extends {}>(options: HttpClientOptions): Client<Paths> {
  const runtime = options.runtime ?? {};
  const credentials = normalizeCredentials(options.credentials ?? []);
  checkRuntimeOptions(runtime);
  const registration: Registration = {
    baseUrl: removeTrailingSlash(options.baseUrl),
    runtime,
    credentials,
    credentialHeaders: credentialHeaderNames(credentials),
    redactor: createRedactor(secretsOf(credentials)),
    middleware: new Set(),
    provider: options.provider,
  };
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: (request) =>
      observeOperation(request, transportSettings(registration), observationOf(registration), (settings) =>
        fetchWithRetries(request, settings),
      ),
    pathSerializer: (pathname, parameters) => expandPath(pathname, parameters),
  });
  const { use, eject } = client;
  client.use = (...middleware) => {
    use(...middleware);
    for (const added of middleware) if (added) registration.middleware.add(added);
  };
  client.eject = (...middleware) => {
    eject(...middleware);
    for (const removed of middleware) registration.middleware.delete(removed);
  };
  registrations.set(client, registration);
  return client;
}

/** What `observeOperation` reports a call of this client as; `operation` is undefined for a raw call. */
export function observationOf(registration: Registration, operation?: string): OperationObservation {
  return {
    provider: registration.provider,
    operation,
    onEvent: registration.runtime.onEvent,
    redactor: registration.redactor,
  };
}

/** How `callOperation` finds the options of a client made by `createHttpClient` (undefined for any other). */
export function registrationOf(client: object): Registration | undefined {
  return registrations.get(client);
}

/** The transport settings of a call: `overrides` over the client's runtime options over the defaults. */
export function transportSettings(
  registration: Registration,
  overrides: RetryOverrides = {},
  operationId?: string,
): TransportSettings {
  const { runtime } = registration;
  if (
    overrides.timeoutMs !== undefined ||
    overrides.maxRetries !== undefined ||
    overrides.maxResponseBytes !== undefined
  )
    checkRuntimeOptions(overrides, operationId);
  const fetchImplementation = runtime.fetch ?? globalThis.fetch;
  return {
    fetch: (url, init) => fetchImplementation(url, init),
    credentials: registration.credentials,
    credentialHeaders: registration.credentialHeaders,
    redactor: registration.redactor,
    maxRetries: overrides.maxRetries ?? runtime.maxRetries ?? defaultMaxRetries,
    timeoutMs: overrides.timeoutMs ?? runtime.timeoutMs ?? defaultTimeoutMs,
    maxResponseBytes: overrides.maxResponseBytes ?? runtime.maxResponseBytes ?? defaultMaxResponseBytes,
    maxRedirects: runtime.maxRedirects ?? defaultMaxRedirects,
    retryNonIdempotent: runtime.retryNonIdempotent ?? false,
    operationId,
  };
}

const countOptions = ["maxRetries", "maxRedirects"] as const;
const amountOptions = ["timeoutMs", "maxResponseBytes"] as const;

/** Counts are whole numbers ≥ 0; a timeout or a size is a number ≥ 0, `Infinity` meaning no limit. */
function checkRuntimeOptions(options: ClientRuntimeOptions & RetryOverrides, operationId?: string): void {
  for (const name of countOptions) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new UnitaskError(`${name} must be a whole number ≥ 0, not ${String(value)}`, { operationId });
    }
  }
  for (const name of amountOptions) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0)) {
      throw new UnitaskError(`${name} must be a number ≥ 0 (or Infinity for no limit), not ${String(value)}`, {
        operationId,
      });
    }
  }
}
