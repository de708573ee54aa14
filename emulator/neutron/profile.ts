import type { Route } from "../types";
import type { NeutronState } from "./model";

/**
 * What differs between two clouds serving Neutron: how tokens are issued (Keystone v2.0 or v3) and which of
 * upstream Neutron's fields each answer shows. The model and routes are shared.
 */
export interface NeutronProfile {
  /** The cloud's name: the `/_emulator/<cloud>/ports` control path and the `<cloud>.*` settings prefix. */
  cloud: string;
  identityRoutes: Route<NeutronState>[];
  /** Shapes a group answered with every upstream field (its rules already shaped by `ruleWire`). */
  groupWire(full: Record<string, unknown>): Record<string, unknown>;
  ruleWire(full: Record<string, unknown>): Record<string, unknown>;
  portWire(full: Record<string, unknown>): Record<string, unknown>;
  /** Serves NHN's `GET /v2.0/security-group-ports?security_group_id=` besides Neutron's `GET /v2.0/ports`. */
  securityGroupPorts?: boolean;
}

/** Keeps the named fields, in that order. */
export const pick = (fields: readonly string[]) => (full: Record<string, unknown>) =>
  Object.fromEntries(fields.filter((f) => f in full).map((f) => [f, full[f]]));
