import { resourcePolicy } from "../engine/policy-kit";
import { FAMILIES, PUBLIC, size, subtract, union, AddrSet, intersect } from "../engine/cidr-set";
import { familyLabel } from "../engine/findings";
import { ingressAllowRules, isWorldRule, publicUntrustedSize } from "../engine/queries";

const BITS = { v4: 32, v6: 128 } as const;

export const noBroadPublicSources = resourcePolicy({
  name: "no-broad-public-sources",
  description:
    "Checks that ingress rules do not admit near-world sources: public ranges of broadPrefixV4/V6 or wider, or rules that together admit half of the public address space.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps: "Replace the broad range with the specific CIDRs of the clients (or list them in trustedSourceCidrs).",
  configKeys: ["broadPrefixV4", "broadPrefixV6", "trustedSourceCidrs", "treatPrivateAsTrusted"],
  needs: ["ingress"],
  summary: "Sources are broad public ranges",
  judge: (res, cfg) => {
    const out: string[] = [];
    const rules = ingressAllowRules(res);
    for (const r of rules) {
      if (isWorldRule(r, cfg)) continue;
      for (const f of FAMILIES) {
        const limit = 1n << BigInt(BITS[f] - (f === "v4" ? cfg.broadPrefixV4 : cfg.broadPrefixV6));
        if (r.peers[f] && publicUntrustedSize(r, f, cfg) >= limit) {
          out.push(`${r.label} admits ${r.peerText} (wider than /${f === "v4" ? cfg.broadPrefixV4 : cfg.broadPrefixV6})`);
        }
      }
    }
    if (rules.length > 1) {
      for (const f of FAMILIES) {
        let all: AddrSet = [];
        for (const r of rules) if (r.peers[f]) all = union(all, r.peers[f]!);
        const target = subtract(PUBLIC[f], cfg.trusted[f]);
        const covered = size(intersect(all, target));
        const total = size(target);
        if (total > 0n && covered < total && covered * 2n >= total) {
          out.push(`the rules together admit ${Number((covered * 100n) / total)}% of the public ${familyLabel(f)} space`);
        }
      }
    }
    return out;
  },
});
