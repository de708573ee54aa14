import { createClient, Instance } from "@scaleway/sdk";
import type { Emulator } from "../../emulator";
import { ScwDescription, startScaleway } from "./wire";

// The official @scaleway/sdk as a test client: its marshalling, pagination (X-Total-Count) and error
// parser must understand the emulator exactly as they understand api.scaleway.com.
let emulator: Emulator;
let scw: ScwDescription;
let api: InstanceType<typeof Instance.v1.API>;

beforeAll(async () => {
  ({ emulator, scw } = await startScaleway());
  api = new Instance.v1.API(
    createClient({
      accessKey: scw.accessKey,
      secretKey: scw.secretKey,
      apiURL: scw.url,
      defaultProjectId: scw.projectId,
      defaultZone: "fr-par-1",
    }),
  );
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe("official @scaleway/sdk against the emulator", () => {
  it("creates, lists, sets rules, updates one rule and deletes", async () => {
    const { securityGroup } = await api.createSecurityGroup({
      name: "sdk",
      description: "",
      stateful: true,
      inboundDefaultPolicy: "drop",
      outboundDefaultPolicy: "accept",
      tags: ["t"],
    });
    expect(securityGroup).toMatchObject({
      name: "sdk",
      project: scw.projectId,
      stateful: true,
      inboundDefaultPolicy: "drop",
      enableDefaultSecurity: true,
      zone: "fr-par-1",
      tags: ["t"],
    });
    expect(securityGroup!.creationDate).toBeInstanceOf(Date);
    const id = securityGroup!.id;

    const listed = await api.listSecurityGroups({ name: "sdk" });
    expect(listed.totalCount).toBe(1);
    expect(listed.securityGroups.map((g) => g.id)).toEqual([id]);

    const set = await api.setSecurityGroupRules({
      securityGroupId: id,
      rules: [
        {
          action: "accept",
          protocol: "TCP",
          direction: "inbound",
          ipRange: "203.0.113.7/32",
          destPortFrom: 22,
          destPortTo: 22,
          position: 1,
        },
        { action: "accept", protocol: "TCP", direction: "inbound", ipRange: "0.0.0.0/0", destPortFrom: 80, destPortTo: 443, position: 2 },
      ],
    });
    const editable = set.rules!.filter((r) => r.editable);
    expect(set.rules).toHaveLength(8);
    expect(editable.map((r) => [r.ipRange, r.destPortFrom, r.destPortTo, r.position])).toEqual([
      ["203.0.113.7", 22, null, 1],
      ["0.0.0.0/0", 80, 443, 2],
    ]);

    const { rules } = await api.listSecurityGroupRules({ securityGroupId: id });
    expect(rules.map((r) => r.id)).toEqual(set.rules!.map((r) => r.id));

    const { rule } = await api.updateSecurityGroupRule({
      securityGroupId: id,
      securityGroupRuleId: editable[1].id,
      action: "drop",
      destPortTo: 8443,
    });
    expect(rule).toMatchObject({ id: editable[1].id, action: "drop", destPortFrom: 80, destPortTo: 8443 });

    await api.deleteSecurityGroup({ securityGroupId: id });
    await expect(api.getSecurityGroup({ securityGroupId: id })).rejects.toMatchObject({
      name: "ResourceNotFoundError",
      resource: "instance_security_group",
      resourceId: id,
      status: 404,
    });
  });

  it("pages through every group with .all() using X-Total-Count", async () => {
    for (let i = 0; i < 5; i++) await api.createSecurityGroup({ name: `g${i}`, description: "", stateful: true });
    const all = await api.listSecurityGroups({ perPage: 2 }).all();
    expect(all.map((g) => g.name)).toEqual(["g0", "g1", "g2", "g3", "g4"]);
  });

  it("creates single rules and reads the default rules", async () => {
    const { securityGroup } = await api.createSecurityGroup({
      name: "one",
      description: "",
      stateful: false,
      enableDefaultSecurity: false,
    });
    const { rule } = await api.createSecurityGroupRule({
      securityGroupId: securityGroup!.id,
      protocol: "UDP",
      direction: "outbound",
      action: "drop",
      ipRange: "::/0",
      destPortFrom: 53,
      position: 0,
      editable: true,
    });
    expect(rule).toMatchObject({ protocol: "UDP", ipRange: "::/0", destPortFrom: 53, destPortTo: null, position: 1, editable: true });
    const defaults = await api.listDefaultSecurityGroupRules({});
    expect(defaults.rules.map((r) => r.destPortFrom)).toEqual([25, 465, 587, 25, 465, 587]);
  });

  it("maps the emulator's errors to the SDK's own error classes", async () => {
    const stranger = new Instance.v1.API(
      createClient({
        accessKey: scw.accessKey,
        secretKey: "00000000-0000-4000-8000-000000000000",
        apiURL: scw.url,
        defaultZone: "fr-par-1",
      }),
    );
    await expect(stranger.listSecurityGroups()).rejects.toMatchObject({
      name: "DeniedAuthenticationError",
      message: "denied authentication: api_key does not exist",
      status: 401,
    });

    const { securityGroup } = await api.createSecurityGroup({ name: "busy", description: "", stateful: true });
    const bad = api.createSecurityGroupRule({
      securityGroupId: securityGroup!.id,
      protocol: "TCP",
      direction: "inbound",
      action: "accept",
      ipRange: "nope",
      position: 0,
      editable: true,
    });
    await expect(bad).rejects.toMatchObject({
      name: "InvalidArgumentsError",
      status: 400,
      message: "invalid argument(s): ip_range does not respect constraint, 'nope' does not appear to be an IPv4 or IPv6 network",
      details: [{ argumentName: "ip_range", helpMessage: "'nope' does not appear to be an IPv4 or IPv6 network", reason: "constraint" }],
    });

    await fetch(`${scw.url}/_emulator/scaleway/servers`, { method: "POST", body: JSON.stringify({ groupId: securityGroup!.id }) });
    await expect(api.deleteSecurityGroup({ securityGroupId: securityGroup!.id })).rejects.toMatchObject({
      name: "ScalewayError",
      status: 409,
      message: "http error 409: Group is in use. You cannot delete it.",
    });
  });

  // The legacy Instance quota answer (403 invalid_request_error "Quota exceeded for this resource.", as recorded
  // in scaleway/scaleway-cli#530) is what the SDKs' InvalidRequestMapper / ToQuotasExceededError recognise.
  it("maps the emulator's legacy quota answer to QuotasExceededError naming the resource", async () => {
    const small = await startScaleway({ "scaleway.quota.groups": "1" });
    try {
      const limited = new Instance.v1.API(
        createClient({
          accessKey: small.scw.accessKey,
          secretKey: small.scw.secretKey,
          apiURL: small.scw.url,
          defaultProjectId: small.scw.projectId,
          defaultZone: "fr-par-1",
        }),
      );
      await limited.createSecurityGroup({ name: "first", description: "", stateful: true });
      await expect(limited.createSecurityGroup({ name: "second", description: "", stateful: true })).rejects.toMatchObject({
        name: "QuotasExceededError",
        status: 403,
        list: [{ current: 0, quota: 0, resource: "security_groups" }],
        body: { type: "invalid_request_error", message: "Quota exceeded for this resource.", resource: "security_groups" },
      });
    } finally {
      await small.emulator.close();
    }
  });
});
