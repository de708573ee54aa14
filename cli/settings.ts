// The providers' `secgroups:*` stack settings for the CLI: from `pulumi config --json [--show-secrets]` saved to a
// file (`--stack-config FILE`) or PULUMI_CONFIG (the JSON the engine hands programs). The environment variables the
// providers read apply as always; stack settings win over them, as they do in a program.
import * as fs from "node:fs";
import { useStackConfig } from "../provider/core/settings";
import { UsageError } from "./clouds";

export function loadStackSettings(file: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const values: Record<string, string> = {};
  if (env.PULUMI_CONFIG) Object.assign(values, flatten("PULUMI_CONFIG", parse("PULUMI_CONFIG", env.PULUMI_CONFIG)));
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      throw new UsageError(`--stack-config ${file}: ${(e as Error).message}`);
    }
    Object.assign(values, flatten(`--stack-config ${file}`, parse(`--stack-config ${file}`, text)));
  }
  useStackConfig((key) => (Object.hasOwn(values, key) ? values[key] : undefined));
}

function parse(where: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where} is not JSON (save it with \`pulumi config --json --show-secrets\`): ${(e as Error).message}`);
  }
}

/** `{ key: "v" }` or `pulumi config --json`'s `{ key: { value, secret } }`; a secret shown without its value is refused. */
function flatten(where: string, json: unknown): Record<string, string> {
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new UsageError(`${where}: expected a JSON object of settings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(json)) {
    if (!k.startsWith("secgroups:")) continue;
    if (v && typeof v === "object") {
      const { value, secret } = v as { value?: unknown; secret?: boolean };
      if (value === undefined)
        throw new UsageError(`${where}: ${k} has no value${secret ? " (a secret: save the file with --show-secrets)" : ""}`);
      out[k] = String(value);
    } else if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}
