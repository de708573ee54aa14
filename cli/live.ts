// Reads the live groups of one cloud into the arguments a program would declare for them: the provider's own
// `read` as an import sees it (its `inputs`, plus the live rules in argument form, i.e. inline `rules`).
import { Semaphore } from "../provider/core/concurrency";
import { rulesOutput } from "../provider/core/inline-rules";
import type { KindDefinition } from "../provider/core/kind";
import type { ModuleName } from "../provider/core/type-tokens";
import { GROUP as GENESIS_GROUP } from "../provider/genesiscloud/kinds";
import { GROUP as HUAWEI_GROUP } from "../provider/huaweicloud/kinds";
import { GROUP as NOVA_GROUP } from "../provider/huaweicloud/nova/kinds";
import { NHN_KINDS } from "../provider/nhn/kinds";
import { OPENSTACK_KINDS } from "../provider/openstack/kinds";
import { GROUP as SCALEWAY_GROUP } from "../provider/scaleway/kinds";
import { implementationFor } from "../provider/registry";
import type { AuditCloud, ListedGroup } from "./clouds";

export interface LiveGroup {
  cloud: string;
  scope: string;
  id: string;
  /** The id `{ import: ... }` takes. */
  importId: string;
  name: string;
  /** Its logical name in an imported program and in the audit (exemptions' `resource` patterns match it): the group name, plus the id's start when the name repeats in the cloud. */
  resource: string;
  /** The group resource's type token. */
  type: string;
  /** The group's arguments in the resource's argument form, `rules` holding every live rule. */
  args: Record<string, unknown>;
  /** Everything the provider's read returned (live rules with ids in `securityGroupRules`, Genesis `liveRules`). */
  outputs: Record<string, unknown>;
}

const READS_AT_ONCE = 16;

/** The SecurityGroup kind of each module: how its outputs give `rules` (they store each rule once). */
const GROUP_KINDS: Record<ModuleName, KindDefinition> = {
  nhn: NHN_KINDS.group,
  openstack: OPENSTACK_KINDS.group,
  huaweicloud: HUAWEI_GROUP,
  "huaweicloud/nova": NOVA_GROUP,
  scaleway: SCALEWAY_GROUP,
  genesiscloud: GENESIS_GROUP,
};

/** Lists and reads every group of `cloud`; `progress` is told how many are read so far. */
export async function readLiveGroups(
  cloud: AuditCloud,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<LiveGroup[]> {
  const listed = await cloud.list();
  const scope = cloud.scope();
  const impl = implementationFor(`${cloud.module}:SecurityGroup`);
  const limit = new Semaphore(READS_AT_ONCE);
  let done = 0;
  const read = async (g: ListedGroup): Promise<LiveGroup | undefined> => {
    const found = await impl.read!(cloud.importId(g), { rules: [] });
    progress(++done, listed.length);
    if (!found?.props) return undefined;
    const args = declaredArgs(found.inputs ?? {}, rulesOutput(GROUP_KINDS[cloud.module], found.props) ?? []);
    return {
      cloud: cloud.name,
      scope,
      id: found.id ?? g.id,
      importId: cloud.importId(g),
      name: String(args.name ?? g.name),
      resource: "",
      type: cloud.groupType,
      args,
      outputs: found.props,
    };
  };
  const groups = (await Promise.all(listed.map((g) => limit.run(() => read(g))))).filter((g): g is LiveGroup => g !== undefined);
  const base = (g: LiveGroup) => g.name.replace(/[^A-Za-z0-9_.-]+/g, "-") || "group";
  const seen = new Map<string, number>();
  for (const g of groups) seen.set(base(g), (seen.get(base(g)) ?? 0) + 1);
  for (const g of groups) g.resource = seen.get(base(g))! > 1 ? `${base(g)}-${g.id.slice(0, 8)}` : base(g);
  return groups;
}

/** What the import read proposes as inputs, plus the rules; fields without a value are left out. */
function declaredArgs(inputs: Record<string, unknown>, rules: unknown[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) if (v !== undefined && v !== null) args[k] = v;
  args.rules = rules;
  return args;
}
