import { CLOUDS } from "./clouds";

/**
 * The `--set` keys each cloud reads, found by building every cloud's initial state with a settings object that
 * records what is read: the list cannot drift from the models that use it.
 */
export function knownSettingKeys(): string[] {
  const read = new Set<string>();
  const recorder = new Proxy({} as Record<string, string>, {
    get: (_target, key) => {
      if (typeof key === "string") read.add(key);
      return undefined;
    },
  });
  for (const factory of Object.values(CLOUDS)) {
    const cloud = factory();
    cloud.initialState({ settings: recorder });
    // Read by the listener itself (cloud-server.ts bodyLimit), not by the model.
    read.add(`${cloud.name}.maxBodyBytes`);
  }
  return [...read].sort();
}
