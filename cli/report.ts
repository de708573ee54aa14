// The audit's three outputs: a table for people, JSON, and SARIF 2.1.0 for code-scanning dashboards.
import type { Policy } from "@pulumi/policy";
import type { Finding, Level } from "./judge";

export type Format = "table" | "json" | "sarif";

/** What the audit looked at, besides the findings. */
export interface AuditSummary {
  clouds: { cloud: string; scope: string; groups: number }[];
  skipped: { cloud: string; reason: string }[];
}

/** The pack's message is "<summary>: <what opens it, naming rules[i]>."; that half, with the named rules spelt out. */
export function causingRule(f: Pick<Finding, "message" | "rules">): string {
  const at = f.message.indexOf(": ");
  const what = at < 0 ? f.message : f.message.slice(at + 2);
  return f.rules.length ? `${what} ${f.rules.join("; ")}` : what;
}

export function table(findings: Finding[], summary: AuditSummary): string {
  const header = ["CLOUD", "REGION/ZONE", "GROUP", "FINDING", "LEVEL", "RULE"];
  const rows = findings.map((f) => [f.cloud, f.scope, `${f.group} (${f.groupId})`, f.policy, f.level, causingRule(f)]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const scanned = summary.clouds.map((c) => `${c.cloud} ${c.scope}: ${c.groups} group${c.groups === 1 ? "" : "s"}`).join(", ");
  const counts = (l: Level) => findings.filter((f) => f.level === l).length;
  const foot = `${findings.length} findings (${counts("mandatory")} mandatory, ${counts("advisory")} advisory) in ${scanned || "no cloud"}`;
  return [...(rows.length ? [line(header), ...rows.map(line)] : ["No findings."]), foot, ""].join("\n");
}

export function json(findings: Finding[], summary: AuditSummary): string {
  return JSON.stringify({ ...summary, findings: findings.map((f) => ({ ...f, rule: causingRule(f) })) }, null, 2) + "\n";
}

/** SARIF 2.1.0: one result per finding, ruleId the policy name, a location naming cloud, region and group id. */
export function sarif(findings: Finding[], pack: readonly Policy[], version: string): string {
  const rules = pack.map((p) => ({
    id: p.name,
    shortDescription: { text: p.description ?? p.name },
    ...(p.remediationSteps ? { help: { text: p.remediationSteps } } : {}),
    defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : "warning" },
    properties: { severity: p.severity ?? "unspecified" },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const where = `${f.cloud}/${f.scope}/${f.groupId}`;
    return {
      ruleId: f.policy,
      ruleIndex: index.get(f.policy) ?? -1,
      level: f.level === "mandatory" ? "error" : "warning",
      message: { text: `${f.group} (${f.groupId}): ${f.message}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: where.split("/").map(encodeURIComponent).join("/"), uriBaseId: "SECGROUPS" } },
          logicalLocations: [{ name: f.groupId, fullyQualifiedName: where, kind: "resource" }],
          message: { text: `${f.cloud} ${f.scope} security group ${f.group}` },
        },
      ],
      properties: { cloud: f.cloud, region: f.scope, groupId: f.groupId, group: f.group },
    };
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "secgroups audit", version, rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
