import * as fs from "node:fs";
import * as path from "node:path";

/** The pulumi-secgroups checkout or package this file belongs to (works from sources and from dist/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "policies", "PulumiPolicy.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the pulumi-secgroups root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
