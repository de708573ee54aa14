import * as pulumi from "@pulumi/pulumi";
import { genesiscloud, nhn } from "../../provider";
import { INLINE_RULES_OUTPUT } from "../../policies/stored-outputs";
import { nhnEnv } from "../helpers/emulator";
import { resolved } from "../helpers/mini-engine";
import { useProgramHarness } from "../helpers/program";

// A group's state stores each inline rule once (the live list); the program still reads `group.rules`: the
// resource class derives it. Run with setMocks forwarding every resource to the real provider host.
const harness = useProgramHarness({ clouds: ["nhn", "genesiscloud"], settings: { "genesiscloud.settleMs": "0" } }, (e) => ({
  ...nhnEnv(e),
  GENESISCLOUD_ENDPOINT: e.url("genesiscloud"),
  GENESISCLOUD_TOKEN: "demo-token",
  GENESISCLOUD_POLL_INTERVAL_MS: "10",
}));

const tcp = (port: number) => ({ direction: "ingress" as const, protocol: "tcp" as const, portRangeMin: port, portRangeMax: port });

it("derives `rules` from the live list that state stores, for groups with inline rules only", async () => {
  const { engine } = harness();
  const web = new nhn.SecurityGroup("web", { name: "web", rules: [tcp(443), { ...tcp(22), remoteIpPrefix: "10.0.0.9/8" }] });
  const db = new nhn.SecurityGroup("db", { name: "db" });
  const gpu = new genesiscloud.SecurityGroup("gpu", { name: "gpu", rules: [tcp(8888)] });
  const [webRules, webLive, dbRules, gpuRules, gpuLive] = await Promise.all([
    resolved(web.rules),
    resolved(web.securityGroupRules),
    resolved(db.rules),
    resolved(gpu.rules as pulumi.Output<unknown>),
    resolved(gpu.securityGroupRules),
  ]);

  const stored = Object.fromEntries(engine.resources.map((r) => [r.name, r.outs]));
  expect(stored.web.rules).toBeUndefined();
  expect(stored.web[INLINE_RULES_OUTPUT]).toBe(true);
  expect(stored.db[INLINE_RULES_OUTPUT]).toBeUndefined();
  expect(stored.gpu.rules).toBeUndefined();

  expect(webLive).toHaveLength(2);
  expect(webRules).toEqual(
    [
      { ...tcp(22), ethertype: "IPv4", remoteIpPrefix: "10.0.0.0/8", remoteGroupId: null, description: "" },
      { ...tcp(443), ethertype: "IPv4", remoteIpPrefix: "0.0.0.0/0", remoteGroupId: null, description: "" },
    ].map((r) => expect.objectContaining(r)),
  );
  expect(webRules).toEqual(webLive.map(({ id: _id, ...r }) => r).sort((a, b) => a.portRangeMin! - b.portRangeMin!));
  expect(dbRules).toBeUndefined();
  expect(gpuRules).toEqual([{ protocol: "tcp", direction: "ingress", portRangeMin: 8888, portRangeMax: 8888 }]);
  expect(gpuLive).toEqual(gpuRules);
  await engine.destroyAll();
});
