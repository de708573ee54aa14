// Settings given once for the whole pack: a JSON file with a "shared" block (copied into every policy
// that declares the key) and optional per-policy blocks; it becomes the pack's initialConfig, which
// --policy-pack-config and organisation policy config still override.
//
// Every initialConfig entry carries an enforcement level: the engine reads a missing one as 0, which
// is ADVISORY in the protocol, and a given level overrides the policy's default (pulumi/pulumi
// pkg/resource/analyzer/config.go, applyConfig), so an entry without one would demote a mandatory policy.
import * as fs from "fs";
import * as path from "path";
import { EnforcementLevel, Policies, PolicyPackConfig } from "@pulumi/policy";
import { ConfigKey, PackConfig, parsePolicyConfig, PolicyConfigError } from "./engine/config";
import { packRoot } from "./pack-root";

export const PACK_CONFIG_ENV = "SECGROUPS_POLICY_CONFIG";
export const PACK_CONFIG_FILE = "pack-config.json";
export const SHARED = "shared";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const CONFIG_KEYS = Object.keys(PackConfig.shape) as ConfigKey[];

type Block = Record<string, unknown>;

/** initialConfig from the file named by $SECGROUPS_POLICY_CONFIG, else policies/pack-config.json, else none. */
export function loadPackConfig(policies: Policies, dir: string = packRoot()): PolicyPackConfig | undefined {
  const file = process.env[PACK_CONFIG_ENV] || path.join(dir, PACK_CONFIG_FILE);
  if (!fs.existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new PolicyConfigError(SHARED, [`${file} is not valid JSON: ${(e as Error).message}`]);
  }
  return packConfigFrom(policies, json);
}

const isBlock = (v: unknown): v is Block => v !== null && typeof v === "object" && !Array.isArray(v);

/** A per-policy block: a level, or settings with an optional `enforcementLevel`. */
function policyBlock(name: string, value: unknown): { level?: EnforcementLevel; settings: Block } {
  if (typeof value === "string") {
    if (!LEVELS.includes(value as EnforcementLevel))
      throw new PolicyConfigError(name, [`enforcement level ${JSON.stringify(value)} is not one of ${LEVELS.join(", ")}`]);
    return { level: value as EnforcementLevel, settings: {} };
  }
  if (!isBlock(value))
    throw new PolicyConfigError(name, [`${JSON.stringify(value)}: expected an enforcement level or an object of settings`]);
  const { enforcementLevel, ...settings } = value;
  if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
    throw new PolicyConfigError(name, [`enforcementLevel = ${JSON.stringify(enforcementLevel)}: not one of ${LEVELS.join(", ")}`]);
  }
  return { level: enforcementLevel as EnforcementLevel | undefined, settings };
}

/**
 * The pack's initialConfig, the whole file validated first: an unknown policy or key, or a value the
 * policy cannot use, throws PolicyConfigError (the pack then fails to start, naming policy, key and value).
 */
export function packConfigFrom(policies: Policies, json: unknown): PolicyPackConfig {
  if (!isBlock(json)) throw new PolicyConfigError(SHARED, [`the pack config must be a JSON object, got ${JSON.stringify(json)}`]);
  const names = new Set(policies.map((p) => p.name));
  const unknownNames = Object.keys(json).filter((k) => k !== SHARED && !names.has(k));
  if (unknownNames.length)
    throw new PolicyConfigError(unknownNames[0], [
      `no policy of this pack is named ${unknownNames.join(", ")} (policies: ${[...names].join(", ")})`,
    ]);
  const shared = json[SHARED] ?? {};
  if (!isBlock(shared)) throw new PolicyConfigError(SHARED, [`${JSON.stringify(shared)}: expected an object of settings`]);
  const unknownKeys = Object.keys(shared).filter((k) => !(CONFIG_KEYS as string[]).includes(k));
  if (unknownKeys.length)
    throw new PolicyConfigError(
      SHARED,
      unknownKeys.map((k) => `${k} is not a setting of any policy of this pack`),
    );
  parsePolicyConfig(SHARED, shared);
  const out: PolicyPackConfig = {};
  for (const p of policies) {
    const keys = Object.keys(p.configSchema?.properties ?? {}) as ConfigKey[];
    const { level, settings } = json[p.name] === undefined ? { level: undefined, settings: {} } : policyBlock(p.name, json[p.name]);
    const block: Block = {};
    for (const k of keys) if (k in shared) block[k] = shared[k];
    Object.assign(block, settings);
    parsePolicyConfig(p.name, block, keys);
    if (Object.keys(block).length || level) out[p.name] = { enforcementLevel: level ?? p.enforcementLevel ?? "advisory", ...block };
  }
  return out;
}
