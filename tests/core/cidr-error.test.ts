import { canonicalCidr, CidrError } from "../../provider/core/cidr";

// canonicalCidr throws one typed error, whether it refuses the text itself or ipaddr.js does.
it.each(["10/8", "010.0.0.1", "not-an-ip", "10.0.0.0/40", "2001:db8::/129"])("refuses %s with a CidrError", (text) => {
  expect(() => canonicalCidr(text)).toThrow(CidrError);
});
