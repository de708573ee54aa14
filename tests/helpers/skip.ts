/**
 * A suite that needs a tool this machine may lack: without it, the suite is skipped and says why, both in the
 * run's output (a warning) and in its name (listed as skipped).
 */
export function describeIfAvailable(available: unknown, reason: string, name: string, suite: () => void): void {
  if (available) return describe(name, suite);
  console.warn(`skipped: "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, suite);
}
