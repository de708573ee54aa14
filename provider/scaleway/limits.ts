import { kindProviderWith } from "../core/adapter";
import type { OperationLimits } from "../core/operation";

/** Scaleway's operation limits (see core/operation.ts): writes answer at once; one re-plan when a rule known to state is gone. */
export const SCALEWAY_LIMITS: Partial<OperationLimits> = {
  operationTimeoutMs: 10 * 60_000,
  lookupTries: 4,
  lookupDelayMs: 250,
  replans: 1,
};

/** `kindProvider` with these limits. */
export const kindProvider = kindProviderWith(SCALEWAY_LIMITS);
