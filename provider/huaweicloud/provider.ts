import type { WireGroup } from "./wire-schemas";
import { TOKEN_TAG } from "../core/creation-token";
import { currentOperation } from "../core/operation";
import { kindProvider } from "./limits";
import type { CheckResult } from "../core/check";
import { isInUse, SecgroupsError } from "../core/errors";
import type { HttpClient } from "../core/http";
import { changedKeys, replacedKeys } from "../core/kind";
import { hasInlineRules, storedOnce } from "../core/inline-rules";
import { deleteIfExists, finishCreate, readIfExists } from "../core/lifecycle";
import { reconcileCreate } from "../core/reconcile";
import { stableKey } from "../core/rule-set";
import { containsUnknown } from "../core/unknowns";
import * as api from "./api-client";
import { log } from "../core/log";
import { unreachable } from "../core/reachability";
import { at, connect, dryRunEnabled, HUAWEI_SETTINGS, vpcEndpointSource } from "./connection";
import type { InlineRule, SecurityGroupInputs, SecurityGroupRuleInputs } from "./inputs";
import { GROUP, RULE } from "./kinds";
import { collisionKey, groupOutputs, isDefaultRule, LiveRule, ruleFromWire, ruleKey } from "./marshal";
import { createRuleBatched, dryRunRuleBatched } from "./rule-batch";
import { deleteRules, syncRules } from "./rule-sync";

/** `huaweicloud.SecurityGroup`: name and description update in place; inline `rules`, when given, own the whole rule set. */
export const securityGroupProvider = kindProvider(GROUP, {
  async check(olds, news, validate) {
    const result = validate(news);
    if (result.failures.length || typeof result.inputs.name !== "string") return result;
    const i = result.inputs as SecurityGroupInputs;
    const checked =
      olds.name !== undefined
        ? result
        : await withDryRun(
            result,
            () =>
              api.createGroup(
                ...at(connect("vpc")),
                { name: i.name, description: i.description ?? "", ...ep(i.enterpriseProjectId) },
                true,
              ),
            "name",
          );
    return checked.failures.length ? checked : withRemoteGroupsChecked(checked);
  },

  async diff(_id, olds, news) {
    const changed = changedKeys(["name", "description", "deleteDefaultRules"], olds, news);
    // "0" is the default enterprise project: leaving it out and naming it are the same.
    const project = (p: { enterpriseProjectId?: string }) => ({ enterpriseProjectId: p.enterpriseProjectId ?? "0" });
    const replaces = replacedKeys(GROUP, project(olds), project(news));
    const rulesChanged =
      news.rules !== undefined && stableKey(sorted(news.rules)) !== stableKey(sorted(olds.rules ?? olds.securityGroupRules ?? []));
    return { changes: changed.length > 0 || rulesChanged || replaces.length > 0, replaces };
  },

  async create(inputs) {
    const { client: c, projectId: p } = connect("vpc");
    const startedAt = Date.now();
    const token = currentOperation()?.token;
    // With a creation token (a tag) the group is found by it; without one, by name, description and creation time.
    const tagged = (g: WireGroup) => (g.tags ?? []).some((t) => t.key === TOKEN_TAG && t.value === token);
    const byToken = async () => (await api.listGroupsByName(c, p, inputs.name)).find(tagged);
    const group = await reconcileCreate({
      what: `security group ${inputs.name}`,
      create: async () =>
        (await api.createGroup(c, p, {
          name: inputs.name,
          description: inputs.description,
          ...ep(inputs.enterpriseProjectId),
          ...(token ? { tags: [{ key: TOKEN_TAG, value: token }] } : {}),
        }))!,
      find: token
        ? byToken
        : async () =>
            (await api.listGroupsByName(c, p, inputs.name)).find(
              (g) => (g.description ?? "") === inputs.description && Date.parse(g.created_at ?? "0") >= startedAt - 60_000,
            ),
      ...(token ? { findEarlier: byToken } : {}),
    });
    let live = (group.security_group_rules ?? (await api.listRules(c, p, group.id))).map(ruleFromWire);
    const outs = () => storedOnce({ ...inputs, ...groupOutputs(group, live) }, inputs.rules !== undefined);
    const o = await finishCreate(group.id, outs, async () => {
      live = await applyDesiredRules(c, p, group.id, inputs, live, { fresh: true });
      return outs();
    });
    return { id: group.id, outs: o };
  },

  async read(id, props) {
    const { client: c, projectId: p } = connect("vpc");
    const group = await readIfExists(() => api.getGroup(c, p, id));
    if (!group) return undefined;
    const live = (group.security_group_rules ?? []).map(ruleFromWire);
    const outs = storedOnce({ ...props, ...groupOutputs(group, live) }, hasInlineRules(props));
    const importing = props.securityGroupRules === undefined;
    const inputs = importing
      ? { name: group.name, description: group.description ?? "", enterpriseProjectId: group.enterprise_project_id ?? undefined }
      : undefined;
    return { props: outs, ...(inputs ? { inputs } : {}) };
  },

  async update(id, olds, inputs) {
    const { client: c, projectId: p } = connect("vpc");
    let group = undefined;
    if ((olds.name ?? null) !== inputs.name || (olds.description ?? "") !== inputs.description) {
      group = await api.updateGroup(c, p, id, { name: inputs.name, description: inputs.description });
    }
    const known: LiveRule[] = group?.security_group_rules ? group.security_group_rules.map(ruleFromWire) : (olds.securityGroupRules ?? []);
    const live = await applyDesiredRules(c, p, id, inputs, known, { defaultsAlreadyRemoved: olds.deleteDefaultRules === true });
    const base = group ?? {
      id,
      name: inputs.name,
      description: inputs.description,
      project_id: olds.projectId,
      enterprise_project_id: olds.enterpriseProjectId,
      created_at: olds.createdAt,
      updated_at: olds.updatedAt,
    };
    return storedOnce({ ...inputs, ...groupOutputs(base, live) }, inputs.rules !== undefined);
  },

  async delete(id) {
    try {
      await deleteIfExists(() => api.deleteGroup(...at(connect("vpc")), id));
    } catch (error) {
      if (!isInUse(error)) throw error;
      const detail = `security group ${id} is in use by a port (a server's NIC, a load balancer or another service); remove it from them (ECS "Change Security Group" or the port's security_groups), then run the command again`;
      throw new SecgroupsError("InUse", (error as SecgroupsError).context, detail, {
        cause: error,
        cloudMessage: (error as SecgroupsError).cloudMessage,
      });
    }
  },
});

async function applyDesiredRules(
  c: HttpClient,
  p: string,
  groupId: string,
  inputs: SecurityGroupInputs,
  live: LiveRule[],
  options: { fresh?: boolean; defaultsAlreadyRemoved?: boolean },
): Promise<LiveRule[]> {
  if (inputs.rules) return syncRules(c, p, groupId, inputs.rules, live, { fresh: options.fresh });
  if (inputs.deleteDefaultRules && !options.defaultsAlreadyRemoved) {
    const defaults = live.filter((r) => isDefaultRule(r, groupId));
    await deleteRules(c, p, defaults);
    return live.filter((r) => !defaults.includes(r));
  }
  return live;
}

/** `huaweicloud.SecurityGroupRule`: VPC v3 has no rule update, so every change replaces. */
export const securityGroupRuleProvider = kindProvider(RULE, {
  async check(olds, news, validate) {
    const result = validate(news);
    if (
      result.failures.length ||
      olds.direction !== undefined ||
      typeof result.inputs.direction !== "string" ||
      typeof result.inputs.securityGroupId !== "string"
    )
      return result;
    const { securityGroupId, ...rule } = result.inputs as SecurityGroupRuleInputs;
    return withDryRun(result, () => dryRunRuleBatched(...at(connect("vpc")), securityGroupId, rule), "securityGroupId");
  },

  async diff(_id, olds, news) {
    const replaces = replacedKeys(RULE, olds, news);
    if (replaces.length === 0) return { changes: false };
    const { securityGroupId: oldGroup, ...oldRule } = olds;
    const { securityGroupId: newGroup, ...newRule } = news;
    return { changes: true, replaces, deleteBeforeReplace: oldGroup === newGroup && collisionKey(oldRule) === collisionKey(newRule) };
  },

  async create(inputs) {
    const { securityGroupId, ...rule } = inputs;
    const { client: c, projectId: p } = connect("vpc");
    const wire = await createRuleBatched(c, p, securityGroupId, rule);
    return { id: wire.id, outs: { securityGroupId, ...noId(ruleFromWire(wire)) } };
  },

  async read(id, props) {
    const wire = await readIfExists(() => api.getRule(...at(connect("vpc")), id));
    if (!wire) return undefined;
    const live = { securityGroupId: wire.security_group_id, ...noId(ruleFromWire(wire)) };
    return { props: { ...props, ...live }, inputs: live };
  },

  async delete(id) {
    await deleteIfExists(() => api.deleteRule(...at(connect("vpc")), id));
  },
});

/**
 * Asks the cloud to validate a create without doing it (`dry_run`): catches quota exhaustion, missing IAM
 * permissions, unknown remote groups and address groups. Skipped without credentials or with `huaweicloudDryRun=false`.
 */
async function withDryRun(
  result: CheckResult<Record<string, unknown>>,
  dryRun: () => Promise<unknown>,
  property: string,
): Promise<CheckResult<Record<string, unknown>>> {
  if (containsUnknown(result.inputs) || !dryRunEnabled()) return result;
  // An endpoint that cannot be reached would cost seconds of retries per resource and then pass silently.
  if (await vpcEndpointUnreachable()) return result;
  try {
    await dryRun();
  } catch (error) {
    // A duplicate is not a failure: create adopts it. Transient and sign-in failures are left to create.
    const status = error instanceof SecgroupsError && error.code !== "Conflict" ? (error.context.status ?? 0) : 0;
    if (status >= 400 && status < 500 && status !== 401)
      return { ...result, failures: [{ property, reason: `the cloud's dry run rejected this: ${(error as Error).message}` }] };
  }
  return result;
}

/**
 * The dry run covers rule resources only: inline rules go out in the batch create after the group exists, so a
 * remote group that does not exist would leave a group half made. Each distinct `remoteGroupId` is read once.
 */
async function withRemoteGroupsChecked(result: CheckResult<Record<string, unknown>>): Promise<CheckResult<Record<string, unknown>>> {
  if (containsUnknown(result.inputs)) return result;
  const rules = (result.inputs as SecurityGroupInputs).rules ?? [];
  const ids = [...new Set(rules.map((r) => r.remoteGroupId).filter((id): id is string => typeof id === "string"))];
  if (!ids.length || !dryRunEnabled() || (await vpcEndpointUnreachable())) return result;
  const { client: c, projectId: p } = connect("vpc");
  const missing = new Set<string>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        if (!(await readIfExists(() => api.getGroup(c, p, id)))) missing.add(id);
      } catch {
        // Sign-in, permission or transient failures are left to create, as with the dry run.
      }
    }),
  );
  const failures = rules.flatMap((r, n) =>
    r.remoteGroupId && missing.has(r.remoteGroupId)
      ? [
          {
            property: `rules.${n}.remoteGroupId`,
            reason: `security group ${r.remoteGroupId} does not exist in project ${p} (or this account cannot see it)`,
          },
        ]
      : [],
  );
  return failures.length ? { ...result, failures } : result;
}

const warned = new Set<string>();

/** Probes the VPC endpoint once per process; the first time it is unreachable, says in the log that dry runs are skipped. */
async function vpcEndpointUnreachable(): Promise<boolean> {
  const { baseUrl } = connect("vpc").client;
  const code = await unreachable(baseUrl);
  if (code && !warned.has(baseUrl)) {
    warned.add(baseUrl);
    log(
      `warning: Huawei Cloud VPC endpoint ${baseUrl} is unreachable (${code}); check skips the dry run (quota, permissions, remote groups are not validated before create); the address comes from ${vpcEndpointSource()}; set ${HUAWEI_SETTINGS.dryRun.env[0]}=false to skip dry runs on purpose`,
    );
  }
  return code !== undefined;
}

const ep = (id: unknown) => (typeof id === "string" ? { enterprise_project_id: id } : {});

const noId = ({ id: _id, ...rest }: LiveRule): InlineRule => rest;

function sorted(rules: (InlineRule & { id?: string })[]): string[] {
  return rules.map((r) => ruleKey(r)).sort();
}

export const providers = { SecurityGroup: securityGroupProvider, SecurityGroupRule: securityGroupRuleProvider };
