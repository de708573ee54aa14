import type { IncomingHttpHeaders } from "node:http";

/** What a route handler sees of one request. */
export interface RouteContext<S> {
  state: S;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON, or undefined when empty; invalid JSON is left to the handler via rawBody. */
  body: unknown;
  /** This listener's base URL, e.g. for pagination links. */
  baseUrl: string;
  /** Milliseconds since the epoch, from the emulator's clock (tests may move it). */
  now(): number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route<S> {
  method: string;
  /** Path template with `:name` segments, e.g. `/v2.0/security-groups/:id`. */
  path: string;
  handler(ctx: RouteContext<S>): RouteResult | Promise<RouteResult>;
}

/** One emulated cloud API: its state, its routes, and its own error bodies. */
export interface CloudEmulator<S = unknown> {
  name: string;
  /** Listeners naming the same store share one state (Huawei's VPC v3 and Nova APIs are two views of one). */
  store?: string;
  initialState(options: EmulatorOptions): S;
  routes: Route<S>[];
  /** Rewrites a request path before routing (e.g. Neutron's optional `.json` suffix). */
  normalizePath?(path: string): string;
  /** The cloud's own body for a request no route matches. */
  unrouted?(method: string, path: string): RouteResult;
  /** The cloud's own error body for a request refused before routing (400 malformed, 413 too large) or failing inside the emulator (500). */
  refusal?(status: 400 | 413 | 500, message: string): RouteResult;
  /** The largest request body the real API accepts, in bytes (default request-body.ts DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** What the startup line says about this cloud: its URL and, where needed, credentials. */
  describe?(baseUrl: string, options: EmulatorOptions): unknown;
  /** The stack configuration (`secgroups:*` keys) that points the provider at this listener with its demo credentials. */
  demoConfig?(baseUrl: string, options: EmulatorOptions): Record<string, string>;
}

export interface EmulatorOptions {
  /** Extra delay added to every API request, in ms. */
  latencyMs?: number;
  /** Cloud-specific settings (keys, delays), from flags or environment. */
  settings?: Record<string, string>;
}

/** Thrown by a route to answer with the cloud's own error body. */
export class EmulatedError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`emulated ${status}`);
  }
}
