// `npm start`: starts the emulator and deploys the demo program (Pulumi.yaml) against it with the policy pack.
// With a `pulumi` binary on PATH this is a real `pulumi up --policy-pack policies` on a local file backend;
// without one, the same program runs through the SDK's own dynamic-provider and policy analyzer hosts.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { AnalyzerHost, Diagnostic } from "../../emulator/engine/analyzer-host";
import { MiniEngine } from "../../emulator/engine/mini-engine";
import { ProviderHost } from "../../emulator/engine/provider-host";
import { repoRoot } from "../../emulator/engine/repo-root";
import { strip } from "../../provider/core/outputs";

const ROOT = repoRoot();
const STATE_DIR = path.join(ROOT, ".pulumi-state");

function findPulumi(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "pulumi");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function main(): Promise<number> {
  const pulumi = findPulumi();
  fs.mkdirSync(STATE_DIR, { recursive: true });
  console.log("Starting the emulator of every cloud API on 127.0.0.1 ...");
  const emulator = await startEmulator(pulumi ? { statePath: path.join(STATE_DIR, "emulator.json"), ports: fixedPorts() } : {});
  console.log(JSON.stringify(emulator.describe()));
  try {
    if (pulumi) return runWithCli(pulumi, emulator.demoConfig());
    console.log("\nNo `pulumi` binary found on PATH, so the Pulumi engine cannot run here.");
    console.log("Running the same program through the SDK's own dynamic-provider host and policy analyzer host instead:");
    console.log("each resource is checked, judged by the policy pack, then created, as `pulumi up --policy-pack policies` does.\n");
    return await runWithHosts(emulator.demoConfig(), emulator);
  } finally {
    await emulator.close();
  }
}

function fixedPorts(): Record<string, number> {
  const names = Object.keys(require("../../emulator/clouds").CLOUDS);
  return Object.fromEntries(names.map((n, i) => [n, 47100 + i]));
}

function runWithCli(pulumi: string, config: Record<string, string>): number {
  const env = { ...process.env, PULUMI_BACKEND_URL: `file://${STATE_DIR}`, PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "" };
  const run = (...args: string[]) => execFileSync(pulumi, args, { cwd: ROOT, env, stdio: "inherit" });
  run("stack", "select", "--create", "demo");
  for (const [key, value] of Object.entries(config)) run("config", "set", ...(/password|secret|token|key/i.test(key) ? ["--secret"] : []), key, value);
  run("up", "--yes", "--policy-pack", path.join(ROOT, "policies"));
  return 0;
}

async function runWithHosts(config: Record<string, string>, emulator: Awaited<ReturnType<typeof startEmulator>>): Promise<number> {
  const host = await ProviderHost.start({ cwd: ROOT });
  const analyzer = await AnalyzerHost.start();
  const diagnostics: Diagnostic[] = [];
  try {
    await host.configure(config);
    const engine = new MiniEngine(host, "demo", async (r) => {
      const found = (await analyzer.analyze({ type: r.type, name: r.name, props: strip(r.inputs) })).map((d) => ({ ...d, urn: d.urn || r.urn }));
      diagnostics.push(...found);
      const blocking = found.filter((d) => d.level === "mandatory");
      if (blocking.length) throw new Error(`policy violation blocks ${r.name}: ${blocking.map((d) => d.policy).join(", ")}`);
      console.log(`  + ${r.type.replace("pulumi-nodejs:dynamic/", "")} ${r.name}`);
    });
    await engine.install();
    (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).runtime.setAllConfig(config);
    const program = require("./index");
    await settle(program.outputs);
    diagnostics.push(...(await analyzer.analyzeStack(engine.resources.map((r) => ({ type: r.type, name: r.name, props: strip(r.outs) })))));

    console.log(`\nCreated ${engine.resources.length} resources in the emulator:`);
    for (const r of engine.resources) console.log(`  ${r.type.replace("pulumi-nodejs:dynamic/", "").padEnd(42)} ${r.name.padEnd(28)} ${r.id}`);
    console.log("\nAPI calls the providers made, per cloud:");
    for (const [name, server] of Object.entries(emulator.clouds)) if (server.requests.length) console.log(`  ${name.padEnd(16)} ${server.requests.length}`);
    console.log(`\nPolicy pack findings (${diagnostics.length}):`);
    for (const d of diagnostics) console.log(`  [${d.level}] ${d.policy}: ${d.message.split("\n").slice(1).join(" ") || d.message} (${d.urn.split("::").pop()})`);
    const mandatory = diagnostics.filter((d) => d.level === "mandatory");
    console.log(mandatory.length ? `\n${mandatory.length} mandatory violation(s): \`pulumi up\` would stop here.` : "\nNo mandatory violation: `pulumi up` would succeed.");
    return mandatory.length ? 1 : 0;
  } finally {
    analyzer.close();
    host.close();
  }
}


/** Waits until every Output inside the program's exports has resolved, i.e. every resource is created. */
async function settle(value: Record<string, unknown>): Promise<void> {
  const { output } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  await new Promise<void>((resolve) => output(value).apply(() => resolve()));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
