import type { CloudEmulator } from "./types";

/** Every emulated API by the name used in flags, the startup line and the control URLs. */
export const CLOUDS: Record<string, () => CloudEmulator<any>> = {
  nhn: () => require("./nhn").nhnEmulator,
  genesiscloud: () => require("./genesiscloud").genesiscloudEmulator,
  scaleway: () => require("./scaleway").scalewayEmulator,
  huaweicloud: () => require("./huaweicloud").huaweicloudEmulator,
  huaweicloudNova: () => require("./huaweicloud/nova").huaweicloudNovaEmulator,
  // Last, so that `--port-base` and the demo's fixed ports keep every earlier cloud's port.
  openstack: () => require("./openstack").openstackEmulator,
};
