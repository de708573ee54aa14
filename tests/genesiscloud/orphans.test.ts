import { securityGroupProvider as groups } from "../../provider/genesiscloud/provider";
import { genesisEnv } from "../helpers/emulator";
import { useFaultEmulator } from "../helpers/faults";
import { CLIENT_TIMEOUT_MS, GroupCase, lostGroupCreateScenarios } from "../helpers/orphans";

// Group creates whose answer is lost (issue 11 item 2). Genesis has no tags: the group is recognised by its exact
// name, description and rules, created since the operation began, looked up several times; when no lookup settles
// it, the create is kept in state as unconfirmed and the next run adopts it.

const emu = useFaultEmulator({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": "20" } }, (e) => ({
  ...genesisEnv(e),
  SECGROUPS_QUIET: "1",
  SECGROUPS_REQUEST_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
  GENESISCLOUD_POLL_INTERVAL_MS: "50",
}));
const tcp = (port: number) => ({ protocol: "tcp", direction: "ingress", portRangeMin: port, portRangeMax: port });
const GENESIS: GroupCase = {
  emu,
  cloud: "genesiscloud",
  provider: groups,
  inputs: { name: "app", description: "", rules: [tcp(22)] },
  createPath: "/security-groups$",
  listPath: "/security-groups$",
  listsBeforePost: 0,
  groupIds: async () =>
    Object.values((await emu().state("genesiscloud")).groups as Record<string, any>)
      .filter((g) => g.name === "app" && g.status !== "deleting")
      .map((g) => g.id),
};

lostGroupCreateScenarios(GENESIS, "unconfirmed create");
