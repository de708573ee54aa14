import * as pulumi from "@pulumi/pulumi";
import { deployGenesiscloud } from "../genesiscloud";
import { deployHuaweicloud } from "../huaweicloud";
import { deployNhn } from "../nhn";
import { deployOpenstack } from "../openstack";
import { deployScaleway } from "../scaleway";

/** Each cloud's example, by the name `secgroups:demoClouds` uses. */
export const DEMO_CLOUDS: Record<string, () => unknown> = {
  nhn: deployNhn,
  openstack: deployOpenstack,
  // The Nova part attaches a group to a server: the emulator has one; on Huawei Cloud, name yours.
  huaweicloud: () => deployHuaweicloud(new pulumi.Config("secgroups").require("demoHuaweicloudServerId")),
  scaleway: deployScaleway,
  genesiscloud: deployGenesiscloud,
};
