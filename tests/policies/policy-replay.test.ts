// The bench's replay pack (bench/policy-replay.ts) answers exactly what the real pack answered, computing nothing.
import * as fs from "fs";
import { AnalyzerHost, urnOf } from "../helpers/analyzer-host";
import { record, Recorded, writeReplayPack } from "../../bench/policy-replay";
import { Cost, medianRound, Round, rule } from "../../bench/policy-bench";

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

describe("policy bench rounds", () => {
  const ms = (wallMs: number): Cost => ({ wallMs });
  const roundOf = (covered: number, floor: number): Round => ({
    covered: ms(covered),
    floor: ms(floor),
    replayed: ms(1),
    replayFloor: ms(1),
  });
  const ratio = (r: Round) => r.covered.wallMs / r.floor.wallMs;

  it("prints the round with the median ratio, whose own figures divide to it", () => {
    // Ratios 1.5, 1.2, 1.4, 1.1, 1.3: the median is 1.3, from the round timed 6,500 / 5,000; the medians of the
    // totals taken apart (5,600 and 4,000) come from different rounds and would print 1.40.
    const rounds = [roundOf(6000, 4000), roundOf(4800, 4000), roundOf(5600, 4000), roundOf(3300, 3000), roundOf(6500, 5000)];
    const picked = medianRound(rounds, ratio);
    expect(picked).toBe(rounds[4]);
    expect(ratio(picked)).toBeCloseTo(1.3);
  });
});
