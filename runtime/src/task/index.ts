// The unified task model, the conversions generated adapters use, watchTask and waitForTask.
export * from "./convert.js";
export * from "./errors.js";
export * from "./model.js";
export * from "./wait.js";
export * from "./watch.js";
