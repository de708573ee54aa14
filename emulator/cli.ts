#!/usr/bin/env node
import { CliOptions, parseCliArgs, UsageError, USAGE } from "./cli-options";
import { CLOUDS, startEmulator } from "./index";
import { portsFor } from "./ports";
import { configLines, envLines } from "./print-settings";

// stdout carries only what the user asked for (the JSON line by default), so `secgroups-emulator | jq` works;
// everything else goes to stderr.
async function main(options: CliOptions): Promise<void> {
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator({
    clouds: options.clouds,
    host: options.host,
    statePath: options.statePath,
    latencyMs: options.latencyMs,
    ports: portsFor(options.clouds, options.portBase),
    settings: options.settings,
  });
  const described = emulator.describe();
  // A cloud no provider of this package talks to (openstack) has no settings to print: say where it is instead.
  const noSettings = options.clouds
    .filter((c) => !CLOUDS[c]().demoConfig)
    .map((c) => `# ${c}: no pulumi-secgroups settings; ${JSON.stringify(described[c])}`);
  const lines =
    options.print === "env"
      ? [...envLines(emulator.demoConfig()), ...noSettings]
      : options.print === "config"
        ? [...configLines(emulator.demoConfig()), ...noSettings]
        : [JSON.stringify(described)];
  process.stdout.write(lines.join("\n") + "\n");
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

let options: CliOptions;
try {
  options = parseCliArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`secgroups-emulator: ${error.message}\n${USAGE}`);
  process.exit(2);
}
// Could not start (a port taken, a bad --state file or --set value): the message says what to change; no stack.
main(options).catch((error) => {
  console.error(`secgroups-emulator: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
