// Faults during `pulumi up` through the real engine: the cloud answers 500, 429 with Retry-After, acts and drops
// its answer, or completes a group create after the client's timeout; the next `up` converges to exactly the declared objects (no orphan, no duplicate). A group whose
// rules cannot be written is recorded in state through the engine's partial-failure path and finished next time.
import type { FaultSpec } from "../../emulator/faults";
import { describeE2e, useE2eStack } from "../helpers/e2e";
import { CLOUD_CASES, declare, Declared } from "./clouds";

interface FaultCase {
  cloud: keyof typeof CLOUD_CASES;
  /** Path (regular expression) of the call that creates a group. */
  groupCreate: string;
  /** Path of the call that writes a group's inline rules, where it is a call of its own. */
  rulesWrite?: { method: string; path: string };
}

const CASES: FaultCase[] = [
  { cloud: "nhn", groupCreate: "^/v2.0/security-groups$", rulesWrite: { method: "POST", path: "^/v2.0/security-group-rules$" } },
  { cloud: "huaweicloud", groupCreate: "/vpc/security-groups$", rulesWrite: { method: "POST", path: "/batch-create$" } },
  { cloud: "huaweicloud/nova", groupCreate: "/os-security-groups$", rulesWrite: { method: "POST", path: "/os-security-group-rules$" } },
  { cloud: "scaleway", groupCreate: "/security_groups$", rulesWrite: { method: "PUT", path: "/rules$" } },
  { cloud: "genesiscloud", groupCreate: "^/compute/v1/security-groups$" },
];

const FAULTS: { name: string; spec: (path: string) => FaultSpec }[] = [
  { name: "500", spec: (path) => ({ method: "POST", path, status: 500 }) },
  { name: "429 with Retry-After", spec: (path) => ({ method: "POST", path, status: 429, retryAfter: 1 }) },
  { name: "a dropped answer after the cloud acted", spec: (path) => ({ method: "POST", path, dropAfterAct: true }) },
];

describe.each(CASES)("faults through the real engine: $cloud", ({ cloud, groupCreate, rulesWrite }) => {
  describeE2e(`${cloud}`, (engine) => {
    const c = CLOUD_CASES[cloud];
    const ctx = useE2eStack(engine, `e2e-faults-${cloud.replace("/", "-")}`);
    const declared = (suffix: string): Declared[] => [
      declare(c, "SecurityGroup", `web-${suffix}`, c.group(`e2e-f-${suffix}`, [443, 8443])),
      declare(c, "SecurityGroup", `db-${suffix}`, c.group(`e2e-g-${suffix}`)),
      declare(c, "SecurityGroupRule", `r-${suffix}`, c.rule(`db-${suffix}`, 5432)),
    ];
    const converged = async (suffix: string) => {
      const api = c.api(ctx().emu);
      expect(await api.groupsNamed(`e2e-f-${suffix}`)).toEqual([`e2e-f-${suffix}`]);
      expect(await api.groupsNamed(`e2e-g-${suffix}`)).toEqual([`e2e-g-${suffix}`]);
      const state = (await ctx().stack.exportState()).resources;
      const id = (name: string) => state.find((r) => r.urn.endsWith(`::${name}`))?.id;
      expect((await api.rules(id(`web-${suffix}`)!)).map((r) => r.port).sort()).toEqual([443, 8443]);
      expect((await api.rules(id(`db-${suffix}`)!)).map((r) => r.port)).toEqual([5432]);
      await ctx().ok("preview", "--expect-no-changes");
    };

    it.each(FAULTS.map((f, i) => ({ ...f, i })))(
      "$name on a group create: the next up converges with no orphan or duplicate",
      async ({ spec, i }) => {
        const suffix = `${i}`;
        await ctx().declare(declared(suffix));
        await ctx().emu.fault(c.emulatorCloud, spec(groupCreate));
        await ctx().run("up");
        expect(await ctx().emu.pendingFaults(c.emulatorCloud)).toEqual([]);
        await ctx().ok("up");
        await converged(suffix);
        await ctx().declare([]);
        await ctx().ok("up");
        expect(await c.api(ctx().emu).groupsNamed(`e2e-f-${suffix}`)).toEqual([]);
      },
    );

    it("a group create the cloud completes after the client's timeout: the next up converges with no orphan or duplicate", async () => {
      await ctx().stack.setConfig({ "secgroups:requestTimeoutMs": "1000" });
      try {
        await ctx().declare(declared("late"));
        await ctx().emu.fault(c.emulatorCloud, { method: "POST", path: groupCreate, latencyMs: 2000 });
        await ctx().run("up");
        expect(await ctx().emu.pendingFaults(c.emulatorCloud)).toEqual([]);
        await new Promise((r) => setTimeout(r, 2500));
        await ctx().ok("up");
        await converged("late");
      } finally {
        await ctx().stack.setConfig({ "secgroups:requestTimeoutMs": "30000" });
      }
      await ctx().declare([]);
      await ctx().ok("up");
      expect(await c.api(ctx().emu).groupsNamed("e2e-f-late")).toEqual([]);
      expect(await c.api(ctx().emu).groupsNamed("e2e-g-late")).toEqual([]);
    });

    // Only where a group's inline rules are a call of their own (Genesis sends them with the create).
    if (rulesWrite)
      it("a group whose rules cannot be written is kept in state as partially created, then finished", async () => {
        await ctx().declare(declared("p"));
        await ctx().emu.fault(c.emulatorCloud, {
          method: rulesWrite!.method,
          path: rulesWrite!.path,
          status: 400,
          count: 1,
          body: { error: "injected" },
        });
        const first = await ctx().run("up");
        expect(first.code).not.toBe(0);
        const web = (await ctx().stack.exportState()).resources.find((r) => r.urn.endsWith("::web-p"));
        expect(web?.id).toBeTruthy();
        expect(web?.initErrors?.length).toBeGreaterThan(0);
        await ctx().ok("up");
        await converged("p");
      });
  });
});
