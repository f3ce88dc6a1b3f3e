// Copied by unitask from runtime/src/observability/tracing.ts. Do not edit: change runtime/src/, then run npm run generate.
// OpenTelemetry spans, when the application has `@opentelemetry/api` installed (an optional peer dependency of
// @unitask/core). It is imported lazily, on the first span, through a specifier the bundlers and the compiler
// do not follow, so nothing is loaded, and nothing fails, without it. Without a registered tracer provider the
// API hands out no-op spans. Only the few members of the API used here are typed, structurally.

/** The part of `@opentelemetry/api`'s Span used here. */
interface OtelSpan {
  isRecording(): boolean;
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: { name: string; message: string }): unknown;
  end(): void;
}

interface OtelTracer {
  startSpan(name: string, options?: object): OtelSpan;
}

interface OtelTracerProvider {
  getTracer(name: string, version?: string): OtelTracer;
}

interface OtelApi {
  trace: { getTracerProvider(): OtelTracerProvider };
}

/** `SpanStatusCode.ERROR` of the OpenTelemetry API. */
const STATUS_ERROR = 2;
/** `SpanKind.CLIENT` of the OpenTelemetry API. */
const KIND_CLIENT = 2;

/** Span or event attributes; undefined values are left out. */
export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** A started span, or a no-op when OpenTelemetry is not installed. */
export interface SpanHandle {
  /** Records a point in time within the span. */
  addEvent(name: string, attributes: SpanAttributes): void;
  /** Sets attributes, overwriting those of the same key. */
  setAttributes(attributes: SpanAttributes): void;
  /** Marks the span failed with `error`; `end` must still be called. */
  fail(error: unknown): void;
  /** Ends the span; it is exported then. */
  end(): void;
}

const OPENTELEMETRY_API = "@opentelemetry/api";
let loading: Promise<OtelApi | undefined> | undefined;
/** What the import gave, once it has settled: the API, or null when it is not installed. */
let loaded: OtelApi | null | undefined;

/** Imports `@opentelemetry/api` once; undefined when it is not installed. `importer` is replaceable for tests. */
export function loadOpenTelemetry(
  importer: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<OtelApi | undefined> {
  loading ??= importer(OPENTELEMETRY_API).then(
    (api) => {
      loaded = api as OtelApi;
      return loaded;
    },
    () => {
      loaded = null;
      return undefined;
    },
  );
  return loading;
}

/** Forgets the loaded API, so that the next span imports it again (tests only). */
export function resetOpenTelemetry(): void {
  loading = undefined;
  loaded = undefined;
}

/** Starts a client span named `name` on the `unitask` tracer. */
export async function startSpan(name: string, attributes: SpanAttributes): Promise<SpanHandle> {
  await loadOpenTelemetry();
  return startSpanNow(name, attributes) ?? noSpan;
}

/**
 * `startSpan` without waiting, for the hot path of every call: undefined until the lazy import has settled (the
 * first call starts it), then the span at once. `attributes` may be a function, called only when the API is there.
 * A span nothing records (no tracer provider registered, or not sampled) is `noSpan`, so that callers can skip the
 * work of describing it.
 */
export function startSpanNow(
  name: string,
  attributes: SpanAttributes | (() => SpanAttributes),
): SpanHandle | undefined {
  if (loaded === undefined) {
    void loadOpenTelemetry();
    return undefined;
  }
  if (loaded === null) return noSpan;
  const initial = definedAttributes(typeof attributes === "function" ? attributes() : attributes);
  const span = tracer(loaded).startSpan(name, { kind: KIND_CLIENT, attributes: initial });
  if (!span.isRecording()) {
    span.end();
    return noSpan;
  }
  return {
    addEvent: (eventName, eventAttributes) => span.addEvent(eventName, definedAttributes(eventAttributes)),
    setAttributes: (more) => {
      for (const [key, value] of Object.entries(definedAttributes(more))) span.setAttribute(key, value);
    },
    fail: (error) => {
      const { name: errorName, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
      span.recordException({ name: errorName, message });
      span.setStatus({ code: STATUS_ERROR, message });
    },
    end: () => span.end(),
  };
}

// The tracer of the global provider, asked for again only when that provider changes (a tracer obtained before an
// SDK registers starts delegating to it once it does, as the API documents).
let tracerOf: { provider: OtelTracerProvider; tracer: OtelTracer } | undefined;

function tracer(api: OtelApi): OtelTracer {
  const provider = api.trace.getTracerProvider();
  if (tracerOf?.provider !== provider) tracerOf = { provider, tracer: provider.getTracer("unitask") };
  return tracerOf.tracer;
}

/** The span of a call nothing records. */
export const noSpan: SpanHandle = { addEvent() {}, setAttributes() {}, fail() {}, end() {} };

function definedAttributes(attributes: SpanAttributes): Record<string, string | number | boolean> {
  const defined: Record<string, string | number | boolean> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}
