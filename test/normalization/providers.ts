// The four providers under test, their mappings, and the toUnifiedTask each generated package exports.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { UnifiedTask } from "@unitask/core";
import { toUnifiedTask as deckToUnifiedTask } from "@unitask/deck";
import { toUnifiedTask as edenToUnifiedTask } from "@unitask/eden";
import { toUnifiedTask as neoToUnifiedTask } from "@unitask/neo";
import { toUnifiedTask as quantToUnifiedTask } from "@unitask/quant";
import { loadMapping } from "../../generator/normalization/load-mapping.js";
import type { NormalizationMapping } from "../../generator/normalization/mapping.js";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export const providers = ["eden", "quant", "deck", "neo"] as const;
export type Provider = (typeof providers)[number];

/**
 * Each generated package's `toUnifiedTask`, widened to take any value: a response is JSON off the wire, and
 * these tests feed it bodies its parameter type rules out on purpose.
 */
export const toUnifiedTask: Record<Provider, (body: unknown) => UnifiedTask> = {
  eden: edenToUnifiedTask as (body: unknown) => UnifiedTask,
  quant: quantToUnifiedTask as (body: unknown) => UnifiedTask,
  deck: deckToUnifiedTask as (body: unknown) => UnifiedTask,
  neo: neoToUnifiedTask as (body: unknown) => UnifiedTask,
};

export function providerMapping(provider: Provider): NormalizationMapping {
  const file = `specs/${provider}/normalization.yaml`;
  const { mapping, problems } = loadMapping(file, readFileSync(path.join(root, file), "utf8"));
  if (mapping === undefined) throw new Error(problems.map((problem) => problem.message).join("\n"));
  return mapping;
}
