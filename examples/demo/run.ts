// `npm start`: starts the emulator and deploys the demo program (Pulumi.yaml) against it with the policy pack.
// The real engine runs it: `pulumi preview --policy-pack policies`, then `pulumi up`, on a local file backend
// (.pulumi-state), with a `pulumi` from PATH or the one `npm run setup:pulumi` builds into .tools/bin (built here
// on first run when Go is installed). Only without Go does the same program run through the SDK's own
// dynamic-provider and policy analyzer hosts, and the output says so.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { AnalyzerHost, Diagnostic } from "../../emulator/engine/analyzer-host";
import { MiniEngine } from "../../emulator/engine/mini-engine";
import { ProviderHost } from "../../emulator/engine/provider-host";
import { Engine, findEngine, PulumiStack } from "../../emulator/engine/pulumi-cli";
import { repoRoot } from "../../emulator/engine/repo-root";
import { strip } from "../../provider/core/outputs";

const ROOT = repoRoot();
const STATE_DIR = path.join(ROOT, ".pulumi-state");

/** The engine, building it first when none is installed and Go is there to build it. */
function engine(): Engine | undefined {
  const found = findEngine();
  if (found) return found;
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  console.log("No Pulumi engine yet: building it from its Go module into .tools/bin (npm run setup:pulumi; a few minutes, once) ...");
  execFileSync("bash", [path.join(ROOT, "scripts", "setup-pulumi.sh")], { stdio: "inherit" });
  return findEngine();
}

async function main(): Promise<number> {
  const pulumi = engine();
  fs.mkdirSync(STATE_DIR, { recursive: true });
  console.log("Starting the emulator of every cloud API on 127.0.0.1 ...");
  const emulator = await startEmulator(pulumi ? { statePath: path.join(STATE_DIR, "emulator.json"), ports: fixedPorts() } : {});
  console.log(JSON.stringify(emulator.describe()));
  try {
    if (pulumi) return await runWithCli(pulumi, emulator.demoConfig());
    console.log("\nNo Pulumi engine: none on PATH, none in .tools/bin, and no Go to build one (npm run setup:pulumi).");
    console.log(
      "Running the same program through the SDK's own dynamic-provider host and policy analyzer host instead (the stand-in, not the engine):",
    );
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

async function runWithCli(engine: Engine, config: Record<string, string>): Promise<number> {
  console.log(`\nRunning the real Pulumi engine: ${engine.pulumi} (from ${engine.source}), local file backend in .pulumi-state\n`);
  const stack = await PulumiStack.create(engine, {
    program: ROOT,
    stack: "demo",
    backend: STATE_DIR,
    passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
  });
  await stack.setConfig(config);
  const policyPack = ["--policy-pack", path.join(ROOT, "policies")];
  console.log("$ pulumi preview --policy-pack policies");
  if ((await stack.live("preview", ...policyPack)) !== 0) return 1;
  console.log("\n$ pulumi up --yes --policy-pack policies");
  return stack.live("up", "--yes", "--skip-preview", ...policyPack);
}

async function runWithHosts(config: Record<string, string>, emulator: Awaited<ReturnType<typeof startEmulator>>): Promise<number> {
  const host = await ProviderHost.start({ cwd: ROOT });
  const analyzer = await AnalyzerHost.start();
  const diagnostics: Diagnostic[] = [];
  try {
    await host.configure(config);
    const engine = new MiniEngine(host, "demo", async (r) => {
      const found = (await analyzer.analyze({ type: r.type, name: r.name, props: strip(r.inputs) })).map((d) => ({
        ...d,
        urn: d.urn || r.urn,
      }));
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
    for (const r of engine.resources)
      console.log(`  ${r.type.replace("pulumi-nodejs:dynamic/", "").padEnd(42)} ${r.name.padEnd(28)} ${r.id}`);
    console.log("\nAPI calls the providers made, per cloud:");
    for (const [name, server] of Object.entries(emulator.clouds))
      if (server.requests.length) console.log(`  ${name.padEnd(16)} ${server.requests.length}`);
    console.log(`\nPolicy pack findings (${diagnostics.length}):`);
    for (const d of diagnostics)
      console.log(`  [${d.level}] ${d.policy}: ${d.message.split("\n").slice(1).join(" ") || d.message} (${d.urn.split("::").pop()})`);
    const mandatory = diagnostics.filter((d) => d.level === "mandatory");
    console.log(
      mandatory.length
        ? `\n${mandatory.length} mandatory violation(s): \`pulumi up\` would stop here.`
        : "\nNo mandatory violation: `pulumi up` would succeed.",
    );
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
