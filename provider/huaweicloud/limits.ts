import { kindProviderWith } from "../core/adapter";
import type { OperationLimits } from "../core/operation";

/** Huawei Cloud's operation limits, VPC v3 and Nova alike (see core/operation.ts). */
export const HUAWEI_LIMITS: Partial<OperationLimits> = {
  operationTimeoutMs: 10 * 60_000,
  lookupTries: 4,
  lookupDelayMs: 250,
  replans: 1,
};

/** `kindProvider` with these limits. */
export const kindProvider = kindProviderWith(HUAWEI_LIMITS);
