import { parseArgs } from "node:util";
import { CLOUDS } from "./clouds";
import { DEFAULT_PORT_BASE, MAX_PORT_BASE } from "./ports";
import { knownSettingKeys } from "./setting-keys";

/** A bad command line: the message names the flag and the form it expects; the CLI exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const PRINT_FORMATS = ["json", "env", "config"] as const;
export type PrintFormat = (typeof PRINT_FORMATS)[number];

export interface CliOptions {
  help: boolean;
  clouds: string[];
  host: string;
  statePath?: string;
  latencyMs: number;
  /** 0: free ports picked by the system. */
  portBase: number;
  settings: Record<string, string>;
  print: PrintFormat;
}

export const USAGE = `usage: secgroups-emulator [--all | --nhn --huaweicloud ...] [--host ADDR] [--port-base N] [--state FILE] [--latency MS] [--set CLOUD.KEY=VALUE ...] [--print json|env|config]
Starts one HTTP listener per cloud (default ${"127.0.0.1"}, ports ${DEFAULT_PORT_BASE}+) and prints one JSON line mapping each cloud to its URL and demo credentials;
--print env prints \`export\` lines and --print config \`pulumi config set\` lines for a program instead. --port-base 0 picks free ports.
Clouds: ${Object.keys(CLOUDS).join(", ")}.`;

const WHOLE = /^\d+$/;

/** Parses and validates the command line; throws UsageError naming the flag at fault. */
export function parseCliArgs(args: string[]): CliOptions {
  const cloudFlags = Object.fromEntries(Object.keys(CLOUDS).map((c) => [c, { type: "boolean" as const }]));
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        ...cloudFlags,
        all: { type: "boolean" },
        host: { type: "string" },
        state: { type: "string" },
        latency: { type: "string" },
        "port-base": { type: "string" },
        set: { type: "string", multiple: true },
        print: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const chosen = Object.keys(CLOUDS).filter((c) => values[c]);
  return {
    help: values.help === true,
    clouds: values.all || chosen.length === 0 ? Object.keys(CLOUDS) : chosen,
    host: host(values.host as string | undefined),
    statePath: values.state as string | undefined,
    latencyMs: whole("--latency", values.latency as string | undefined, 0, "a whole number of milliseconds, e.g. --latency 20"),
    portBase: portBase(values["port-base"] as string | undefined),
    settings: settings((values.set as string[] | undefined) ?? []),
    print: print(values.print as string | undefined),
  };
}

function whole(flag: string, text: string | undefined, fallback: number, expected: string): number {
  if (text === undefined) return fallback;
  if (!WHOLE.test(text)) throw new UsageError(`${flag}: expected ${expected}; got "${text}"`);
  return Number(text);
}

function portBase(text: string | undefined): number {
  const expected = `0 (free ports) or a port from 1024 to ${MAX_PORT_BASE}, e.g. --port-base ${DEFAULT_PORT_BASE}`;
  const base = whole("--port-base", text, DEFAULT_PORT_BASE, expected);
  if (base !== 0 && (base < 1024 || base > MAX_PORT_BASE)) throw new UsageError(`--port-base: expected ${expected}; got "${text}"`);
  return base;
}

function host(text: string | undefined): string {
  if (text === undefined) return "127.0.0.1";
  if (!/^[\w.:-]+$/.test(text))
    throw new UsageError(`--host: expected an address to listen on, e.g. --host 127.0.0.1 or --host 0.0.0.0; got "${text}"`);
  return text;
}

function settings(pairs: string[]): Record<string, string> {
  if (!pairs.length) return {};
  const known = knownSettingKeys();
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq > 0 ? pair.slice(0, eq) : "";
    if (!known.includes(key)) {
      const what = eq > 0 ? `unknown setting "${key}"` : `"${pair}" has no "="`;
      throw new UsageError(`--set: expected KEY=VALUE with KEY one of ${known.join(", ")}; ${what}`);
    }
    out[key] = pair.slice(eq + 1);
  }
  return out;
}

function print(text: string | undefined): PrintFormat {
  if (text === undefined) return "json";
  if (!(PRINT_FORMATS as readonly string[]).includes(text))
    throw new UsageError(`--print: expected one of ${PRINT_FORMATS.join(", ")}; got "${text}"`);
  return text as PrintFormat;
}
