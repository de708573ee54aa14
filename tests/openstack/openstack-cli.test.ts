import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { promisify } from "node:util";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";

/** `openstack security group rule create` arguments for SSH from 10.0.0.0/8 (made twice: the second is the duplicate). */
const sshRuleArgs = (groupId: string) => ["--ingress", "--protocol", "tcp", "--dst-port", "22", "--remote-ip", "10.0.0.0/8", groupId];

// The real OpenStack CLI (Debian's python3-openstackclient, installed by .ci/run) against the OpenStack emulator,
// signing in with Keystone v3: password (project by name and domain, or by id) and application credential.
const run = promisify(execFile);
const CLI = ["/usr/bin/openstack", "/usr/local/bin/openstack"].find((p) => fs.existsSync(p));
if (!CLI && process.env.CI) throw new Error("the OpenStack CLI is missing: .ci/run installs python3-openstackclient");

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["openstack"] });
});
afterAll(() => emu.close());

const demo = () => emu.describe().openstack as Record<string, string>;
const base = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  OS_AUTH_URL: demo().authUrl,
  OS_IDENTITY_API_VERSION: "3",
  OS_REGION_NAME: demo().region,
});
const byProjectName = () => ({
  ...base(),
  OS_USERNAME: demo().username,
  OS_PASSWORD: demo().password,
  OS_USER_DOMAIN_NAME: demo().userDomainName,
  OS_PROJECT_NAME: demo().projectName,
  OS_PROJECT_DOMAIN_NAME: demo().projectDomainName,
});
const byProjectId = () => ({
  ...base(),
  OS_USERNAME: demo().username,
  OS_PASSWORD: demo().password,
  OS_USER_DOMAIN_NAME: demo().userDomainName,
  OS_PROJECT_ID: demo().projectId,
});
const byAppCredential = () => ({
  ...base(),
  OS_AUTH_TYPE: "v3applicationcredential",
  OS_APPLICATION_CREDENTIAL_ID: demo().applicationCredentialId,
  OS_APPLICATION_CREDENTIAL_SECRET: demo().applicationCredentialSecret,
});

async function openstack(env: Record<string, string | undefined>, ...args: string[]): Promise<any> {
  const json = args[args.length - 1] !== "--noformat";
  const { stdout } = await run(CLI!, json ? [...args, "-f", "json"] : args.slice(0, -1), { env, timeout: 60_000 });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

(CLI ? describe : describe.skip)("openstack CLI (Keystone v3) against the OpenStack emulator", () => {
  it("creates IPv4 and IPv6 rules, sees Neutron's duplicate error, lists and deletes, signed in by password", async () => {
    const env = byProjectName();
    const group = await openstack(env, "security", "group", "create", "cli-web", "--description", "made by the CLI");
    expect(group).toMatchObject({ name: "cli-web", description: "made by the CLI", project_id: demo().projectId, stateful: true });
    expect(group.rules).toHaveLength(2);

    const v4 = await openstack(env, "security", "group", "rule", "create", ...sshRuleArgs(group.id));
    expect(v4).toMatchObject({
      direction: "ingress",
      protocol: "tcp",
      port_range_min: 22,
      port_range_max: 22,
      remote_ip_prefix: "10.0.0.0/8",
    });
    const v6 = await openstack(
      env,
      "security",
      "group",
      "rule",
      "create",
      "--ingress",
      "--ethertype",
      "IPv6",
      "--protocol",
      "tcp",
      "--dst-port",
      "443",
      "--remote-ip",
      "2001:db8::/32",
      group.id,
    );
    expect(v6).toMatchObject({ ether_type: "IPv6", remote_ip_prefix: "2001:db8::/32" });

    const dup = await openstack(env, "security", "group", "rule", "create", ...sshRuleArgs(group.id)).catch((e) => e);
    expect(String(dup.stderr)).toContain(`Security group rule already exists. Rule id is ${v4.id}.`);

    const listed = await openstack(env, "security", "group", "rule", "list", group.id);
    const state = await emu.state("openstack");
    expect(listed.map((r: any) => r.ID).sort()).toEqual(
      Object.values(state.rules as Record<string, any>)
        .filter((r) => r.security_group_id === group.id)
        .map((r) => r.id)
        .sort(),
    );

    await openstack(env, "security", "group", "rule", "delete", v4.id, "--noformat");
    await openstack(env, "security", "group", "delete", group.id, "--noformat");
    expect((await openstack(env, "security", "group", "list")).map((g: any) => g.Name)).toEqual(["default"]);
  }, 120_000);

  it("signs in by project id and by application credential, and fails on a wrong password", async () => {
    const made = await openstack(byProjectId(), "security", "group", "create", "by-id");
    const seen = await openstack(byAppCredential(), "security", "group", "show", made.id);
    expect(seen).toMatchObject({ id: made.id, name: "by-id", project_id: demo().projectId });
    const wrong = await openstack({ ...byProjectName(), OS_PASSWORD: "nope" }, "security", "group", "list").catch((e) => e);
    expect(String(wrong.stderr)).toContain("The request you have made requires authentication. (HTTP 401)");
  }, 120_000);
});
