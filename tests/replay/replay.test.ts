import * as fs from "node:fs";
import * as path from "node:path";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { Fixture, PairResult, replay } from "./engine";
import { TARGETS } from "./targets";

// Public recordings and official samples (tests/replay/README.md names each source) replayed against the emulator.
const DIR = path.join(__dirname, "fixtures");
const KNOWN: Record<string, { missing?: Record<string, string>; extra?: Record<string, string>; values?: Record<string, string> }> =
  JSON.parse(fs.readFileSync(path.join(__dirname, "known-differences.json"), "utf8"));
const summary: Record<
  string,
  { pairs: number; statuses: number; compared: number; fields: number; valuesCompared: number; values: number }
> = {};

for (const cloud of fs.readdirSync(DIR).sort()) {
  const spec = TARGETS[cloud];
  describe(`replay: ${cloud}`, () => {
    let emu: TestEmulator;
    beforeAll(async () => {
      emu = await startTestEmulator({ clouds: spec.clouds, settings: spec.settings });
    });
    afterAll(() => emu.close());

    const files = fs
      .readdirSync(path.join(DIR, cloud))
      .filter((f) => f.endsWith(".json"))
      .sort();
    it.each(files)("%s", async (file) => {
      const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(DIR, cloud, file), "utf8"));
      await emu.resetAll();
      const results = await replay(fixture, await spec.target(emu, fixture));
      const s = (summary[cloud] ??= { pairs: 0, statuses: 0, compared: 0, fields: 0, valuesCompared: 0, values: 0 });
      const known = KNOWN[`${cloud}/${file}`] ?? {};
      const unexplained = (list: string[], allowed: Record<string, string> = {}) =>
        list.filter(
          (p) => !Object.keys(allowed).some((k) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`) || p.startsWith(`${k}:`)),
        );
      const missing = (r: PairResult) => unexplained(r.missing, known.missing);
      const extra = (r: PairResult) => unexplained(r.extra, known.extra);
      const values = (r: PairResult) => unexplained(r.values, known.values);
      s.pairs += results.length;
      s.statuses += results.filter((r) => r.status === r.recordedStatus).length;
      s.compared += results.filter((r) => r.compared).length;
      s.fields += results.filter((r) => r.compared && missing(r).length === 0 && extra(r).length === 0).length;
      if (!fixture.samples) {
        s.valuesCompared += results.filter((r) => r.compared).length;
        s.values += results.filter((r) => r.compared && values(r).length === 0).length;
      }
      const at = (r: PairResult) => `#${r.index} ${r.method} ${r.path}`;
      expect([
        ...results.filter((r) => r.status !== r.recordedStatus).map((r) => `${at(r)}: recorded ${r.recordedStatus}, emulator ${r.status}`),
        ...results.filter((r) => missing(r).length).map((r) => `${at(r)} lacks ${missing(r).join(", ")}`),
        ...results.filter((r) => extra(r).length).map((r) => `${at(r)} adds ${extra(r).join(", ")}`),
        ...results.filter((r) => values(r).length).map((r) => `${at(r)}: ${values(r).join("; ")}`),
      ]).toEqual([]);
    });
  });
}

afterAll(() => {
  const lines = Object.entries(summary).map(
    ([cloud, s]) =>
      `${cloud}: ${s.pairs} pairs, ${s.statuses} statuses matched, ${s.fields}/${s.compared} field sets matched, ${s.values}/${s.valuesCompared} value sets matched`,
  );
  fs.writeFileSync(
    path.join(process.env.REPLAY_SUMMARY_DIR ?? require("node:os").tmpdir(), "secgroups-replay-summary.txt"),
    lines.join("\n") + "\n",
  );
});
