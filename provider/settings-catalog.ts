import { CONFIG_NAMESPACE, CORE_SETTINGS, SettingSpec } from "./core/settings";
import { GENESIS_SETTINGS } from "./genesiscloud/connection";
import { HUAWEI_SETTINGS } from "./huaweicloud/connection";
import { NHN_SETTINGS } from "./nhn/connection";
import { OPENSTACK_SETTINGS } from "./openstack/connection";
import { SCALEWAY_SETTINGS } from "./scaleway/connection";

/** Every connection setting the providers read, by cloud: what the README table and the emulator's `--print` draw on. */
export const SETTINGS_BY_CLOUD: Readonly<Record<string, Readonly<Record<string, SettingSpec>>>> = {
  nhn: NHN_SETTINGS,
  openstack: OPENSTACK_SETTINGS,
  huaweicloud: HUAWEI_SETTINGS,
  scaleway: SCALEWAY_SETTINGS,
  genesiscloud: GENESIS_SETTINGS,
  all: CORE_SETTINGS,
};

/** The setting read from stack config `secgroups:<key>` (given with or without the namespace), if any. */
export function settingForConfigKey(key: string): SettingSpec | undefined {
  const bare = key.startsWith(`${CONFIG_NAMESPACE}:`) ? key.slice(CONFIG_NAMESPACE.length + 1) : key;
  for (const specs of Object.values(SETTINGS_BY_CLOUD)) {
    const found = Object.values(specs).find((s) => s.key === bare);
    if (found) return found;
  }
  return undefined;
}
