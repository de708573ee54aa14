import type { StartOptions } from "../../emulator";
import { startTestEmulator, TestEmulator } from "./emulator";
import { MiniEngine } from "./mini-engine";
import { ProviderHost } from "./provider-host";

/** An emulator, a configured provider host pointed at it, and a MiniEngine installed as Pulumi's mocks that forwards to that host. */
export interface ProgramHarness {
  emu: TestEmulator;
  host: ProviderHost;
  engine: MiniEngine;
}

/**
 * Registers what an example-program test file needs: in beforeAll the emulator, then the provider host with the
 * environment `envFor` returns, configured, and a MiniEngine installed; in afterAll both are closed. Returns a getter.
 */
export function useProgramHarness(
  options: StartOptions,
  envFor: (emu: TestEmulator) => Record<string, string | undefined>,
): () => ProgramHarness {
  let emu: TestEmulator | undefined;
  let host: ProviderHost | undefined;
  let engine: MiniEngine | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator(options);
    host = await ProviderHost.start({ env: envFor(emu) });
    await host.configure({});
    engine = new MiniEngine(host);
    await engine.install();
  });
  afterAll(async () => {
    host?.close();
    await emu?.close();
  });
  return () => {
    if (!emu || !host || !engine) throw new Error("the program harness starts in beforeAll: use it inside a test");
    return { emu, host, engine };
  };
}
