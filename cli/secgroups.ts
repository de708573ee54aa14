#!/usr/bin/env node
// `secgroups audit` and `secgroups import`. Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or access error.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { audit, FailOn } from "./audit";
import { CLOUD_NAMES, parseClouds, UsageError } from "./clouds";
import { importGroups } from "./import";
import type { Io } from "./scan";
import { loadStackSettings } from "./settings";

export const USAGE = `usage:
  secgroups audit  [--clouds ${CLOUD_NAMES.join(",")}] [--format table|json|sarif] [--output FILE]
                   [--fail-on mandatory|advisory|none] [--config pack-config.json] [--stack-config FILE]
  secgroups import --clouds ... --out DIR [--names REGEX] [--rules inline|resources] [--config pack-config.json] [--stack-config FILE]

Credentials and endpoints: the environment variables the providers read (OS_*, HW_*, SCW_*, GENESISCLOUD_*), or
their secgroups:* settings from \`pulumi config --json --show-secrets\` saved to --stack-config FILE (or PULUMI_CONFIG).
Policy configuration: --config FILE, else $SECGROUPS_POLICY_CONFIG, as the pack reads it.
Exit codes: 0 no finding at or above --fail-on (default mandatory), 1 findings, 2 usage or access error.`;

function packageVersion(name: string, from: string): string {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [from] }), "utf8")).version;
  } catch {
    return "0.0.0";
  }
}

const ownVersion = (root: string): string => JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;

const oneOf = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag}: ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
  return value as T;
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(USAGE + "\n");
    return command === undefined ? 2 : 0;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        clouds: { type: "string" },
        format: { type: "string" },
        output: { type: "string" },
        "fail-on": { type: "string" },
        config: { type: "string" },
        "stack-config": { type: "string" },
        out: { type: "string" },
        names: { type: "string" },
        rules: { type: "string" },
      },
      strict: true,
    });
    const clouds = parseClouds(values.clouds);
    if (values.config && !fs.existsSync(values.config)) throw new UsageError(`--config ${values.config}: no such file`);
    loadStackSettings(values["stack-config"]);
    const root = path.resolve(__dirname, "..", "..");
    if (command === "audit") {
      for (const f of ["out", "names", "rules"] as const)
        if (values[f] !== undefined) throw new UsageError(`--${f} is an option of secgroups import`);
      return await audit(
        {
          clouds,
          format: oneOf("--format", values.format, ["table", "json", "sarif"] as const, "table"),
          output: values.output,
          failOn: oneOf<FailOn>("--fail-on", values["fail-on"], ["mandatory", "advisory", "none"], "mandatory"),
          config: values.config,
          version: ownVersion(root),
        },
        io,
      );
    }
    if (command === "import") {
      for (const f of ["format", "output", "fail-on"] as const)
        if (values[f] !== undefined) throw new UsageError(`--${f} is an option of secgroups audit`);
      if (!values.clouds) throw new UsageError("import needs --clouds (the clouds whose groups the program declares)");
      if (!values.out) throw new UsageError("import needs --out DIR (where the program is written)");
      let names: RegExp | undefined;
      try {
        names = values.names === undefined ? undefined : new RegExp(values.names);
      } catch (e) {
        throw new UsageError(`--names: ${(e as Error).message}`);
      }
      return await importGroups(
        {
          clouds,
          out: values.out,
          names,
          rules: oneOf("--rules", values.rules, ["inline", "resources"] as const, "inline"),
          config: values.config,
          versions: {
            secgroups: ownVersion(root),
            pulumi: packageVersion("@pulumi/pulumi", root),
            typescript: packageVersion("typescript", root),
          },
        },
        io,
      );
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const policyConfig = (e as Error).name === "PolicyConfigError";
    io.stderr(
      `secgroups: error: ${(e as Error).message}\n${usage ? `\n${USAGE}\n` : policyConfig ? "  fix: correct the policy configuration (--config)\n" : ""}`,
    );
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`secgroups: error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
