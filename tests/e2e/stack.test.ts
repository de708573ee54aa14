import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { REPO_ROOT } from "../helpers/provider-host";

// With a `pulumi` binary on PATH: preview, up, refresh and destroy of the demo (Pulumi.yaml) against the
// emulator with the policy pack, through the real engine. Without one (as where it cannot be downloaded),
// the suite says so and is counted as skipped; the engine is then stood in for by the other suites.
const PULUMI = (process.env.PATH ?? "").split(path.delimiter).map((d) => path.join(d, "pulumi")).find((p) => fs.existsSync(p));
if (!PULUMI) console.warn("no `pulumi` binary on PATH: the end-to-end suite (tests/e2e) is skipped");

(PULUMI ? describe : describe.skip)("pulumi CLI end to end", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu?.close());

  it("previews, deploys, refreshes and destroys the demo with the policy pack", async () => {
    const backend = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-e2e-"));
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "e2e", workDir: REPO_ROOT },
      { envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "e2e" } },
    );
    const secret = (key: string) => /password|secret|token/i.test(key);
    await stack.setAllConfig(Object.fromEntries(Object.entries(emu.demoConfig()).map(([k, value]) => [k, { value, secret: secret(k) }])));
    const policyPacks = [path.join(REPO_ROOT, "policies")];

    const preview = await stack.preview({ policyPacks });
    expect(preview.changeSummary.create).toBeGreaterThanOrEqual(15);
    const up = await stack.up({ policyPacks });
    expect(up.summary.result).toBe("succeeded");
    const nhn = await emu.state("nhn");
    expect(Object.values(nhn.groups as Record<string, any>).map((g) => g.name).sort()).toEqual(["db", "default", "web"]);

    const refresh = await stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    const again = await stack.preview({ policyPacks });
    expect(again.changeSummary.create ?? 0).toBe(0);

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(Object.values((await emu.state("nhn")).groups as Record<string, any>).map((g) => g.name)).toEqual(["default"]);
    await stack.workspace.removeStack("e2e");
  }, 600_000);
});
