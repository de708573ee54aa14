import { randomUUID } from "node:crypto";
import type { EmulatorOptions, Route } from "../types";
import { initialState, HwState } from "./model";

/**
 * One store per emulator for the VPC v3 and the Nova listeners: in Huawei Cloud a group made through Nova's
 * os-security-groups is the VPC group, and Nova rules are VPC rules.
 *
 * The two listeners of one `startEmulator` call are told apart from another emulator's by the `onChange`
 * callback both receive in their options (one per emulator). Both then hold the same state object; a reset of
 * either refills that object in place, so the other listener sees the reset too. A state loaded from `--state`
 * gives each listener its own parsed copy of the same store (same `storeId`): the first request links the second
 * copy to the first (it then shares every record), and a reset finds the loaded copy in `options.initialState`.
 */
const byEmulator = new WeakMap<object, HwState>();
const byStoreId = new Map<string, HwState>();
const copies = new Map<string, Set<HwState>>();

/** The state a listener starts with, or is reset to: the emulator's shared store, refilled in place when it exists. */
export function sharedInitialState(options: EmulatorOptions): HwState {
  const { onChange, initialState: loaded } = options as EmulatorOptions & { onChange?: object; initialState?: HwState };
  const existing = (onChange && byEmulator.get(onChange)) || (loaded ? resolveStore(loaded) : undefined);
  const fresh = initialState(options.settings);
  if (!existing) {
    byStoreId.set(fresh.storeId, fresh);
    if (onChange) byEmulator.set(onChange, fresh);
    return fresh;
  }
  Object.assign(existing, fresh, { storeId: existing.storeId });
  for (const copy of copies.get(existing.storeId) ?? []) Object.assign(copy, existing);
  if (onChange) byEmulator.set(onChange, existing);
  return existing;
}

/** The canonical store for a listener's state; a second copy of the same store is linked to it (shares its records). */
export function resolveStore(state: HwState): HwState {
  state.storeId ??= randomUUID();
  state.servers ??= {};
  const canonical = byStoreId.get(state.storeId);
  if (!canonical) {
    byStoreId.set(state.storeId, state);
    return state;
  }
  if (canonical !== state) {
    const set = copies.get(state.storeId) ?? new Set<HwState>();
    copies.set(state.storeId, set.add(state));
    if (state.groups !== canonical.groups) Object.assign(state, canonical);
  }
  return canonical;
}

/** Routes whose handlers see the shared store as `ctx.state`. */
export function onSharedStore(routes: Route<HwState>[]): Route<HwState>[] {
  return routes.map((r) => ({ ...r, handler: (ctx) => r.handler({ ...ctx, state: resolveStore(ctx.state) }) }));
}
