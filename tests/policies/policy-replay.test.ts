// The bench's replay pack (bench/policy-replay.ts) answers exactly what the real pack answered, computing nothing.
import * as fs from "fs";
import { AnalyzerHost, urnOf } from "../helpers/analyzer-host";
import { record, Recorded, writeReplayPack } from "../../bench/policy-replay";
import { rule } from "../../bench/policy-bench";

describe("policy replay pack", () => {
  let real: AnalyzerHost;
  let replay: AnalyzerHost | undefined;
  let dir = "";
  // Four rounds of the bench's seven clouds' spellings: violations, deferred rule resources, clean ones.
  const resources = Array.from({ length: 28 }, (_, i) => rule(i).standalone);
  beforeAll(async () => {
    real = await AnalyzerHost.start();
  }, 120_000);
  afterAll(() => {
    real?.close();
    replay?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives the real pack's diagnostics and not-applicable entries for every resource", async () => {
    const recorded: Recorded = {};
    const answers = [];
    for (const r of resources) {
      const answer = await real.analyzeWithNotApplicable(r);
      answers.push(answer);
      record(recorded, urnOf(r.type, r.name), answer);
    }
    expect(answers.filter((a) => a.diagnostics.length).length).toBeGreaterThan(5);
    expect(answers.filter((a) => a.notApplicable.length).length).toBeGreaterThan(5);
    const pack = writeReplayPack(recorded);
    dir = pack.dir;
    replay = await AnalyzerHost.start(pack.dir, pack.env);
    for (const [i, r] of resources.entries()) expect(await replay.analyzeWithNotApplicable(r)).toEqual(answers[i]);
    // A resource it has no answer for passes every policy.
    expect(await replay.analyzeWithNotApplicable({ ...resources[0], name: "unrecorded" })).toEqual({ diagnostics: [], notApplicable: [] });
  }, 120_000);

  it("reads the host's CPU time", async () => {
    const before = real.cpuMs()!;
    for (const r of resources) await real.analyze(r);
    expect(before).toBeGreaterThan(0);
    expect(real.cpuMs()!).toBeGreaterThanOrEqual(before);
  }, 60_000);
});
