// Copied by unitask from runtime/src/http/redaction.ts. Do not edit: change runtime/src/, then run npm run generate.
// Removes secrets from what a server sends back before any of it reaches an error: a careless server echoes a key
// raw, inside JSON (where `/` may be `\/` and any character `\uXXXX`), percent-encoded in a URL, or as the base64
// basic-auth token. Each secret becomes one pattern in which every character matches any of those spellings, so a
// mix of them is caught too. Secrets shorter than `minSecretLength` are left alone: redacting a one-character test
// token would scrub ordinary words, and anything that short is no secret.

/** Secrets shorter than this many characters are not redacted. */
export const minSecretLength = 8;

const redactedMark = "[redacted]";

/** Scrubs the text, headers and foreign errors that could echo a client's credentials. */
export interface Redactor {
  /** `text` with every spelling of every secret replaced by `[redacted]`. */
  text(text: string): string;
  /** A copy of `headers` with their values redacted. */
  headers(headers: Headers): Headers;
  /**
   * A copy of a foreign error (a `TypeError` from fetch, an error from an injected fetch or a middleware) whose
   * message, stack, string fields and causes are redacted; object-valued fields other than errors are dropped, as
   * they may hold the request. Kept as it is when the client has no secret.
   */
  foreignError(error: unknown): unknown;
}

/** A redactor for these secrets (duplicates and secrets under `minSecretLength` characters are ignored). */
export function createRedactor(secrets: readonly string[]): Redactor {
  const kept = [...new Set(secrets)].filter((secret) => secret.length >= minSecretLength);
  if (kept.length === 0) return noSecrets;
  // Longest first, so that a secret containing another is replaced whole.
  kept.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(kept.map(spellingsOf).join("|"), "g");
  const text = (value: string) => value.replace(pattern, redactedMark);
  return {
    text,
    headers: (headers) => {
      const copy = new Headers();
      headers.forEach((value, name) => copy.append(name, text(value)));
      return copy;
    },
    foreignError: (error) => scrubbed(error, text, 0),
  };
}

const noSecrets: Redactor = { text: (text) => text, headers: (headers) => headers, foreignError: (error) => error };

/** A pattern matching `secret` with each character spelled raw, JSON-escaped or percent-encoded. */
function spellingsOf(secret: string): string {
  return Array.from(secret, (character) => {
    const spellings = [escapeForPattern(character), ...jsonEscapes(character), percentEncoded(character)];
    if (character === " ") spellings.push("\\+");
    return `(?:${spellings.join("|")})`;
  }).join("");
}

function jsonEscapes(character: string): string[] {
  const units = Array.from({ length: character.length }, (_, index) => character.charCodeAt(index));
  const escapes = [units.map((unit) => `\\\\u${caseless(unit.toString(16).padStart(4, "0"))}`).join("")];
  const short: Record<string, string> = { "/": "\\\\/", '"': '\\\\"', "\\": "\\\\\\\\", "\t": "\\\\t" };
  if (short[character] !== undefined) escapes.push(short[character]);
  return escapes;
}

function percentEncoded(character: string): string {
  return Array.from(
    new TextEncoder().encode(character),
    (byte) => `%${caseless(byte.toString(16).padStart(2, "0"))}`,
  ).join("");
}

/** `2f` → `2[fF]`: hex digits may come in either case. */
function caseless(hex: string): string {
  return hex.replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

function escapeForPattern(character: string): string {
  return character.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

const maxCauseDepth = 8;

function scrubbed(error: unknown, text: (value: string) => string, depth: number): unknown {
  if (typeof error === "string") return text(error);
  if (typeof error !== "object" || error === null) return error;
  if (depth >= maxCauseDepth) return undefined;
  if (Array.isArray(error)) return error.map((item) => scrubbed(item, text, depth + 1));
  if (!(error instanceof Error)) return undefined;
  const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(error));
  for (const key of Reflect.ownKeys(error)) {
    if (typeof key !== "string") continue;
    const enumerable = Object.getOwnPropertyDescriptor(error, key)?.enumerable ?? false;
    const value: unknown = Reflect.get(error, key);
    const scrubbedValue =
      typeof value === "object" && value !== null && !(value instanceof Error) && !Array.isArray(value)
        ? undefined
        : scrubbed(value, text, depth + 1);
    if (scrubbedValue === undefined && value !== undefined) continue;
    Object.defineProperty(copy, key, { value: scrubbedValue, enumerable, writable: true, configurable: true });
  }
  return copy;
}
