import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { canonicalQuery, canonicalUri, parseAuthorization, parseSdkDate, sdkDate, signRequest } from "../../provider/huaweicloud/signer";

// The official Node SDK signer is the oracle: every row is signed by both and must agree byte for byte.
const keys = { accessKey: "QTWAOYTTINDUT2QVKYUC", secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" };
const credential = { getAk: () => keys.accessKey, getSk: () => keys.secretKey };
const PID = "77b6a44cba5143ab91d13ab9a8ff44fd";
const DATE = "20240102T030405Z";

interface Row {
  name: string;
  method: string;
  endpoint: string;
  query?: Record<string, string | string[]>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const rows: Row[] = [
  { name: "list groups, no query", method: "GET", endpoint: `https://vpc.ap-southeast-1.myhuaweicloud.com/v3/${PID}/vpc/security-groups` },
  { name: "path already ending in a slash", method: "GET", endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups/` },
  {
    name: "limit and marker",
    method: "GET",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-group-rules`,
    query: { limit: "2", marker: "13551d6b-755d-4757-b956-536f674975c0" },
  },
  {
    name: "repeated keys (multi-value filters)",
    method: "GET",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-group-rules`,
    query: { security_group_id: ["b", "a", "c"], protocol: ["udp", "tcp"], direction: "ingress" },
  },
  {
    name: "keys out of order",
    method: "GET",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups`,
    query: { name: "web", id: "x", enterprise_project_id: "all_granted_eps", description: "d" },
  },
  {
    name: "special characters in keys and values",
    method: "GET",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups`,
    query: { "a b": "x/y?&=z", name: "web servers+db", description: "~!*()'@#$%^", "k~._-": "" },
  },
  {
    name: "non-ASCII values",
    method: "GET",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups`,
    query: { name: "安全组-ü", description: "😀 smile" },
  },
  { name: "empty value", method: "GET", endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups`, query: { name: "" } },
  {
    name: "create group with body",
    method: "POST",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups`,
    body: { security_group: { name: "sg-web", description: "web tier" } },
  },
  {
    name: "batch-create body, non-ASCII",
    method: "POST",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups/0d9e8a6f-1c9b-4c1e-9f5d-2b7a1e3c4d5f/security-group-rules/batch-create`,
    body: {
      security_group_rules: [{ direction: "ingress", protocol: "tcp", multiport: "22,80-90", description: "ssh 和 web" }],
      ignore_duplicate: true,
    },
  },
  {
    name: "update with dry_run",
    method: "PUT",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups/abc`,
    body: { dry_run: true, security_group: { name: "n" } },
  },
  { name: "delete, empty body", method: "DELETE", endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-group-rules/6b1f` },
  {
    name: "nova server action",
    method: "POST",
    endpoint: `https://ecs.example.com/v2.1/${PID}/servers/5d2e/action`,
    body: { addSecurityGroup: { name: "web" } },
  },
  {
    name: "host with a port, extra signed headers",
    method: "GET",
    endpoint: `http://127.0.0.1:18443/v2/${PID}/os-security-groups`,
    headers: { "X-Project-Id": PID, "X-Security-Token": "tok" },
  },
  {
    name: "path segment needing encoding",
    method: "GET",
    endpoint: `https://vpc.example.com/v3/${PID}/vpc/security-groups/a:b@c`,
    query: { x: "1" },
  },
  {
    name: "unsigned payload",
    method: "POST",
    endpoint: `https://vpc.example.com/v3/${PID}/upload`,
    body: { a: 1 },
    headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" },
  },
];

function oracle(row: Row): Record<string, string> {
  const headers = { "Content-Type": "application/json", "X-Sdk-Date": DATE, ...row.headers };
  return AKSKSigner.sign(
    { method: row.method, endpoint: row.endpoint, queryParams: row.query ?? {}, headers, data: row.body } as never,
    credential as never,
  ) as Record<string, string>;
}

function ours(row: Row): Record<string, string> {
  const url = new URL(row.endpoint);
  for (const [k, v] of Object.entries(row.query ?? {})) for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item);
  const headers = { "Content-Type": "application/json", "X-Sdk-Date": DATE, ...row.headers };
  return signRequest({ method: row.method, url, headers, body: row.body === undefined ? "" : JSON.stringify(row.body) }, keys);
}

describe("SDK-HMAC-SHA256 signer", () => {
  it.each(rows)("matches the official signer: $name", (row) => {
    const expected = oracle(row).Authorization;
    expect(expected).toMatch(/^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(ours(row).Authorization).toBe(expected);
  });

  it("reproduces Huawei's published test vector", () => {
    const url = new URL(`https://service.region.example.com/v1/${PID}/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0`);
    const headers = signRequest(
      { method: "GET", url, headers: { "Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z" }, body: "" },
      keys,
    );
    expect(headers.Authorization).toBe(
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    );
  });

  it("a different secret, body, query or path changes the signature", () => {
    const base = rows[8];
    const sig = ours(base).Authorization;
    expect(
      signRequest(
        {
          method: "POST",
          url: new URL(base.endpoint),
          headers: { "X-Sdk-Date": DATE, "Content-Type": "application/json" },
          body: JSON.stringify(base.body),
        },
        { ...keys, secretKey: "other" },
      ).Authorization,
    ).not.toBe(sig);
    expect(ours({ ...base, body: { security_group: { name: "sg-web2" } } }).Authorization).not.toBe(sig);
    expect(ours({ ...base, query: { dry_run: "true" } }).Authorization).not.toBe(sig);
    expect(ours({ ...base, endpoint: base.endpoint.replace("v3", "v2") }).Authorization).not.toBe(sig);
  });

  it("adds X-Sdk-Date and host itself, from the given clock", () => {
    const headers = signRequest(
      { method: "GET", url: new URL("http://127.0.0.1:9/v3/p/vpc/security-groups"), headers: {}, body: "" },
      keys,
      new Date("2024-01-02T03:04:05.678Z"),
    );
    expect(headers["X-Sdk-Date"]).toBe(DATE);
    expect(headers.host).toBe("127.0.0.1:9");
    expect(parseAuthorization(headers.Authorization)).toEqual({
      accessKey: keys.accessKey,
      signedHeaders: ["host", "x-sdk-date"],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ["/v3/p/vpc/security-groups", "/v3/p/vpc/security-groups/"],
    ["/v3/p/x/", "/v3/p/x/"],
    ["/a%20b/c", "/a%2520b/c/"],
  ])("canonical URI of %s is %s", (path, expected) => expect(canonicalUri(path)).toBe(expected));

  it("canonical query sorts keys, then values, and encodes with upper-case hex", () => {
    expect(canonicalQuery(new URLSearchParams("b=2&a=z&a=y&c=a+b&d=%2F"))).toBe("a=y&a=z&b=2&c=a%20b&d=%2F");
  });

  it("X-Sdk-Date round-trips and rejects other forms", () => {
    expect(sdkDate(parseSdkDate(DATE)!)).toBe(DATE);
    expect(parseSdkDate("2024-01-02T03:04:05Z")).toBeUndefined();
  });
});
