// The demo program that Pulumi.yaml runs: the examples of every cloud named in `secgroups:demoClouds`
// (all by default). Where their endpoints point is stack configuration: the emulator for `npm start`,
// the real clouds when you set their credentials instead (see README.md).
import * as pulumi from "@pulumi/pulumi";
import { DEMO_CLOUDS } from "./clouds";

const config = new pulumi.Config("secgroups");
const chosen = (config.get("demoClouds") ?? Object.keys(DEMO_CLOUDS).join(",")).split(",").map((c) => c.trim());

export const outputs = Object.fromEntries(
  chosen.map((cloud) => {
    const deploy = DEMO_CLOUDS[cloud];
    if (!deploy) throw new Error(`secgroups:demoClouds names "${cloud}"; known: ${Object.keys(DEMO_CLOUDS).join(", ")}`);
    return [cloud, deploy()];
  }),
);
