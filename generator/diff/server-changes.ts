// The document's servers. oasdiff has no rule for them: they are deployment metadata, and every call
// goes wherever the client's `baseUrl` says. So every server change is non-breaking, and the report says
// when the generated client's default base URL (the first server) moves, which a client relying on the
// default will notice.
import { code, makeChange, type ChangeKind, type MessagePart, type SpecChange } from "./change.js";
import { toPointer } from "../spec/index.js";
import { unitaskVerdict } from "./rules.js";
import { isRecord, type SpecDocument } from "./spec-walk.js";

interface Server {
  url: string;
  index: number;
  fields: Record<string, unknown>;
}

function serversOf(document: SpecDocument): Server[] {
  const servers = document.servers;
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((server: unknown, index) =>
    isRecord(server) && typeof server.url === "string" ? [{ url: server.url, index, fields: server }] : [],
  );
}

function change(
  kind: ChangeKind,
  name: string,
  summary: readonly MessagePart[],
  pointer: readonly (string | number)[],
  before?: unknown,
  after?: unknown,
): SpecChange {
  const verdict = unitaskVerdict(name, "non-breaking");
  return makeChange({ kind, area: "server", pointer: toPointer(pointer), ...verdict, summary, before, after });
}

function movesDefault(url: string): MessagePart[] {
  return [": the client's default base URL moves to ", code(url)];
}

export function serverChanges(before: SpecDocument, after: SpecDocument): SpecChange[] {
  const old = serversOf(before);
  const current = serversOf(after);
  const oldUrls = new Set(old.map((server) => server.url));
  const currentUrls = new Set(current.map((server) => server.url));
  const gone = old.filter((server) => !currentUrls.has(server.url));
  const fresh = current.filter((server) => !oldUrls.has(server.url));
  const newDefault = current[0]?.url;
  const defaultMoved = newDefault !== undefined && old[0] !== undefined && old[0].url !== newDefault;
  const changes: SpecChange[] = [];
  // A server whose URL changed in place (same position, old URL gone, new one new) is one change.
  const replaced = gone.filter((server) => fresh.some((candidate) => candidate.index === server.index));
  for (const server of replaced) {
    const url = current[server.index]!.url;
    const summary = ["changed server URL ", code(server.url), " to ", code(url)];
    if (server.index === 0) summary.push(...movesDefault(url));
    changes.push(change("changed", "server-url-changed", summary, ["servers", server.index], server.url, url));
  }
  for (const server of gone.filter((server) => !replaced.includes(server))) {
    const summary = ["removed server ", code(server.url)];
    if (server.index === 0 && newDefault !== undefined) summary.push(...movesDefault(newDefault));
    changes.push(change("removed", "server-removed", summary, ["servers", server.index], server.url));
  }
  for (const server of fresh.filter((server) => !replaced.some((other) => other.index === server.index))) {
    const summary = ["added server ", code(server.url)];
    if (server.index === 0 && old.length > 0) summary.push(...movesDefault(server.url));
    changes.push(change("added", "server-added", summary, ["servers", server.index], undefined, server.url));
  }
  // A reordering that puts another listed server first.
  if (defaultMoved && oldUrls.has(newDefault) && currentUrls.has(old[0]!.url)) {
    const summary = ["made server ", code(newDefault), " the first", ...movesDefault(newDefault)];
    changes.push(change("changed", "server-default-changed", summary, ["servers", 0], old[0]!.url, newDefault));
  }
  for (const server of old) {
    const kept = current.find((candidate) => candidate.url === server.url);
    if (kept === undefined) continue;
    if (JSON.stringify(server.fields.variables) !== JSON.stringify(kept.fields.variables)) {
      const summary = ["changed the variables of server ", code(server.url)];
      const pointer = ["servers", kept.index, "variables"];
      changes.push(
        change("changed", "server-variables-changed", summary, pointer, server.fields.variables, kept.fields.variables),
      );
    }
    if (server.fields.description !== kept.fields.description) {
      changes.push(
        makeChange({
          kind: "changed",
          area: "documentation",
          pointer: toPointer(["servers", kept.index, "description"]),
          ...unitaskVerdict("documentation", "non-breaking"),
          summary: ["changed the description of server ", code(server.url)],
          before: server.fields.description,
          after: kept.fields.description,
        }),
      );
    }
  }
  return changes;
}
