// Emits test/prism.test.ts: the package's test/cases.json, spec and client handed to the Prism harness of
// @unitask/core/testing, which runs the cases against Prism, an independent mock of the spec.
import type { SourceFile } from "ts-morph";
import type { ProviderModel } from "../model.js";
import { emitHarnessCall } from "./client-test.js";

export function emitPrismTest(file: SourceFile, model: ProviderModel): void {
  emitHarnessCall(file, model, "describePrismTests");
}
