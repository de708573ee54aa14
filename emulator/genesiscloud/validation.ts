import { errors } from "./errors";
import type { GenesisRule, GenesisSettings } from "./model";

const PROTOCOLS = ["icmp", "tcp", "udp", "all"];
const DIRECTIONS = ["ingress", "egress"];
export const REGIONS = [
  "ARC-IS-HAF-1",
  "EUC-DE-MUC-1",
  "EUW-GB-MNC-1",
  "EUW-NL-AMS-1",
  "NA-CA-FTS-1",
  "NA-CA-MNZ-1",
  "NA-CA-PRG-1",
  "NORD-NO-KRS-1",
];
const RESERVED = new Set(["default", "standard"]);

/** The fields of a create/update body after validation; absent fields stay undefined (PATCH). */
export interface GroupInput {
  name?: string;
  description?: string;
  region?: string;
  rules?: GenesisRule[];
}

type Mode = "create" | "put" | "patch";

/** Validates a security-group body as the API does: POST and PUT need name and rules, PATCH any of them. */
export function parseGroupBody(body: unknown, mode: Mode, settings: GenesisSettings): GroupInput {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw errors.badRequest("request body must be a JSON object");
  const b = body as Record<string, unknown>;
  const out: GroupInput = {};
  if (b.name !== undefined || mode !== "patch") out.name = parseName(b.name);
  if (b.description !== undefined && b.description !== null) {
    if (typeof b.description !== "string") throw errors.badRequest("description must be a string");
    out.description = b.description;
  }
  if (mode === "create") out.region = parseRegion(b.region, settings);
  if (b.rules !== undefined || mode !== "patch") out.rules = parseRules(b.rules, settings);
  return out;
}

function parseName(v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw errors.badRequest("name is required and must be a non-empty string");
  if (RESERVED.has(v.trim().toLowerCase())) throw errors.reservedName(v);
  if (v.length > 255) throw errors.badRequest("name must be at most 255 characters");
  return v;
}

function parseRegion(v: unknown, settings: GenesisSettings): string {
  if (v === undefined || v === null) {
    if (settings.requireRegion) throw errors.badRequest(`region is required; one of ${REGIONS.join(", ")}`);
    return settings.defaultRegion;
  }
  if (typeof v !== "string" || !REGIONS.includes(v))
    throw errors.badRequest(`region ${JSON.stringify(v)} is not one of ${REGIONS.join(", ")}`);
  return v;
}

function parseRules(v: unknown, settings: GenesisSettings): GenesisRule[] {
  if (!Array.isArray(v)) throw errors.badRequest("rules is required and must be an array");
  if (v.length < settings.minRules) throw errors.badRequest(`rules must contain at least ${settings.minRules} rule(s)`);
  return v.map((r, i) => parseRule(r, i, settings));
}

/** One rule: protocol icmp|tcp|udp|all, direction ingress|egress, ports 1-65535 or null. */
export function parseRule(r: unknown, i: number, settings: GenesisSettings): GenesisRule {
  const at = `rules[${i}]`;
  if (!r || typeof r !== "object" || Array.isArray(r)) throw errors.badRequest(`${at} must be an object`);
  const o = r as Record<string, unknown>;
  if (typeof o.protocol !== "string" || !PROTOCOLS.includes(o.protocol)) {
    throw errors.badRequest(`${at}.protocol ${JSON.stringify(o.protocol)} is invalid; possible values are icmp, tcp, udp and all`);
  }
  if (typeof o.direction !== "string" || !DIRECTIONS.includes(o.direction)) {
    throw errors.badRequest(`${at}.direction ${JSON.stringify(o.direction)} is invalid; possible values are ingress and egress`);
  }
  const min = port(o.port_range_min, `${at}.port_range_min`);
  const max = port(o.port_range_max, `${at}.port_range_max`);
  const protocol = o.protocol as GenesisRule["protocol"];
  if (protocol === "tcp" || protocol === "udp") {
    if ((min === null) !== (max === null))
      throw errors.badRequest(`${at}: port_range_min and port_range_max must both be set or both be null`);
    if (min === null && !settings.nullPortsMeanAll)
      throw errors.badRequest(`${at}: port_range_min and port_range_max are required for protocol ${protocol}`);
    if (min !== null && max !== null && min > max)
      throw errors.badRequest(`${at}: port_range_min ${min} is greater than port_range_max ${max}`);
  } else if (min !== null || max !== null) {
    throw errors.badRequest(`${at}: port ranges are only supported for tcp and udp, not ${protocol}`);
  }
  return { protocol, direction: o.direction as GenesisRule["direction"], port_range_min: min, port_range_max: max };
}

function port(v: unknown, at: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 65535)
    throw errors.badRequest(`${at} ${JSON.stringify(v)} must be an integer between 1 and 65535 or null`);
  return v;
}

/** `page` and `per_page`: positive integers, per_page at most 100 (default 50), answered at most `maxPage` at a time. */
export function parsePaging(query: URLSearchParams, maxPage = 100): { page: number; perPage: number } {
  const read = (key: string, dflt: number, max: number) => {
    const text = query.get(key);
    if (text === null || text === "") return dflt;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > max)
      throw errors.badRequest(`${key} must be a positive integer${max < Infinity ? ` lower than or equal to ${max}` : ""}`);
    return n;
  };
  return { page: read("page", 1, Infinity), perPage: Math.min(read("per_page", 50, 100), maxPage) };
}
