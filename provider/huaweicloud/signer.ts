import { createHash, createHmac } from "node:crypto";

/** Huawei Cloud AK/SK request signing (`SDK-HMAC-SHA256`), as the API gateway verifies it. */

export const ALGORITHM = "SDK-HMAC-SHA256";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

export interface AkSk {
  accessKey: string;
  secretKey: string;
}

/** The request as sent: method, full URL (query included), the headers to sign, and the exact body. */
export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encodes every byte outside `A-Z a-z 0-9 - _ . ~` with upper-case hex. */
export function percentEncode(text: string): string {
  let out = "";
  for (const ch of text) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, "utf8")) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** `20191115T033655Z`: the `X-Sdk-Date` form of a time. */
export function sdkDate(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** Parses an `X-Sdk-Date` value; undefined when it is not in the `YYYYMMDDTHHMMSSZ` form. */
export function parseSdkDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Each path segment encoded as sent, with a trailing `/` appended when missing. */
export function canonicalUri(pathname: string): string {
  const path = pathname.split("/").map(percentEncode).join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** Decoded keys sorted, each key's values sorted (repeated keys stay repeated), all re-encoded. */
export function canonicalQuery(params: URLSearchParams): string {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of params) byKey.set(k, [...(byKey.get(k) ?? []), v]);
  const pairs: string[] = [];
  for (const key of [...byKey.keys()].sort()) {
    for (const value of byKey.get(key)!.sort()) pairs.push(`${percentEncode(key)}=${percentEncode(value)}`);
  }
  return pairs.join("&");
}

/** The canonical request: method, URI, query, headers, signed header names and payload hash, joined by newlines. */
export function canonicalRequest(req: SignableRequest, signedHeaders: readonly string[]): string {
  const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const headerBlock = names.map((n) => `${n}:${(lower[n] ?? "").trim()}\n`).join("");
  const payload = lower["x-sdk-content-sha256"] === UNSIGNED_PAYLOAD ? UNSIGNED_PAYLOAD : sha256Hex(req.body);
  return [
    req.method.toUpperCase(),
    canonicalUri(req.url.pathname),
    canonicalQuery(req.url.searchParams),
    headerBlock,
    names.join(";"),
    payload,
  ].join("\n");
}

/** The string to sign for a canonical request made at `date` (`X-Sdk-Date` form). */
export function stringToSign(canonical: string, date: string): string {
  return [ALGORITHM, date, sha256Hex(canonical)].join("\n");
}

/** The hex HMAC-SHA256 signature; the raw secret key is the HMAC key. */
export function signature(secretKey: string, toSign: string): string {
  return createHmac("sha256", secretKey).update(toSign).digest("hex");
}

/**
 * Signs a request: adds `X-Sdk-Date` (unless present) and `Host`, signs every given header, and returns
 * the headers to send, `Authorization` included.
 * @example signRequest({ method: "GET", url: new URL("https://vpc.example/v3/p/vpc/security-groups"), headers: {}, body: "" }, keys)
 */
export function signRequest(req: SignableRequest, keys: AkSk, now: Date = new Date()): Record<string, string> {
  const headers: Record<string, string> = { ...req.headers };
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (!has("x-sdk-date")) headers["X-Sdk-Date"] = sdkDate(now);
  if (!has("host")) headers.host = req.url.host;
  const date = Object.entries(headers).find(([k]) => k.toLowerCase() === "x-sdk-date")![1];
  const names = Object.keys(headers).map((k) => k.toLowerCase());
  const canonical = canonicalRequest({ ...req, headers }, names);
  const sig = signature(keys.secretKey, stringToSign(canonical, date));
  headers.Authorization = `${ALGORITHM} Access=${keys.accessKey}, SignedHeaders=${[...names].sort().join(";")}, Signature=${sig}`;
  return headers;
}

/** The parts of an `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...` header. */
export function parseAuthorization(value: string): { accessKey: string; signedHeaders: string[]; signature: string } | undefined {
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/.exec(value.trim());
  return m ? { accessKey: m[1], signedHeaders: m[2].split(";"), signature: m[3].toLowerCase() } : undefined;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
