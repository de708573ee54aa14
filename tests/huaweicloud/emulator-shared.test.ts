import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_SERVER_ID } from "../../emulator/huaweicloud/nova/model";
import { startTestEmulator, useEmulatorWithEnv } from "../helpers/emulator";
import { HwEndpoint, signedFetch } from "./signed-fetch";

// The VPC v3 and Nova listeners of one emulator share one store, as in Huawei Cloud: a Nova group is a VPC group
// and Nova rules are VPC ingress rules, each API keeping its own shapes.

const emu = useEmulatorWithEnv({ clouds: ["huaweicloud", "huaweicloudNova"] });
const VPC_GROUPS = "/v3/{project_id}/vpc/security-groups";
const VPC_RULES = "/v3/{project_id}/vpc/security-group-rules";
const NOVA_GROUPS = "/v2.1/{project_id}/os-security-groups";
const NOVA_RULES = "/v2.1/{project_id}/os-security-group-rules";

const vpc = (method: string, p: string, body?: unknown) => signedFetch(emu().describe().huaweicloud as HwEndpoint, method, p, body);
const nova = (method: string, p: string, body?: unknown) => signedFetch(emu().describe().huaweicloudNova as HwEndpoint, method, p, body);
const novaGroup = async (name: string) =>
  (await nova("POST", NOVA_GROUPS, { security_group: { name, description: "via nova" } })).body.security_group;
const novaRule = async (r: Record<string, unknown>) =>
  (await nova("POST", NOVA_RULES, { security_group_rule: r })).body.security_group_rule;
const vpcRule = async (r: Record<string, unknown>) => (await vpc("POST", VPC_RULES, { security_group_rule: r })).body.security_group_rule;
const fields = (r: any) =>
  `${r.direction} ${r.ethertype} ${r.protocol} ${r.multiport} ${r.remote_ip_prefix} ${r.remote_group_id ? "group" : null} ${r.action} ${r.priority}`;

describe("one store behind the VPC v3 and Nova listeners", () => {
  it("lists and shows a group created through Nova in VPC v3, with its Nova rules as VPC ingress rules", async () => {
    const g = await novaGroup("app");
    expect(g.rules).toEqual([]);
    const src = await novaGroup("src");
    await novaRule({ parent_group_id: g.id, ip_protocol: "tcp", from_port: 22, to_port: 22, cidr: "10.0.0.0/8" });
    await novaRule({ parent_group_id: g.id, ip_protocol: "tcp", from_port: 8000, to_port: 8080, cidr: "2001:db8::/32" });
    await novaRule({ parent_group_id: g.id, ip_protocol: "udp", group_id: src.id });
    await novaRule({ parent_group_id: g.id, ip_protocol: "icmp", from_port: -1, to_port: -1 });

    const listed = await vpc("GET", VPC_GROUPS, undefined);
    expect(listed.body.security_groups.map((x: any) => x.name).sort()).toEqual(["app", "default", "src"]);
    const shown = await vpc("GET", `${VPC_GROUPS}/${g.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.security_group).toMatchObject({
      id: g.id,
      name: "app",
      description: "via nova",
      project_id: g.tenant_id,
      enterprise_project_id: "0",
    });
    expect(shown.body.security_group.security_group_rules.map(fields).sort()).toEqual([
      "egress IPv4 null null null null allow 100",
      "egress IPv6 null null null null allow 100",
      "ingress IPv4 icmp null 0.0.0.0/0 null allow 1",
      "ingress IPv4 tcp 22 10.0.0.0/8 null allow 1",
      "ingress IPv4 udp 1-65535 null group allow 1",
      "ingress IPv6 tcp 8000-8080 2001:db8::/32 null allow 1",
    ]);
  });

  it("shows a rule added through VPC v3 in Nova's group, and leaves out what Nova cannot express", async () => {
    const g = (await vpc("POST", VPC_GROUPS, { security_group: { name: "web" } })).body.security_group;
    const web = await vpcRule({
      security_group_id: g.id,
      direction: "ingress",
      protocol: "tcp",
      multiport: "80-90",
      remote_ip_prefix: "192.168.0.0/16",
    });
    const any = await vpcRule({ security_group_id: g.id, direction: "ingress", ethertype: "IPv6", protocol: "udp" });
    await vpcRule({ security_group_id: g.id, direction: "ingress", protocol: "tcp", multiport: "22,3389", remote_ip_prefix: "10.0.0.0/8" });
    await vpcRule({ security_group_id: g.id, direction: "ingress", protocol: "tcp", multiport: "23", action: "deny" });
    await vpcRule({ security_group_id: g.id, direction: "egress", protocol: "tcp", multiport: "25" });

    const shown = (await nova("GET", `${NOVA_GROUPS}/${g.id}`)).body.security_group;
    expect(shown).toMatchObject({ id: g.id, name: "web", description: "", tenant_id: g.project_id });
    const byId = Object.fromEntries(shown.rules.map((r: any) => [r.id, r]));
    expect(byId[web.id]).toEqual({
      id: web.id,
      parent_group_id: g.id,
      ip_protocol: "tcp",
      from_port: 80,
      to_port: 90,
      ip_range: { cidr: "192.168.0.0/16" },
      group: {},
    });
    // A protocol without ports shows 1-65535, and no remote shows 0.0.0.0/0 even on IPv6 (upstream Nova).
    expect(byId[any.id]).toEqual({
      id: any.id,
      parent_group_id: g.id,
      ip_protocol: "udp",
      from_port: 1,
      to_port: 65535,
      ip_range: { cidr: "0.0.0.0/0" },
      group: {},
    });
    // The two default ingress rules from the group itself, IPv4 and IPv6, look the same in Nova.
    const self = shown.rules.filter((r: any) => r.group.name === "web");
    expect(self).toEqual(
      [0, 1].map(() => ({
        id: expect.any(String),
        parent_group_id: g.id,
        ip_protocol: null,
        from_port: null,
        to_port: null,
        ip_range: {},
        group: { name: "web", tenant_id: g.project_id },
      })),
    );
    expect(shown.rules).toHaveLength(4);

    // A duplicate through Nova of a VPC rule is Nova's 400; Nova deletes the VPC rule (202) and VPC no longer has it.
    const dup = await nova("POST", NOVA_RULES, {
      security_group_rule: { parent_group_id: g.id, ip_protocol: "tcp", from_port: 80, to_port: 90, cidr: "192.168.0.0/16" },
    });
    expect([dup.status, dup.body]).toEqual([400, { badRequest: { code: 400, message: `This rule already exists in group ${g.id}` } }]);
    expect((await nova("DELETE", `${NOVA_RULES}/${web.id}`)).status).toBe(202);
    const gone = await vpc("GET", `${VPC_RULES}/${web.id}`);
    expect([gone.status, gone.body.error_code]).toEqual([404, "VPC.9904"]);
  });

  it("keeps an ICMP type and code made through Nova for Nova, and a rule made through Nova is deleted through VPC", async () => {
    const g = await novaGroup("ping");
    const echo = await novaRule({ parent_group_id: g.id, ip_protocol: "icmp", from_port: 8, to_port: 0, cidr: "10.0.0.0/8" });
    expect(echo).toMatchObject({ ip_protocol: "icmp", from_port: 8, to_port: 0, ip_range: { cidr: "10.0.0.0/8" } });
    const asVpc = (await vpc("GET", `${VPC_RULES}/${echo.id}`)).body.security_group_rule;
    expect(asVpc).toMatchObject({ direction: "ingress", protocol: "icmp", multiport: null, remote_ip_prefix: "10.0.0.0/8" });
    expect(asVpc.nova_icmp).toBeUndefined();
    expect((await nova("GET", `${NOVA_GROUPS}/${g.id}`)).body.security_group.rules).toEqual([echo]);
    expect((await vpc("DELETE", `${VPC_RULES}/${echo.id}`)).status).toBe(204);
    expect((await nova("GET", `${NOVA_GROUPS}/${g.id}`)).body.security_group.rules).toEqual([]);
  });

  it("a group on a server is in use for VPC too; a group deleted through VPC is gone for Nova", async () => {
    const g = await novaGroup("attached");
    expect(
      (await nova("POST", `/v2.1/{project_id}/servers/${DEMO_SERVER_ID}/action`, { addSecurityGroup: { name: "attached" } })).status,
    ).toBe(202);
    const inUse = await vpc("DELETE", `${VPC_GROUPS}/${g.id}`);
    expect([inUse.status, inUse.body.error_code, inUse.body.error_msg]).toEqual([409, "VPC.9902", `Security group ${g.id} is in use.`]);
    expect(
      (await nova("POST", `/v2.1/{project_id}/servers/${DEMO_SERVER_ID}/action`, { removeSecurityGroup: { name: g.id } })).status,
    ).toBe(202);
    expect((await vpc("DELETE", `${VPC_GROUPS}/${g.id}`)).status).toBe(204);
    const gone = await nova("GET", `${NOVA_GROUPS}/${g.id}`);
    expect([gone.status, gone.body]).toEqual([404, { itemNotFound: { code: 404, message: `Security group ${g.id} not found.` } }]);
  });

  it("resetting either listener resets the one store both see", async () => {
    const g = await novaGroup("before-reset");
    await fetch(`${emu().url("huaweicloud")}/_emulator/reset`, { method: "POST" });
    expect((await nova("GET", `${NOVA_GROUPS}/${g.id}`)).status).toBe(404);
    const v = (await vpc("POST", VPC_GROUPS, { security_group: { name: "vpc-side" } })).body.security_group;
    expect((await nova("GET", `${NOVA_GROUPS}/${v.id}`)).status).toBe(200);
    await fetch(`${emu().url("huaweicloudNova")}/_emulator/reset`, { method: "POST" });
    expect((await vpc("GET", `${VPC_GROUPS}/${v.id}`)).status).toBe(404);
    // The demo server is back in its project's new default group, which both APIs see.
    const server = (await nova("GET", `/v2.1/{project_id}/servers/${DEMO_SERVER_ID}/os-security-groups`)).body.security_groups;
    expect(server.map((x: any) => x.name)).toEqual(["default"]);
    expect((await vpc("GET", `${VPC_GROUPS}/${server[0].id}`)).status).toBe(200);
    expect(await emu().state("huaweicloudNova")).toEqual(await emu().state("huaweicloud"));
  });
});

describe("--state with the shared store", () => {
  it("restores one store for both listeners, and a reset after the restore still resets both", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hw-state-"));
    const statePath = path.join(dir, "state.json");
    const first = await startTestEmulator({ clouds: ["huaweicloud", "huaweicloudNova"], statePath });
    const novaEp = first.describe().huaweicloudNova as HwEndpoint;
    const g = (await signedFetch(novaEp, "POST", NOVA_GROUPS, { security_group: { name: "kept", description: "" } })).body.security_group;
    await first.close();

    const second = await startTestEmulator({ clouds: ["huaweicloud", "huaweicloudNova"], statePath });
    try {
      const vpcEp = second.describe().huaweicloud as HwEndpoint;
      const nova2 = second.describe().huaweicloudNova as HwEndpoint;
      expect((await signedFetch(vpcEp, "GET", `${VPC_GROUPS}/${g.id}`)).body.security_group.name).toBe("kept");
      const r = (
        await signedFetch(nova2, "POST", NOVA_RULES, {
          security_group_rule: { parent_group_id: g.id, ip_protocol: "tcp", from_port: 443, to_port: 443 },
        })
      ).body.security_group_rule;
      expect((await signedFetch(vpcEp, "GET", `${VPC_RULES}/${r.id}`)).body.security_group_rule.multiport).toBe("443");
      await fetch(`${second.url("huaweicloudNova")}/_emulator/reset`, { method: "POST" });
      expect((await signedFetch(vpcEp, "GET", `${VPC_GROUPS}/${g.id}`)).status).toBe(404);
      expect((await signedFetch(nova2, "GET", `${NOVA_GROUPS}/${g.id}`)).status).toBe(404);
    } finally {
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
