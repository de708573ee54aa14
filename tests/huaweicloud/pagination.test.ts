import * as api from "../../provider/huaweicloud/api-client";
import { connect } from "../../provider/huaweicloud/connection";
import { huaweicloudEnv, useEmulatorWithEnv } from "../helpers/emulator";

// A v3 server answering 2 items a page whatever `limit` asks: the provider must follow page_info.next_marker.
useEmulatorWithEnv({ clouds: ["huaweicloud"], settings: { "huaweicloud.pageSize": "2" } }, (e) => ({
  ...huaweicloudEnv(e),
  SECGROUPS_QUIET: "1",
}));

it("lists every rule and every same-named group across small pages (huaweicloud.pageSize=2)", async () => {
  const { client: c, projectId: p } = connect("vpc");
  const g = (await api.createGroup(c, p, { name: "paged", description: "" }))!;
  await api.batchCreateRules(
    c,
    p,
    g.id,
    [22, 80, 443, 8080, 8443].map((port) => ({ direction: "ingress", protocol: "tcp", multiport: String(port) })),
  );
  const rules = await api.listRules(c, p, g.id);
  expect(
    rules
      .filter((r) => r.multiport)
      .map((r) => r.multiport)
      .sort(),
  ).toEqual(["22", "443", "80", "8080", "8443"]);
  for (let i = 0; i < 4; i++) await api.createGroup(c, p, { name: "paged", description: "" });
  expect(await api.listGroupsByName(c, p, "paged")).toHaveLength(5);
});
