import { signRequest } from "../../provider/huaweicloud/signer";

export interface HwEndpoint {
  url: string;
  accessKey: string;
  secretKey: string;
  projectId: string;
}

export interface WireAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** Sends one AK/SK-signed request, the way any Huawei client does; `tamper` edits the request after signing. */
export async function signedFetch(
  ep: HwEndpoint,
  method: string,
  path: string,
  body?: unknown,
  options: {
    query?: Record<string, string | string[]>;
    keys?: { accessKey: string; secretKey: string };
    date?: Date;
    headers?: Record<string, string>;
    tamper?: (r: { url: URL; body: string; headers: Record<string, string> }) => void;
  } = {},
): Promise<WireAnswer> {
  const url = new URL(path.replace("{project_id}", ep.projectId), ep.url);
  for (const [k, v] of Object.entries(options.query ?? {})) for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item);
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const headers = signRequest(
    { method, url, headers: { "content-type": "application/json", ...options.headers }, body: text },
    options.keys ?? ep,
    options.date,
  );
  const req = { url, body: text, headers };
  options.tamper?.(req);
  delete req.headers.host;
  const res = await fetch(req.url, { method, headers: req.headers, body: method === "GET" || method === "DELETE" ? undefined : req.body });
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : undefined, headers: res.headers };
}
