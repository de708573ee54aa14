#!/usr/bin/env node
import { parseArgs } from "node:util";
import { CLOUDS, startEmulator } from "./index";

const USAGE = `usage: secgroups-emulator [--all | --nhn --huaweicloud ...] [--state FILE] [--latency MS] [--port-base N] [--set KEY=VALUE ...]
Starts one HTTP listener per cloud on 127.0.0.1 and prints one JSON line mapping each cloud to its base URL.
Clouds: ${Object.keys(CLOUDS).join(", ")}.`;

async function main(): Promise<void> {
  const cloudFlags = Object.fromEntries(Object.keys(CLOUDS).map((c) => [c, { type: "boolean" as const }]));
  const { values } = parseArgs({
    options: {
      ...cloudFlags,
      all: { type: "boolean" },
      state: { type: "string" },
      latency: { type: "string" },
      "port-base": { type: "string" },
      set: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const flags = values as Record<string, unknown>;
  const chosen = Object.keys(CLOUDS).filter((c) => flags[c]);
  const clouds = values.all || chosen.length === 0 ? Object.keys(CLOUDS) : chosen;
  const portBase = values["port-base"] ? Number(values["port-base"]) : 0;
  const settings = Object.fromEntries((values.set ?? []).map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
  const emulator = await startEmulator({
    clouds,
    statePath: values.state,
    latencyMs: values.latency ? Number(values.latency) : 0,
    ports: portBase ? Object.fromEntries(clouds.map((c, i) => [c, portBase + i])) : undefined,
    settings,
  });
  console.log(JSON.stringify(emulator.describe()));
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  console.error(USAGE);
  process.exit(2);
});
