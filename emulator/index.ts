import { CloudServer, startCloudServer, StateBox } from "./cloud-server";
import { CLOUDS } from "./clouds";
import { loadStateFile, writeStateFile } from "./state-file";
import type { EmulatorOptions } from "./types";

export type { CloudServer } from "./cloud-server";
export { CLOUDS } from "./clouds";

/** A running emulator: one listener per cloud. */
export interface Emulator {
  clouds: Record<string, CloudServer>;
  /** The startup line's content: each cloud's URL, or an object with its URL and credentials. */
  describe(): Record<string, unknown>;
  /** Stack configuration pointing every running cloud's provider at this emulator. */
  demoConfig(): Record<string, string>;
  reset(): void;
  close(): Promise<void>;
}

export interface StartOptions extends EmulatorOptions {
  clouds?: string[];
  /** Keeps state in this JSON file across restarts. */
  statePath?: string;
  /** Fixed ports per cloud; 0 or absent picks a free one. */
  ports?: Record<string, number>;
  /** The address to listen on; 127.0.0.1 by default. */
  host?: string;
}

/** Starts the named clouds (all by default) on 127.0.0.1 or `options.host`; if one cannot listen, closes the others and throws. */
export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const names = options.clouds ?? Object.keys(CLOUDS);
  const emulators = Object.fromEntries(
    names.map((name) => {
      const factory = CLOUDS[name];
      if (!factory) throw new Error(`unknown cloud "${name}"; known: ${Object.keys(CLOUDS).join(", ")}`);
      return [name, factory()];
    }),
  );
  // One state box per store: a cloud's own, or one shared by the clouds naming the same `store`.
  const boxes: Record<string, StateBox<unknown>> = {};
  const storeOf = (name: string) => emulators[name].store ?? name;
  const initial = Object.fromEntries(names.map((name) => [storeOf(name), emulators[name].initialState(options)]));
  const saved = options.statePath ? loadStateFile(options.statePath, initial) : {};
  for (const name of names)
    boxes[storeOf(name)] ??= { state: Object.hasOwn(saved, storeOf(name)) ? saved[storeOf(name)] : initial[storeOf(name)] };
  const persist = () => {
    if (!options.statePath) return;
    // Stores of clouds not running this time are kept as they were.
    const all = { ...saved, ...Object.fromEntries(Object.entries(boxes).map(([store, box]) => [store, box.state])) };
    writeStateFile(options.statePath, all);
  };
  const clouds: Record<string, CloudServer> = {};
  try {
    for (const name of names) {
      clouds[name] = await startCloudServer(emulators[name], {
        ...options,
        port: options.ports?.[name],
        box: boxes[storeOf(name)],
        onChange: persist,
      });
    }
  } catch (error) {
    await Promise.all(Object.values(clouds).map((c) => c.close()));
    throw error;
  }
  return {
    clouds,
    describe: () => Object.fromEntries(names.map((n) => [n, emulators[n].describe?.(clouds[n].url, options) ?? clouds[n].url])),
    demoConfig: () => Object.assign({}, ...names.map((n) => emulators[n].demoConfig?.(clouds[n].url, options) ?? {})),
    reset: () => Object.values(clouds).forEach((c) => c.reset()),
    close: async () => {
      persist();
      await Promise.all(Object.values(clouds).map((c) => c.close()));
    },
  };
}
