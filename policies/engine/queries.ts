// Questions the policies ask of a normalised resource.
import { Family, FAMILIES, intersect, PUBLIC, size, subtract } from "./cidr-set";
import { evaluate, OpenFinding, openTo } from "./exposure";
import { NormalisedResource, Rule } from "./model";
import { Resolved } from "./config";

/** Ingress that the whole internet (public space minus trusted sources) reaches, after the cloud's semantics. */
export const worldOpenIngress = (res: NormalisedResource, cfg: Resolved): OpenFinding[] =>
  openTo(evaluate(res, "ingress"), cfg.worldTarget);

export const worldOpenEgress = (res: NormalisedResource, cfg: Resolved): OpenFinding[] => openTo(evaluate(res, "egress"), cfg.worldTarget);

/** Families in which the rule's peer includes sources that are not trusted (nor private, when configured). */
export function untrustedFamilies(rule: Rule, cfg: Resolved): Family[] {
  return FAMILIES.filter((f) => {
    const peer = rule.peers[f];
    if (!peer || !peer.length) return false;
    let rest = subtract(peer, cfg.trusted[f]);
    if (cfg.treatPrivateAsTrusted) rest = intersect(rest, PUBLIC[f]);
    return rest.length > 0;
  });
}

/** Does the rule's peer cover the whole world target of some family? */
export const isWorldRule = (rule: Rule, cfg: Resolved): boolean =>
  FAMILIES.some((f) => {
    const peer = rule.peers[f];
    return !!peer && peer.length > 0 && cfg.worldTarget[f].length > 0 && subtract(cfg.worldTarget[f], peer).length === 0;
  });

/** Number of addresses of `peer` that are public and untrusted. */
export const publicUntrustedSize = (rule: Rule, f: Family, cfg: Resolved): bigint =>
  size(subtract(intersect(rule.peers[f] ?? [], PUBLIC[f]), cfg.trusted[f]));

export const ingressAllowRules = (res: NormalisedResource): Rule[] =>
  res.rules.filter((r) => r.direction === "ingress" && r.action === "allow" && r.enabled);
