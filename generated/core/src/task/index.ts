// Copied by unitask from runtime/src/task/index.ts. Do not edit: change runtime/src/, then run npm run generate.
// The unified task model, the conversions generated adapters use, watchTask, waitForTask, and the provider
// registry's types.
export * from "./convert.js";
export * from "./errors.js";
export * from "./model.js";
export * from "./provider-info.js";
export * from "./wait.js";
export * from "./watch.js";
