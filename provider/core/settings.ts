import { SecgroupsError } from "./errors";
import { registerSecret } from "./log";

/** The stack-config namespace every setting lives in: `pulumi config set secgroups:<key> ...`. */
export const CONFIG_NAMESPACE = "secgroups";

/** One connection setting: a stack-config key and the environment variables users of the cloud already set. */
export interface SettingSpec {
  key: string;
  env: string[];
  secret?: boolean;
  default?: string;
}

/** Settings shared by every cloud. */
export const CORE_SETTINGS = {
  maxConcurrentRequests: { key: "maxConcurrentRequests", env: ["SECGROUPS_MAX_CONCURRENT_REQUESTS"], default: "8" },
  // Override every cloud's limits table (see operation.ts); unset, each cloud's own value holds.
  operationTimeoutMs: { key: "operationTimeoutMs", env: ["SECGROUPS_OPERATION_TIMEOUT_MS"] },
  requestTimeoutMs: { key: "requestTimeoutMs", env: ["SECGROUPS_REQUEST_TIMEOUT_MS"] },
  lookupTries: { key: "lookupTries", env: ["SECGROUPS_LOOKUP_TRIES"] },
} satisfies Record<string, SettingSpec>;

type ConfigReader = (key: string) => string | undefined;
let stackConfig: ConfigReader = () => undefined;

/** Called from the dynamic provider's `configure`: stack configuration wins over the environment. */
export function useStackConfig(reader: ConfigReader): void {
  stackConfig = reader;
}

/** Reads settings for one cloud; throws one error naming every missing required setting and how to set it. */
export function readSettings<T extends Record<string, SettingSpec>>(
  cloud: string,
  specs: T,
  required: readonly (keyof T)[],
  env: NodeJS.ProcessEnv = process.env,
): Record<keyof T, string | undefined> {
  type K = keyof T;
  const out = {} as Record<K, string | undefined>;
  const missing: string[] = [];
  for (const name of Object.keys(specs) as K[]) {
    const spec = specs[name];
    const value =
      stackConfig(`${CONFIG_NAMESPACE}:${spec.key}`) ??
      spec.env.map((e) => env[e]).find((v) => v !== undefined && v !== "") ??
      spec.default;
    if (spec.secret) registerSecret(value);
    out[name] = value;
    if (value === undefined && required.includes(name)) {
      missing.push(howToSet(spec));
    }
  }
  if (missing.length) {
    throw new SecgroupsError("Configuration", { operation: `${cloud} configuration` }, `missing ${missing.join(", ")}`);
  }
  return out;
}

/** How to set one setting: its environment names, or the stack-config command. */
export function howToSet(spec: SettingSpec): string {
  return `${spec.env.join(" or ")} (or \`pulumi config set ${spec.secret ? "--secret " : ""}${CONFIG_NAMESPACE}:${spec.key} ...\`)`;
}

/** Where the value of each setting in use comes from (stack config key, environment variable or default), for errors about it. */
export function settingSources(specs: readonly SettingSpec[], env: NodeJS.ProcessEnv = process.env): string {
  return specs
    .map((spec) => {
      if (stackConfig(`${CONFIG_NAMESPACE}:${spec.key}`) !== undefined) return `stack config ${CONFIG_NAMESPACE}:${spec.key}`;
      const name = spec.env.find((e) => env[e] !== undefined && env[e] !== "");
      if (name) return `environment variable ${name}`;
      return `the default of ${spec.env[0]} / ${CONFIG_NAMESPACE}:${spec.key}`;
    })
    .join(", ");
}
