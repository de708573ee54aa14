import type * as pulumi from "@pulumi/pulumi";
import { kindProvider } from "./limits";
import { isInUse, SecgroupsError } from "../core/errors";
import type { HttpClient } from "../core/http";
import { changedKeys, replacedKeys } from "../core/kind";
import { hasInlineRules, storedOnce } from "../core/inline-rules";
import { deleteIfExists, finishCreate, readIfExists } from "../core/lifecycle";
import { reconcileCreate } from "../core/reconcile";
import { firstCandidate, GroupSummary, UnconfirmedLookup } from "../core/unconfirmed-create";
import { stableKey } from "../core/rule-set";
import * as api from "./api-client";
import type { InlineRule, LiveRule, SecurityGroupInputs } from "./inputs";
import { NeutronGroupKind, NeutronRuleKind } from "./kinds";
import { collisionKey, groupOutputs, ruleFromWire, ruleKey, rulesWithoutIds, withoutId } from "./marshal";
import { withIpv6Policy, type Ipv6Policy } from "./ipv6-policy";
import { createRuleBatched } from "./rule-batch";
import { isDefaultEgress, syncRules } from "./rule-sync";
import type { NeutronConnection } from "./session";
import type { WireGroup } from "./wire-schemas";

/** What differs between Neutron clouds: how to sign in, and how to say who uses a group. */
export interface NeutronProfile {
  /** The signed-in network API client. */
  connect(): Promise<NeutronConnection>;
  /** Who uses a group a delete found in use (e.g. "2 port(s): ..."), or "" when the cloud cannot say. */
  groupUsers?(c: HttpClient, groupId: string): Promise<string>;
  /** Set when the cloud refuses IPv6 rules unless a setting allows them (NHN). */
  ipv6?: Ipv6Policy;
  /** Whether groups carry `created_at` (upstream Neutron); without it a group create first lists the same-named groups. */
  groupsHaveCreatedAt: boolean;
}

/**
 * How to recognise the group a create made after its answer was lost, in this run or a later one: its name and
 * description, created since the create began (when the cloud says when), else not among the same-named groups
 * listed before it (one GET more).
 */
async function lostCreateLookup(c: HttpClient, profile: NeutronProfile, name: string, description: string): Promise<UnconfirmedLookup> {
  if (profile.groupsHaveCreatedAt) return { name, description, createdSince: Date.now() };
  return { name, description, notAmong: (await api.listGroupsByName(c, name)).map((g) => g.id) };
}

const summary = (g: WireGroup): GroupSummary => ({ id: g.id, name: g.name, description: g.description ?? "", createdAt: g.created_at });

/** The SecurityGroup and SecurityGroupRule providers of one Neutron profile. */
export function neutronProviders(
  kinds: { group: NeutronGroupKind; rule: NeutronRuleKind },
  profile: NeutronProfile,
): Record<"SecurityGroup" | "SecurityGroupRule", pulumi.dynamic.ResourceProvider> {
  return { SecurityGroup: groupProvider(kinds.group, profile), SecurityGroupRule: ruleProvider(kinds.rule, profile) };
}

/** Name and description update in place; inline `rules`, when given, own the whole rule set. */
function groupProvider(kind: NeutronGroupKind, profile: NeutronProfile) {
  return kindProvider(kind, {
    check: async (_olds, raw, validate) => withIpv6Policy(validate(raw), profile.ipv6),

    async diff(_id, olds, news) {
      const changed = changedKeys(["name", "description", "deleteDefaultRules"], olds, news);
      const rulesChanged =
        news.rules !== undefined &&
        stableKey(sortedRules(news.rules)) !== stableKey(sortedRules(olds.rules ?? olds.securityGroupRules ?? []));
      return { changes: changed.length > 0 || rulesChanged, replaces: [] };
    },

    async create(inputs) {
      const c = (await profile.connect()).client;
      const { name, description } = inputs;
      const lookup = await lostCreateLookup(c, profile, name, description);
      const group = await reconcileCreate({
        what: `security group ${name}`,
        create: () => api.createGroup(c, { name, description }),
        find: async () => firstCandidate(lookup, await api.listGroupsByName(c, name), summary),
        unconfirmed: () => lookup,
      });
      let live = group.security_group_rules.map(ruleFromWire);
      const outs = () => storedOnce({ ...inputs, ...groupOutputs(group, live) }, inputs.rules !== undefined);
      const o = await finishCreate(group.id, outs, async () => {
        live = await applyDesiredRules(c, group.id, inputs, live, { fresh: true });
        return outs();
      });
      return { id: group.id, outs: o };
    },

    async read(id, props) {
      const c = (await profile.connect()).client;
      const group = await readIfExists(() => api.getGroup(c, id));
      if (!group) return undefined;
      const live = group.security_group_rules.map(ruleFromWire);
      const inline = hasInlineRules(props);
      const managed = inline ? { rules: rulesWithoutIds(live) } : {};
      const outs = storedOnce({ ...props, ...groupOutputs(group, live) }, inline);
      const importing = props.securityGroupRules === undefined;
      return { props: outs, ...(importing ? { inputs: { name: group.name, description: group.description ?? "", ...managed } } : {}) };
    },

    async update(id, olds, inputs) {
      const c = (await profile.connect()).client;
      let group = undefined;
      if ((olds.name ?? null) !== inputs.name || (olds.description ?? "") !== inputs.description) {
        group = await api.updateGroup(c, id, { name: inputs.name, description: inputs.description });
      }
      const known: LiveRule[] = group ? group.security_group_rules.map(ruleFromWire) : (olds.securityGroupRules ?? []);
      const live = await applyDesiredRules(c, id, inputs, known, { defaultsAlreadyRemoved: olds.deleteDefaultRules === true });
      const base = group ?? { name: inputs.name, description: inputs.description, tenant_id: olds.tenantId };
      return storedOnce({ ...inputs, ...groupOutputs(base, live) }, inputs.rules !== undefined);
    },

    async groupsNamed(name) {
      const c = (await profile.connect()).client;
      return (await api.listGroupsByName(c, name)).map(summary);
    },

    async delete(id) {
      const c = (await profile.connect()).client;
      try {
        await deleteIfExists(() => api.deleteGroup(c, id));
      } catch (error) {
        if (!isInUse(error)) throw error;
        const users = profile.groupUsers ? await profile.groupUsers(c, id).catch(() => "") : "";
        const by = users ? ` by ${users}` : "";
        throw new SecgroupsError(
          "InUse",
          (error as SecgroupsError).context,
          `security group ${id} is in use${by}; detach it from those servers or ports, then run the command again`,
          {
            cause: error,
          },
        );
      }
    },
  });
}

/** Applies `rules` (authoritative) or `deleteDefaultRules`; returns the live rules afterwards. */
async function applyDesiredRules(
  c: HttpClient,
  groupId: string,
  inputs: SecurityGroupInputs,
  live: LiveRule[],
  options: { fresh?: boolean; defaultsAlreadyRemoved?: boolean },
): Promise<LiveRule[]> {
  if (inputs.rules) return syncRules(c, groupId, inputs.rules, live, { fresh: options.fresh });
  if (inputs.deleteDefaultRules && !options.defaultsAlreadyRemoved) {
    const defaults = live.filter(isDefaultEgress);
    await Promise.all(defaults.map((r) => deleteIfExists(() => api.deleteRule(c, r.id))));
    return live.filter((r) => !defaults.includes(r));
  }
  return live;
}

/** Rules are immutable in Neutron, so every change replaces. */
function ruleProvider(kind: NeutronRuleKind, profile: NeutronProfile) {
  return kindProvider(kind, {
    check: async (_olds, raw, validate) => withIpv6Policy(validate(raw), profile.ipv6),

    async diff(_id, olds, news) {
      const replaces = replacedKeys(kind, olds, news);
      if (replaces.length === 0) return { changes: false };
      const { securityGroupId: oldGroup, ...oldRule } = olds;
      const { securityGroupId: newGroup, ...newRule } = news;
      return { changes: true, replaces, deleteBeforeReplace: oldGroup === newGroup && collisionKey(oldRule) === collisionKey(newRule) };
    },

    async create(inputs) {
      const c = (await profile.connect()).client;
      const { securityGroupId, ...rule } = inputs;
      const wire = await createRuleBatched(c, securityGroupId, rule);
      return { id: wire.id, outs: { ...inputs, ...withoutId(ruleFromWire(wire)), securityGroupId } };
    },

    async read(id, props) {
      const c = (await profile.connect()).client;
      const wire = await readIfExists(() => api.getRule(c, id));
      if (!wire) return undefined;
      const live = { ...withoutId(ruleFromWire(wire)), securityGroupId: wire.security_group_id };
      return { props: { ...props, ...live }, inputs: live };
    },

    async delete(id) {
      const c = (await profile.connect()).client;
      await deleteIfExists(() => api.deleteRule(c, id));
    },
  });
}

function sortedRules(rules: readonly InlineRule[]): string[] {
  return rules.map((r) => ruleKey(withoutId(r as LiveRule))).sort();
}
