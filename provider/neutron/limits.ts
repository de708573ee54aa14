import { kindProviderWith } from "../core/adapter";
import type { OperationLimits } from "../core/operation";

/**
 * Neutron's operation limits (NHN and every OpenStack profile; see core/operation.ts): one sign-in again when a
 * Keystone token is refused early, one re-plan when a rule create meets a conflict or gets no answer.
 */
export const NEUTRON_LIMITS: Partial<OperationLimits> = {
  operationTimeoutMs: 10 * 60_000,
  lookupTries: 4,
  lookupDelayMs: 250,
  replans: 1,
  reauthentications: 1,
};

/** `kindProvider` with these limits. */
export const kindProvider = kindProviderWith(NEUTRON_LIMITS);
