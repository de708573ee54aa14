import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../../provider/scaleway/provider";
import { forgetAdoptions } from "../../provider/core/adopted-ids";
import { scalewayEnv } from "../helpers/emulator";
import { useFaultEmulator } from "../helpers/faults";
import { CLIENT_TIMEOUT_MS, GroupCase, lostGroupCreateScenarios } from "../helpers/orphans";

// Lost answers that a single lookup cannot settle, and dropped answers inside a burst of parallel rule creates:
// afterwards, no orphan and no duplicate (issue 11 item 2).

const emu = useFaultEmulator({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0" } }, (e) => ({
  ...scalewayEnv(e),
  SECGROUPS_QUIET: "1",
  SECGROUPS_REQUEST_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
}));
const group = {
  name: "app",
  description: "",
  stateful: true,
  inboundDefaultPolicy: "drop",
  outboundDefaultPolicy: "accept",
  projectDefault: false,
  enableDefaultSecurity: false,
  tags: ["team-a"],
};
const GROUP_CASE: GroupCase = {
  emu,
  cloud: "scaleway",
  provider: groups,
  inputs: group,
  createPath: "/security_groups$",
  listPath: "/security_groups$",
  listsBeforePost: 1,
  groupIds: async () =>
    Object.values((await emu().state("scaleway")).groups as Record<string, any>)
      .filter((g) => g.name === "app")
      .map((g) => g.id),
};

lostGroupCreateScenarios(GROUP_CASE, "token tag");

it("the creation token's tag stays out of the outputs", async () => {
  const made = await groups.create({ ...group, __creationToken: "sgt-7e57000000000000000000bb" });
  expect(made.outs.tags).toEqual(["team-a"]);
  const s = await emu().state("scaleway");
  expect(s.groups[made.id].tags).toEqual(["team-a", "pulumi-secgroups-token=sgt-7e57000000000000000000bb"]);
});

const ruleInputs = (securityGroupId: string) =>
  Array.from({ length: 100 }, (_, i) => ({
    zone: "fr-par-1",
    securityGroupId,
    protocol: "TCP",
    direction: "inbound",
    action: "accept",
    ipRange: "10.0.0.0/8",
    destPortFrom: 1000 + i,
    destPortTo: 1000 + i,
  }));

async function expectEachOwnThenNone(securityGroupId: string, made: { id: string; outs?: any }[], inputs: { destPortFrom: number }[]) {
  const live = (await emu().state("scaleway")).rules[securityGroupId] as any[];
  expect(live).toHaveLength(100);
  expect(new Set(made.map((m) => m.id)).size).toBe(100);
  for (const [i, m] of made.entries()) expect(live.find((r) => r.id === m.id)?.dest_port_from).toBe(inputs[i].destPortFrom);
  // `pulumi destroy` is another run (another provider process): what this run adopted is deleted there.
  forgetAdoptions();
  await Promise.all(made.map((m) => rules.delete!(m.id, m.outs)));
  expect((await emu().state("scaleway")).rules[securityGroupId]).toEqual([]);
}

// Bursts of up to 16 rule creates on a group go out as POSTs (a larger burst is one PUT /rules: the next test).
it("100 rule resources in parallel bursts of 10 with 10 dropped POSTs (faults on the k-th POST): 100 rules, each its own, none left after destroy", async () => {
  const sg = await groups.create(group);
  const inputs = ruleInputs(sg.id);
  await emu().fault(
    "scaleway",
    Array.from({ length: 10 }, (_, k) => ({ method: "POST", path: "/rules$", dropAfterAct: true, after: 10 * k + 4 })),
  );
  // Like the engine: a create that failed is run again by the next `up`.
  const made: { id: string; outs?: any }[] = [];
  for (let wave = 0; wave < 10; wave++)
    made.push(...(await Promise.all(inputs.slice(wave * 10, wave * 10 + 10).map((i) => rules.create(i).catch(() => rules.create(i))))));
  expect(Object.keys(await emu().counts("scaleway")).filter((k) => k.startsWith("PUT "))).toEqual([]);
  await expectEachOwnThenNone(sg.id, made, inputs);
}, 60_000);

it("100 rule resources at once, their PUT /rules answer dropped after it acted: 100 rules, each its own, none left after destroy", async () => {
  const sg = await groups.create(group);
  const inputs = ruleInputs(sg.id);
  await emu().fault("scaleway", [{ method: "PUT", path: "/rules$", dropAfterAct: true }]);
  const made = await Promise.all(inputs.map((i) => rules.create(i).catch(() => rules.create(i))));
  await expectEachOwnThenNone(sg.id, made, inputs);
}, 60_000);
