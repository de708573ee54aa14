import { SecgroupsError } from "../core/errors";
import { howToSet, readSettings } from "../core/settings";
import type { Ipv6Policy } from "../neutron/ipv6-policy";
import { NHN_SETTINGS } from "./connection";

/** NHN Cloud's guide: "security rules are created for IPv4 only"; `nhnAllowIpv6` lets a region that accepts IPv6 have them. */
export const NHN_IPV6: Ipv6Policy = {
  allowed() {
    const value = readSettings("NHN Cloud", { allowIpv6: NHN_SETTINGS.allowIpv6 }, []).allowIpv6?.trim().toLowerCase();
    if (value === "true" || value === "1") return true;
    if (value === undefined || value === "false" || value === "0") return false;
    throw new SecgroupsError(
      "Configuration",
      { operation: "NHN Cloud configuration" },
      `${howToSet(NHN_SETTINGS.allowIpv6)} must be true or false, not "${value.slice(0, 40)}"`,
    );
  },
  refusal: `NHN Cloud creates security rules for IPv4 only (its security group guide); use ethertype IPv4, or set ${howToSet(NHN_SETTINGS.allowIpv6)} to true for a region that accepts IPv6 rules`,
};
