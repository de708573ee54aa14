import * as http from "node:http";
import { controlAnswer } from "./control";
import { FaultTable } from "./faults";
import { listen } from "./listen";
import { matchRoute, MalformedPathError } from "./router";
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, readBody } from "./request-body";
import { appendBounded, LoggedRequest, logPath } from "./request-log";
import { CloudEmulator, EmulatedError, EmulatorOptions, RouteResult } from "./types";

export type { LoggedRequest } from "./request-log";
export { countByRoute } from "./request-log";

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

/** The state of one store; listeners sharing a store hold the same box, so a reset through one is seen by all. */
export interface StateBox<S> {
  state: S;
}

/** Starts one cloud's HTTP listener on `host` (127.0.0.1 by default; port 0 picks a free port). */
export async function startCloudServer<S>(
  cloud: CloudEmulator<S>,
  options: EmulatorOptions & { host?: string; port?: number; box?: StateBox<S>; onChange?: () => void },
): Promise<CloudServer<S>> {
  const maxBodyBytes = bodyLimit(cloud, options);
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      // Never a stack trace or a file path in an answer: the operator's console gets the detail.
      console.error(`secgroups-emulator ${cloud.name}: internal error on ${req.method} ${logPath(req.url ?? "")}:`, error);
      if (!res.headersSent) send(res, refusal(500, "internal error in the emulator; see its console"));
      else res.destroy();
    });
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

  function refusal(status: 400 | 413 | 500, message: string): RouteResult {
    return cloud.refusal?.(status, message) ?? { status, body: { message } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let rawBody: string;
    try {
      rawBody = await readBody(req, maxBodyBytes);
    } catch (error) {
      // The client went away mid-body: nobody to answer.
      if (!(error instanceof BodyTooLargeError)) return void res.destroy();
      // Stop reading: answer, then close the connection instead of draining what is left.
      res.on("finish", () => req.socket.destroy());
      return send(res, { ...refusal(413, `request body larger than ${maxBodyBytes} bytes`), headers: { connection: "close" } });
    }
    const target = parseTarget(req.url);
    if (!target) return send(res, refusal(400, "malformed request target"));
    const method = (req.method ?? "GET").toUpperCase();
    let match;
    let path: string;
    try {
      if (target.pathname.startsWith("/_emulator/") && !matchRoute(cloud.routes, method, target.pathname)) {
        return send(res, controlAnswer(self, method, target.pathname, rawBody));
      }
      path = cloud.normalizePath ? cloud.normalizePath(target.pathname) : target.pathname;
      match = matchRoute(cloud.routes, method, path);
    } catch (error) {
      if (error instanceof MalformedPathError) return send(res, refusal(400, error.message));
      throw error;
    }
    const entry: LoggedRequest = {
      method,
      path: logPath(target.pathname),
      route: match ? `${method} ${match.route.path}` : `${method} ${logPath(target.pathname)}`,
      status: 0,
      at: Date.now(),
    };
    if (!target.pathname.startsWith("/_emulator/")) appendBounded(self.requests, entry);

    const fault = self.faults.take(method, target.pathname);
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
      result = cloud.unrouted?.(method, target.pathname) ?? {
        status: 501,
        body: { message: `emulator: no route for ${method} ${target.pathname}` },
      };
      result = { ...result, status: 501 };
    } else {
      let body: unknown;
      try {
        body = rawBody.length ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      try {
        result = await match.route.handler({
          state: self.state,
          method,
          path,
          params: match.params,
          query: target.searchParams,
          headers: req.headers,
          rawBody,
          body,
          baseUrl: self.url,
          now: () => Date.now(),
        });
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

  self.url = await listen(server, cloud.name, options.host ?? "127.0.0.1", options.port ?? 0);
  return self;
}

/** The body limit: `--set <cloud>.maxBodyBytes=N`, else the cloud's own, else the default. */
function bodyLimit(cloud: CloudEmulator<unknown>, options: EmulatorOptions): number {
  const key = `${cloud.name}.maxBodyBytes`;
  const set = options.settings && Object.hasOwn(options.settings, key) ? options.settings[key] : undefined;
  if (set === undefined) return cloud.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const n = Number(set);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${key} must be a whole number of bytes, not "${set}"`);
  return n;
}

/** The request target as a URL on this listener; `//host/...` stays a path, and an unparsable target is undefined. */
function parseTarget(raw: string | undefined): URL | undefined {
  const text = raw ?? "/";
  try {
    return text.startsWith("/") ? new URL(`http://127.0.0.1${text}`) : new URL(text);
  } catch {
    return undefined;
  }
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
