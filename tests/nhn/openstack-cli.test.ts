import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { promisify } from "node:util";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { describeIfAvailable } from "../helpers/skip";

/** `openstack security group rule create` arguments for SSH from 10.0.0.0/8 (made twice: the second is the duplicate). */
const sshRuleArgs = (groupId: string) => ["--ingress", "--protocol", "tcp", "--dst-port", "22", "--remote-ip", "10.0.0.0/8", groupId];

// The real OpenStack CLI (Debian's python3-openstackclient, installed by .ci/run) against the NHN emulator.
const run = promisify(execFile);
const CLI = ["/usr/bin/openstack", "/usr/local/bin/openstack"].find((p) => fs.existsSync(p));
if (!CLI && process.env.CI) throw new Error("the OpenStack CLI is missing: .ci/run installs python3-openstackclient");

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["nhn"] });
});
afterAll(() => emu.close());

async function openstack(...args: string[]): Promise<any> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    OS_AUTH_URL: `${emu.url("nhn")}/v2.0`,
    OS_IDENTITY_API_VERSION: "2",
    OS_USERNAME: "demo",
    OS_PASSWORD: "demo-password",
    OS_TENANT_ID: "demo-tenant",
    OS_REGION_NAME: "KR1",
  };
  const { stdout } = await run(
    CLI!,
    [...args, ...(args[args.length - 1] === "--noformat" ? [] : ["-f", "json"])].filter((a) => a !== "--noformat"),
    { env, timeout: 60_000 },
  );
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

describeIfAvailable(
  CLI,
  "no openstack CLI at /usr/bin/openstack or /usr/local/bin/openstack (.ci/run installs python3-openstackclient)",
  "openstack CLI against the NHN emulator",
  () => {
    it("creates, lists and deletes groups and rules, and sees Neutron's duplicate error", async () => {
      const group = await openstack("security", "group", "create", "cli-web", "--description", "made by the CLI");
      expect(group).toMatchObject({ name: "cli-web", description: "made by the CLI" });
      expect(group.rules ?? group.security_group_rules).toHaveLength(2);

      const rule = await openstack("security", "group", "rule", "create", ...sshRuleArgs(group.id));
      expect(rule).toMatchObject({
        direction: "ingress",
        protocol: "tcp",
        port_range_min: 22,
        port_range_max: 22,
        remote_ip_prefix: "10.0.0.0/8",
      });

      const dup = await openstack("security", "group", "rule", "create", ...sshRuleArgs(group.id)).catch((e) => e);
      expect(String(dup.stderr)).toContain(`Security group rule already exists. Rule id is ${rule.id}.`);

      const listed = await openstack("security", "group", "rule", "list", group.id);
      expect(listed.map((r: any) => r.ID).sort()).toEqual(
        Object.values((await emu.state("nhn")).rules as Record<string, any>)
          .filter((r) => r.security_group_id === group.id)
          .map((r) => r.id)
          .sort(),
      );

      await openstack("security", "group", "rule", "delete", rule.id, "--noformat");
      await openstack("security", "group", "delete", group.id, "--noformat");
      const groups = await openstack("security", "group", "list");
      expect(groups.map((g: any) => g.Name)).toEqual(["default"]);
    }, 120_000);
  },
);
