// npm run corpus [name ...]: every corpus spec (or the named ones) generated, type-checked and tested
// (corpus/check.ts), one table row each, ending with `N passed, M failed`. Exits 1 when any failed.
// CORPUS_TIMEOUT (seconds per stage, default 600) and CORPUS_HEAP (MiB per process, default 10240) bound a run:
// tsc over Microsoft Graph's package (75 MB of TypeScript, types, client and type tests) peaks near 7 GB.
import { checkSpec, type SpecResult } from "./check.js";
import { readCorpusList } from "./fetch.js";

const names = process.argv.slice(2);
const corpus = readCorpusList();
const unknown = names.filter((name) => !corpus.some((entry) => entry.name === name));
if (unknown.length > 0) {
  console.error(`not in corpus/specs.json: ${unknown.join(", ")}`);
  process.exit(2);
}
const selected = names.length === 0 ? corpus : corpus.filter((entry) => names.includes(entry.name));
const options = {
  timeoutSeconds: Number(process.env.CORPUS_TIMEOUT ?? 600),
  maxHeapMiB: Number(process.env.CORPUS_HEAP ?? 10240),
  keep: process.env.CORPUS_KEEP === "1",
};

const columns = [
  { title: "spec", width: 18, value: (row: SpecResult) => row.name },
  { title: "size", width: 9, value: (row: SpecResult) => formatBytes(row.bytes), right: true },
  { title: "operations", width: 10, value: (row: SpecResult) => String(row.operations), right: true },
  { title: "warnings", width: 8, value: (row: SpecResult) => String(row.warnings), right: true },
  { title: "seconds", width: 7, value: (row: SpecResult) => row.seconds.toFixed(1), right: true },
  {
    title: "result",
    width: 0,
    value: (row: SpecResult) => (row.failed.length > 0 ? `FAIL (${row.failed.join(", ")})` : "pass"),
  },
];

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

function printRow(cells: string[]): void {
  console.log(
    cells
      .map((cell, index) => {
        const column = columns[index]!;
        return column.right ? cell.padStart(column.width) : cell.padEnd(column.width);
      })
      .join("  ")
      .trimEnd(),
  );
}

printRow(columns.map((column) => column.title));
let passed = 0;
for (const entry of selected) {
  const result = checkSpec(entry, options);
  printRow(columns.map((column) => column.value(result)));
  if (result.failed.length > 0) console.log(result.reason.replace(/^/gm, "    │ "));
  else passed++;
}
console.log(`${passed} passed, ${selected.length - passed} failed`);
process.exitCode = passed === selected.length ? 0 : 1;
