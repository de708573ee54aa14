import * as fs from "node:fs";
import * as path from "node:path";
import { packRoot } from "../../policies/pack-root";

/** The pulumi-secgroups checkout or package this file belongs to (works from sources and from dist/): the policy pack's parent. */
export function repoRoot(): string {
  const pack = packRoot(__dirname);
  if (!fs.existsSync(path.join(pack, "PulumiPolicy.yaml"))) throw new Error(`cannot find the pulumi-secgroups root above ${__dirname}`);
  return path.dirname(pack);
}
