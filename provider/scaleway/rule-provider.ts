import { kindProvider } from "./limits";
import { SecgroupsError } from "../core/errors";
import { changedKeys, InputsOf, OutputsOf, replacedKeys } from "../core/kind";
import { deleteIfExists, readIfExists } from "../core/lifecycle";
import { claim, matchCreatedRules, reconcileCreate, release } from "../core/reconcile";
import * as api from "./api-client";
import { connect } from "./connection";
import type { InlineRule } from "./inputs";
import { RULE } from "./kinds";
import { editableRules, LiveRule, ruleFromWire, ruleKey, ruleToWire, withoutIdentity } from "./marshal";
import { splitImportId } from "./props";

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
 * The rule our POST made, after the answer was lost: the newest editable rule with exactly this tuple (at the
 * position asked for, when one was) that no other rule resource of this process owns. Scaleway allows identical
 * rules, and siblings created in parallel append theirs, so the last rule of the list is not evidence.
 */
function ourRule(live: LiveRule[], rule: InlineRule, position: number | undefined): LiveRule | undefined {
  const candidates = position !== undefined ? live.filter((l) => l.position === position) : live;
  return matchCreatedRules([rule], candidates, (r) => ruleKey(r as InlineRule))[0];
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
    const wire = await reconcileCreate({
      what: `rule in security group ${inputs.securityGroupId}`,
      create: async () => {
        const made = ruleFromWire(
          await api.createRule(conn.client, zone, inputs.securityGroupId, ruleToWire(rule, { position: inputs.position ?? 0 })),
        );
        claim(made.id);
        return made;
      },
      find: async () => ourRule(editableRules(await api.listRules(conn.client, zone, inputs.securityGroupId)), rule, inputs.position),
    });
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
    const wire = await api.updateRule(
      c,
      olds.zone!,
      olds.securityGroupId,
      id,
      ruleToWire(ruleOf(inputs), { position: inputs.position, clearWithZero: true }),
    );
    return outputs(olds.zone!, olds.securityGroupId, inputs, ruleFromWire(wire));
  },

  async delete(id, props) {
    const conn = connect();
    await deleteIfExists(() => api.deleteRule(conn.client, props.zone ?? conn.defaultZone, props.securityGroupId, id));
    release(id);
  },
});
