// The lifecycle every API goes through with the real engine: preview with unknowns, up, no perpetual diff,
// changes (replacement order, collisions, a rule inserted mid-list, a group field in place), drift, import,
// secrets kept out of state and output, and a destroy that leaves nothing behind.
import { describeE2e, requestLog, useE2eStack } from "../helpers/e2e";
import { CLOUD_CASES, CloudCase, declare, Declared, LiveRule } from "./clouds";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const ports = (rules: LiveRule[]) => rules.map((r) => r.port).sort((a, b) => (a ?? 0) - (b ?? 0));

export function lifecycleSuite(cloud: keyof typeof CLOUD_CASES & string): void {
  const c: CloudCase = CLOUD_CASES[cloud];
  const stackName = `e2e-${cloud.replace("/", "-")}`;

  describeE2e(`${cloud} through the real engine (pulumi preview/up/refresh/import/destroy)`, (engine) => {
    const ctx = useE2eStack(engine, stackName);
    let webPorts = [22, 443, 8443];
    let webDescription = "e2e";
    let r1Port = 5432;
    let r2Description: string | undefined;
    const imported: Declared[] = [];

    const resources = (): Declared[] => [
      declare(c, "SecurityGroup", "web", c.group("e2e-web", webPorts, webDescription)),
      declare(c, "SecurityGroup", "db", c.group("e2e-db")),
      declare(c, "SecurityGroupRule", "r1", c.rule("db", r1Port)),
      declare(c, "SecurityGroupRule", "r2", c.rule("db", 6379, r2Description)),
      ...imported,
    ];
    const ids = async () => {
      const { resources: state } = await ctx().stack.exportState();
      return Object.fromEntries(state.filter((r) => r.id).map((r) => [r.urn.split("::").pop()!, r.id!]));
    };
    const deploy = async () => {
      await ctx().declare(resources());
      await ctx().emu.clearRequests(c.emulatorCloud);
      await ctx().ok("up");
      await ctx().ok("preview", "--expect-no-changes");
    };

    it("previews with the group id unknown in its rules, deploys, then shows no diff in preview or refresh", async () => {
      const { emu } = ctx();
      await ctx().declare(resources());
      const preview = JSON.parse((await ctx().ok("preview", "--json")).stdout);
      const creates = preview.steps.filter((s: any) => s.op === "create" && s.urn.includes("dynamic/"));
      expect(creates).toHaveLength(4);
      const r1 = creates.find((s: any) => s.urn.endsWith("::r1"));
      expect(Object.values(r1.newState.inputs)).toContain(UNKNOWN);

      await ctx().ok("up");
      const id = await ids();
      const api = c.api(emu);
      expect(ports(await api.rules(id.web))).toEqual(webPorts);
      expect(ports(await api.rules(id.db))).toEqual([5432, 6379]);
      await ctx().ok("preview", "--expect-no-changes");
      await ctx().ok("refresh", "--expect-no-changes");
    });

    it(`changes a rule resource's port (${c.rulePortChange === "replace" ? "replaced, the new rule created before the old one is deleted" : "updated in place"})`, async () => {
      const before = await ids();
      r1Port = 5433;
      await deploy();
      const after = await ids();
      expect(ports(await c.api(ctx().emu).rules(after.db))).toEqual([5433, 6379]);
      if (c.rulePortChange === "update") {
        expect(after.r1).toBe(before.r1);
        return;
      }
      if (c.ruleIds) expect(after.r1).not.toBe(before.r1);
      const log = await requestLog(ctx().emu, c.emulatorCloud);
      const firstWrite = log.findIndex((r) => /^(POST|PATCH|PUT) /.test(r) && !r.includes("tokens") && !r.includes("auth"));
      const firstDelete = log.findIndex((r) => r.startsWith("DELETE "));
      if (firstDelete >= 0) expect(firstWrite).toBeLessThan(firstDelete);
    });

    // Only where some change keeps the rule's tuple in the cloud (a description): not Nova, Scaleway or Genesis.
    if (c.collidingReplacement)
      it("replaces a rule whose new tuple collides with the old one by deleting first", async () => {
        r2Description = "cache, changed";
        await deploy();
        const log = (await requestLog(ctx().emu, c.emulatorCloud)).filter((r) => /security-group-rules/.test(r));
        expect(log[0]).toMatch(/^DELETE /);
        expect(log.some((r) => r.startsWith("POST "))).toBe(true);
        const rules = await c.api(ctx().emu).rules((await ids()).db);
        expect(rules.find((r) => r.port === 6379)?.description).toBe("cache, changed");
      });

    it("inserts a rule in the middle of the inline rule list, keeping the other rules", async () => {
      const api = c.api(ctx().emu);
      const webId = (await ids()).web;
      const before = await api.rules(webId);
      webPorts = [22, 80, 443, 8443];
      await deploy();
      const after = await api.rules(webId);
      expect(ports(after)).toEqual(webPorts);
      if (c.ruleIds) {
        const kept = before.map((r) => r.id);
        expect(after.filter((r) => kept.includes(r.id))).toHaveLength(before.length);
      }
    });

    it("updates a group field in place", async () => {
      const before = await ids();
      webDescription = "e2e, changed";
      await deploy();
      const after = await ids();
      expect(after.web).toBe(before.web);
      expect((await c.api(ctx().emu).group(after.web))?.description).toBe("e2e, changed");
    });

    it("shows drift in refresh (a rule deleted, a rule added out of band) and restores the declared set on up", async () => {
      const api = c.api(ctx().emu);
      const id = await ids();
      const web = await api.rules(id.web);
      await api.deleteRule(
        id.web,
        web.find((r) => r.port === 443)!,
      );
      await api.addRule(id.web, 9999);
      const dbRules = await api.rules(id.db);
      await api.deleteRule(
        id.db,
        dbRules.find((r) => r.port === 6379)!,
      );

      const refresh = await ctx().run("refresh", "--expect-no-changes");
      expect(refresh.code).not.toBe(0);
      await ctx().ok("up");
      expect(ports(await api.rules(id.web))).toEqual(webPorts);
      expect(ports(await api.rules((await ids()).db))).toEqual([r1Port, 6379]);
      await ctx().ok("preview", "--expect-no-changes");
    });

    it("imports a group and a rule made outside Pulumi, with no diff afterwards", async () => {
      const api = c.api(ctx().emu);
      const made = await api.createOutside("e2e-imported", 7000);
      const groupArgs =
        c.module === "genesiscloud"
          ? { ...c.group("e2e-imported", [7000], "made by hand") }
          : c.group("e2e-imported", undefined, "made by hand");
      imported.push(declare(c, "SecurityGroup", "imported", groupArgs, { import: made.groupId }));
      if (made.ruleId) imported.push(declare(c, "SecurityGroupRule", "imported-rule", c.rule("imported", 7000), { import: made.ruleId }));
      await ctx().declare(resources());
      await ctx().ok("up");
      const id = await ids();
      expect(id.imported).toBe(made.groupId);
      if (made.ruleId) expect(id["imported-rule"]).toBe(made.ruleId);
      await ctx().ok("preview", "--expect-no-changes");
      await ctx().ok("refresh", "--expect-no-changes");
    });

    it("keeps every credential out of the exported state and out of the CLI's output", async () => {
      const secrets = Object.entries(ctx().emu.demoConfig())
        .filter(([key]) => /password|secret|token|key/i.test(key))
        .map(([, value]) => value);
      expect(secrets.length).toBeGreaterThan(0);
      const { text } = await ctx().stack.exportState();
      const everything = [text, ...ctx().output].join("\n");
      for (const secret of secrets) expect(everything).not.toContain(secret);
    });

    it("destroys everything it made, leaving nothing of ours in the cloud", async () => {
      await ctx().ok("destroy");
      expect(await c.api(ctx().emu).groupsNamed("e2e-")).toEqual([]);
    });
  });
}
