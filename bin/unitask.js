#!/usr/bin/env node
// Runs the TypeScript generator in place (no build step) through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../generator/cli.ts");
