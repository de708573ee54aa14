// `npm run bench`: every benchmark, each figure printed as `name: measured / minimum = ratio`.
const BENCHES: [string, string][] = [
  ["./neutron-bench", "runNhnBench"],
  ["./neutron-bench", "runOpenstackBench"],
  ["./huaweicloud-bench", "runHuaweicloudBench"],
  ["./scaleway-bench", "runScalewayBench"],
  ["./genesiscloud-bench", "runGenesiscloudBench"],
  ["./policy-bench", "runPolicyBench"],
  ["./engine-bench", "runEngineBench"],
];

async function main(): Promise<void> {
  process.env.SECGROUPS_QUIET = "1";
  for (const [file, fn] of BENCHES) {
    let mod: Record<string, () => Promise<string[]>>;
    try {
      mod = require(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
      console.log(`${file.slice(2)}: not built yet`);
      continue;
    }
    for (const line of await mod[fn]()) console.log(line);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
