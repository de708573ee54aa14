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
  /** Path of the group list, and how many lists a group create sends before its POST. */
  groupList: { path: string; beforePost: number };
  /** Whether a create no lookup settles is kept in state as unconfirmed (groups without a creation-token tag). */
  unconfirmed: boolean;
  /** Settings for the lost-create scenarios, and their values afterwards (Huawei: check's dry run POSTs to the create path). */
  lostCreateConfig?: { during: Record<string, string>; after: Record<string, string> };
}

const CASES: FaultCase[] = [
  {
    cloud: "nhn",
    groupCreate: "^/v2.0/security-groups$",
    rulesWrite: { method: "POST", path: "^/v2.0/security-group-rules$" },
    groupList: { path: "^/v2.0/security-groups$", beforePost: 1 },
    unconfirmed: true,
  },
  {
    cloud: "huaweicloud",
    groupCreate: "/vpc/security-groups$",
    rulesWrite: { method: "POST", path: "/batch-create$" },
    groupList: { path: "/vpc/security-groups$", beforePost: 1 },
    unconfirmed: false,
    lostCreateConfig: { during: { "secgroups:huaweicloudDryRun": "false" }, after: { "secgroups:huaweicloudDryRun": "true" } },
  },
  {
    cloud: "huaweicloud/nova",
    groupCreate: "/os-security-groups$",
    rulesWrite: { method: "POST", path: "/os-security-group-rules$" },
    groupList: { path: "/os-security-groups$", beforePost: 1 },
    unconfirmed: true,
  },
  {
    cloud: "scaleway",
    groupCreate: "/security_groups$",
    rulesWrite: { method: "PUT", path: "/rules$" },
    groupList: { path: "/security_groups$", beforePost: 1 },
    unconfirmed: false,
  },
  {
    cloud: "genesiscloud",
    groupCreate: "^/compute/v1/security-groups$",
    groupList: { path: "^/compute/v1/security-groups$", beforePost: 0 },
    unconfirmed: true,
  },
];

const FAULTS: { name: string; spec: (path: string) => FaultSpec }[] = [
  { name: "500", spec: (path) => ({ method: "POST", path, status: 500 }) },
  { name: "429 with Retry-After", spec: (path) => ({ method: "POST", path, status: 429, retryAfter: 1 }) },
  { name: "a dropped answer after the cloud acted", spec: (path) => ({ method: "POST", path, dropAfterAct: true }) },
];

describe.each(CASES)(
  "faults through the real engine: $cloud",
  ({ cloud, groupCreate, rulesWrite, groupList, unconfirmed, lostCreateConfig }) => {
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

      // A dropped answer whose lookups all fail (issue 11 item 2): nothing may post again, and the next run must
      // find the group the lost create made, by its token tag or, where groups carry none, as an unconfirmed create.
      const lostCreate = async (name: string) => {
        await ctx().declare([declare(c, "SecurityGroup", name, c.group(`e2e-${name}`, [443]))]);
        await ctx().emu.fault(c.emulatorCloud, [
          { method: "POST", path: groupCreate, dropAfterAct: true },
          { method: "GET", path: groupList.path, after: groupList.beforePost, count: 4, status: 403, body: { message: "lookups refused" } },
        ]);
        if (lostCreateConfig) await ctx().stack.setConfig(lostCreateConfig.during);
        try {
          expect((await ctx().run("up")).code).not.toBe(0);
        } finally {
          if (lostCreateConfig) await ctx().stack.setConfig(lostCreateConfig.after);
        }
        expect(await ctx().emu.pendingFaults(c.emulatorCloud)).toEqual([]);
        expect(await c.api(ctx().emu).groupsNamed(`e2e-${name}`)).toEqual([`e2e-${name}`]);
        const kept = (await ctx().stack.exportState()).resources.find((r) => r.urn.endsWith(`::${name}`));
        if (unconfirmed) expect(kept?.id).toMatch(/^unconfirmed-sgt-/);
        else expect(kept).toBeUndefined();
      };

      it("a dropped answer followed by failing lookups: the next up adopts the group, no orphan or duplicate", async () => {
        await lostCreate("lost-a");
        await ctx().ok("up");
        expect(await c.api(ctx().emu).groupsNamed("e2e-lost-a")).toEqual(["e2e-lost-a"]);
        const id = (await ctx().stack.exportState()).resources.find((r) => r.urn.endsWith("::lost-a"))?.id;
        expect((await c.api(ctx().emu).rules(id!)).map((r) => r.port)).toEqual([443]);
        await ctx().ok("preview", "--expect-no-changes");
        await ctx().declare([]);
        await ctx().ok("up");
        expect(await c.api(ctx().emu).groupsNamed("e2e-lost-a")).toEqual([]);
      });

      if (unconfirmed)
        it("a dropped answer followed by failing lookups, then the group is removed from the program: it is deleted", async () => {
          await lostCreate("lost-d");
          await ctx().declare([]);
          await ctx().ok("up");
          expect(await c.api(ctx().emu).groupsNamed("e2e-lost-d")).toEqual([]);
          expect((await ctx().stack.exportState()).resources.find((r) => r.urn.endsWith("::lost-d"))).toBeUndefined();
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
  },
);
