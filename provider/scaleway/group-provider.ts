import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { isInUse, isNotFound, SecgroupsError } from "../core/errors";
import type { HttpClient } from "../core/http";
import { createIdempotent, deleteIfExists, finishCreate, readIfExists } from "../core/lifecycle";
import { log } from "../core/log";
import { withoutUndefined } from "../core/outputs";
import { stableKey } from "../core/rule-set";
import * as api from "./api-client";
import { connect, projectFor } from "./connection";
import { InlineRule, SecurityGroupInputs } from "./inputs";
import { editableRules, groupBody, groupFields, groupOutputs, LiveRule, withoutIdentity } from "./marshal";
import { isNoop, planRules } from "./rule-plan";
import { strip } from "../core/outputs";
import { splitImportId } from "./props";

type Props = Record<string, any>;

/** Group fields PATCH can change in place; zone and project cannot move. */
const UPDATABLE = ["name", "description", "stateful", "inboundDefaultPolicy", "outboundDefaultPolicy", "projectDefault", "enableDefaultSecurity", "tags"] as const;
const WIRE_NAME: Record<(typeof UPDATABLE)[number], keyof api.GroupBody> = {
  name: "name", description: "description", stateful: "stateful", inboundDefaultPolicy: "inbound_default_policy", outboundDefaultPolicy: "outbound_default_policy",
  projectDefault: "project_default", enableDefaultSecurity: "enable_default_security", tags: "tags",
};

const changedFields = (olds: Props, news: Props) => UPDATABLE.filter((f) => stableKey(olds[f] ?? null) !== stableKey(news[f] ?? null));
const liveOf = (props: Props): LiveRule[] => props.securityGroupRules ?? [];

/**
 * Makes the group's editable rules exactly `desired`, in order, with one PUT `/rules` that keeps the ids of
 * rules that stay. If the cloud no longer has a rule state remembers (deleted out of band), the live rules are
 * re-read and the PUT planned again, once.
 */
export async function applyRules(c: HttpClient, zone: string, groupId: string, desired: InlineRule[], live: LiveRule[], retried = false): Promise<LiveRule[]> {
  const plan = planRules(desired, live);
  if (isNoop(plan)) return live;
  log(`security group ${groupId}: ${plan.created} rule(s) to create, ${plan.updated} to update in place, ${plan.deleted} to delete, ${plan.kept} kept (${plan.moved} moved)`);
  try {
    return editableRules(await api.setRules(c, zone, groupId, plan.body));
  } catch (error) {
    if (retried || !isNotFound(error) || plan.kept + plan.updated === 0) throw error;
    log(`security group ${groupId}: a rule known to state is gone; re-reading the rules`);
    return applyRules(c, zone, groupId, desired, editableRules(await api.listRules(c, zone, groupId)), true);
  }
}

/** `scaleway.SecurityGroup`: every field but zone and project updates in place; inline `rules`, when given, own the whole editable rule set. */
export const securityGroupProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return checkInputs(SecurityGroupInputs, news);
  },

  async diff(_id, olds: Props, news: Props) {
    const replaces = (["zone", "projectId"] as const).filter((f) => news[f] !== undefined && news[f] !== olds[f]);
    const changed = changedFields(olds, news);
    const rulesChanged = news.rules === undefined ? olds.rules !== undefined : stableKey(news.rules) !== stableKey(olds.rules ?? liveOf(olds).map(withoutIdentity));
    return { changes: replaces.length > 0 || changed.length > 0 || rulesChanged, replaces, deleteBeforeReplace: false };
  },

  async create(raw: Props) {
    const inputs = SecurityGroupInputs.parse(strip(raw));
    const conn = connect();
    const c = conn.client;
    const zone = inputs.zone ?? conn.defaultZone;
    const project = projectFor(conn, inputs.projectId);
    const startedAt = Date.now();
    let answered = false;
    const group = await createIdempotent({
      what: `security group ${inputs.name}`,
      create: async () => {
        const g = await api.createGroup(c, zone, { ...groupBody(inputs), project });
        answered = true;
        return g;
      },
      find: async () =>
        (await api.findGroupsByName(c, zone, inputs.name, project)).find((g) => (g.description ?? "") === inputs.description && Date.parse(g.creation_date ?? "0") >= startedAt - 60_000),
    });
    const managed = inputs.rules !== undefined;
    let live: LiveRule[] = [];
    const outs = () => withoutUndefined({ ...inputs, ...groupOutputs(group, live, managed) });
    return finishCreate(group.id, outs, async () => {
      // A new group has no editable rules; one found after an unanswered create may already have some.
      if (managed && !answered) live = editableRules(await api.listRules(c, zone, group.id));
      if (managed) live = await applyRules(c, zone, group.id, inputs.rules!, live);
      return outs();
    }).then((o) => ({ id: group.id, outs: o }));
  },

  async read(rawId, props: Props) {
    const conn = connect();
    const { id, zone } = splitImportId(rawId, props.zone ?? conn.defaultZone);
    const group = await readIfExists(() => api.getGroup(conn.client, zone, id));
    if (!group) return {} as pulumi.dynamic.ReadResult;
    const wire = await readIfExists(() => api.listRules(conn.client, zone, id));
    if (!wire) return {} as pulumi.dynamic.ReadResult;
    const managed = props.rules !== undefined;
    const outs = withoutUndefined({ ...strip(props), ...groupOutputs(group, editableRules(wire), managed) });
    const importing = props.securityGroupRules === undefined;
    return { id, props: outs, ...(importing ? { inputs: groupFields(group) } : {}) };
  },

  async update(id, olds: Props, news: Props) {
    const inputs = SecurityGroupInputs.parse(strip(news));
    const c = connect().client;
    const zone: string = olds.zone;
    const changed = changedFields(olds, inputs);
    const group = changed.length
      ? await api.updateGroup(c, zone, id, Object.fromEntries(changed.map((f) => [WIRE_NAME[f], inputs[f]])))
      : undefined;
    const managed = inputs.rules !== undefined;
    const live = managed ? await applyRules(c, zone, id, inputs.rules!, liveOf(olds)) : liveOf(olds);
    const { rules: _stale, ...previous } = strip(olds);
    const fields = group ? groupOutputs(group, live, managed) : { securityGroupRules: live, ...(managed ? { rules: live.map(withoutIdentity) } : {}) };
    return { outs: withoutUndefined({ ...previous, ...inputs, zone, projectId: olds.projectId, ...fields }) };
  },

  async delete(id, props: Props) {
    const conn = connect();
    const zone = props.zone ?? conn.defaultZone;
    try {
      await deleteIfExists(() => api.deleteGroup(conn.client, zone, id));
    } catch (error) {
      if (!isInUse(error)) throw error;
      const servers = (await api.getGroup(conn.client, zone, id).catch(() => undefined))?.servers ?? [];
      const by = servers.length ? ` by ${servers.length} server(s): ${servers.map((s) => `${s.name ?? ""} (${s.id})`).join(", ")}` : "";
      throw new SecgroupsError("InUse", (error as SecgroupsError).context, `security group ${id} is in use${by}; attach those servers to another security group, then run the command again`, { cause: error });
    }
  },
};
