import * as api from "../../provider/genesiscloud/api-client";
import { connect } from "../../provider/genesiscloud/connection";
import { genesisEnv, useEmulatorWithEnv } from "../helpers/emulator";

// A server answering 2 groups a page whatever per_page asks: the provider must follow total_count, not the page size.
const emu = useEmulatorWithEnv(
  { clouds: ["genesiscloud"], settings: { "genesiscloud.pageSize": "2", "genesiscloud.settleMs": "0" } },
  (e) => ({ ...genesisEnv(e), SECGROUPS_QUIET: "1" }),
);

it("lists every group across small pages (genesiscloud.pageSize=2)", async () => {
  const { client } = connect();
  const before = (await api.listGroups(client)).length;
  for (let i = 0; i < 5; i++)
    await api.createGroup(client, {
      name: `paged-${i}`,
      rules: [{ protocol: "tcp", direction: "ingress", port_range_min: 22, port_range_max: 22 }],
    } as any);
  const all = await api.listGroups(client);
  expect(all).toHaveLength(before + 5);
  expect(
    all
      .filter((g) => g.name.startsWith("paged-"))
      .map((g) => g.name)
      .sort(),
  ).toEqual(["paged-0", "paged-1", "paged-2", "paged-3", "paged-4"]);
  expect((await emu().counts("genesiscloud"))["GET /compute/v1/security-groups"]).toBeGreaterThanOrEqual(4);
});
