// Credentials: checked once when the client is created, then put on each request by the transport, hop by hop, so
// that a redirect to another origin never carries them. A header the caller set explicitly (e.g. a per-call
// `Authorization`) is left as it is on the first origin.

import { InvalidCredentialError } from "./errors.js";

/** One credential of a security scheme the spec declares, as the generated client passes it. */
export type Credential =
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string; value: string }
  | { kind: "bearer"; value: string }
  | { kind: "basic"; username: string; password: string };

// Secrets read from a file or a mounted secret end in a newline; `Headers` would trim it anyway, and a basic
// password is sent inside base64 where it would not be.
const surroundingWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;
// The characters no header value may hold (RFC 9110 §5.5: CR, LF and NUL are fatal, other controls obsolete).
const controlCharacter = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const beyondLatin1 = /[^\u0000-\u00ff]/;
// A header or cookie name is an RFC 9110 token.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const characterNames: Readonly<Record<string, string>> = {
  "\r": "a carriage return (CR)",
  "\n": "a line feed (LF)",
  "\0": "a NUL character",
};

/**
 * The credentials as they will be sent: surrounding whitespace removed, and each one checked, so that a bad one
 * fails here with an `InvalidCredentialError` (which never holds the value) rather than later in `Headers.set`
 * with a `TypeError` quoting it.
 */
export function normalizeCredentials(credentials: readonly Credential[]): Credential[] {
  return credentials.map((credential) => {
    switch (credential.kind) {
      case "bearer":
        return { ...credential, value: checked("the bearer token", credential.value, true) };
      case "basic": {
        const username = checked("the basic-auth username", credential.username, false);
        if (username.includes(":")) {
          throw new InvalidCredentialError({ credential: "the basic-auth username", reason: "it contains a colon" });
        }
        return { ...credential, username, password: checked("the basic-auth password", credential.password, false) };
      }
      case "apiKey": {
        const description = `the API key ${credential.name} (in ${credential.in})`;
        if (credential.in !== "query" && !token.test(credential.name)) {
          throw new InvalidCredentialError({ credential: description, reason: "its name is not an HTTP token" });
        }
        return { ...credential, value: checked(description, credential.value, credential.in === "header") };
      }
    }
  });
}

function checked(description: string, value: unknown, inHeader: boolean): string {
  if (typeof value !== "string") {
    throw new InvalidCredentialError({ credential: description, reason: `it is ${typeof value}, not a string` });
  }
  const trimmed = value.replace(surroundingWhitespace, "");
  const control = controlCharacter.exec(trimmed)?.[0];
  if (control !== undefined) {
    const name =
      characterNames[control] ?? `the control character U+${control.charCodeAt(0).toString(16).padStart(4, "0")}`;
    throw new InvalidCredentialError({ credential: description, reason: `it contains ${name}` });
  }
  if (inHeader && beyondLatin1.test(trimmed)) {
    throw new InvalidCredentialError({
      credential: description,
      reason: "it contains a character outside Latin-1, which a header cannot carry",
    });
  }
  return trimmed;
}

/**
 * Puts the credentials on one outgoing request (one hop): headers in place, a query key into the returned URL.
 * An empty value sends nothing; a header or query parameter the caller already set is kept.
 */
export function applyCredentials(url: string, headers: Headers, credentials: readonly Credential[]): string {
  let authorizedUrl = url;
  for (const credential of credentials) {
    switch (credential.kind) {
      case "bearer":
        if (credential.value !== "") setIfAbsent(headers, "Authorization", `Bearer ${credential.value}`);
        break;
      case "basic":
        setIfAbsent(headers, "Authorization", `Basic ${basicToken(credential)}`);
        break;
      case "apiKey":
        if (credential.value === "") break;
        if (credential.in === "header") setIfAbsent(headers, credential.name, credential.value);
        else if (credential.in === "cookie") {
          const cookie = `${credential.name}=${encodeURIComponent(credential.value)}`;
          const existing = headers.get("Cookie");
          headers.set("Cookie", existing ? `${existing}; ${cookie}` : cookie);
        } else authorizedUrl = withQueryParameter(authorizedUrl, credential.name, credential.value);
    }
  }
  return authorizedUrl;
}

/**
 * Takes every credential off a hop to another origin: the headers that may carry one (`credentialHeaders`, see
 * `credentialHeaderNames`), and a query key the Location brought back (a server that redirects keeping the query).
 */
export function removeCredentials(
  url: string,
  headers: Headers,
  settings: { credentials: readonly Credential[]; credentialHeaders: readonly string[] },
): string {
  for (const name of settings.credentialHeaders) headers.delete(name);
  const queryKeys = settings.credentials.flatMap((credential) =>
    credential.kind === "apiKey" && credential.in === "query" ? [credential.name] : [],
  );
  if (queryKeys.length === 0) return url;
  const parsed = new URL(url);
  const present = queryKeys.filter((name) => parsed.searchParams.has(name));
  if (present.length === 0) return url;
  for (const name of present) parsed.searchParams.delete(name);
  return parsed.href;
}

/**
 * The request headers that may carry a credential, in lower case: the ones fetch itself drops across origins
 * (`authorization`, `proxy-authorization`, `cookie`) and every API key header of these credentials.
 */
export function credentialHeaderNames(credentials: readonly Credential[]): string[] {
  const names = new Set(["authorization", "proxy-authorization", "cookie"]);
  for (const credential of credentials) {
    if (credential.kind === "apiKey" && credential.in === "header") names.add(credential.name.toLowerCase());
  }
  return [...names];
}

/**
 * The strings that must never be shown: keys, tokens, passwords and the basic-auth token derived from them.
 * Their encoded forms are the redactor's business.
 */
export function secretsOf(credentials: readonly Credential[]): string[] {
  return credentials.flatMap((credential) => {
    switch (credential.kind) {
      case "apiKey":
      case "bearer":
        return [credential.value];
      case "basic":
        return [credential.password, basicToken(credential)];
    }
  });
}

function setIfAbsent(headers: Headers, name: string, value: string): void {
  if (!headers.has(name)) headers.set(name, value);
}

function withQueryParameter(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has(name)) return url;
  parsed.searchParams.append(name, value);
  return parsed.href;
}

/** base64 of the UTF-8 `username:password` (RFC 7617). */
function basicToken(credential: { username: string; password: string }): string {
  const bytes = new TextEncoder().encode(`${credential.username}:${credential.password}`);
  return btoa(String.fromCharCode(...bytes));
}
