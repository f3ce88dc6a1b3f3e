// The types of @unitask/tasks: each member of createTaskClient's options is exactly one provider's task-client
// options, so a missing or unknown option, or one of another provider, does not compile.
import { describe, expectTypeOf, it } from "vitest";
import type { DeckTaskClientOptions } from "@unitask/deck";
import type { QuantTaskClientOptions } from "@unitask/quant";
import {
  createTaskClient,
  providers,
  type DeckTaskResponse,
  type ProviderInfo,
  type QuantTaskResponse,
  type TaskClient,
  type TaskClientOptions,
  type TaskProviderName,
  type UnifiedTask,
} from "@unitask/tasks";

describe("createTaskClient's options", () => {
  it("is a union discriminated by provider, one member per mapped provider", () => {
    expectTypeOf<TaskProviderName>().toEqualTypeOf<"deck" | "eden" | "neo" | "quant">();
    expectTypeOf<Extract<TaskClientOptions, { provider: "quant" }>>().toEqualTypeOf<
      { provider: "quant" } & QuantTaskClientOptions
    >();
    expectTypeOf<Extract<TaskClientOptions, { provider: "deck" }>>().toEqualTypeOf<
      { provider: "deck" } & DeckTaskClientOptions
    >();
  });

  it("takes each provider's own options, and types raw as its response", () => {
    expectTypeOf(createTaskClient({ provider: "quant", token: "t", organisation: "acme" })).toEqualTypeOf<
      TaskClient<QuantTaskResponse>
    >();
    expectTypeOf(createTaskClient({ provider: "deck", token: "t", baseUrl: "http://127.0.0.1:1" })).toEqualTypeOf<
      TaskClient<DeckTaskResponse>
    >();
    expectTypeOf(createTaskClient({ provider: "eden", apiKey: "k", maxRetries: 0 })).toExtend<TaskClient>();
    expectTypeOf(createTaskClient({ provider: "neo", token: "t" }).getTask).returns.resolves.toExtend<UnifiedTask>();
  });

  it("takes the union itself, for a provider chosen at run time", () => {
    const options = {} as TaskClientOptions;
    expectTypeOf(createTaskClient(options)).toEqualTypeOf<TaskClient>();
  });

  it("rejects a missing organisation for Quant", () => {
    // @ts-expect-error organisation is required by Quant's task client
    createTaskClient({ provider: "quant", token: "t" });
  });

  it("rejects a missing credential", () => {
    // @ts-expect-error Deck's task client needs its token
    createTaskClient({ provider: "deck" });
  });

  it("rejects an option of another provider", () => {
    // @ts-expect-error organisation is Quant's, not Deck's
    createTaskClient({ provider: "deck", token: "t", organisation: "acme" });
    // @ts-expect-error Eden takes an apiKey, not a token
    createTaskClient({ provider: "eden", token: "t" });
  });

  it("rejects an unknown provider", () => {
    // @ts-expect-error there is no provider "acme"
    createTaskClient({ provider: "acme", token: "t" });
  });
});

describe("providers", () => {
  it("lists every provider with its capabilities, credentials and options", () => {
    expectTypeOf(providers).toExtend<Record<TaskProviderName, ProviderInfo>>();
    expectTypeOf(providers.quant.capabilities).toEqualTypeOf<readonly ["get"]>();
    expectTypeOf(providers.quant.options[0].name).toEqualTypeOf<"organisation">();
    expectTypeOf(providers.deck.credentials[0].environmentVariable).toEqualTypeOf<"DECK_TOKEN">();
    expectTypeOf<keyof typeof providers>().toEqualTypeOf<TaskProviderName>();
  });
});
