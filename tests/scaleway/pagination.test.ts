import * as api from "../../provider/scaleway/api-client";
import { connect } from "../../provider/scaleway/connection";
import { scalewayEnv, useEmulatorWithEnv } from "../helpers/emulator";

// A server answering 2 items a page whatever per_page asks: the provider must still read every page.
const emu = useEmulatorWithEnv({ clouds: ["scaleway"], settings: { "scaleway.pageSize": "2" } }, (e) => ({
  ...scalewayEnv(e),
  SECGROUPS_QUIET: "1",
}));

describe("Scaleway provider against small pages (scaleway.pageSize=2)", () => {
  it("lists every rule and every same-named group", async () => {
    const { client, defaultZone, defaultProjectId } = connect();
    const g = await api.createGroup(client, defaultZone, {
      name: "paged",
      project: defaultProjectId,
      stateful: true,
      enable_default_security: false,
    });
    await api.setRules(
      client,
      defaultZone,
      g.id,
      [22, 80, 443, 8080, 8443].map((port) => ({
        protocol: "TCP",
        direction: "inbound",
        action: "accept",
        ip_range: "0.0.0.0/0",
        dest_port_from: port,
      })),
    );
    expect((await api.listRules(client, defaultZone, g.id)).map((r) => r.dest_port_from)).toEqual([22, 80, 443, 8080, 8443]);
    for (let i = 0; i < 4; i++) await api.createGroup(client, defaultZone, { name: "paged", project: defaultProjectId, stateful: true });
    expect(await api.findGroupsByName(client, defaultZone, "paged", defaultProjectId!)).toHaveLength(5);
    expect((await emu().counts("scaleway"))["GET /instance/v1/zones/:zone/security_groups/:id/rules"]).toBe(3);
  });
});
