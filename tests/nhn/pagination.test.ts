import * as api from "../../provider/neutron/api-client";
import { connect } from "../../provider/nhn/connection";
import { securityGroupProvider as groups } from "../../provider/nhn/provider";
import { nhnEnv, useEmulatorWithEnv } from "../helpers/emulator";

// Neutron with `pagination_max_limit` answers one page and a `next` link: the provider must read every page.
const emu = useEmulatorWithEnv({ clouds: ["nhn"], settings: { "nhn.pageSize": "2" } }, (e) => ({ ...nhnEnv(e), SECGROUPS_QUIET: "1" }));

describe("NHN provider against a paging Neutron (nhn.pageSize=2)", () => {
  it("lists every rule of a group across pages", async () => {
    const c = (await connect()).client;
    const g = await api.createGroup(c, { name: "paged", description: "" });
    await api.createRules(
      c,
      [22, 80, 443, 8080, 8443].map((port) => ({
        security_group_id: g.id,
        direction: "ingress",
        protocol: "tcp",
        port_range_min: port,
        port_range_max: port,
      })),
    );
    await emu().clearRequests("nhn");
    const rules = await api.listRules(c, g.id);
    expect(rules.map((r) => r.port_range_min ?? "any").sort()).toEqual([22, 443, 80, 8080, 8443, "any", "any"]);
    expect((await emu().counts("nhn"))["GET /v2.0/security-group-rules"]).toBeGreaterThanOrEqual(4);
  });

  it("lists every same-named group across pages, so a lost create finds its own group among many", async () => {
    const c = (await connect()).client;
    for (let i = 0; i < 5; i++) await api.createGroup(c, { name: "twin", description: "" });
    expect(await api.listGroupsByName(c, "twin")).toHaveLength(5);
    await emu().fault("nhn", { method: "POST", path: "security-groups$", dropAfterAct: true });
    const { id } = await groups.create({ name: "twin", description: "", deleteDefaultRules: false });
    const all = Object.values((await emu().state("nhn")).groups as Record<string, any>).filter((g) => g.name === "twin");
    expect(all).toHaveLength(6);
    expect(all.map((g) => g.id)).toContain(id);
  });
});
