// The example programs' resources, captured with setMocks as the engine would register them, analyzed
// by the pack inside the real analyzer host.
import * as pulumi from "@pulumi/pulumi";
import { deployGenesiscloud } from "../../examples/genesiscloud";
import { deployHuaweicloud } from "../../examples/huaweicloud";
import { deployNhn } from "../../examples/nhn";
import { deployScaleway } from "../../examples/scaleway";
import { AnalyzerHost, HostResource } from "../helpers/analyzer-host";

const registered: HostResource[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      const { __provider, ...inputs } = args.inputs as Record<string, unknown>;
      void __provider;
      registered.push({ type: args.type, name: args.name, props: inputs });
      return { id: `${args.name}-id`, state: inputs };
    },
    call: () => ({}),
  },
  "examples",
  "dev",
  false,
);

const settle = (o: Record<string, pulumi.Output<unknown>>) =>
  new Promise<void>((resolve) => pulumi.all(Object.values(o)).apply(() => resolve()));

describe("example programs in the analyzer host", () => {
  let host: AnalyzerHost;
  beforeAll(async () => {
    await Promise.all([settle(deployNhn()), settle(deployHuaweicloud("server-1")), settle(deployScaleway()), settle(deployGenesiscloud())]);
    host = await AnalyzerHost.start();
  }, 120_000);
  afterAll(() => host?.close());

  it("reports exactly these violations on the examples' resources", async () => {
    const found: Record<string, string[]> = {};
    for (const r of registered) {
      const d = await host.analyze(r);
      if (d.length) found[r.name] = d.map((x) => `${x.policy} [${x.level}]: ${x.message.split("\n")[1]}`);
    }
    // Checked by hand against examples/*/index.ts: advisories only, so the demo's `pulumi up` goes through.
    expect(found).toEqual({
      "genesis-web": [
        "genesis-ingress-world-open [advisory]: Genesis Cloud rules have no source filter, so these ports are open to the whole internet: icmp (IPv4, IPv6) via rules[1].",
        "no-default-egress-to-world [advisory]: Egress to the world is open on all ports: all protocols (IPv4, IPv6) via rules[2].",
        "no-icmp-from-world [advisory]: ICMP is open to the world: icmp (IPv4, IPv6) via rules[1].",
      ],
      "genesis-workers": [
        "no-default-egress-to-world [advisory]: Egress to the world is open on all ports: all protocols (IPv4, IPv6) via default egress rule.",
      ],
      "genesis-workers-jupyter": [
        "genesis-ingress-world-open [advisory]: Genesis Cloud rules have no source filter, so these ports are open to the whole internet: tcp/8888 (IPv4, IPv6) via the rule.",
      ],
      "genesis-workers-tensorboard": [
        "genesis-ingress-world-open [advisory]: Genesis Cloud rules have no source filter, so these ports are open to the whole internet: tcp/6006 (IPv4, IPv6) via the rule.",
      ],
      "hw-db-from-web": ["huawei-explicit-priority [advisory]: Huawei rules rely on the default priority: the rule (allow)."],
      "hw-nova-app": [
        "explicit-source-required [advisory]: Ingress rules omit their source, which the cloud reads as the whole internet: rules[1] (read as 0.0.0.0/0).",
        "no-default-egress-to-world [advisory]: Egress to the world is open on all ports: all protocols (IPv4, IPv6) via default egress rule (IPv4), default egress rule (IPv6).",
        "no-icmp-from-world [advisory]: ICMP is open to the world: icmp (IPv4) via rules[1].",
      ],
      "hw-web": [
        "explicit-source-required [advisory]: Ingress rules omit their source, which the cloud reads as the whole internet: rules[0] (read as 0.0.0.0/0).",
        "huawei-explicit-priority [advisory]: Huawei rules rely on the default priority: rules[0] (allow); rules[1] (allow).",
        "no-default-egress-to-world [advisory]: Egress to the world is open on all ports: all protocols (IPv4) via rules[3].",
      ],
      "nhn-web": [
        "explicit-source-required [advisory]: Ingress rules omit their source, which the cloud reads as the whole internet: rules[0] (read as 0.0.0.0/0).",
      ],
      "scw-web": [
        "no-default-egress-to-world [advisory]: Egress to the world is open on all ports: udp/all (IPv4, IPv6) via outboundDefaultPolicy=accept (default).",
      ],
    });
  });
});
