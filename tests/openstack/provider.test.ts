import { providers } from "../../provider/openstack/provider";
import { forgetAdoptions } from "../../provider/core/adopted-ids";
import { SecgroupsError } from "../../provider/core/errors";
import { openstackEnv, setEnv, useEmulatorWithEnv } from "../helpers/emulator";

// The OpenStack profile of the Neutron module against the emulator's `openstack` cloud (Keystone v3 + upstream Neutron).
const groups = providers.SecurityGroup;
const rules = providers.SecurityGroupRule;
const emu = useEmulatorWithEnv({ clouds: ["openstack"] }, (e) => ({ ...openstackEnv(e), SECGROUPS_QUIET: "1" }));
const demo = () => emu().describe().openstack as Record<string, string>;

const liveRules = async (groupId: string) =>
  Object.values((await emu().state("openstack")).rules as Record<string, any>).filter((r) => r.security_group_id === groupId);
const checked = async (provider: typeof groups, news: Record<string, unknown>) => {
  const res = await provider.check!({}, news);
  expect(res.failures).toEqual([]);
  return res.inputs;
};

describe("openstack.SecurityGroup", () => {
  it("signs in with Keystone v3 (password, project by name) and creates IPv4 and IPv6 rules with one bulk create", async () => {
    const inputs = await checked(groups, {
      name: "web",
      rules: [
        { direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443 },
        { direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: "::/0" },
        { direction: "ingress", protocol: "icmpv6", remoteIpPrefix: "2001:DB8::1/48" },
      ],
    });
    expect((inputs.rules as any[]).map((r) => [r.ethertype, r.protocol, r.remoteIpPrefix])).toEqual([
      ["IPv4", "tcp", "0.0.0.0/0"],
      ["IPv6", "tcp", "::/0"],
      ["IPv6", "ipv6-icmp", "2001:db8::/48"],
    ]);
    await emu().clearRequests("openstack");
    const { id, outs } = await groups.create(inputs);
    const counts = await emu().counts("openstack");
    console.log(JSON.stringify(counts));
    expect(counts["POST /v3/auth/tokens"]).toBe(1);
    expect(counts["POST /v2.0/security-group-rules"]).toBe(1);
    const live = await liveRules(id);
    expect(live.map((r) => [r.ethertype, r.protocol, r.remote_ip_prefix]).sort()).toEqual([
      ["IPv4", "tcp", "0.0.0.0/0"],
      ["IPv6", "ipv6-icmp", "2001:db8::/48"],
      ["IPv6", "tcp", "::/0"],
    ]);
    expect(outs.tenantId).toBe(demo().projectId);
    expect(outs.securityGroupRules).toHaveLength(3);
    expect(await groups.diff!(id, outs, inputs)).toEqual({ changes: false, replaces: [] });
    await groups.delete!(id, outs);
    expect(await groups.read!(id, outs)).toEqual({});
  });

  it("signs in with an application credential", async () => {
    const restore = setEnv({
      ...openstackEnv(emu(), "application-credential"),
      OS_USERNAME: undefined,
      OS_PASSWORD: undefined,
      OS_PROJECT_NAME: undefined,
    });
    try {
      const { id, outs } = await groups.create(await checked(groups, { name: "app-cred", deleteDefaultRules: true }));
      expect(outs.tenantId).toBe(demo().projectId);
      expect(await liveRules(id)).toEqual([]);
    } finally {
      restore();
    }
  });

  it("names every missing setting when there are no credentials", async () => {
    const restore = setEnv({ OS_USERNAME: undefined, OS_PASSWORD: undefined });
    try {
      const error = await groups.create(await checked(groups, { name: "x" })).catch((e) => e);
      expect(error).toBeInstanceOf(SecgroupsError);
      expect(error.code).toBe("Configuration");
      expect(error.message).toBe(
        "OpenStack configuration failed: missing credentials: set OS_USERNAME and OS_PASSWORD (with OS_PROJECT_NAME or OS_PROJECT_ID), or OS_APPLICATION_CREDENTIAL_ID and OS_APPLICATION_CREDENTIAL_SECRET",
      );
    } finally {
      restore();
    }
  });

  it("refuses a wrong password with Keystone's 401, never showing the password", async () => {
    // Another user: the token of the demo user is cached per process (by identity, never by password).
    const restore = setEnv({ OS_USERNAME: "other", OS_PROJECT_NAME: "other", OS_PASSWORD: "wrong-secret-password" });
    try {
      const error = await groups.create(await checked(groups, { name: "x" })).catch((e) => e);
      expect(error.code).toBe("Unauthorized");
      expect(error.message).toContain("OpenStack sign-in failed (POST /v3/auth/tokens -> 401");
      expect(error.message).not.toContain("wrong-secret-password");
    } finally {
      restore();
    }
  });

  it("turns 'in use' into an error naming the ports (upstream Neutron's port filter)", async () => {
    const { id, outs } = await groups.create(await checked(groups, { name: "busy" }));
    const port = (await (
      await fetch(`${emu().url("openstack")}/_emulator/openstack/ports`, {
        method: "POST",
        body: JSON.stringify({ tenantId: demo().projectId, securityGroupIds: [id] }),
      })
    ).json()) as { id: string };
    const error = await groups.delete!(id, outs).catch((e) => e);
    expect(error.code).toBe("InUse");
    expect(error.message).toContain(`security group ${id} is in use by 1 port(s): ${port.id}`);
  });
});

describe("openstack.SecurityGroup after a lost answer", () => {
  it("adopts the group its create made, recognised by created_at", async () => {
    await emu().fault("openstack", { method: "POST", path: "security-groups$", dropAfterAct: true });
    const { id } = await groups.create(await checked(groups, { name: "once" }));
    const all = Object.values((await emu().state("openstack")).groups as Record<string, any>).filter((g) => g.name === "once");
    expect(all.map((g) => g.id)).toEqual([id]);
  });

  it("does not list the same-named groups before a create (upstream Neutron answers created_at)", async () => {
    await groups.create(await checked(groups, { name: "warm-up" }));
    await emu().clearRequests("openstack");
    await groups.create(await checked(groups, { name: "plain" }));
    expect(await emu().counts("openstack")).toEqual({ "POST /v2.0/security-groups": 1 });
  });
});

describe("openstack.SecurityGroupRule", () => {
  it("creates an IPv6 rule, adopts an identical one, replaces on change and reads drift", async () => {
    const { id: groupId } = await groups.create(await checked(groups, { name: "db", deleteDefaultRules: true }));
    const inputs = await checked(rules, {
      securityGroupId: groupId,
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 5432,
      remoteIpPrefix: "fd00::/8",
    });
    const a = await rules.create(inputs);
    expect(a.outs).toMatchObject({
      ethertype: "IPv6",
      protocol: "tcp",
      portRangeMin: 5432,
      portRangeMax: 5432,
      remoteIpPrefix: "fd00::/8",
    });
    const again = await rules.create(inputs);
    expect(again.id).toBe(a.id);
    const changed = await checked(rules, { ...inputs, remoteIpPrefix: "fd00::/16" });
    expect(await rules.diff!(a.id, a.outs, changed)).toEqual({ changes: true, replaces: ["remoteIpPrefix"], deleteBeforeReplace: false });
    expect(await rules.diff!(a.id, a.outs, { ...inputs, description: "x" })).toEqual({
      changes: true,
      replaces: ["description"],
      deleteBeforeReplace: true,
    });
    expect((await rules.read!(a.id, a.outs)).props).toMatchObject({ securityGroupId: groupId, remoteIpPrefix: "fd00::/8" });
    // This process adopted a.id above, and keeps a delete from removing an adopted rule in the same run: delete as a later run.
    forgetAdoptions();
    await rules.delete!(a.id, a.outs);
    expect(await rules.read!(a.id, a.outs)).toEqual({});
    expect(await liveRules(groupId)).toEqual([]);
  });
});
