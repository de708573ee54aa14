// The pack's folder, the one holding PulumiPolicy.yaml and pack-config.json. The pack's code runs from three
// places: policies/ (the TypeScript sources through ts-node), policies/bin/ (the compiled pack, what
// policies/index.js serves) and dist/policies/ (the repository's build, which the secgroups command loads).
import * as fs from "fs";
import * as path from "path";

const MARKER = "PulumiPolicy.yaml";

export function packRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, MARKER))) return dir;
    if (fs.existsSync(path.join(dir, "policies", MARKER))) return path.join(dir, "policies");
    if (path.dirname(dir) === dir) return from;
  }
}
