import type { TestEmulator } from "../helpers/emulator";

/** A raw HTTP call to the Genesis emulator, as a curl user of the seed's examples would make it. */
export interface WireAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export type Auth = { bearer: string } | { xAuthToken: string } | "none";

export function genesisCaller(emulator: TestEmulator, defaultAuth: Auth = { bearer: "demo-token" }) {
  return async (method: string, path: string, body?: unknown, auth: Auth = defaultAuth): Promise<WireAnswer> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth !== "none" && "bearer" in auth) headers.authorization = `Bearer ${auth.bearer}`;
    if (auth !== "none" && "xAuthToken" in auth) headers["x-auth-token"] = auth.xAuthToken;
    const res = await fetch(`${emulator.url("genesiscloud")}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}

/** Changes the emulator's Genesis behaviours (settle delay, minimum rule count, ...). */
export async function genesisSettings(emulator: TestEmulator, settings: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${emulator.url("genesiscloud")}/_emulator/genesiscloud/settings`, {
    method: "PUT",
    body: JSON.stringify(settings),
  });
  if (res.status !== 200) throw new Error(`settings: ${res.status}`);
}

/** Makes the next `count` changes of `operation` settle in status `error`. */
export async function failNextSettle(emulator: TestEmulator, operation: "create" | "update" | "any", count = 1): Promise<void> {
  const res = await fetch(`${emulator.url("genesiscloud")}/_emulator/genesiscloud/errors`, {
    method: "POST",
    body: JSON.stringify({ operation, count }),
  });
  if (res.status !== 204) throw new Error(`errors: ${res.status}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
