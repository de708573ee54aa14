// Pack configuration: one zod schema (the type) with defaults; each policy declares the keys it reads,
// its configSchema is derived from them, and the code applies the defaults itself (the engine may not).
import { z } from "zod";
import { AddrSet, Family, PUBLIC, setOf, subtract } from "./cidr-set";
import { parsePortSpec, PortSpec } from "./port-set";

const PortSpecText = z.string().regex(/^(tcp|udp)\/\d{1,5}(-\d{1,5})?$/, "expected tcp/22, udp/53 or tcp/27017-27019");
const CidrText = z.string().min(1);

export const Exemption = z.object({
  resource: z.string().optional().describe("Regular expression matched against the whole resource name."),
  urn: z.string().optional().describe("Exact URN of the exempted resource."),
  policies: z.array(z.string()).optional().describe("Policy names the exemption covers; all of the pack's policies when omitted."),
  reason: z.string().min(1).describe("Why the exposure is accepted (shown when the exemption applies or expires)."),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe("Last day (UTC, YYYY-MM-DD) the exemption applies."),
});
export type Exemption = z.infer<typeof Exemption>;

export const DEFAULT_ADMIN_PORTS = ["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"];
export const DEFAULT_SENSITIVE_PORTS = [
  "tcp/3306", "tcp/5432", "tcp/1433", "tcp/1521", "tcp/27017-27019",
  "tcp/6379", "tcp/11211", "udp/11211", "tcp/9200", "tcp/9300", "tcp/5601",
  "tcp/2375-2376", "tcp/2379-2380", "tcp/6443", "tcp/10250",
  "tcp/445", "tcp/139", "tcp/2049", "udp/2049", "tcp/111", "udp/111", "tcp/389", "tcp/636",
  "udp/53", "udp/123", "udp/161", "udp/1900",
];

export const PackConfig = z.object({
  trustedSourceCidrs: z.array(CidrText).default([]).describe("Sources that are never counted as the world (office, VPN, bastion ranges)."),
  adminPorts: z.array(PortSpecText).default(DEFAULT_ADMIN_PORTS).describe("Remote administration ports."),
  sensitivePorts: z.array(PortSpecText).default(DEFAULT_SENSITIVE_PORTS).describe("Database, cache, orchestration, file-sharing and UDP-reflector ports."),
  authorizedPublicPorts: z.array(PortSpecText).default(["tcp/80", "tcp/443"]).describe("Ports that may be open to the world."),
  broadPrefixV4: z.number().int().min(1).max(32).default(8).describe("An IPv4 public source with this prefix length or shorter is broad."),
  broadPrefixV6: z.number().int().min(1).max(128).default(32).describe("An IPv6 public source with this prefix length or shorter is broad."),
  maxPortRangeSize: z.number().int().min(1).max(65536).default(1024).describe("Largest port range allowed from untrusted sources."),
  treatPrivateAsTrusted: z.boolean().default(true).describe("Private and special-purpose ranges (RFC 1918, CGNAT, ULA, link-local) count as trusted."),
  justificationPattern: z.string().default("\\S").describe("Regular expression a world-open rule's description must match (e.g. a ticket id)."),
  adminSourceCidrs: z.array(CidrText).default([]).describe("With enforcement level remediate: the source that replaces a world source on an admin-port rule."),
  judgeStandaloneRulesWithGroup: z.boolean().default(false).describe("Leave standalone rule resources to no-world-exposure-across-rules, which judges them together with their security group (set it for that policy too, e.g. in the pack config's shared block)."),
  exemptions: z.array(Exemption).default([]).describe("Resources exempted by name pattern or URN, with a reason and an optional expiry date."),
});
export type PackConfig = z.infer<typeof PackConfig>;
export type ConfigKey = keyof PackConfig;

/** The policy's `configSchema`: the JSON Schema of the keys it reads, defaults included. */
export function configSchemaFor(keys: readonly ConfigKey[]): { properties: Record<string, any> } {
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as Partial<Record<ConfigKey, true>>;
  const json = z.toJSONSchema(PackConfig.pick(mask), { io: "input" }) as { properties: Record<string, any> };
  return { properties: json.properties };
}

/** A parsed config plus the values derived from it once. */
export interface Resolved extends PackConfig {
  trusted: Record<Family, AddrSet>;
  /** What "the world" means: the public address space minus trusted sources. */
  worldTarget: Record<Family, AddrSet>;
  admin: PortSpec[];
  sensitive: PortSpec[];
  authorized: PortSpec[];
}

const cache = new Map<string, Resolved>();

/** Parses `args.getConfig()` (defaults applied), memoised because policies run once per resource. */
export function resolveConfig(raw: unknown): Resolved {
  const key = JSON.stringify(raw ?? {});
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = PackConfig.safeParse(raw ?? {});
  if (!parsed.success) throw new Error(`invalid policy configuration: ${z.prettifyError(parsed.error)}`);
  const cfg = parsed.data;
  const trusted = { v4: setOf(cfg.trustedSourceCidrs, "v4"), v6: setOf(cfg.trustedSourceCidrs, "v6") };
  const resolved: Resolved = {
    ...cfg,
    trusted,
    worldTarget: { v4: subtract(PUBLIC.v4, trusted.v4), v6: subtract(PUBLIC.v6, trusted.v6) },
    admin: cfg.adminPorts.map(parsePortSpec),
    sensitive: cfg.sensitivePorts.map(parsePortSpec),
    authorized: cfg.authorizedPublicPorts.map(parsePortSpec),
  };
  if (cache.size > 64) cache.clear();
  cache.set(key, resolved);
  return resolved;
}
