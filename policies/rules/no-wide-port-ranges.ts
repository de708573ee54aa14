import { resourcePolicy } from "../engine/policy-kit";
import { formatPorts, portCount } from "../engine/port-set";
import { ingressAllowRules, untrustedFamilies } from "../engine/queries";

export const noWidePortRanges = resourcePolicy({
  name: "no-wide-port-ranges",
  description: "Checks that rules admitting untrusted sources do not open more than maxPortRangeSize TCP/UDP ports at once.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps: "Open only the ports the service listens on, or restrict the source to trusted CIDRs.",
  configKeys: ["maxPortRangeSize", "trustedSourceCidrs", "treatPrivateAsTrusted"],
  needs: ["ingress"],
  summary: "Port ranges are wider than maxPortRangeSize for untrusted sources",
  judge: (res, cfg) =>
    ingressAllowRules(res)
      .filter(
        (r) =>
          (r.protocol === "tcp" || r.protocol === "udp") &&
          portCount(r.ports) > cfg.maxPortRangeSize &&
          untrustedFamilies(r, cfg).length > 0,
      )
      .map((r) => `${r.label} opens ${r.protocol}/${formatPorts(r.ports)} (${portCount(r.ports)} ports) to ${r.peerText}`),
});
