// The fast part of the real-spec corpus (npm run corpus runs all of it): a few small public specs,
// each chosen for a class of failure that real specs showed, generated through the CLI, type-checked
// with their emitted tests, and their emitted loopback tests run (corpus/check.ts).
import { describe, expect, it } from "vitest";
import { checkSpec } from "../../corpus/check.js";
import { readCorpusList } from "../../corpus/fetch.js";

const corpus = readCorpusList();

const cases: [string, { given: string; want: { failed: string[]; reason: string } }][] = [
  [
    "OpenAPI 3.1 in YAML, required request bodies, XML beside JSON responses (Train Travel)",
    { given: "train-travel", want: { failed: [], reason: "" } },
  ],
  [
    "required JSON bodies, responses documented without content, text/plain beside JSON (Pinecone)",
    { given: "pinecone", want: { failed: [], reason: "" } },
  ],
  [
    "multipart and JSON bodies, problem+json errors, vendor and subtitle media types (Rev.ai)",
    { given: "rev-ai", want: { failed: [], reason: "" } },
  ],
];

describe("real public specs generate packages that type-check and pass their own tests", () => {
  it.each(cases)(
    "%s",
    (_name, { given, want }) => {
      const entry = corpus.find((candidate) => candidate.name === given);
      expect(entry, `corpus/specs.json has ${given}`).toBeDefined();
      const result = checkSpec(entry!, { timeoutSeconds: 180, maxHeapMiB: 2048 });
      expect({ failed: result.failed, reason: result.reason }).toEqual(want);
    },
    600_000,
  );
});
