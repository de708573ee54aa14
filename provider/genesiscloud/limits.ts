import { kindProviderWith } from "../core/adapter";
import type { OperationLimits } from "../core/operation";

/**
 * Genesis Cloud's operation limits (see core/operation.ts). A group change is asynchronous (the group passes
 * through `updating`), so the operation's budget covers the settle wait of GENESISCLOUD_SETTLE_TIMEOUT_MS /
 * `secgroups:genesiscloudSettleTimeoutMs` (default 10 min) twice over; a 409 on a group still changing is
 * tried again up to three times.
 */
export const GENESIS_LIMITS: Partial<OperationLimits> = {
  operationTimeoutMs: 20 * 60_000,
  conflictRetries: 3,
  lookupTries: 4,
  lookupDelayMs: 500,
};

/** `kindProvider` with these limits. */
export const kindProvider = kindProviderWith(GENESIS_LIMITS);
