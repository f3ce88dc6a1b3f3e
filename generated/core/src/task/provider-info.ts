// Copied by unitask from runtime/src/task/provider-info.ts. Do not edit: change runtime/src/, then run npm run generate.
// What the generated @unitask/tasks registry says about each provider it knows: enough for a program (or the
// `unitask task` commands) to build a task client without knowing the provider in advance.

import type { TaskKind } from "./model.js";

/** What a provider's task client can do. Today every mapping declares how to get a task (and so to watch it). */
export type TaskCapability = "get";

/** A credential option of a provider's client and the environment variable its README reads it from. */
export interface CredentialInfo {
  /** The client option, e.g. `token` or `apiKey`. */
  readonly option: string;
  /** e.g. `DECK_TOKEN`. */
  readonly environmentVariable: string;
  /** True when the client cannot call without it. */
  readonly required: boolean;
}

/** An option the task client needs besides the client's own (Quant's `organisation`); always required. */
export interface TaskOptionInfo {
  /** The task client option, e.g. `organisation`; the CLI flag is `--<name>`. */
  readonly name: string;
  /** What it is, from the mapping or the spec; null when neither says. */
  readonly description: string | null;
}

/** One entry of the `providers` registry of @unitask/tasks. */
export interface ProviderInfo {
  /** e.g. `Quant`. */
  readonly displayName: string;
  /** The npm package of the provider's client, e.g. `@unitask/quant`. */
  readonly packageName: string;
  /** Whether the provider's task is one run or a reusable definition. */
  readonly kind: TaskKind;
  /** What its task client can do. */
  readonly capabilities: readonly TaskCapability[];
  /** The credentials its client takes. */
  readonly credentials: readonly CredentialInfo[];
  /** What its task client needs besides the client's options. */
  readonly options: readonly TaskOptionInfo[];
  /** The base URL used when none is given (the spec's first server); null when the spec names none. */
  readonly defaultBaseUrl: string | null;
}
