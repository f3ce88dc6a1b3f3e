// @unitask/tasks at run time: createTaskClient builds each provider's task client from its options, against a
// server on 127.0.0.1 speaking that provider's wire format, and watchTask follows a task through any of them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTaskClient, providers, watchTask, type TaskClientOptions } from "@unitask/tasks";
import { examples } from "../normalization/examples.js";
import { providers as providerNames, root, type Provider } from "../normalization/providers.js";
import { ORGANISATION, SECRET, startProviderServer, taskIds, type ProviderServer } from "./provider-server.js";

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Each provider's options, as a program reading its credential from the environment would build them. */
function optionsFor(provider: Provider, baseUrl: string): TaskClientOptions {
  const common = { baseUrl, maxRetries: 0 };
  switch (provider) {
    case "eden":
      return { provider, apiKey: SECRET, ...common };
    case "quant":
      return { provider, token: SECRET, organisation: ORGANISATION, ...common };
    case "deck":
    case "neo":
      return { provider, token: SECRET, ...common };
  }
}

/** A running and a finished status in each provider's own words. */
const lifecycle: Record<Provider, { running: string; done: string }> = {
  eden: { running: "running", done: "completed" },
  quant: { running: "in_progress", done: "completed" },
  deck: { running: "learning", done: "live" },
  neo: { running: "running", done: "completed" },
};

describe("createTaskClient", () => {
  it("knows exactly the providers that have a mapping", () => {
    expect(Object.keys(providers).sort()).toEqual([...providerNames].sort());
  });

  it.each(providerNames)("%s: gets the task from its server, unified, with the raw body kept", async (provider) => {
    server = await startProviderServer(provider, [{ status: lifecycle[provider].running }]);
    const client = createTaskClient(optionsFor(provider, server.baseUrl));
    const task = await client.getTask(taskIds[provider]);
    expect(client.provider).toBe(provider);
    expect(task).toMatchObject({ provider, id: examples[provider].want.id, status: "running", terminal: false });
    expect(task.providerStatus).toBe(lifecycle[provider].running);
  });

  it.each(providerNames)("%s: watchTask follows the task to its end", async (provider) => {
    server = await startProviderServer(provider, [
      { status: lifecycle[provider].running },
      { httpStatus: 503 },
      { status: lifecycle[provider].running },
      { status: lifecycle[provider].done },
    ]);
    const client = createTaskClient(optionsFor(provider, server.baseUrl));
    const seen: string[] = [];
    for await (const task of watchTask(client, taskIds[provider], { intervalMs: 5, maxIntervalMs: 20 }))
      seen.push(task.status);
    expect(seen).toEqual(["running", "succeeded"]);
    expect(server.urls).toHaveLength(4);
  });

  it("describes each provider: package, capabilities, credentials and their variables, options", () => {
    expect(providers.quant).toEqual({
      displayName: "Quant",
      packageName: "@unitask/quant",
      kind: "execution",
      capabilities: ["get"],
      credentials: [{ option: "token", environmentVariable: "QUANT_TOKEN", required: true }],
      options: [{ name: "organisation", description: "The organisation the tasks belong to." }],
      defaultBaseUrl: "https://dashboard.quantcdn.io",
    });
    expect(providers.eden.credentials).toEqual([
      { option: "apiKey", environmentVariable: "EDEN_API_KEY", required: true },
    ]);
    expect(providers.deck.kind).toBe("definition");
  });

  it.each(providerNames)("%s: its credentials' variables are the ones its README shows", (provider) => {
    const readme = readFileSync(path.join(root, `generated/${provider}/README.md`), "utf8");
    for (const credential of providers[provider].credentials)
      expect(readme).toContain(`${credential.option}: process.env.${credential.environmentVariable}!`);
  });
});
