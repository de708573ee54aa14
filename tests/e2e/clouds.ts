// What the end-to-end suite needs to know of each API: how to declare a group and a rule in the e2e program, and
// how to look at (and change, out of band) the cloud through its own API, never through our outputs.
import { signedFetch } from "../huaweicloud/signed-fetch";
import type { TestEmulator } from "../helpers/emulator";

export interface Declared {
  type: string;
  name: string;
  args: Record<string, unknown>;
  import?: string;
  deleteBeforeReplace?: boolean;
}

/** A rule as the cloud's API shows it, reduced to what the scenarios compare. */
export interface LiveRule {
  id?: string;
  port?: number;
  description?: string;
}

export interface CloudCase {
  /** Module in the type token and in `pulumi-secgroups` (e.g. `huaweicloud/nova`). */
  module: string;
  /** The emulator listener serving this API. */
  emulatorCloud: string;
  /** Group arguments; `ports` become inline rules (the group then owns its rule set). */
  group(name: string, ports?: number[], description?: string): Record<string, unknown>;
  /** A rule resource on the group declared as `groupRef`. */
  rule(groupRef: string, port: number, description?: string): Record<string, unknown>;
  /** What replaces a rule resource whose port changes: "replace" (new object) or "update" (in place). */
  rulePortChange: "replace" | "update";
  /** Whether a rule resource's description exists and forces a replacement with the same rule tuple. */
  collidingReplacement: boolean;
  /** Rules have ids of their own in the API (Genesis rules have none). */
  ruleIds: boolean;
  api(emu: TestEmulator): CloudApi;
}

/** The cloud's own API, as any client of it would call it. */
export interface CloudApi {
  group(id: string): Promise<{ name: string; description?: string } | undefined>;
  /** Ingress rules of a group that the scenarios declare (ports), in the API's order. */
  rules(groupId: string): Promise<LiveRule[]>;
  addRule(groupId: string, port: number): Promise<void>;
  deleteRule(groupId: string, rule: LiveRule): Promise<void>;
  /** Creates a group with one rule on `port` outside Pulumi; returns their ids for `opts.import`. */
  createOutside(name: string, port: number): Promise<{ groupId: string; ruleId?: string }>;
  /** Every group of the demo project whose name starts with `prefix`. */
  groupsNamed(prefix: string): Promise<string[]>;
}

const CIDR = "10.0.0.0/8";

async function json(res: Response): Promise<any> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function nhnApi(emu: TestEmulator): CloudApi {
  const base = emu.url("nhn");
  let token: string | undefined;
  const call = async (method: string, path: string, body?: unknown) => {
    token ??= (
      await json(
        await fetch(`${base}/v2.0/tokens`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
        }),
      )
    ).access.token.id;
    return json(
      await fetch(`${base}${path}`, {
        method,
        headers: { "x-auth-token": token!, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  };
  const ruleBody = (groupId: string, port: number) => ({
    security_group_rule: {
      security_group_id: groupId,
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      port_range_min: port,
      port_range_max: port,
      remote_ip_prefix: CIDR,
    },
  });
  return {
    group: async (id) => (await call("GET", `/v2.0/security-groups`)).security_groups.find((g: any) => g.id === id),
    rules: async (groupId) =>
      (await call("GET", `/v2.0/security-group-rules?security_group_id=${groupId}`)).security_group_rules
        .filter((r: any) => r.direction === "ingress")
        .map((r: any) => ({ id: r.id, port: r.port_range_min ?? undefined, description: r.description || undefined })),
    addRule: async (groupId, port) => void (await call("POST", "/v2.0/security-group-rules", ruleBody(groupId, port))),
    deleteRule: async (_groupId, rule) => void (await call("DELETE", `/v2.0/security-group-rules/${rule.id}`)),
    createOutside: async (name, port) => {
      const group = (await call("POST", "/v2.0/security-groups", { security_group: { name, description: "made by hand" } })).security_group;
      const rule = (await call("POST", "/v2.0/security-group-rules", ruleBody(group.id, port))).security_group_rule;
      return { groupId: group.id, ruleId: rule.id };
    },
    groupsNamed: async (prefix) =>
      (await call("GET", "/v2.0/security-groups")).security_groups.map((g: any) => g.name).filter((n: string) => n.startsWith(prefix)),
  };
}

function huaweiEndpoint(emu: TestEmulator, cloud: string) {
  const d = emu.describe()[cloud] as { url: string; accessKey: string; secretKey: string; projectId: string };
  return { url: d.url, accessKey: d.accessKey, secretKey: d.secretKey, projectId: d.projectId };
}

async function signed(ep: ReturnType<typeof huaweiEndpoint>, method: string, path: string, body?: unknown, query?: Record<string, string>) {
  const answer = await signedFetch(ep, method, path, body, { query });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

function huaweiApi(emu: TestEmulator): CloudApi {
  const ep = huaweiEndpoint(emu, "huaweicloud");
  const v3 = "/v3/{project_id}/vpc";
  const ruleBody = (groupId: string, port: number) => ({
    security_group_rule: {
      security_group_id: groupId,
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      multiport: String(port),
      remote_ip_prefix: CIDR,
    },
  });
  return {
    group: async (id) => (await signed(ep, "GET", `${v3}/security-groups`)).security_groups.find((g: any) => g.id === id),
    rules: async (groupId) =>
      (await signed(ep, "GET", `${v3}/security-group-rules`, undefined, { security_group_id: groupId })).security_group_rules
        // Not the cloud's default "from the group's own members" rules, which a group without `rules` keeps.
        .filter((r: any) => r.direction === "ingress" && !r.remote_group_id)
        .map((r: any) => ({ id: r.id, port: r.multiport ? Number(r.multiport) : undefined, description: r.description || undefined })),
    addRule: async (groupId, port) => void (await signed(ep, "POST", `${v3}/security-group-rules`, ruleBody(groupId, port))),
    deleteRule: async (_groupId, rule) => void (await signed(ep, "DELETE", `${v3}/security-group-rules/${rule.id}`)),
    createOutside: async (name, port) => {
      const group = (await signed(ep, "POST", `${v3}/security-groups`, { security_group: { name, description: "made by hand" } }))
        .security_group;
      const rule = (await signed(ep, "POST", `${v3}/security-group-rules`, ruleBody(group.id, port))).security_group_rule;
      return { groupId: group.id, ruleId: rule.id };
    },
    groupsNamed: async (prefix) =>
      (await signed(ep, "GET", `${v3}/security-groups`)).security_groups
        .map((g: any) => g.name)
        .filter((n: string) => n.startsWith(prefix)),
  };
}

function novaApi(emu: TestEmulator): CloudApi {
  const ep = huaweiEndpoint(emu, "huaweicloudNova");
  const p = "/v2.1/{project_id}";
  const ruleBody = (groupId: string, port: number) => ({
    security_group_rule: { parent_group_id: groupId, ip_protocol: "tcp", from_port: port, to_port: port, cidr: CIDR },
  });
  return {
    group: async (id) => (await signed(ep, "GET", `${p}/os-security-groups`)).security_groups.find((g: any) => g.id === id),
    rules: async (groupId) => {
      const group = (await signed(ep, "GET", `${p}/os-security-groups/${groupId}`)).security_group;
      return group.rules.map((r: any) => ({ id: r.id, port: r.from_port ?? undefined }));
    },
    addRule: async (groupId, port) => void (await signed(ep, "POST", `${p}/os-security-group-rules`, ruleBody(groupId, port))),
    deleteRule: async (_groupId, rule) => void (await signed(ep, "DELETE", `${p}/os-security-group-rules/${rule.id}`)),
    createOutside: async (name, port) => {
      const group = (await signed(ep, "POST", `${p}/os-security-groups`, { security_group: { name, description: "made by hand" } }))
        .security_group;
      const rule = (await signed(ep, "POST", `${p}/os-security-group-rules`, ruleBody(group.id, port))).security_group_rule;
      return { groupId: group.id, ruleId: rule.id };
    },
    groupsNamed: async (prefix) =>
      (await signed(ep, "GET", `${p}/os-security-groups`)).security_groups
        .map((g: any) => g.name)
        .filter((n: string) => n.startsWith(prefix)),
  };
}

function scalewayApi(emu: TestEmulator): CloudApi {
  const d = emu.describe().scaleway as { url: string; secretKey: string; projectId: string; zone: string };
  const base = `${d.url}/instance/v1/zones/${d.zone}`;
  const call = async (method: string, path: string, body?: unknown) =>
    json(
      await fetch(`${base}${path}`, {
        method,
        headers: { "x-auth-token": d.secretKey, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const ruleBody = (port: number) => ({ protocol: "TCP", direction: "inbound", action: "accept", ip_range: CIDR, dest_port_from: port });
  return {
    group: async (id) => (await call("GET", `/security_groups/${id}`).catch(() => undefined))?.security_group,
    rules: async (groupId) =>
      (await call("GET", `/security_groups/${groupId}/rules`)).rules
        .filter((r: any) => r.editable !== false && r.direction === "inbound")
        .map((r: any) => ({ id: r.id, port: r.dest_port_from ?? undefined })),
    addRule: async (groupId, port) => void (await call("POST", `/security_groups/${groupId}/rules`, ruleBody(port))),
    deleteRule: async (groupId, rule) => void (await call("DELETE", `/security_groups/${groupId}/rules/${rule.id}`)),
    createOutside: async (name, port) => {
      const group = (
        await call("POST", "/security_groups", {
          name,
          description: "made by hand",
          project: d.projectId,
          stateful: true,
          inbound_default_policy: "drop",
          outbound_default_policy: "accept",
        })
      ).security_group;
      const rule = (await call("POST", `/security_groups/${group.id}/rules`, ruleBody(port))).rule;
      return { groupId: group.id, ruleId: rule.id };
    },
    groupsNamed: async (prefix) =>
      (await call("GET", `/security_groups?project=${d.projectId}`)).security_groups
        .map((g: any) => g.name)
        .filter((n: string) => n.startsWith(prefix)),
  };
}

function genesisApi(emu: TestEmulator): CloudApi {
  const d = emu.describe().genesiscloud as { url: string; token: string };
  const base = `${d.url}/compute/v1/security-groups`;
  const call = async (method: string, path: string, body?: unknown) =>
    json(
      await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${d.token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const settled = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      const group = (await call("GET", `/${id}`)).security_group;
      if (group.status === "created") return group;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`genesis group ${id} did not settle`);
  };
  const wire = (port: number) => ({ protocol: "tcp", direction: "ingress", port_range_min: port, port_range_max: port });
  return {
    group: async (id) => (await call("GET", `/${id}`).catch(() => undefined))?.security_group,
    rules: async (groupId) =>
      (await settled(groupId)).rules
        .filter((r: any) => r.direction === "ingress")
        .map((r: any) => ({ port: r.port_range_min ?? undefined })),
    addRule: async (groupId, port) => {
      const group = await settled(groupId);
      await call("PATCH", `/${groupId}`, { rules: [...group.rules, wire(port)] });
      await settled(groupId);
    },
    deleteRule: async (groupId, rule) => {
      const group = await settled(groupId);
      await call("PATCH", `/${groupId}`, {
        rules: group.rules.filter((r: any) => !(r.direction === "ingress" && r.port_range_min === rule.port)),
      });
      await settled(groupId);
    },
    createOutside: async (name, port) => {
      const group = (
        await call("POST", "", { name, description: "made by hand", rules: [wire(port), { protocol: "all", direction: "egress" }] })
      ).security_group;
      await settled(group.id);
      return { groupId: group.id };
    },
    groupsNamed: async (prefix) =>
      (await call("GET", "?per_page=100")).security_groups.map((g: any) => g.name).filter((n: string) => n.startsWith(prefix)),
  };
}

const neutronRule = (port: number, description?: string) => ({
  direction: "ingress",
  protocol: "tcp",
  portRangeMin: port,
  portRangeMax: port,
  remoteIpPrefix: CIDR,
  ...(description ? { description } : {}),
});

export const CLOUD_CASES: Record<string, CloudCase> = {
  nhn: {
    module: "nhn",
    emulatorCloud: "nhn",
    group: (name, ports, description = "e2e") => ({ name, description, ...(ports ? { rules: ports.map((p) => neutronRule(p)) } : {}) }),
    rule: (groupRef, port, description) => ({ securityGroupId: { ref: groupRef }, ...neutronRule(port, description) }),
    rulePortChange: "replace",
    collidingReplacement: true,
    ruleIds: true,
    api: nhnApi,
  },
  huaweicloud: {
    module: "huaweicloud",
    emulatorCloud: "huaweicloud",
    group: (name, ports, description = "e2e") => ({
      name,
      description,
      ...(ports
        ? { rules: ports.map((p) => ({ direction: "ingress", protocol: "tcp", multiport: String(p), remoteIpPrefix: CIDR })) }
        : {}),
    }),
    rule: (groupRef, port, description) => ({
      securityGroupId: { ref: groupRef },
      direction: "ingress",
      protocol: "tcp",
      multiport: String(port),
      remoteIpPrefix: CIDR,
      ...(description ? { description } : {}),
    }),
    rulePortChange: "replace",
    collidingReplacement: true,
    ruleIds: true,
    api: huaweiApi,
  },
  "huaweicloud/nova": {
    module: "huaweicloud/nova",
    emulatorCloud: "huaweicloudNova",
    group: (name, ports, description = "e2e") => ({
      name,
      description,
      ...(ports ? { rules: ports.map((p) => ({ ipProtocol: "tcp", fromPort: p, toPort: p, cidr: CIDR })) } : {}),
    }),
    rule: (groupRef, port) => ({ parentGroupId: { ref: groupRef }, ipProtocol: "tcp", fromPort: port, toPort: port, cidr: CIDR }),
    rulePortChange: "replace",
    collidingReplacement: false,
    ruleIds: true,
    api: novaApi,
  },
  scaleway: {
    module: "scaleway",
    emulatorCloud: "scaleway",
    group: (name, ports, description = "e2e") => ({
      name,
      description,
      inboundDefaultPolicy: "drop",
      ...(ports
        ? { rules: ports.map((p) => ({ protocol: "TCP", direction: "inbound", action: "accept", ipRange: CIDR, destPortFrom: p })) }
        : {}),
    }),
    rule: (groupRef, port) => ({
      securityGroupId: { ref: groupRef },
      protocol: "TCP",
      direction: "inbound",
      action: "accept",
      ipRange: CIDR,
      destPortFrom: port,
    }),
    rulePortChange: "update",
    collidingReplacement: false,
    ruleIds: true,
    api: scalewayApi,
  },
  genesiscloud: {
    module: "genesiscloud",
    emulatorCloud: "genesiscloud",
    group: (name, ports, description = "e2e") => ({
      name,
      description,
      ...(ports
        ? {
            rules: [
              ...ports.map((p) => ({ protocol: "tcp", direction: "ingress", portRangeMin: p, portRangeMax: p })),
              { protocol: "all", direction: "egress" },
            ],
          }
        : {}),
    }),
    rule: (groupRef, port) => ({
      securityGroupId: { ref: groupRef },
      protocol: "tcp",
      direction: "ingress",
      portRangeMin: port,
      portRangeMax: port,
    }),
    rulePortChange: "replace",
    collidingReplacement: false,
    ruleIds: false,
    api: genesisApi,
  },
};

/** A resource of the e2e program. */
export function declare(
  c: CloudCase,
  kind: "SecurityGroup" | "SecurityGroupRule" | "ServerSecurityGroup",
  name: string,
  args: Record<string, unknown>,
  extra: Partial<Declared> = {},
): Declared {
  return { type: `${c.module}:${kind}`, name, args, ...extra };
}
