import * as ipaddr from "ipaddr.js";

export type Ethertype = "IPv4" | "IPv6";

export const WORLD_CIDR: Record<Ethertype, string> = { IPv4: "0.0.0.0/0", IPv6: "::/0" };

/** Text that is not a CIDR or an IP address (the only error canonicalCidr throws). */
export class CidrError extends Error {
  override readonly name = "CidrError";
}

/** Canonical form of a CIDR or bare address: host bits cleared, bare IP -> /32 or /128, IPv6 compressed. */
export function canonicalCidr(input: string): { cidr: string; ethertype: Ethertype } {
  const text = input.trim();
  const address = text.split("/")[0];
  // ipaddr.js also reads "10", "10.1" and octal/hex parts ("010.0.0.1" is 8.0.0.1): refuse them, never guess.
  if (!address.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(address))
    throw new CidrError(`"${address}" is not a dotted-decimal IPv4 address`);
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let bits: number;
  try {
    [addr, bits] = parseIpText(text);
  } catch (cause) {
    throw new CidrError(`"${text}" is not a CIDR or an IP address`, { cause });
  }
  const network = networkAddress(addr, bits);
  return { cidr: `${network.toString()}/${bits}`, ethertype: addr.kind() === "ipv4" ? "IPv4" : "IPv6" };
}

/**
 * `address/bits`, or a bare address with the family's full length; throws ipaddr's error on other text. The family
 * is read off the text (only IPv6 has ':'): ipaddr.parseCIDR tries IPv6 first and throws on every IPv4 text, an
 * exception per rule checked here and per rule the emulator stores.
 */
export function parseIpText(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const v6 = text.includes(":");
  if (text.includes("/")) return v6 ? ipaddr.IPv6.parseCIDR(text) : ipaddr.IPv4.parseCIDR(text);
  return v6 ? [ipaddr.IPv6.parse(text), 128] : [ipaddr.IPv4.parse(text), 32];
}

/** The address with its host bits (those past `bits`) cleared. */
export function networkAddress(addr: ipaddr.IPv4 | ipaddr.IPv6, bits: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i] &= keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes);
}
