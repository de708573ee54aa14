// Shared setup of the end-to-end suites: the real Pulumi engine (tests skip, saying why, without one), the
// emulator, and a stack of the e2e program whose declared resources each test sets through config.
import * as path from "node:path";
import { Engine, engineMissing, findEngine, PulumiStack, RunResult } from "../../emulator/engine/pulumi-cli";
import type { Declared } from "../e2e/clouds";
import type { StartOptions } from "../../emulator";
import { startTestEmulator, TestEmulator } from "./emulator";
import { REPO_ROOT } from "./provider-host";

export const E2E_PROGRAM = path.join(REPO_ROOT, "tests", "e2e", "program");
export const POLICY_PACK = path.join(REPO_ROOT, "policies");

const engine = findEngine();
let warned = false;

/** `describe` when an engine is installed; otherwise `describe.skip`, after one line saying why. */
export function describeE2e(name: string, body: (engine: () => Engine) => void): void {
  if (!engine) {
    if (!warned) process.stderr.write(`tests/e2e skipped: ${engineMissing}\n`);
    warned = true;
    describe.skip(name, () => body(() => engine!));
    return;
  }
  describe(name, () => body(() => engine));
}

export interface E2eContext {
  emu: TestEmulator;
  stack: PulumiStack;
  /** Every line the CLI printed in this suite, to search for leaked credentials. */
  output: string[];
  /** Sets what the program declares. */
  declare(resources: Declared[]): Promise<void>;
  /** Runs a CLI command of the stack, keeping its output. */
  run(command: "preview" | "up" | "refresh" | "destroy", ...flags: string[]): Promise<RunResult>;
  /** Like `run`, but fails the test with the CLI's whole output when the command fails. */
  ok(command: "preview" | "up" | "refresh" | "destroy", ...flags: string[]): Promise<RunResult>;
}

/** Registers beforeAll/afterAll that start the emulator and create the stack; returns a getter for tests. */
export function useE2eStack(
  engine: () => Engine,
  stackName: string,
  options: { program?: string; emulator?: StartOptions } = {},
): () => E2eContext {
  let ctx: E2eContext | undefined;
  beforeAll(async () => {
    const emu = await startTestEmulator(options.emulator);
    const stack = await PulumiStack.create(engine(), { program: options.program ?? E2E_PROGRAM, stack: stackName });
    await stack.setConfig(emu.demoConfig());
    const output: string[] = [];
    const run = async (command: "preview" | "up" | "refresh" | "destroy", ...flags: string[]) => {
      const result = await stack[command](...flags);
      output.push(result.stdout, result.stderr);
      return result;
    };
    ctx = {
      emu,
      stack,
      output,
      declare: (resources) => stack.setConfig({ "e2e:resources": JSON.stringify(resources) }),
      run,
      ok: async (command, ...flags) => {
        const result = await run(command, ...flags);
        if (result.code !== 0)
          throw new Error(`pulumi ${command} ${flags.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
        return result;
      },
    };
  }, 120_000);
  afterAll(async () => {
    await ctx?.stack.remove();
    await ctx?.emu.close();
  });
  return () => {
    if (!ctx) throw new Error("the e2e stack starts in beforeAll");
    return ctx;
  };
}

/**
 * The writes and deletes that took effect since the last clear, as `METHOD route`, in order: answered 2xx, less
 * Huawei's check-time dry runs (202 when they pass, 409 when the rule exists; nothing written either way).
 */
export async function requestLog(emu: TestEmulator, cloud: string): Promise<string[]> {
  const res = await fetch(`${emu.url(cloud)}/_emulator/requests`);
  return ((await res.json()) as { method: string; route: string; status: number }[])
    .filter((r) => r.method !== "GET" && r.status >= 200 && r.status < 300 && r.status !== 202)
    .map((r) => r.route);
}
