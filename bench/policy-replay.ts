// A pack that computes nothing: the real pack's policies (names, descriptions, levels, severities) whose
// validateResource returns what the real pack answered for the URN, recorded beforehand: its violation
// message or its not-applicable reason. Served by the same SDK host, it measures what the SDK and gRPC
// cost to carry the real pack's findings, so the policy bench can split the pack's ratio to its floor
// into that cost and the pack's own.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPack, ResourceValidationPolicy } from "@pulumi/policy";
import { Diagnostic, NotApplicable } from "../emulator/engine/analyzer-host";
import { repoRoot } from "../emulator/engine/repo-root";
import { PACK_NAME, policies } from "../policies/policy-list";
import { notApplicable } from "../policies/engine/policy-kit";

export const REPLAY_ENV = "SECGROUPS_POLICY_REPLAY";

/** URN -> policy -> what the policy answered (message as the policy reported it, without the SDK's description line). */
export type Recorded = Record<string, Record<string, { message?: string; notApplicable?: string }>>;

/** Adds one Analyze answer of the real pack to `into`. */
export function record(into: Recorded, urn: string, answer: { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }): void {
  const byPolicy = (into[urn] ??= {});
  for (const d of answer.diagnostics) {
    const description = policies.find((p) => p.name === d.policy)?.description ?? "";
    // The SDK reports `${description}\n${message}`; the replay reports `message` and the SDK adds the same prefix.
    const message = d.message.startsWith(`${description}\n`) ? d.message.slice(description.length + 1) : d.message;
    byPolicy[d.policy] = { ...byPolicy[d.policy], message };
  }
  for (const n of answer.notApplicable) byPolicy[n.policy] = { ...byPolicy[n.policy], notApplicable: n.reason };
}

/** Writes `recorded` and a pack folder serving it; returns the folder and the env the host needs. */
export function writeReplayPack(recorded: Recorded): { dir: string; env: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-policy-replay-"));
  const root = repoRoot();
  const version = JSON.parse(fs.readFileSync(path.join(root, "policies", "package.json"), "utf8")).version;
  // The host runs plain node: from the TypeScript sources (tests), serve the compiled module.
  const entry = __filename.endsWith(".ts") ? path.join(root, "dist", "bench", "policy-replay.js") : __filename;
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "policy-replay", version, main: "index.js" }));
  fs.writeFileSync(path.join(dir, "index.js"), `require(${JSON.stringify(entry)}).serveReplay();\n`);
  const file = path.join(dir, "recorded.json");
  fs.writeFileSync(file, JSON.stringify(recorded));
  return { dir, env: { [REPLAY_ENV]: file } };
}

/** The pack's entry point inside the host (index.js of the folder above). */
export function serveReplay(): void {
  const recorded: Recorded = JSON.parse(fs.readFileSync(process.env[REPLAY_ENV]!, "utf8"));
  const replayed = policies.map((p): typeof p => {
    if (!("validateResource" in p) || typeof p.validateResource !== "function") return p;
    const name = p.name;
    const { remediateResource: _unused, ...rest } = p as ResourceValidationPolicy;
    return {
      ...rest,
      validateResource: (args, report) => {
        const answer = recorded[args.urn]?.[name];
        if (answer?.notApplicable !== undefined) notApplicable(args, answer.notApplicable);
        if (answer?.message !== undefined) report(answer.message);
      },
    };
  });
  new PolicyPack(PACK_NAME, { policies: replayed, enforcementLevel: "advisory" });
}
