import { kindProvider } from "./limits";
import { SecgroupsError } from "../core/errors";
import { changedKeys, InputsOf, OutputsOf, replacedKeys } from "../core/kind";
import { readIfExists } from "../core/lifecycle";
import { claim } from "../core/adopted-ids";
import * as api from "./api-client";
import { connect } from "./connection";
import type { InlineRule } from "./inputs";
import { RULE } from "./kinds";
import { editableRules, LiveRule, ruleFromWire, ruleToWire, withoutIdentity } from "./marshal";
import { splitImportId } from "./props";
import { ruleOp } from "./rule-batch";

type Inputs = InputsOf<typeof RULE>;
type Outputs = OutputsOf<typeof RULE>;

const CONTENT = ["protocol", "direction", "action", "ipRange", "destPortFrom", "destPortTo"] as const;

function ruleOf(p: Pick<Inputs, keyof InlineRule>): InlineRule {
  return {
    protocol: p.protocol,
    direction: p.direction,
    action: p.action,
    ipRange: p.ipRange,
    destPortFrom: p.destPortFrom ?? null,
    destPortTo: p.destPortTo ?? null,
  };
}

function outputs(zone: string, securityGroupId: string, inputs: Partial<Inputs>, live: LiveRule): Outputs {
  return { ...inputs, zone: zone as Inputs["zone"], securityGroupId, ...withoutIdentity(live), position: live.position };
}

/**
 * Scaleway stores a position past the end of the list as the last one (10 with 3 rules is 4): a rule that is
 * last and was asked for a later position is where the API puts it, so it does not move (one GET, only then).
 */
async function appendedAsAsked(id: string, olds: Outputs, asked: number): Promise<boolean> {
  if (olds.position === undefined || asked < olds.position || !olds.zone) return false;
  const live = editableRules(await api.listRules(connect().client, olds.zone, olds.securityGroupId));
  return live.length > 0 && live[live.length - 1].id === id;
}

/** `scaleway.SecurityGroupRule`: one editable rule, updated in place by PATCH; only a move to another group or zone replaces it. */
export const securityGroupRuleProvider = kindProvider(RULE, {
  async diff(id, olds, news) {
    const replaces = replacedKeys(RULE, olds, news);
    const changed = changedKeys(CONTENT, olds, news);
    const moved = news.position !== undefined && news.position !== olds.position && !(await appendedAsAsked(id, olds, news.position));
    return { changes: replaces.length > 0 || changed.length > 0 || moved, replaces, deleteBeforeReplace: false };
  },

  async create(inputs) {
    const conn = connect();
    const zone = inputs.zone ?? conn.defaultZone;
    const rule = ruleOf(inputs);
    const wire = (await ruleOp(conn.client, zone, inputs.securityGroupId, { kind: "create", rule, position: inputs.position }))!;
    return { id: wire.id, outs: outputs(zone, inputs.securityGroupId, inputs, wire) };
  },

  async read(rawId, props) {
    const conn = connect();
    const parts = splitImportId(rawId, props.zone ?? conn.defaultZone);
    const groupId = props.securityGroupId ?? parts.groupId;
    if (!groupId) {
      throw new SecgroupsError(
        "Validation",
        { operation: `read Scaleway rule ${rawId}` },
        `cannot read Scaleway rule ${rawId} without its security group: import it as <zone>/<securityGroupId>/<ruleId>`,
      );
    }
    const wire = await readIfExists(() => api.getRule(conn.client, parts.zone, groupId, parts.id));
    if (!wire || !wire.editable) return undefined;
    const live = ruleFromWire(wire);
    claim(live.id);
    const importing = props.protocol === undefined;
    const outs = outputs(parts.zone, groupId, props, live);
    return {
      id: parts.id,
      props: outs,
      ...(importing ? { inputs: { zone: parts.zone as Inputs["zone"], securityGroupId: groupId, ...withoutIdentity(live) } } : {}),
    };
  },

  async update(id, olds, inputs) {
    const c = connect().client;
    const body = ruleToWire(ruleOf(inputs), { position: inputs.position, clearWithZero: true });
    const live = (await ruleOp(c, olds.zone!, olds.securityGroupId, { kind: "update", id, body }))!;
    return outputs(olds.zone!, olds.securityGroupId, inputs, live);
  },

  async delete(id, props) {
    const conn = connect();
    await ruleOp(conn.client, props.zone ?? conn.defaultZone, props.securityGroupId, { kind: "delete", id });
  },
});
