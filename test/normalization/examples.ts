// Each provider's response and the unified task it must become, checked by hand. Quant's and Neo's documented
// examples are read from the spec snapshot in their generated package; the realistic responses are typed as the
// generated response type, so a spec change that invalidates one fails to compile.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { UnifiedTask } from "@unitask/core";
import type { GetTaskData as DeckTaskResponse } from "@unitask/deck";
import type { GetTaskData as EdenTaskResponse } from "@unitask/eden";
import type { GetTaskData as NeoTaskResponse } from "@unitask/neo";
import type { GetTaskData as QuantTaskResponse } from "@unitask/quant";
import { root, type Provider } from "./providers.js";

export interface Example<Body = unknown> {
  body: Body;
  /** Every field of the unified task but `raw`, which must be `body` itself. */
  want: Omit<UnifiedTask, "raw">;
}

interface SpecSnapshot {
  paths: Record<
    string,
    { get?: { operationId?: string; responses: Record<string, { content?: Record<string, { example?: unknown }> }> } }
  >;
}

/** The example of getTask's 200 application/json response in generated/<provider>/spec/openapi.json. */
function documentedExample(provider: Provider): unknown {
  const spec = JSON.parse(
    readFileSync(path.join(root, `generated/${provider}/spec/openapi.json`), "utf8"),
  ) as SpecSnapshot;
  const getTask = Object.values(spec.paths).find((item) => item.get?.operationId === "getTask")?.get;
  const example = getTask?.responses["200"]?.content?.["application/json"]?.example;
  if (example === undefined) throw new Error(`generated/${provider}/spec/openapi.json documents no getTask example`);
  return example;
}

const edenResult = [{ output: [{ filename: "fox.png", mediaAttributes: { width: 1024, height: 1024 } }] }];
const neoMessages = [
  { role: "user", content: "Scan example.com" },
  { role: "assistant", content: "Found 2 issues" },
];

/** The examples the providers' docs give, as they give them (Neo's is full of `<string>` placeholders). */
export const documentedExamples = {
  quant: {
    body: documentedExample("quant") as QuantTaskResponse,
    want: {
      provider: "quant",
      kind: "execution",
      id: "550e8400-e29b-41d4-a716-446655440000",
      title: "Process document and create summary",
      status: "queued",
      terminal: false,
      providerStatus: "pending",
      progress: 0.5,
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:01:40.000Z",
      startedAt: null,
      completedAt: null,
      result: null,
      error: null,
    },
  },
  neo: {
    body: documentedExample("neo") as NeoTaskResponse,
    want: {
      provider: "neo",
      kind: "execution",
      id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
      title: "<string>",
      status: "unknown",
      terminal: false,
      providerStatus: "<string>",
      progress: null,
      createdAt: "2023-11-07T05:31:56.000Z",
      updatedAt: "2023-11-07T05:31:56.000Z",
      startedAt: "2023-11-07T05:31:56.000Z",
      completedAt: "2023-11-07T05:31:56.000Z",
      result: [{}],
      error: null,
    },
  },
} satisfies Partial<Record<Provider, Example>>;

/** One realistic response per provider (Quant's is its documented example) and the task it becomes. */
export const examples = {
  eden: {
    body: {
      task: {
        _id: "65f1c0ffee0000000000abcd",
        user: { _id: "u1", userId: "user_1", username: "ada", userImage: "https://example.com/ada.png" },
        tool: "flux_schnell",
        args: { prompt: "a fox", n_samples: 1 },
        output_type: "image",
        cost: 1,
        status: "completed",
        progress: 1,
        performance: { waitTime: 0.4, runTime: 42 },
        result: edenResult,
        createdAt: "2024-03-13T10:00:00.000Z",
        updatedAt: "2024-03-13T10:00:42.500Z",
      },
    } satisfies EdenTaskResponse,
    want: {
      provider: "eden",
      kind: "execution",
      id: "65f1c0ffee0000000000abcd",
      title: null,
      status: "succeeded",
      terminal: true,
      providerStatus: "completed",
      progress: 1,
      createdAt: "2024-03-13T10:00:00.000Z",
      updatedAt: "2024-03-13T10:00:42.500Z",
      startedAt: null,
      completedAt: null,
      result: edenResult,
      error: null,
    },
  },
  quant: documentedExamples.quant,
  deck: {
    body: {
      id: "task_9x2k",
      object: "task",
      name: "Download invoices",
      prompt: "Log in and download this month's invoices.",
      status: "live",
      agent_id: "agt_41",
      input_schema: null,
      output_schema: { type: "object" },
      storage: null,
      created_at: "2025-06-01T12:00:00Z",
      updated_at: "2025-06-02T08:30:00+02:00",
      request_id: "req_7",
    } satisfies DeckTaskResponse,
    want: {
      provider: "deck",
      kind: "definition",
      id: "task_9x2k",
      title: "Download invoices",
      status: "succeeded",
      terminal: true,
      providerStatus: "live",
      progress: null,
      createdAt: "2025-06-01T12:00:00.000Z",
      updatedAt: "2025-06-02T06:30:00.000Z",
      startedAt: null,
      completedAt: null,
      result: null,
      error: null,
    },
  },
  neo: {
    body: {
      messages: neoMessages,
      task: {
        created_at: "2023-11-07T05:31:56Z",
        id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
        title: "Scan example.com",
        created_by: "jsmith@example.com",
        is_isolated: true,
        is_scheduled: false,
        updated_at: "2023-11-07T06:00:01Z",
      },
      read_only: false,
      stream: { hasStream: true, last_seq: 12, streamId: "s2", streamStatus: "running" },
      streams: [
        {
          created_at: "2023-11-07T05:31:56Z",
          status: "completed",
          stream_id: "3c90c3cc-0d44-4b50-8888-000000000001",
          completed_at: "2023-11-07T05:40:00Z",
        },
        { created_at: "2023-11-07T06:00:00Z", status: "running", stream_id: "3c90c3cc-0d44-4b50-8888-000000000002" },
      ],
    } satisfies NeoTaskResponse,
    want: {
      provider: "neo",
      kind: "execution",
      id: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
      title: "Scan example.com",
      status: "running",
      terminal: false,
      providerStatus: "running",
      progress: null,
      createdAt: "2023-11-07T05:31:56.000Z",
      updatedAt: "2023-11-07T06:00:01.000Z",
      startedAt: "2023-11-07T06:00:00.000Z",
      completedAt: null,
      result: neoMessages,
      error: null,
    },
  },
} satisfies Record<Provider, Example>;
