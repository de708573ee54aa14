// The clouds `secgroups audit` and `import` read: each lists its groups with the provider's own API client and
// settings, and reads each group with the provider's own `read` (the form a program declares and the pack judges).
import * as neutron from "../provider/neutron/api-client";
import * as huawei from "../provider/huaweicloud/api-client";
import * as nova from "../provider/huaweicloud/nova/api-client";
import * as scaleway from "../provider/scaleway/api-client";
import * as genesis from "../provider/genesiscloud/api-client";
import { connect as nhnConnect, NHN_SETTINGS } from "../provider/nhn/connection";
import { connect as openstackConnect, OPENSTACK_SETTINGS } from "../provider/openstack/connection";
import { connect as huaweiConnect, HUAWEI_SETTINGS } from "../provider/huaweicloud/connection";
import { connect as scalewayConnect, SCALEWAY_SETTINGS } from "../provider/scaleway/connection";
import { connect as genesisConnect, GENESIS_SETTINGS } from "../provider/genesiscloud/connection";
import { readSettings } from "../provider/core/settings";
import { MODULES, ModuleName, typeToken } from "../provider/core/type-tokens";

export const CLOUD_NAMES = ["nhn", "huaweicloud", "huaweicloud/nova", "scaleway", "genesiscloud", "openstack"] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** One existing group, as listed. */
export interface ListedGroup {
  id: string;
  name: string;
}

export interface AuditCloud {
  name: CloudName;
  module: ModuleName;
  /** The group resource's type token (what the pack judges). */
  groupType: string;
  /** The region or zone the settings point at (read without requiring credentials). */
  scope(): string;
  /** Every group, all pages; throws the provider's Configuration error when credentials are missing. */
  list(): Promise<ListedGroup[]>;
  /** The id `opts.import` takes for a listed group. */
  importId(g: ListedGroup): string;
}

const setting = <T extends Record<string, { key: string; env: string[] }>>(cloud: string, specs: T, key: keyof T): string | undefined =>
  readSettings(cloud, specs as never, [])[key as string] as string | undefined;

const named = (gs: { id: string; name: string }[]): ListedGroup[] => gs.map((g) => ({ id: g.id, name: g.name }));

function cloud(
  name: CloudName,
  module: ModuleName,
  scope: () => string,
  list: () => Promise<ListedGroup[]>,
  importId: (g: ListedGroup) => string = (g) => g.id,
): AuditCloud {
  return { name, module, groupType: typeToken(module, "SecurityGroup"), scope, list, importId };
}

export const CLOUDS: Record<CloudName, AuditCloud> = {
  nhn: cloud(
    "nhn",
    MODULES.nhn,
    () => setting("NHN Cloud", NHN_SETTINGS, "region") ?? "KR1",
    async () => named(await neutron.listGroups((await nhnConnect()).client)),
  ),
  openstack: cloud(
    "openstack",
    MODULES.openstack,
    () => setting("OpenStack", OPENSTACK_SETTINGS, "region") ?? "(default region)",
    async () => named(await neutron.listGroups((await openstackConnect()).client)),
  ),
  huaweicloud: cloud(
    "huaweicloud",
    MODULES.huaweicloud,
    () => setting("Huawei Cloud", HUAWEI_SETTINGS, "region") ?? "(endpoint region)",
    async () => {
      const c = huaweiConnect("vpc");
      return named(await huawei.listGroups(c.client, c.projectId));
    },
  ),
  "huaweicloud/nova": cloud(
    "huaweicloud/nova",
    MODULES.huaweicloudNova,
    () => setting("Huawei Cloud", HUAWEI_SETTINGS, "region") ?? "(endpoint region)",
    async () => {
      const c = huaweiConnect("ecs");
      return named(await nova.listGroups(c.client, c.projectId));
    },
  ),
  scaleway: cloud(
    "scaleway",
    MODULES.scaleway,
    () => setting("Scaleway", SCALEWAY_SETTINGS, "zone") ?? "fr-par-1",
    async () => {
      const conn = scalewayConnect();
      return named(await scaleway.listGroups(conn.client, conn.defaultZone));
    },
  ),
  genesiscloud: cloud(
    "genesiscloud",
    MODULES.genesiscloud,
    () => setting("Genesis Cloud", GENESIS_SETTINGS, "region") ?? "(default region)",
    async () => named(await genesis.listGroups(genesisConnect().client)),
  ),
};

/** Parses `--clouds a,b`; throws a usage message naming the unknown ones. */
export function parseClouds(text: string | undefined): AuditCloud[] {
  if (text === undefined || text.trim() === "") return CLOUD_NAMES.map((n) => CLOUDS[n]);
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(CLOUD_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new UsageError(`--clouds: unknown cloud ${unknown.join(", ")} (one of ${CLOUD_NAMES.join(", ")})`);
  return [...new Set(names)].map((n) => CLOUDS[n as CloudName]);
}

/** A wrong command line: exit 2 with the usage. */
export class UsageError extends Error {
  readonly code = "Usage";
}
