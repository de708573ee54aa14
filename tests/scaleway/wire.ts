import { startTestEmulator, TestEmulator } from "../helpers/emulator";

/** The demo credentials and zone the Scaleway emulator prints on startup. */
export interface ScwDescription {
  url: string;
  accessKey: string;
  secretKey: string;
  projectId: string;
  zone: string;
}

/** Starts only the Scaleway listener on a free port. */
export async function startScaleway(settings: Record<string, string> = {}): Promise<{ emulator: TestEmulator; scw: ScwDescription }> {
  const emulator = await startTestEmulator({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0", ...settings } });
  return { emulator, scw: emulator.describe().scaleway as ScwDescription };
}

export interface WireAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** One raw Instance API call; `path` is relative to `/instance/v1/zones/{zone}`. */
export async function call(
  scw: ScwDescription,
  method: string,
  path: string,
  body?: unknown,
  opts: { token?: string | null; zone?: string } = {},
): Promise<WireAnswer> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? scw.secretKey : opts.token;
  if (token !== null) headers["x-auth-token"] = token;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${scw.url}/instance/v1/zones/${opts.zone ?? scw.zone}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
