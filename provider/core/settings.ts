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
      missing.push(
        `${spec.env.join(" or ")} (or \`pulumi config set ${spec.secret ? "--secret " : ""}${CONFIG_NAMESPACE}:${spec.key} ...\`)`,
      );
    }
  }
  if (missing.length) {
    throw new SecgroupsError("Configuration", { operation: `${cloud} configuration` }, `missing ${missing.join(", ")}`);
  }
  return out;
}
