// ipaddr.js's parseCIDR tries IPv6 first and throws on every IPv4 text: an exception per rule, most of the
// emulator's CPU in a burst of 500 rules. Only IPv6 text has a ':', so the family is read off the text.
import * as ipaddr from "ipaddr.js";

/** `address/bits`, or a bare address with the family's full length; throws ipaddr's error on other text. */
export function parseIpText(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const v6 = text.includes(":");
  if (text.includes("/")) return v6 ? ipaddr.IPv6.parseCIDR(text) : ipaddr.IPv4.parseCIDR(text);
  return v6 ? [ipaddr.IPv6.parse(text), 128] : [ipaddr.IPv4.parse(text), 32];
}
