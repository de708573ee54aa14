// `secgroups audit`: the pack's judgement on every live group of the configured clouds. Read-only.
import * as fs from "node:fs";
import { policies } from "../policies/policy-list";
import type { AuditCloud } from "./clouds";
import { configuredPolicies, Finding, judge, readPackConfig } from "./judge";
import { Format, json, sarif, table } from "./report";
import { Io, scanClouds } from "./scan";

export type FailOn = "mandatory" | "advisory" | "none";

export interface AuditOptions {
  clouds: AuditCloud[];
  format: Format;
  output?: string;
  failOn: FailOn;
  config?: string;
  version: string;
}

/** 1 when a finding is at or above `failOn`, else 0. */
export function exitCodeFor(findings: Finding[], failOn: FailOn): 0 | 1 {
  if (failOn === "none") return 0;
  return findings.some((f) => failOn === "advisory" || f.level === "mandatory") ? 1 : 0;
}

export async function audit(options: AuditOptions, io: Io): Promise<number> {
  const configured = configuredPolicies(readPackConfig(options.config));
  const scan = await scanClouds(options.clouds, io);
  const findings: Finding[] = [];
  for (const groups of scan.groups.values()) findings.push(...(await judge(groups, configured)));
  const text =
    options.format === "json"
      ? json(findings, scan.summary)
      : options.format === "sarif"
        ? sarif(findings, policies, options.version)
        : table(findings, scan.summary);
  if (options.output) fs.writeFileSync(options.output, text);
  else io.stdout(text);
  if (scan.failed.length) return 2;
  if (!scan.summary.clouds.length) {
    io.stderr(
      "secgroups: error: none of the clouds asked for is configured, so nothing was audited: set the credentials the provider reads (see the lines above)\n",
    );
    return 2;
  }
  return exitCodeFor(findings, options.failOn);
}
