// `npm run bench`: every benchmark, each figure printed as `name: measured / minimum = ratio`.
// Each bench runs in a process of its own: in one shared process, what the benches before it left in the heap
// slowed the later ones (Scaleway's 500-rule burst printed 1.69 to 2.06 after the others, 1.14 to 1.38 alone).
import { spawnSync } from "child_process";

const BENCHES: [string, string][] = [
  ["./neutron-bench", "runNhnBench"],
  ["./neutron-bench", "runOpenstackBench"],
  ["./huaweicloud-bench", "runHuaweicloudBench"],
  ["./scaleway-bench", "runScalewayBench"],
  ["./genesiscloud-bench", "runGenesiscloudBench"],
  ["./policy-bench", "runPolicyBench"],
  ["./engine-bench", "runEngineBench"],
  ["./audit-bench", "runAuditBench"],
];

/** One bench, in this process (`node dist/bench/run.js <file> <function>`). */
async function runOne(file: string, fn: string): Promise<void> {
  let mod: Record<string, () => Promise<string[]>>;
  try {
    mod = require(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
    console.log(`${file.slice(2)}: not built yet`);
    return;
  }
  for (const line of await mod[fn]()) console.log(line);
}

async function main(): Promise<void> {
  process.env.SECGROUPS_QUIET = "1";
  const [file, fn] = process.argv.slice(2);
  if (file && fn) return runOne(file, fn);
  for (const [f, name] of BENCHES) {
    const child = spawnSync(process.execPath, [__filename, f, name], { stdio: "inherit" });
    if (child.status !== 0) throw new Error(`${f.slice(2)} ${name} failed (exit ${child.status ?? child.signal})`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
