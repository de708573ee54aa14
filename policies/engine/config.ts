// Pack configuration: one zod schema (the type) with defaults; each policy declares the keys it reads,
// its configSchema is derived from them, and the code applies the defaults itself (the engine may not).
import { z } from "zod";
import { AddrSet, Family, parseCidr, PUBLIC, setOf, subtract } from "./cidr-set";
import { parsePortSpec, PortSpec } from "./port-set";
import { sameJson } from "./same-json";

// The patterns reach the engine through each policy's configSchema, so `--policy-pack-config` and
// organisation config are checked when the pack is configured; the refinements say the rest here.
const PORT = "(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0)";
const PortSpecText = z
  .string()
  .regex(new RegExp(`^(tcp|udp)/${PORT}(-${PORT})?$`), "expected tcp/22, udp/53 or tcp/27017-27019 (ports 0-65535)")
  .refine((t) => {
    try {
      parsePortSpec(t);
      return true;
    } catch {
      return false;
    }
  }, "the range must be ascending, e.g. tcp/27017-27019");
const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const CIDR_PATTERN = `^(?:(?:${OCTET}\\.){3}${OCTET}(?:/(?:3[0-2]|[12]?[0-9]))?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9]))?)$`;
const CidrText = z
  .string()
  .regex(new RegExp(CIDR_PATTERN), "expected an IPv4 or IPv6 address or CIDR, e.g. 203.0.113.0/24 or 2001:db8::/32")
  .refine((t) => parseCidr(t) !== undefined, "not a valid IPv4 or IPv6 address or CIDR");
const isRegExp = (t: string): boolean => {
  try {
    new RegExp(t);
    return true;
  } catch {
    return false;
  }
};
const RegExpText = z.string().refine(isRegExp, "not a valid regular expression");
const isDay = (t: string): boolean => !Number.isNaN(Date.parse(`${t}T00:00:00Z`)) && new Date(`${t}T00:00:00Z`).toISOString().startsWith(t);

export const Exemption = z.object({
  resource: RegExpText.optional().describe("Regular expression matched against the whole resource name."),
  urn: z.string().optional().describe("Exact URN of the exempted resource."),
  policies: z.array(z.string()).optional().describe("Policy names the exemption covers; all of the pack's policies when omitted."),
  reason: z.string().min(1).describe("Why the exposure is accepted (shown when the exemption applies or expires)."),
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(isDay, "not a calendar day (YYYY-MM-DD)")
    .optional()
    .describe("Last day (UTC, YYYY-MM-DD) the exemption applies."),
});
export type Exemption = z.infer<typeof Exemption>;

export const DEFAULT_ADMIN_PORTS = ["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"];
export const DEFAULT_SENSITIVE_PORTS = [
  "tcp/3306",
  "tcp/5432",
  "tcp/1433",
  "tcp/1521",
  "tcp/27017-27019",
  "tcp/6379",
  "tcp/11211",
  "udp/11211",
  "tcp/9200",
  "tcp/9300",
  "tcp/5601",
  "tcp/2375-2376",
  "tcp/2379-2380",
  "tcp/6443",
  "tcp/10250",
  "tcp/445",
  "tcp/139",
  "tcp/2049",
  "udp/2049",
  "tcp/111",
  "udp/111",
  "tcp/389",
  "tcp/636",
  "udp/53",
  "udp/123",
  "udp/161",
  "udp/1900",
];

export const PackConfig = z.object({
  trustedSourceCidrs: z.array(CidrText).default([]).describe("Sources that are never counted as the world (office, VPN, bastion ranges)."),
  adminPorts: z.array(PortSpecText).default(DEFAULT_ADMIN_PORTS).describe("Remote administration ports."),
  sensitivePorts: z
    .array(PortSpecText)
    .default(DEFAULT_SENSITIVE_PORTS)
    .describe("Database, cache, orchestration, file-sharing and UDP-reflector ports."),
  authorizedPublicPorts: z.array(PortSpecText).default(["tcp/80", "tcp/443"]).describe("Ports that may be open to the world."),
  broadPrefixV4: z.number().int().min(1).max(32).default(8).describe("An IPv4 public source with this prefix length or shorter is broad."),
  broadPrefixV6: z
    .number()
    .int()
    .min(1)
    .max(128)
    .default(32)
    .describe("An IPv6 public source with this prefix length or shorter is broad."),
  maxPortRangeSize: z.number().int().min(1).max(65536).default(1024).describe("Largest port range allowed from untrusted sources."),
  treatPrivateAsTrusted: z
    .boolean()
    .default(true)
    .describe("Private and special-purpose ranges (RFC 1918, CGNAT, ULA, link-local) count as trusted."),
  justificationPattern: RegExpText.default("\\S").describe(
    "Regular expression a world-open rule's description must match (e.g. a ticket id).",
  ),
  adminSourceCidrs: z
    .array(CidrText)
    .default([])
    .describe("With enforcement level remediate: the source that replaces a world source on an admin-port rule."),
  judgeStandaloneRulesWithGroup: z
    .boolean()
    .default(false)
    .describe(
      "Leave NHN, OpenStack, Nova and Genesis rule resources too to no-world-exposure-across-rules, which judges them together with their security group (Huawei and Scaleway ones always are); set it for that policy too, e.g. in the pack config's shared block.",
    ),
  exemptions: z
    .array(Exemption)
    .default([])
    .describe("Resources exempted by name pattern or URN, with a reason and an optional expiry date."),
});
export type PackConfig = z.infer<typeof PackConfig>;
export type ConfigKey = keyof PackConfig;

/** The policy's `configSchema`: the JSON Schema of the keys it reads, defaults included. */
export function configSchemaFor(keys: readonly ConfigKey[]): { properties: Record<string, any> } {
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as Partial<Record<ConfigKey, true>>;
  const json = z.toJSONSchema(PackConfig.pick(mask), { io: "input" }) as { properties: Record<string, any> };
  return { properties: json.properties };
}

/** A configuration value the pack cannot use; `code` is stable, the message names the policy, the key and the value. */
export class PolicyConfigError extends Error {
  readonly code = "SECGROUPS_POLICY_CONFIG_INVALID";
  /** `policy` is a policy name, or "shared" for the shared block of the pack config file. */
  constructor(
    readonly policy: string,
    readonly problems: readonly string[],
  ) {
    super(
      `invalid configuration of ${policy === "shared" ? "the pack config's shared block" : `policy ${policy}`}: ${problems.join("; ")}`,
    );
    this.name = "PolicyConfigError";
  }
}

const at = (raw: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");

/**
 * Parses one policy's configuration (defaults applied). With `keys`, a key the policy does not declare
 * is an error too. Throws PolicyConfigError naming the policy, each bad key and its value.
 */
export function parsePolicyConfig(policy: string, raw: unknown, keys?: readonly ConfigKey[]): PackConfig {
  const problems: string[] = [];
  if (keys && raw !== null && typeof raw === "object") {
    for (const k of Object.keys(raw))
      if (!(keys as readonly string[]).includes(k)) problems.push(`${k} is not a setting of this policy (it reads ${keys.join(", ")})`);
  }
  const parsed = PackConfig.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const value = at(raw, issue.path);
      problems.push(`${pathText(issue.path) || "(the whole block)"} = ${JSON.stringify(value)}: ${issue.message}`);
    }
  }
  if (problems.length || !parsed.success) throw new PolicyConfigError(policy, problems);
  return parsed.data;
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
const worlds = new Map<string, Pick<Resolved, "trusted" | "worldTarget">>();

/**
 * One object per list of trusted sources, shared by every policy that has it: the exposure engine
 * memoises what is open to a world target by the target object (exposure.ts openTo).
 */
function trustAndWorld(cidrs: readonly string[]): Pick<Resolved, "trusted" | "worldTarget"> {
  const key = JSON.stringify(cidrs);
  let out = worlds.get(key);
  if (!out) {
    const trusted = { v4: setOf(cidrs, "v4"), v6: setOf(cidrs, "v6") };
    out = { trusted, worldTarget: { v4: subtract(PUBLIC.v4, trusted.v4), v6: subtract(PUBLIC.v6, trusted.v6) } };
    if (worlds.size > 64) worlds.clear();
    worlds.set(key, out);
  }
  return out;
}
const lastByPolicy = new Map<string, { raw: unknown; resolved: Resolved }>();

/**
 * Parses `args.getConfig()` (defaults applied; with `keys`, a key the policy does not declare is an
 * error), memoised because policies run once per resource.
 */
export function resolveConfig(raw: unknown, policy = "(unnamed)", keys?: readonly ConfigKey[]): Resolved {
  // getConfig() returns a new but equal object on every call: the policy's last config is compared first.
  const recent = lastByPolicy.get(policy);
  if (recent && sameJson(recent.raw, raw)) return recent.resolved;
  const key = `${policy}\n${JSON.stringify(raw ?? {})}`;
  const hit = cache.get(key);
  if (hit) {
    lastByPolicy.set(policy, { raw, resolved: hit });
    return hit;
  }
  const cfg = parsePolicyConfig(policy, raw, keys);
  const resolved: Resolved = {
    ...cfg,
    ...trustAndWorld(cfg.trustedSourceCidrs),
    admin: cfg.adminPorts.map(parsePortSpec),
    sensitive: cfg.sensitivePorts.map(parsePortSpec),
    authorized: cfg.authorizedPublicPorts.map(parsePortSpec),
  };
  if (cache.size > 64) cache.clear();
  cache.set(key, resolved);
  lastByPolicy.set(policy, { raw, resolved });
  return resolved;
}
