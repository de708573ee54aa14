import { kindProvider } from "./limits";
import { isInUse, SecgroupsError } from "../core/errors";
import { changedKeys, replacedKeys } from "../core/kind";
import { hasInlineRules, storedOnce } from "../core/inline-rules";
import { deleteIfExists, finishCreate, readIfExists } from "../core/lifecycle";
import { reconcileCreate } from "../core/reconcile";
import { stableKey } from "../core/rule-set";
import * as api from "./api-client";
import { connect, projectFor } from "./connection";
import { GROUP } from "./kinds";
import { currentOperation } from "../core/operation";
import { editableRules, groupBody, tagsWithToken, tokenTag, groupFields, groupOutputs, LiveRule, withoutIdentity } from "./marshal";
import { applyRules } from "./rule-sync";
import { splitImportId } from "./props";

/** Group fields PATCH can change in place; zone and project cannot move. */
const UPDATABLE = [
  "name",
  "description",
  "stateful",
  "inboundDefaultPolicy",
  "outboundDefaultPolicy",
  "projectDefault",
  "enableDefaultSecurity",
  "tags",
] as const;
const WIRE_NAME: Record<(typeof UPDATABLE)[number], keyof api.GroupBody> = {
  name: "name",
  description: "description",
  stateful: "stateful",
  inboundDefaultPolicy: "inbound_default_policy",
  outboundDefaultPolicy: "outbound_default_policy",
  projectDefault: "project_default",
  enableDefaultSecurity: "enable_default_security",
  tags: "tags",
};

const liveOf = (props: { securityGroupRules?: LiveRule[] }): LiveRule[] => props.securityGroupRules ?? [];

/** `scaleway.SecurityGroup`: every field but zone and project updates in place; inline `rules`, when given, own the whole editable rule set. */
export const securityGroupProvider = kindProvider(GROUP, {
  async diff(_id, olds, news) {
    const replaces = replacedKeys(GROUP, olds, news);
    const changed = changedKeys(UPDATABLE, olds, news);
    const rulesChanged =
      news.rules === undefined
        ? hasInlineRules(olds)
        : stableKey(news.rules) !== stableKey(olds.rules ?? liveOf(olds).map(withoutIdentity));
    return { changes: replaces.length > 0 || changed.length > 0 || rulesChanged, replaces, deleteBeforeReplace: false };
  },

  async create(inputs) {
    const conn = connect();
    const c = conn.client;
    const zone = inputs.zone ?? conn.defaultZone;
    const project = projectFor(conn, inputs.projectId);
    const startedAt = Date.now();
    const token = currentOperation()?.token;
    let answered = false;
    // With a creation token the group is found by its tag; without one, by name, description and creation time.
    const byToken = async () => (await api.findGroupsByTag(c, zone, tokenTag(token!), project))[0];
    const group = await reconcileCreate({
      what: `security group ${inputs.name}`,
      create: async () => {
        const g = await api.createGroup(c, zone, { ...groupBody(inputs, token), project });
        answered = true;
        return g;
      },
      find: token
        ? byToken
        : async () =>
            (await api.findGroupsByName(c, zone, inputs.name, project)).find(
              (g) => (g.description ?? "") === inputs.description && Date.parse(g.creation_date ?? "0") >= startedAt - 60_000,
            ),
      ...(token ? { findEarlier: byToken } : {}),
    });
    const managed = inputs.rules !== undefined;
    let live: LiveRule[] = [];
    const outs = () => storedOnce({ ...inputs, ...groupOutputs(group, live) }, managed);
    return finishCreate(group.id, outs, async () => {
      // A new group has no editable rules; one found after an unanswered create may already have some.
      if (managed && !answered) live = editableRules(await api.listRules(c, zone, group.id));
      if (managed) live = await applyRules(c, zone, group.id, inputs.rules!, live);
      return outs();
    }).then((o) => ({ id: group.id, outs: o }));
  },

  async read(rawId, props) {
    const conn = connect();
    const { id, zone } = splitImportId(rawId, props.zone ?? conn.defaultZone);
    const group = await readIfExists(() => api.getGroup(conn.client, zone, id));
    if (!group) return undefined;
    const wire = await readIfExists(() => api.listRules(conn.client, zone, id));
    if (!wire) return undefined;
    const outs = storedOnce({ ...props, ...groupOutputs(group, editableRules(wire)) }, hasInlineRules(props));
    const importing = props.securityGroupRules === undefined;
    return { id, props: outs, ...(importing ? { inputs: groupFields(group) } : {}) };
  },

  async update(id, olds, inputs) {
    const c = connect().client;
    const zone = olds.zone!;
    const changed = changedKeys(UPDATABLE, olds, inputs);
    const group = changed.length
      ? await api.updateGroup(
          c,
          zone,
          id,
          Object.fromEntries(
            changed.map((f) => [WIRE_NAME[f], f === "tags" ? tagsWithToken(inputs.tags, currentOperation()?.token) : inputs[f]]),
          ),
        )
      : undefined;
    const managed = inputs.rules !== undefined;
    const live = managed ? await applyRules(c, zone, id, inputs.rules!, liveOf(olds)) : liveOf(olds);
    const fields = group ? groupOutputs(group, live) : { securityGroupRules: live };
    return storedOnce({ ...olds, ...inputs, zone, projectId: olds.projectId, ...fields }, managed);
  },

  async delete(id, props) {
    const conn = connect();
    const zone = props.zone ?? conn.defaultZone;
    try {
      await deleteIfExists(() => api.deleteGroup(conn.client, zone, id));
    } catch (error) {
      if (!isInUse(error)) throw error;
      const servers = (await api.getGroup(conn.client, zone, id).catch(() => undefined))?.servers ?? [];
      const by = servers.length ? ` by ${servers.length} server(s): ${servers.map((s) => `${s.name ?? ""} (${s.id})`).join(", ")}` : "";
      throw new SecgroupsError(
        "InUse",
        (error as SecgroupsError).context,
        `security group ${id} is in use${by}; attach those servers to another security group, then run the command again`,
        { cause: error },
      );
    }
  },
});
