// The provider and the emulator read the family off the text instead of letting ipaddr.js try IPv6 first: same answers, same refusals.
import * as ipaddr from "ipaddr.js";
import { parseIpText } from "../../provider/core/cidr";

const viaIpaddr = (text: string): [string, number] => {
  const [addr, bits] = text.includes("/") ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), ipaddr.parse(text).kind() === "ipv4" ? 32 : 128];
  return [addr.toString(), bits];
};
const outcome = (f: () => [string, number]) => {
  try {
    return f();
  } catch {
    return "refused";
  }
};

describe("parseIpText", () => {
  it.each([
    "10.0.0.0/8",
    "1.2.3.4",
    "0.0.0.0/0",
    "203.0.113.7/32",
    "::/0",
    "2001:DB8::1",
    "2001:db8::/32",
    "::ffff:1.2.3.4/128",
    "fe80::1%eth0",
    "10.0.0.0/33",
    "2001:db8::/129",
    "abc",
    "",
    "1.2.3.4/",
    "10/8",
    "167772161",
    "0x0a.0.0.1/8",
    "1.2.3.4:80",
  ])("answers %j as ipaddr.js's parse and parseCIDR do", (text) => {
    expect(
      outcome(() => {
        const [addr, bits] = parseIpText(text);
        return [addr.toString(), bits];
      }),
    ).toEqual(outcome(() => viaIpaddr(text)));
  });

  it("refuses what is neither family", () => {
    expect(() => parseIpText("not-an-ip/8")).toThrow();
  });
});
