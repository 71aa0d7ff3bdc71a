/**
 * The fake provider's control routes, for tests and demos that run it as its own process:
 *   POST /__fake/script   body: Fault[]      queues faults for the next chat requests
 *   POST /__fake/release  body: {"n": 3}     releases chunks of paced streams
 *   GET  /__fake/requests                    the recorded requests as JSON
 */
import type { ServerResponse } from "node:http";
import type { Fault, RecordedRequest } from "./types";

export type ControlTarget = { script(faults: Fault[]): void; release(n: number): void; requests: RecordedRequest[] };

const KINDS = new Set(["ok", "status", "reset", "slowFirstByte", "malformed", "notJson"]);

function isFaultList(v: unknown): v is Fault[] {
  return Array.isArray(v) && v.every((f) => typeof f === "object" && f !== null && KINDS.has(String((f as { kind?: unknown }).kind)));
}

/** Handles a control route; returns false when the path is not one. */
export function handleControl(method: string, path: string, body: unknown, res: ServerResponse, target: ControlTarget): boolean {
  if (!path.startsWith("/__fake/")) return false;
  const reply = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (method === "POST" && path === "/__fake/script") {
    if (!isFaultList(body)) reply(400, { error: `body must be a list of faults with kind one of ${[...KINDS].join(", ")}` });
    else {
      target.script(body);
      reply(200, { queued: body.length });
    }
  } else if (method === "POST" && path === "/__fake/release") {
    const n = Number((body as { n?: unknown } | null)?.n ?? 1);
    target.release(Number.isInteger(n) && n > 0 ? n : 1);
    reply(200, { released: n });
  } else if (method === "GET" && path === "/__fake/requests") {
    reply(200, target.requests);
  } else {
    reply(404, { error: `no control route ${method} ${path}` });
  }
  return true;
}
