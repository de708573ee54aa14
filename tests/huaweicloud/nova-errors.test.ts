import { useEmulatorWithEnv } from "../helpers/emulator";
import { HwEndpoint, signedFetch } from "./signed-fetch";

// Upstream Nova proxies security groups to Neutron and raises SecurityGroupLimitExceeded with Neutron's own
// OverQuota message (openstack/nova@00a03040 nova/network/security_group_api.py).
const emu = useEmulatorWithEnv({ clouds: ["huaweicloud", "huaweicloudNova"], settings: { "huaweicloud.quota.groups": "2" } });
const GROUPS = "/v2.1/{project_id}/os-security-groups";

it("answers a full security-group quota with 403 and Neutron's OverQuota message", async () => {
  const ep = { ...(emu().describe().huaweicloud as HwEndpoint), url: emu().url("huaweicloudNova") };
  const statuses: number[] = [];
  let last: any;
  for (const name of ["a", "b", "c"]) {
    last = await signedFetch(ep, "POST", GROUPS, { security_group: { name, description: "" } });
    statuses.push(last.status);
  }
  expect(statuses[statuses.length - 1]).toBe(403);
  expect(last.body).toEqual({ forbidden: { code: 403, message: "Quota exceeded for resources: ['security_group']." } });
});
