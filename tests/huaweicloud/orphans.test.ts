import { securityGroupProvider as groups } from "../../provider/huaweicloud/provider";
import { securityGroupProvider as novaGroups, securityGroupRuleProvider as novaRules } from "../../provider/huaweicloud/nova/provider";
import { forgetAdoptions } from "../../provider/core/adopted-ids";
import { huaweicloudEnv } from "../helpers/emulator";
import { useFaultEmulator } from "../helpers/faults";
import { CLIENT_TIMEOUT_MS, GroupCase, lostGroupCreateScenarios } from "../helpers/orphans";

// Lost group-create answers that a single lookup cannot settle: afterwards, no orphan and no duplicate (issue 11 item 2).

const emu = useFaultEmulator({ clouds: ["huaweicloud", "huaweicloudNova"] }, (e) => ({
  ...huaweicloudEnv(e),
  SECGROUPS_QUIET: "1",
  SECGROUPS_REQUEST_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
}));
const named = async (cloud: string, name: string) =>
  Object.values((await emu().state(cloud)).groups as Record<string, any>)
    .filter((g) => g.name === name)
    .map((g) => g.id);

const VPC: GroupCase = {
  emu,
  cloud: "huaweicloud",
  provider: groups,
  inputs: { name: "app", description: "", deleteDefaultRules: false },
  createPath: "/vpc/security-groups$",
  listPath: "/vpc/security-groups$",
  listsBeforePost: 1,
  groupIds: () => named("huaweicloud", "app"),
};
const NOVA: GroupCase = {
  emu,
  cloud: "huaweicloudNova",
  provider: novaGroups,
  inputs: { name: "app", description: "app servers" },
  createPath: "/os-security-groups$",
  listPath: "/os-security-groups$",
  listsBeforePost: 1,
  groupIds: () => named("huaweicloudNova", "app"),
};

describe("VPC v3 (the creation token is a tag)", () => lostGroupCreateScenarios(VPC, "token tag"));

describe("Nova (no tags: the exact name and description, looked up several times, else an unconfirmed create)", () =>
  lostGroupCreateScenarios(NOVA, "unconfirmed create"));

const rulesOf = (groupId: string, state: any): any[] =>
  Object.values(state.rules as Record<string, any>).filter((r) => r.security_group_id === groupId && r.direction === "ingress");

// Nova has no bulk rule create: parallel rule resources are parallel POSTs, each recognised by its exact tuple.
it("Nova: 30 rule resources in parallel with 5 dropped POST answers (k-th POST): 30 rules, each its own, none left after destroy", async () => {
  const sg = await novaGroups.create({ name: "burst", description: "" });
  const inputs = await Promise.all(
    Array.from({ length: 30 }, async (_, i) => {
      const checked = await novaRules.check!({}, { parentGroupId: sg.id, ipProtocol: "tcp", fromPort: 2000 + i, cidr: "10.0.0.0/8" });
      expect(checked.failures ?? []).toEqual([]);
      return checked.inputs;
    }),
  );
  await emu().fault(
    "huaweicloudNova",
    Array.from({ length: 5 }, (_, k) => ({ method: "POST", path: "/os-security-group-rules$", dropAfterAct: true, after: 6 * k + 2 })),
  );
  // Like the engine: a create that failed is run again by the next `up`.
  const made = await Promise.all(inputs.map((i) => novaRules.create(i).catch(() => novaRules.create(i))));
  const live = rulesOf(sg.id, await emu().state("huaweicloudNova"));
  expect(live).toHaveLength(30);
  expect(new Set(made.map((m) => m.id)).size).toBe(30);
  for (const [i, m] of made.entries()) expect(live.find((r) => r.id === m.id)?.multiport).toBe(String(2000 + i));
  // `pulumi destroy` is another run (another provider process).
  forgetAdoptions();
  await Promise.all(made.map((m) => novaRules.delete!(m.id, m.outs)));
  expect(rulesOf(sg.id, await emu().state("huaweicloudNova"))).toEqual([]);
  await novaGroups.delete!(sg.id, sg.outs);
}, 60_000);
