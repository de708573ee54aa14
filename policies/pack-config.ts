// Settings given once for the whole pack: a JSON file with a "shared" block (copied into every policy
// that declares the key) and optional per-policy blocks; it becomes the pack's initialConfig, which
// --policy-pack-config and organisation policy config still override.
import * as fs from "fs";
import * as path from "path";
import { Policies, PolicyPackConfig } from "@pulumi/policy";

export const PACK_CONFIG_ENV = "SECGROUPS_POLICY_CONFIG";
export const PACK_CONFIG_FILE = "pack-config.json";

type Block = Record<string, unknown>;

/** initialConfig from the file named by $SECGROUPS_POLICY_CONFIG, else policies/pack-config.json, else none. */
export function loadPackConfig(policies: Policies, dir: string = __dirname): PolicyPackConfig | undefined {
  const file = process.env[PACK_CONFIG_ENV] || path.join(dir, PACK_CONFIG_FILE);
  if (!fs.existsSync(file)) return undefined;
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Block>;
  return packConfigFrom(policies, json);
}

export function packConfigFrom(policies: Policies, json: Record<string, Block>): PolicyPackConfig {
  const shared = json["shared"] ?? {};
  const out: PolicyPackConfig = {};
  for (const p of policies) {
    const keys = Object.keys(p.configSchema?.properties ?? {});
    const block: Block = {};
    for (const k of keys) if (k in shared) block[k] = shared[k];
    Object.assign(block, json[p.name] ?? {});
    if (Object.keys(block).length) out[p.name] = block;
  }
  return out;
}
