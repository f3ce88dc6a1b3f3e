// Builds the openapi-fetch client a generated package wraps: auth as middleware, retries and timeouts in the
// injected fetch. Runtime options are read at call time (openapi-fetch would capture `globalThis.fetch` at
// creation), and are remembered per client so that `callOperation` can apply per-call overrides.

import createClient, { type Client } from "openapi-fetch";
import type { EventListener, HttpAttemptEvent } from "../observability/events.js";
import { createAuthMiddleware, secretsOf, type Credential } from "./credentials.js";
import { observeOperation, type OperationObservation } from "./observe-operation.js";
import { fetchWithRetries, type RetrySettings } from "./resilient-fetch.js";
import { defaultMaxRetries } from "./retry-policy.js";

export interface ClientRuntimeOptions {
  /** Defaults to `globalThis.fetch`, looked up on every request. */
  fetch?: typeof fetch;
  /** Retries after the first attempt, for 408, 429, 5xx, timeouts and connection errors. Default 2. */
  maxRetries?: number;
  /** Bound on each attempt, from sending the request to the last byte of the body. Default 60 000. */
  timeoutMs?: number;
  /** Also retry POST and PATCH, which may repeat a side effect. Default false. */
  retryNonIdempotent?: boolean;
  /** Called after every HTTP attempt with its status, duration and URL (credentials redacted). */
  onEvent?: EventListener<HttpAttemptEvent>;
}

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
}

interface Registration {
  runtime: ClientRuntimeOptions;
  secrets: readonly string[];
  provider: string | undefined;
}

const defaultTimeoutMs = 60_000;
const registrations = new WeakMap<object, Registration>();

export function createHttpClient<Paths extends {}>(options: HttpClientOptions): Client<Paths> {
  const runtime = options.runtime ?? {};
  const credentials = options.credentials ?? [];
  const registration: Registration = { runtime, secrets: secretsOf(credentials), provider: options.provider };
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: (request) =>
      observeOperation(request, retrySettings(runtime), observationOf(registration), fetchWithRetries),
  });
  client.use(createAuthMiddleware(credentials));
  registrations.set(client, registration);
  return client;
}

/** What `observeOperation` reports a call of this client as; `operation` is undefined for a raw call. */
export function observationOf(registration: Registration, operation?: string): OperationObservation {
  return {
    provider: registration.provider,
    operation,
    onEvent: registration.runtime.onEvent,
    secrets: registration.secrets,
  };
}

/** How `callOperation` finds the options of a client made by `createHttpClient` (undefined for any other). */
export function registrationOf(client: object): Registration | undefined {
  return registrations.get(client);
}

export function retrySettings(
  runtime: ClientRuntimeOptions,
  overrides: RetryOverrides = {},
  operationId?: string,
): RetrySettings {
  const fetchImplementation = runtime.fetch ?? globalThis.fetch;
  return {
    fetch: (request) => fetchImplementation(request),
    maxRetries: overrides.maxRetries ?? runtime.maxRetries ?? defaultMaxRetries,
    timeoutMs: overrides.timeoutMs ?? runtime.timeoutMs ?? defaultTimeoutMs,
    retryNonIdempotent: runtime.retryNonIdempotent ?? false,
    operationId,
  };
}
