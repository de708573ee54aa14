// Type token -> normaliser, for our resources (type-tokens.ts) and the community providers.
import { TOKENS } from "../type-tokens";
import { NormalisedResource } from "./model";
import { Props } from "./fields";
import { neutronGroup, neutronRuleResource } from "./normalise-neutron";
import { huaweiGroup, huaweiRuleResource } from "./normalise-huawei";
import { novaGroup, novaRuleResource } from "./normalise-nova";
import { scalewayCommunityGroup, scalewayCommunityRules, scalewayGroup, scalewayRuleResource } from "./normalise-scaleway";
import { genesisGroup, genesisRuleResource } from "./normalise-genesis";
import { aspectsOf, withoutUnknowns } from "./unknowns";
import { sameJson } from "./same-json";
import { RecentResources } from "./recent-resources";

/** Community provider tokens the pack understands (prior-art/policies.md section 0). */
export const COMMUNITY_TOKENS = {
  openstackSecGroup: "openstack:networking/secGroup:SecGroup",
  openstackSecGroupRule: "openstack:networking/secGroupRule:SecGroupRule",
  huaweiSecgroup: "huaweicloud:Vpc/secgroup:Secgroup",
  huaweiSecgroupRule: "huaweicloud:Vpc/secgroupRule:SecgroupRule",
  scalewaySecurityGroup: "scaleway:instance/securityGroup:SecurityGroup",
  scalewaySecurityGroupRules: "scaleway:instance/securityGroupRules:SecurityGroupRules",
  scalewayInstanceSecurityGroup: "scaleway:index/instanceSecurityGroup:InstanceSecurityGroup",
  scalewayInstanceSecurityGroupRules: "scaleway:index/instanceSecurityGroupRules:InstanceSecurityGroupRules",
  genesisSecurityGroup: "genesiscloud:index/securityGroup:SecurityGroup",
} as const;

type Normaliser = (props: Props) => NormalisedResource;

const NORMALISERS: Record<string, Normaliser> = {
  [TOKENS.nhnSecurityGroup]: (p) => neutronGroup(p, "nhn"),
  [TOKENS.nhnSecurityGroupRule]: (p) => neutronRuleResource(p, "nhn"),
  // Our openstack module takes the nhn module's arguments: Neutron semantics, as the community provider.
  [TOKENS.openstackSecurityGroup]: (p) => neutronGroup(p, "openstack"),
  [TOKENS.openstackSecurityGroupRule]: (p) => neutronRuleResource(p, "openstack"),
  [COMMUNITY_TOKENS.openstackSecGroup]: (p) => neutronGroup(p, "openstack"),
  [COMMUNITY_TOKENS.openstackSecGroupRule]: (p) => neutronRuleResource(p, "openstack"),
  [TOKENS.huaweicloudSecurityGroup]: huaweiGroup,
  [TOKENS.huaweicloudSecurityGroupRule]: huaweiRuleResource,
  [COMMUNITY_TOKENS.huaweiSecgroup]: huaweiGroup,
  [COMMUNITY_TOKENS.huaweiSecgroupRule]: huaweiRuleResource,
  [TOKENS.huaweicloudNovaSecurityGroup]: novaGroup,
  [TOKENS.huaweicloudNovaSecurityGroupRule]: novaRuleResource,
  [TOKENS.scalewaySecurityGroup]: scalewayGroup,
  [TOKENS.scalewaySecurityGroupRule]: scalewayRuleResource,
  [COMMUNITY_TOKENS.scalewaySecurityGroup]: scalewayCommunityGroup,
  [COMMUNITY_TOKENS.scalewayInstanceSecurityGroup]: scalewayCommunityGroup,
  [COMMUNITY_TOKENS.scalewaySecurityGroupRules]: scalewayCommunityRules,
  [COMMUNITY_TOKENS.scalewayInstanceSecurityGroupRules]: scalewayCommunityRules,
  [TOKENS.genesiscloudSecurityGroup]: genesisGroup,
  [TOKENS.genesiscloudSecurityGroupRule]: genesisRuleResource,
  [COMMUNITY_TOKENS.genesisSecurityGroup]: genesisGroup,
};

/** Every type token the pack judges. */
export const COVERED_TYPES: readonly string[] = Object.keys(NORMALISERS);

// The SDK hands every policy its own deserialised copy of the props (behind an unknown-checking proxy).
// Policies pass the URN: the resource is found among the recent ones whatever the interleaving of
// concurrent requests (recent-resources.ts). Without one, the raw object behind the proxy is compared
// with the last one normalised, and within one policy the same raw object is reused by identity (a
// stack policy reads each resource more than once).
const PROXY_TARGET = "__getSpecialProxyTarget";
let last: { type: string; raw: unknown; res: NormalisedResource } | undefined;
const byObject = new WeakMap<object, NormalisedResource>();
// Bounded by resources and by rules held: a few thousand in flight at most, each a few hundred bytes a rule.
const recent = new RecentResources<NormalisedResource>(1024, 50_000);

/**
 * The normalised rules of a resource, or undefined when the pack does not cover its type (callers must
 * not mutate it). Values unknown at preview are left out and listed in `unknowns` with what they can change.
 */
export function normalise(type: string, props: Props, urn?: string): NormalisedResource | undefined {
  const n = NORMALISERS[type];
  if (!n) return undefined;
  const raw = ((props as Record<string, unknown>)[PROXY_TARGET] ?? props) as object;
  if (urn !== undefined) {
    const hit = recent.get(urn, type, raw);
    if (hit) return hit;
    const res = normaliseUncached(n, raw);
    recent.set(urn, type, raw, res, res.rules.length || 1);
    return res;
  }
  const known = byObject.get(raw);
  if (known) return known;
  if (last && last.type === type && sameJson(last.raw, raw)) return last.res;
  const res = normaliseUncached(n, raw);
  last = { type, raw, res };
  byObject.set(raw, res);
  return res;
}

function normaliseUncached(n: Normaliser, raw: object): NormalisedResource {
  const { clean, paths } = withoutUnknowns(raw);
  const res = n(clean as Props);
  if (paths.length) res.unknowns = paths.map((path) => ({ path, aspects: aspectsOf(res, path) }));
  return res;
}

/** Standalone rule types and the prop that names their group. */
export const RULE_GROUP_FIELD: Record<string, string> = {
  [TOKENS.nhnSecurityGroupRule]: "securityGroupId",
  [TOKENS.openstackSecurityGroupRule]: "securityGroupId",
  [COMMUNITY_TOKENS.openstackSecGroupRule]: "securityGroupId",
  [TOKENS.huaweicloudSecurityGroupRule]: "securityGroupId",
  [COMMUNITY_TOKENS.huaweiSecgroupRule]: "securityGroupId",
  [TOKENS.huaweicloudNovaSecurityGroupRule]: "parentGroupId",
  [TOKENS.scalewaySecurityGroupRule]: "securityGroupId",
  [COMMUNITY_TOKENS.scalewaySecurityGroupRules]: "securityGroupId",
  [COMMUNITY_TOKENS.scalewayInstanceSecurityGroupRules]: "securityGroupId",
  [TOKENS.genesiscloudSecurityGroupRule]: "securityGroupId",
};
