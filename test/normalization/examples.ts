// One realistic response per provider (Quant's and Neo's from their docs pages, Eden's and Deck's built from
// their specs) and the unified task each must become, checked by hand.
import type { UnifiedTask } from "../../runtime/src/task/index.js";
import type { Provider } from "./emitted-adapters.js";

const edenResult = [{ output: [{ filename: "fox.png", mediaAttributes: { width: 1024, height: 1024 } }] }];
const neoMessages = [{ role: "user", content: "Scan example.com" }, { role: "assistant", content: "Found 2 issues" }];

export const examples: Record<Provider, { body: Record<string, unknown>; want: Omit<UnifiedTask, "raw"> }> = {
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
    },
    want: {
      provider: "eden", kind: "execution", id: "65f1c0ffee0000000000abcd", title: null,
      status: "succeeded", terminal: true, providerStatus: "completed", progress: 1,
      createdAt: "2024-03-13T10:00:00.000Z", updatedAt: "2024-03-13T10:00:42.500Z", startedAt: null, completedAt: null,
      result: edenResult, error: null,
    },
  },
  quant: {
    body: {
      taskId: "550e8400-e29b-41d4-a716-446655440000",
      orgId: "quant",
      taskListId: "world-1",
      title: "Process document and create summary",
      description: "Extract text from PDF, analyze content",
      status: "pending",
      assignedAgentId: "agent-123",
      createdByAgentId: "agent-coordinator",
      metadata: { priority: "high" },
      progress: 0.5,
      progressMessage: "Extracted text, analyzing content...",
      retryCount: 0,
      maxRetries: 3,
      createdAt: 1735689600000,
      updatedAt: 1735689700000,
    },
    want: {
      provider: "quant", kind: "execution", id: "550e8400-e29b-41d4-a716-446655440000", title: "Process document and create summary",
      status: "queued", terminal: false, providerStatus: "pending", progress: 0.5,
      createdAt: "2025-01-01T00:00:00.000Z", updatedAt: "2025-01-01T00:01:40.000Z", startedAt: null, completedAt: null,
      result: null, error: null,
    },
  },
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
    },
    want: {
      provider: "deck", kind: "definition", id: "task_9x2k", title: "Download invoices",
      status: "succeeded", terminal: true, providerStatus: "live", progress: null,
      createdAt: "2025-06-01T12:00:00.000Z", updatedAt: "2025-06-02T06:30:00.000Z", startedAt: null, completedAt: null,
      result: null, error: null,
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
        { created_at: "2023-11-07T05:31:56Z", status: "completed", stream_id: "3c90c3cc-0d44-4b50-8888-000000000001", completed_at: "2023-11-07T05:40:00Z" },
        { created_at: "2023-11-07T06:00:00Z", status: "running", stream_id: "3c90c3cc-0d44-4b50-8888-000000000002" },
      ],
    },
    want: {
      provider: "neo", kind: "execution", id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", title: "Scan example.com",
      status: "running", terminal: false, providerStatus: "running", progress: null,
      createdAt: "2023-11-07T05:31:56.000Z", updatedAt: "2023-11-07T06:00:01.000Z", startedAt: "2023-11-07T06:00:00.000Z", completedAt: null,
      result: neoMessages, error: null,
    },
  },
};
