import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { FaultSpec, FaultTable } from "./faults";
import { matchRoute } from "./router";
import { CloudEmulator, EmulatedError, EmulatorOptions, RouteResult } from "./types";

/** One request as the control endpoint `/_emulator/requests` reports it. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** The route template that handled it, e.g. `POST /v2.0/security-group-rules`. */
  route: string;
  status: number | "reset" | "dropped";
  at: number;
}

/** A running listener for one cloud, with its state and controls. */
export interface CloudServer<S = unknown> {
  name: string;
  url: string;
  state: S;
  requests: LoggedRequest[];
  faults: FaultTable;
  latencyMs: number;
  reset(): void;
  close(): Promise<void>;
}

/** Starts one cloud's HTTP listener on 127.0.0.1 (port 0 picks a free port). */
/** The state of one store; listeners sharing a store hold the same box, so a reset through one is seen by all. */
export interface StateBox<S> {
  state: S;
}

export async function startCloudServer<S>(cloud: CloudEmulator<S>, options: EmulatorOptions & { port?: number; box?: StateBox<S>; onChange?: () => void }): Promise<CloudServer<S>> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => send(res, { status: 500, body: { emulatorError: String(error?.stack ?? error) } }));
  });
  const box: StateBox<S> = options.box ?? { state: cloud.initialState(options) };
  const self: CloudServer<S> = {
    name: cloud.name,
    url: "",
    get state() {
      return box.state;
    },
    set state(next: S) {
      box.state = next;
    },
    requests: [],
    faults: new FaultTable(),
    latencyMs: options.latencyMs ?? 0,
    reset() {
      self.state = cloud.initialState(options);
      self.requests = [];
      self.faults.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? "/", self.url);
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname.startsWith("/_emulator/") && !matchRoute(cloud.routes, method, url.pathname)) {
      return send(res, control(method, url.pathname, rawBody));
    }
    const path = cloud.normalizePath ? cloud.normalizePath(url.pathname) : url.pathname;
    const match = matchRoute(cloud.routes, method, path);
    const entry: LoggedRequest = { method, path: url.pathname, route: match ? `${method} ${match.route.path}` : `${method} ${url.pathname}`, status: 0, at: Date.now() };
    if (!url.pathname.startsWith("/_emulator/")) self.requests.push(entry);

    const fault = self.faults.take(method, url.pathname);
    const delay = self.latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (fault?.reset) {
      entry.status = "reset";
      return void req.socket.destroy();
    }
    if (fault?.status) {
      entry.status = fault.status;
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
      return send(res, { status: fault.status, body: fault.body ?? { message: `injected fault ${fault.status}` }, headers });
    }

    let result: RouteResult;
    if (!match) {
      result = cloud.unrouted?.(method, url.pathname) ?? { status: 501, body: { message: `emulator: no route for ${method} ${url.pathname}` } };
      result = { ...result, status: 501 };
    } else {
      let body: unknown;
      try {
        body = rawBody.length ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      try {
        result = await match.route.handler({ state: self.state, method, path, params: match.params, query: url.searchParams, headers: req.headers, rawBody, body, baseUrl: self.url, now: () => Date.now() });
      } catch (error) {
        if (!(error instanceof EmulatedError)) throw error;
        result = { status: error.status, body: error.body, headers: error.headers };
      }
      if (method !== "GET") options.onChange?.();
    }
    if (fault?.dropAfterAct) {
      entry.status = "dropped";
      return void req.socket.destroy();
    }
    entry.status = result.status;
    send(res, result);
  }

  function control(method: string, path: string, rawBody: string): RouteResult {
    const body = rawBody ? JSON.parse(rawBody) : {};
    switch (`${method} ${path}`) {
      case "POST /_emulator/reset":
        self.reset();
        return { status: 204 };
      case "GET /_emulator/state":
        return { status: 200, body: self.state };
      case "GET /_emulator/requests":
        return { status: 200, body: self.requests };
      case "DELETE /_emulator/requests":
        self.requests = [];
        return { status: 204 };
      case "GET /_emulator/counts":
        return { status: 200, body: countByRoute(self.requests) };
      case "POST /_emulator/faults":
        for (const spec of (Array.isArray(body) ? body : [body]) as FaultSpec[]) self.faults.add(spec);
        return { status: 204 };
      case "GET /_emulator/faults":
        return { status: 200, body: self.faults.list() };
      case "DELETE /_emulator/faults":
        self.faults.clear();
        return { status: 204 };
      case "PUT /_emulator/latency":
        self.latencyMs = Number(body.ms ?? 0);
        return { status: 204 };
      default:
        return { status: 501, body: { message: `emulator: no control endpoint ${method} ${path}` } };
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}

/** Requests per route template, e.g. `{"POST /v2.0/security-group-rules": 1}`. */
export function countByRoute(requests: readonly LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.route] = (counts[r.route] ?? 0) + 1;
  return counts;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { ...result.headers };
  let payload = "";
  if (result.body !== undefined && result.status !== 204) {
    payload = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
    headers["content-type"] ??= "application/json";
  }
  res.writeHead(result.status, { ...headers, "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
