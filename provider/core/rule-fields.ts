import { z } from "zod";
import { canonicalCidr, Ethertype } from "./cidr";
import { canonicalProtocol, ProtocolError, ProtocolInput } from "./protocol";
import { checkPortRange } from "./port-range";

/** zod fields every cloud's input schema is built from; each canonicalises as it validates. */

export const direction = z.enum(["ingress", "egress"], { error: 'must be "ingress" or "egress"' });

export const ethertype = typedInput<Ethertype>()(
  z.string().transform((s, ctx) => {
    const v = s.trim().toLowerCase();
    if (v === "ipv4") return "IPv4" as Ethertype;
    if (v === "ipv6") return "IPv6" as Ethertype;
    ctx.addIssue({ code: "custom", message: 'must be "IPv4" or "IPv6"' });
    return z.NEVER;
  }),
);

export const cidr = z.string().transform((s, ctx) => {
  try {
    return canonicalCidr(s).cidr;
  } catch {
    ctx.addIssue({ code: "custom", message: "is not a CIDR (a.b.c.d/n or x::/n) or an IP address" });
    return z.NEVER;
  }
});

/** Input type of a protocol field: what the types accept is narrower than what `check` reads (any case). */
export const protocol = typedInput<ProtocolInput>()(
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    try {
      return canonicalProtocol(v);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: e instanceof ProtocolError ? e.message : String(e) });
      return z.NEVER;
    }
  }),
);

/**
 * Gives a schema a narrower input type for the public `Args` (e.g. a union of known names), leaving
 * what it accepts at run time unchanged: programs in JavaScript or with casts still get `check` messages.
 */
export function typedInput<In>() {
  return <S extends z.ZodType>(schema: S) => schema as unknown as z.ZodType<z.output<S>, In>;
}

/** A port number given as a number or a numeric string. */
export const port = typedInput<number>()(
  z
    .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)], { error: "must be a whole number" })
    .refine((n) => n >= 0 && n <= 65535, { error: (issue) => `port ${String(issue.input)} must be an integer 1-65535` }),
);

/** A name of 1 to `max` characters that is not only whitespace (every API here refuses a blank name or stores it trimmed). */
export const name = (max = 255) =>
  z
    .string()
    .min(1, { error: "is required", abort: true })
    .max(max, { error: `must be at most ${max} characters`, abort: true })
    .refine((n) => n.trim() !== "", { error: "must not be blank (only whitespace)", abort: true });

export const description = (max = 255) => z.string().max(max, { error: `must be at most ${max} characters` });

/** The ethertype a CIDR belongs to, or undefined when the text is not a CIDR. */
export function ethertypeOf(cidrText: string): Ethertype | undefined {
  try {
    return canonicalCidr(cidrText).ethertype;
  } catch {
    return undefined;
  }
}

/**
 * Cross-field rules shared by Neutron-like rules: the port range is canonicalised against the
 * protocol, and the CIDR family must match the ethertype. Mutates `rule` into canonical form.
 */
export function refinePortsAndFamily(
  rule: {
    protocol?: string | null;
    portRangeMin?: number | null;
    portRangeMax?: number | null;
    ethertype?: Ethertype;
    remoteIpPrefix?: string | null;
  },
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  const range = checkPortRange(rule.protocol ?? null, rule.portRangeMin, rule.portRangeMax);
  if ("message" in range) {
    ctx.addIssue({ code: "custom", message: range.message, path: [...path, range.field === "min" ? "portRangeMin" : "portRangeMax"] });
  } else {
    rule.portRangeMin = range.min;
    rule.portRangeMax = range.max;
  }
  if (rule.remoteIpPrefix != null) {
    const family = ethertypeOf(rule.remoteIpPrefix);
    if (rule.ethertype && family && family !== rule.ethertype) {
      ctx.addIssue({
        code: "custom",
        message: `${rule.remoteIpPrefix} is an ${family} network but ethertype is ${rule.ethertype}`,
        path: [...path, "remoteIpPrefix"],
      });
    }
    rule.ethertype ??= family;
  }
}
