// Exemptions by resource-name pattern or URN, with a reason and an expiry date (expired ones stop applying and say so).
import { Exemption } from "./config";

export interface ExemptionMatch {
  active?: Exemption;
  expired: Exemption[];
}

const today = (): string => new Date().toISOString().slice(0, 10);

function matches(e: Exemption, policy: string, name: string, urn: string): boolean {
  if (e.policies && !e.policies.includes(policy)) return false;
  if (e.resource === undefined && e.urn === undefined) return false;
  if (e.urn !== undefined && e.urn !== urn) return false;
  if (e.resource !== undefined && !new RegExp(`^(?:${e.resource})$`).test(name)) return false;
  return true;
}

const NONE: ExemptionMatch = Object.freeze({ expired: Object.freeze([]) as unknown as Exemption[] });

/** `now` (YYYY-MM-DD, UTC) is read only when a matching exemption has an expiry date. */
export function findExemption(exemptions: readonly Exemption[], policy: string, name: string, urn: string, now?: string): ExemptionMatch {
  if (exemptions.length === 0) return NONE;
  const out: ExemptionMatch = { expired: [] };
  for (const e of exemptions) {
    if (!matches(e, policy, name, urn)) continue;
    if (e.expires !== undefined && e.expires < (now ??= today())) out.expired.push(e);
    else out.active ??= e;
  }
  return out;
}

export const exemptionReason = (e: Exemption): string => `exempted${e.expires ? ` until ${e.expires}` : ""}: ${e.reason}`;

/** Appended to a violation when a matching exemption has expired. */
export const expiredNote = (expired: readonly Exemption[]): string =>
  expired.map((e) => ` The exemption "${e.reason}" expired on ${e.expires} and no longer applies.`).join("");
