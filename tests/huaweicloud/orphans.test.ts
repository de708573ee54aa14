import { securityGroupProvider as groups } from "../../provider/huaweicloud/provider";
import { securityGroupProvider as novaGroups } from "../../provider/huaweicloud/nova/provider";
import { huaweicloudEnv } from "../helpers/emulator";
import { useFaultEmulator } from "../helpers/faults";
import { CLIENT_TIMEOUT_MS, GroupCase, lookupsFailAfterDroppedAnswer, serverActsAfterTimeout } from "../helpers/orphans";

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
  listsBeforePost: 0,
  groupIds: () => named("huaweicloudNova", "app"),
};

describe("VPC v3 (the creation token is a tag)", () => {
  it("a group the server creates after the client's timeout is created once", () => serverActsAfterTimeout(VPC));
  it("a dropped answer followed by failing lookups is adopted by the next run, not created again", () =>
    lookupsFailAfterDroppedAnswer(VPC, 4));
});

describe("Nova (no tags: the exact name and description, looked up several times)", () => {
  it("a group the server creates after the client's timeout is created once", () => serverActsAfterTimeout(NOVA));
});
