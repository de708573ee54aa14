import { z } from "zod";
import { FaultSpecError, FaultTable, parseFaultSpecs } from "./faults";
import { countByRoute, LoggedRequest } from "./request-log";
import type { RouteResult } from "./types";

/** What the control endpoints act on: one listener's state, request log, faults and latency. */
export interface Controlled {
  state: unknown;
  requests: LoggedRequest[];
  faults: FaultTable;
  latencyMs: number;
  reset(): void;
}

const Latency = z.object({ ms: z.number().int().min(0).max(600_000).default(0) }).strict();

const refuse = (field: string, message: string): RouteResult => ({ status: 400, body: { message: `${field}: ${message}`, field } });

/** Answers `/_emulator/*`; a bad body is a 400 naming the field (`{message, field}`). */
export function controlAnswer(self: Controlled, method: string, path: string, rawBody: string): RouteResult {
  let body: unknown = {};
  if (rawBody.trim()) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return refuse("(body)", "is not JSON");
    }
  }
  switch (`${method} ${path}`) {
    case "POST /_emulator/reset":
      self.reset();
      return { status: 204 };
    case "GET /_emulator/state":
      return { status: 200, body: self.state };
    case "GET /_emulator/requests":
      return { status: 200, body: self.requests };
    case "DELETE /_emulator/requests":
      self.requests.length = 0;
      return { status: 204 };
    case "GET /_emulator/counts":
      return { status: 200, body: countByRoute(self.requests) };
    case "POST /_emulator/faults":
      try {
        for (const spec of parseFaultSpecs(body)) self.faults.add(spec);
      } catch (error) {
        if (error instanceof FaultSpecError) return refuse(error.field, error.message.slice(error.field.length + 2));
        throw error;
      }
      return { status: 204 };
    case "GET /_emulator/faults":
      return { status: 200, body: self.faults.list() };
    case "DELETE /_emulator/faults":
      self.faults.clear();
      return { status: 204 };
    case "PUT /_emulator/latency": {
      const parsed = Latency.safeParse(body);
      if (!parsed.success)
        return refuse(parsed.error.issues[0].path.map(String).join(".") || "ms", "must be a whole number of milliseconds from 0 to 600000");
      self.latencyMs = parsed.data.ms;
      return { status: 204 };
    }
    default:
      return { status: 501, body: { message: `emulator: no control endpoint ${method} ${path}` } };
  }
}
