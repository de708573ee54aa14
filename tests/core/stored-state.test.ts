import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { INLINE_RULES_OUTPUT } from "../../policies/stored-outputs";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { ProviderHost, REPO_ROOT, serializedProvider } from "../helpers/provider-host";

// State written by 0.1.0 (tests/fixtures/state-0.1.0, made by its generate.js through the real host with the
// 0.1.0 build; the emulator's state behind it is stored alongside): the current code reads it, sees no change,
// and updates it, through the real dynamic-provider host. Inline groups of 0.1.0 store `rules` next to the live
// list; the current code stores each rule once and marks the group instead.

interface Stored {
  kind: string;
  urn: string;
  id: string;
  inputs: Record<string, any>;
  outputs: Record<string, any>;
}

const FIXTURE = path.join(REPO_ROOT, "tests/fixtures/state-0.1.0");
const stored: Stored[] = JSON.parse(fs.readFileSync(path.join(FIXTURE, "resources.json"), "utf8"));
const LIVE: Record<string, string> = { "genesiscloud:SecurityGroup": "liveRules" };
const liveKey = (r: Stored) => LIVE[r.kind] ?? "securityGroupRules";

/** One rule of each cloud's inline list, changed (another port). */
function withOneRuleChanged(r: Stored): Record<string, any> {
  const rules = r.inputs.rules.map((rule: Record<string, any>, i: number) => {
    if (i !== 0) return rule;
    if ("multiport" in rule) return { ...rule, multiport: "8443" };
    if ("destPortFrom" in rule) return { ...rule, destPortFrom: 8443, destPortTo: rule.destPortTo == null ? rule.destPortTo : 8443 };
    return { ...rule, portRangeMin: 8443, portRangeMax: 8443 };
  });
  return { ...r.inputs, rules };
}

let emu: TestEmulator;
let host: ProviderHost;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "state-0.1.0-"));
  fs.copyFileSync(path.join(FIXTURE, "emulator.json"), path.join(dir, "emulator.json"));
  emu = await startTestEmulator({
    clouds: ["nhn", "huaweicloud", "scaleway", "genesiscloud"],
    statePath: path.join(dir, "emulator.json"),
    settings: { "genesiscloud.settleMs": "0" },
  });
  host = await ProviderHost.start({ env: { SECGROUPS_QUIET: "1" } });
  await host.configure(emu.demoConfig());
});
afterAll(async () => {
  host?.close();
  await emu?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("state written by 0.1.0, with the current code in the real host", () => {
  it("is the 0.1.0 state: the old seven-method shim, and inline groups storing `rules` and the live list", () => {
    expect(stored).toHaveLength(8);
    for (const r of stored) expect(r.outputs.__provider).toContain('require("pulumi-secgroups/run").run(k, m, a)');
    const inline = stored.filter((r) => r.inputs.rules);
    expect(inline).toHaveLength(4);
    for (const r of inline) expect(r.outputs.rules).toHaveLength(r.outputs[liveKey(r)].length);
  });

  it.each(stored.map((r) => [r.urn, r] as const))("%s: no diff, a refresh stores each rule once, an update works", async (_urn, r) => {
    const text = await serializedProvider(r.kind);
    const checked = await host.check(r.urn, r.inputs, { ...r.inputs, __provider: text });
    expect(checked.failures).toEqual([]);
    expect((await host.diff(r.urn, r.id, r.outputs, checked.inputs)).changes).toBe("none");

    // Refresh with the 0.1.0 outputs (and the 0.1.0 shim in them).
    const read = await host.read(r.urn, r.id, r.outputs);
    expect(read.id).toBe(r.id);
    expect(read.outs.rules).toBeUndefined();
    expect(read.outs[liveKey(r)]).toEqual(r.outputs[liveKey(r)]);
    expect(read.outs[INLINE_RULES_OUTPUT]).toBe(r.inputs.rules ? true : undefined);
    expect((await host.diff(r.urn, r.id, read.outs, checked.inputs)).changes).toBe("none");

    if (!r.inputs.rules) {
      const updated = await host.update(r.urn, r.id, r.outputs, { ...checked.inputs, description: "updated" });
      expect(updated.outs.description).toBe("updated");
      expect(updated.outs[INLINE_RULES_OUTPUT]).toBeUndefined();
      return;
    }
    const changed = await host.check(r.urn, r.inputs, { ...withOneRuleChanged(r), __provider: text });
    expect((await host.diff(r.urn, r.id, r.outputs, changed.inputs)).changes).toBe("some");
    const updated = await host.update(r.urn, r.id, r.outputs, changed.inputs);
    expect(updated.outs.rules).toBeUndefined();
    expect(updated.outs[INLINE_RULES_OUTPUT]).toBe(true);
    expect(JSON.stringify(updated.outs[liveKey(r)])).toContain("8443");
    expect((await host.diff(r.urn, r.id, updated.outs, changed.inputs)).changes).toBe("none");
    expect((await host.diff(r.urn, r.id, updated.outs, checked.inputs)).changes).toBe("some");
    const again = await host.read(r.urn, r.id, updated.outs);
    expect(again.outs[liveKey(r)]).toEqual(updated.outs[liveKey(r)]);
  });
});
