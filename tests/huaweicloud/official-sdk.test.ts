import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import * as ecs from "@huaweicloud/huaweicloud-sdk-ecs/v2/public-api";
import * as vpc from "@huaweicloud/huaweicloud-sdk-vpc/v3/public-api";
import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HwEndpoint } from "./signed-fetch";

// @huaweicloud/huaweicloud-sdk-core 3.1.211 requires "uuid" (for its User-Agent) without declaring it; node's own v4 stands in.
jest.mock("uuid", () => ({ v4: () => require("node:crypto").randomUUID() }), { virtual: true });

// The SDK logs every error answer in full (request config, headers: ~180 lines for the refusals below) through a
// log4js logger writing to stdout; the tests assert on the errors themselves, so the logger is switched off.
(require("@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger") as { Logger4jInstance: { level: string } }).Logger4jInstance.level = "off";

// Huawei's own SDKs, signing with their own AK/SK signer, used as clients of the emulator.
let emu: TestEmulator;
let vpcEp: HwEndpoint;
let novaEp: HwEndpoint;

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["huaweicloud", "huaweicloudNova"] });
  vpcEp = emu.describe().huaweicloud as HwEndpoint;
  novaEp = emu.describe().huaweicloudNova as HwEndpoint;
});
afterAll(() => emu.close());

const wire = (response: object): any => response;
const credentials = (ep: HwEndpoint, sk = ep.secretKey) =>
  new BasicCredentials().withAk(ep.accessKey).withSk(sk).withProjectId(ep.projectId);
const vpcClient = (sk?: string) => vpc.VpcClient.newBuilder().withCredential(credentials(vpcEp, sk)).withEndpoint(vpcEp.url).build();

describe("@huaweicloud/huaweicloud-sdk-vpc v3 against the emulator", () => {
  it("creates a group, batch-creates and creates rules, lists with filters, and deletes everything", async () => {
    const client = vpcClient();
    const created = await client.createSecurityGroup(
      new vpc.CreateSecurityGroupRequest().withBody(
        new vpc.CreateSecurityGroupRequestBody().withSecurityGroup(
          new vpc.CreateSecurityGroupOption().withName("sdk-web").withDescription("from the SDK"),
        ),
      ),
    );
    // The SDK hands back the wire JSON (snake_case) plus httpStatusCode, not its model classes.
    expect(created.httpStatusCode).toBe(201);
    const groupId: string = wire(created).security_group.id;
    expect(wire(created).security_group.security_group_rules).toHaveLength(4);

    const batch = await client.batchCreateSecurityGroupRules(
      new vpc.BatchCreateSecurityGroupRulesRequest()
        .withSecurityGroupId(groupId)
        .withBody(
          new vpc.BatchCreateSecurityGroupRulesRequestBody()
            .withIgnoreDuplicate(true)
            .withSecurityGroupRules(
              [22, 443].map((p) =>
                new vpc.BatchCreateSecurityGroupRulesOption()
                  .withDirection("ingress")
                  .withProtocol("tcp")
                  .withMultiport(String(p))
                  .withRemoteIpPrefix("0.0.0.0/0")
                  .withAction("allow")
                  .withPriority("1"),
              ),
            ),
        ),
    );
    expect(wire(batch).security_group_rules.map((r: any) => r.multiport)).toEqual(["22", "443"]);

    const one = await client.createSecurityGroupRule(
      new vpc.CreateSecurityGroupRuleRequest().withBody(
        new vpc.CreateSecurityGroupRuleRequestBody().withSecurityGroupRule(
          new vpc.CreateSecurityGroupRuleOption()
            .withSecurityGroupId(groupId)
            .withDirection("egress")
            .withEthertype("IPv6")
            .withProtocol("icmpv6")
            .withRemoteIpPrefix("2001:db8::/32")
            .withAction("deny")
            .withPriority("7")
            .withDescription("no pings"),
        ),
      ),
    );
    expect(wire(one).security_group_rule).toMatchObject({ direction: "egress", protocol: "icmpv6", priority: 7, action: "deny" });

    const groups = await client.listSecurityGroups(new vpc.ListSecurityGroupsRequest().withName(["sdk-web", "other"]).withLimit(10));
    expect(wire(groups).security_groups.map((g: any) => g.id)).toEqual([groupId]);
    expect(wire(groups).page_info).toEqual({ current_count: 1, previous_marker: groupId });

    const rules = await client.listSecurityGroupRules(
      new vpc.ListSecurityGroupRulesRequest().withSecurityGroupId([groupId]).withProtocol(["tcp", "icmpv6"]).withDirection("ingress"),
    );
    expect(
      wire(rules)
        .security_group_rules.map((r: any) => r.multiport)
        .sort(),
    ).toEqual(["22", "443"]);

    const shown = await client.showSecurityGroup(new vpc.ShowSecurityGroupRequest().withSecurityGroupId(groupId));
    expect(wire(shown).security_group.security_group_rules).toHaveLength(7);

    const del = await client.deleteSecurityGroupRule(
      new vpc.DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(wire(one).security_group_rule.id),
    );
    expect(del.httpStatusCode).toBe(204);
    expect((await client.deleteSecurityGroup(new vpc.DeleteSecurityGroupRequest().withSecurityGroupId(groupId))).httpStatusCode).toBe(204);

    await expect(client.showSecurityGroup(new vpc.ShowSecurityGroupRequest().withSecurityGroupId(groupId))).rejects.toMatchObject({
      httpStatusCode: 404,
      errorCode: "VPC.9904",
      errorMsg: `Security group ${groupId} does not exist.`,
    });
  });

  it("gets the gateway's APIGW.0301 when its secret key is wrong", async () => {
    await expect(vpcClient("not-the-secret").listSecurityGroups(new vpc.ListSecurityGroupsRequest())).rejects.toMatchObject({
      httpStatusCode: 401,
      errorCode: "APIGW.0301",
      errorMsg: expect.stringContaining("Incorrect IAM authentication information: verify aksk signature fail"),
    });
  });
});

describe("@huaweicloud/huaweicloud-sdk-ecs Nova calls against the emulator", () => {
  it("associates, lists and disassociates a group on a server", async () => {
    const res = await fetch(`${novaEp.url}/_emulator/huaweicloudNova/servers`, {
      method: "POST",
      body: JSON.stringify({ projectId: novaEp.projectId }),
    });
    expect(res.status).toBe(201);
    const client = ecs.EcsClient.newBuilder().withCredential(credentials(novaEp)).withEndpoint(novaEp.url).build();
    const listNames = async () =>
      wire(
        await client.novaListServerSecurityGroups(new ecs.NovaListServerSecurityGroupsRequest().withServerId(DEMO_SERVER_ID)),
      ).security_groups.map((g: any) => g.name);
    expect(await listNames()).toEqual(["default"]);
    // The SDK has no call for os-security-groups CRUD; its core client signs the raw call.
    const hc = (client as unknown as { hcClient: { sendRequest(o: unknown): Promise<any> } }).hcClient;
    const created = await hc.sendRequest({
      method: "POST",
      url: "/v2.1/{project_id}/os-security-groups",
      contentType: "application/json",
      pathParams: {},
      queryParams: {},
      headers: {},
      data: { security_group: { name: "sdk-app", description: "" } },
    });
    expect(created.security_group.name).toBe("sdk-app");

    const assoc = await client.novaAssociateSecurityGroup(
      new ecs.NovaAssociateSecurityGroupRequest()
        .withServerId(DEMO_SERVER_ID)
        .withBody(
          new ecs.NovaAssociateSecurityGroupRequestBody().withAddSecurityGroup(new ecs.NovaAddSecurityGroupOption().withName("sdk-app")),
        ),
    );
    expect(assoc.httpStatusCode).toBe(202);
    expect(await listNames()).toEqual(["default", "sdk-app"]);
    await client.novaDisassociateSecurityGroup(
      new ecs.NovaDisassociateSecurityGroupRequest()
        .withServerId(DEMO_SERVER_ID)
        .withBody(
          new ecs.NovaDisassociateSecurityGroupRequestBody().withRemoveSecurityGroup(
            new ecs.NovaRemoveSecurityGroupOption().withName("sdk-app"),
          ),
        ),
    );
    expect(await listNames()).toEqual(["default"]);
    await expect(
      client.novaDisassociateSecurityGroup(
        new ecs.NovaDisassociateSecurityGroupRequest()
          .withServerId(DEMO_SERVER_ID)
          .withBody(
            new ecs.NovaDisassociateSecurityGroupRequestBody().withRemoveSecurityGroup(
              new ecs.NovaRemoveSecurityGroupOption().withName("sdk-app"),
            ),
          ),
      ),
    ).rejects.toMatchObject({ httpStatusCode: 404, errorMsg: "Request failed with status code 404" }); // the SDK does not read Nova fault bodies
  });
});
