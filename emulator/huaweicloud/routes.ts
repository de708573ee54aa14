import { randomUUID } from "node:crypto";
import { EMULATED_VPC_ACTIONS, EmulatedVpcOperation } from "./permissions";
import type { Route, RouteContext, RouteResult } from "../types";
import { errors } from "./errors";
import { controlRoutes } from "./control";
import { authenticate, issueIamToken } from "./auth";
import { listPage } from "./listing";
import * as model from "./model";
import type { HwGroup, HwRule, HwState } from "./model";
import { checkDescription, normaliseRule } from "./rules";
import { own } from "../own";

type Ctx = RouteContext<HwState>;

const GROUP_MULTI = ["id", "name", "description"];
const GROUP_SINGLE = ["enterprise_project_id"];
const RULE_MULTI = [
  "id",
  "security_group_id",
  "protocol",
  "description",
  "remote_group_id",
  "priority",
  "ethertype",
  "remote_address_group_id",
];
const RULE_SINGLE = ["direction", "action", "remote_ip_prefix"];
const NAME = /^[A-Za-z0-9_.\-\u4e00-\u9fa5]{1,64}$/;
const EP = /^(0|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A v3 rule as answered: real batch-create and list answers carry `enabled` (cloud-custodian recordings, tests/replay). */
export const ruleWire = ({ nova_icmp: _, ...r }: HwRule) => ({ ...r, enabled: true });
const groupListWire = (g: HwGroup) => ({ ...g });
const groupWire = (state: HwState, g: HwGroup) => ({ ...g, security_group_rules: model.groupRules(state, g.id).map(ruleWire) });
const requestId = () => randomUUID().replace(/-/g, "");
const ok = (status: number, body: Record<string, unknown>): RouteResult => ({
  status,
  body: { request_id: (body.request_id as string) ?? requestId(), ...body },
});

/** Authenticates, checks the URL's project and the caller's IAM permissions for the operation; returns the project. */
function begin(ctx: Ctx, operation: EmulatedVpcOperation): string {
  const caller = authenticate(ctx, ctx.state.keys);
  if (ctx.params.project !== caller.projectId) throw errors.projectMismatch();
  const denied = own(ctx.state.denied, caller.principal) ?? [];
  const missing = EMULATED_VPC_ACTIONS[operation].find((a) => denied.includes(a));
  if (missing) throw errors.denied(missing);
  return caller.projectId;
}

function body(ctx: Ctx): Record<string, unknown> {
  if (!ctx.rawBody || !ctx.body || typeof ctx.body !== "object" || Array.isArray(ctx.body))
    throw errors.invalid("The request body is missing or is not a JSON object.");
  return ctx.body as Record<string, unknown>;
}

function inner(b: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = b[key];
  if (!v || typeof v !== "object" || Array.isArray(v)) throw errors.invalid(`${key} is required.`);
  return v as Record<string, unknown>;
}

function dryRun(b: Record<string, unknown>): boolean {
  if (b.dry_run !== undefined && typeof b.dry_run !== "boolean") throw errors.invalid("dry_run must be a boolean.");
  return b.dry_run === true;
}

function checkName(name: unknown): string {
  if (typeof name !== "string" || !NAME.test(name))
    throw errors.invalid(
      `Invalid security group name ${JSON.stringify(name)}: 1-64 letters, digits, Chinese characters, underscores (_), hyphens (-) and periods (.).`,
    );
  return name;
}

function checkTags(tags: unknown): { key: string; value: string }[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags) || tags.length > 20) throw errors.invalid("tags must be a list of at most 20 {key, value} pairs.");
  const keys = new Set<string>();
  return tags.map((t) => {
    const { key, value } = (t ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== "string" || !/^[\w.:+\-@=\u4e00-\u9fa5]{1,128}$/.test(key) || keys.has(key))
      throw errors.invalid(`Invalid tag key ${JSON.stringify(key)}.`);
    if (value !== undefined && (typeof value !== "string" || !/^[\w:+\-@=.\u4e00-\u9fa5]{0,255}$/.test(value)))
      throw errors.invalid(`Invalid tag value ${JSON.stringify(value)}.`);
    keys.add(key);
    return { key, value: (value as string | undefined) ?? "" };
  });
}

const V3 = "/v3/:project/vpc";

export const routes: Route<HwState>[] = [
  { method: "POST", path: "/v3/auth/tokens", handler: issueIamToken },
  {
    method: "GET",
    path: `${V3}/security-groups`,
    handler(ctx) {
      const project = begin(ctx, "listGroups");
      const groups = Object.values(ctx.state.groups).filter((g) => g.project_id === project);
      return ok(200, listPage(groups, ctx.query, "security_groups", GROUP_MULTI, GROUP_SINGLE, groupListWire, ctx.state.pageSize));
    },
  },
  {
    method: "POST",
    path: `${V3}/security-groups`,
    handler(ctx) {
      const project = begin(ctx, "createGroup");
      const b = body(ctx);
      const input = inner(b, "security_group");
      const name = checkName(input.name);
      const description = input.description === undefined ? "" : input.description;
      checkDescription(description);
      const ep = input.enterprise_project_id === undefined ? "0" : input.enterprise_project_id;
      if (typeof ep !== "string" || !EP.test(ep)) throw errors.invalid(`Invalid enterprise_project_id ${JSON.stringify(ep)}.`);
      const g = model.createGroup(
        ctx.state,
        project,
        { name, description: description as string, enterprise_project_id: ep, tags: checkTags(input.tags) },
        ctx.now(),
        dryRun(b),
      );
      if (!g) throw errors.dryRunPassed();
      return ok(201, { security_group: groupWire(ctx.state, g) });
    },
  },
  {
    method: "GET",
    path: `${V3}/security-groups/:id`,
    handler(ctx) {
      const g = model.visibleGroup(ctx.state, begin(ctx, "showGroup"), ctx.params.id);
      return ok(200, { security_group: groupWire(ctx.state, g) });
    },
  },
  {
    method: "PUT",
    path: `${V3}/security-groups/:id`,
    handler(ctx) {
      const project = begin(ctx, "updateGroup");
      const b = body(ctx);
      const input = inner(b, "security_group");
      if (input.name !== undefined) checkName(input.name);
      if (input.description !== undefined) checkDescription(input.description);
      const run = dryRun(b);
      const g = model.updateGroup(
        ctx.state,
        project,
        ctx.params.id,
        { name: input.name as string | undefined, description: input.description as string | undefined },
        ctx.now(),
        run,
      );
      if (run) throw errors.dryRunPassed();
      return ok(200, { security_group: groupWire(ctx.state, g) });
    },
  },
  {
    method: "DELETE",
    path: `${V3}/security-groups/:id`,
    handler(ctx) {
      model.deleteGroup(ctx.state, begin(ctx, "deleteGroup"), ctx.params.id);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: `${V3}/security-group-rules`,
    handler(ctx) {
      const project = begin(ctx, "listRules");
      const rules = Object.values(ctx.state.rules).filter((r) => r.project_id === project);
      return ok(200, listPage(rules, ctx.query, "security_group_rules", RULE_MULTI, RULE_SINGLE, ruleWire, ctx.state.pageSize));
    },
  },
  {
    method: "POST",
    path: `${V3}/security-group-rules`,
    handler(ctx) {
      const project = begin(ctx, "createRule");
      const b = body(ctx);
      const input = inner(b, "security_group_rule");
      if (typeof input.security_group_id !== "string") throw errors.invalid("security_group_id is required.");
      model.visibleGroup(ctx.state, project, input.security_group_id, errors.parentNotFound);
      const rule = normaliseRule(ctx.state, project, input, ctx.state.defaultPriority);
      const run = dryRun(b);
      const [created] = model.addRules(ctx.state, project, input.security_group_id, [rule], ctx.now(), {
        ignoreDuplicate: false,
        dryRun: run,
      });
      if (run) throw errors.dryRunPassed();
      return ok(201, { security_group_rule: ruleWire(created) });
    },
  },
  {
    method: "POST",
    path: `${V3}/security-groups/:id/security-group-rules/batch-create`,
    handler(ctx) {
      const project = begin(ctx, "batchCreateRules");
      const b = body(ctx);
      model.visibleGroup(ctx.state, project, ctx.params.id, errors.parentNotFound);
      const list = b.security_group_rules;
      if (!Array.isArray(list) || list.length === 0 || list.length > 200)
        throw errors.invalid("security_group_rules must be a list of 1 to 200 rules.");
      if (b.ignore_duplicate !== undefined && typeof b.ignore_duplicate !== "boolean")
        throw errors.invalid("ignore_duplicate must be a boolean.");
      const rules = list.map((r) => {
        if (!r || typeof r !== "object" || Array.isArray(r)) throw errors.invalid("Each item of security_group_rules must be an object.");
        return normaliseRule(ctx.state, project, r as Record<string, unknown>, 1);
      });
      const run = dryRun(b);
      const created = model.addRules(ctx.state, project, ctx.params.id, rules, ctx.now(), {
        ignoreDuplicate: b.ignore_duplicate === true,
        dryRun: run,
      });
      if (run) throw errors.dryRunPassed();
      return ok(201, { security_group_rules: created.map(ruleWire) });
    },
  },
  {
    method: "GET",
    path: `${V3}/security-group-rules/:id`,
    handler(ctx) {
      const project = begin(ctx, "showRule");
      const r = own(ctx.state.rules, ctx.params.id);
      if (!r || r.project_id !== project) throw errors.ruleNotFound(ctx.params.id);
      return ok(200, { security_group_rule: ruleWire(r) });
    },
  },
  {
    method: "DELETE",
    path: `${V3}/security-group-rules/:id`,
    handler(ctx) {
      model.deleteRule(ctx.state, begin(ctx, "deleteRule"), ctx.params.id);
      return { status: 204 };
    },
  },
  ...controlRoutes,
];
