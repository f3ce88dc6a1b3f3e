// The document's servers, compared by URL: a client configured with a URL that is gone stops working,
// a new URL is only an option, and a new first server changes the generated client's default base URL.
import { code, makeChange, type ChangeKind, type ChangeSeverity, type MessagePart, type SpecChange } from "./change.js";
import { toPointer } from "../problems.js";
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
  severity: ChangeSeverity,
  summary: readonly MessagePart[],
  index: number,
  before?: unknown,
  after?: unknown,
): SpecChange {
  return makeChange({ kind, area: "server", pointer: toPointer(["servers", index]), severity, summary, before, after });
}

export function serverChanges(before: SpecDocument, after: SpecDocument): SpecChange[] {
  const old = serversOf(before);
  const current = serversOf(after);
  const currentByUrl = new Map(current.map((server) => [server.url, server]));
  const oldUrls = new Set(old.map((server) => server.url));
  const changes: SpecChange[] = [];
  for (const server of old) {
    const kept = currentByUrl.get(server.url);
    if (kept === undefined) {
      changes.push(change("removed", "breaking", ["removed server ", code(server.url)], server.index, server.url));
      continue;
    }
    if (JSON.stringify(server.fields.variables) !== JSON.stringify(kept.fields.variables)) {
      changes.push(
        change(
          "changed",
          "potentially-breaking",
          ["changed the variables of server ", code(server.url)],
          kept.index,
          server.fields.variables,
          kept.fields.variables,
        ),
      );
    }
    if (server.fields.description !== kept.fields.description) {
      const changed = makeChange({
        kind: "changed",
        area: "documentation",
        pointer: toPointer(["servers", kept.index, "description"]),
        severity: "non-breaking",
        summary: ["changed the description of server ", code(server.url)],
        before: server.fields.description,
        after: kept.fields.description,
      });
      changes.push(changed);
    }
  }
  for (const server of current.filter((server) => !oldUrls.has(server.url))) {
    changes.push(
      change("added", "non-breaking", ["added server ", code(server.url)], server.index, undefined, server.url),
    );
  }
  const oldDefault = old[0]?.url;
  const newDefault = current[0]?.url;
  // When the old default is gone its removal already says so; this is for a reordering.
  if (
    oldDefault !== undefined &&
    newDefault !== undefined &&
    oldDefault !== newDefault &&
    currentByUrl.has(oldDefault) &&
    oldUrls.has(newDefault)
  ) {
    changes.push(
      change(
        "changed",
        "potentially-breaking",
        ["changed the default server from ", code(oldDefault), " to ", code(newDefault)],
        0,
        oldDefault,
        newDefault,
      ),
    );
  }
  return changes;
}
