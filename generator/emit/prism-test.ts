// Emits test/prism.test.ts: the package's test/cases.json, spec and client handed to the Prism harness of
// @unitask/core/testing, which runs the cases against Prism, an independent mock of the spec.
import type { StatementStructures, WriterFunction } from "ts-morph";
import type { ProviderModel } from "../model.js";
import { emitHarnessCall } from "./client-test.js";

export function emitPrismTest(model: ProviderModel): (StatementStructures | WriterFunction)[] {
  return emitHarnessCall(model, "describePrismTests");
}
