/**
 * A suite that needs a tool this machine may lack: without it, the suite is skipped and says why, both in the
 * run's output (a warning) and in its name (listed as skipped).
 */
export function describeIfAvailable(available: unknown, reason: string, name: string, suite: () => void): void {
  if (available) return describe(name, suite);
  // Written to stderr directly: jest drops the console output of a file whose tests are all skipped.
  process.stderr.write(`skipped: "${name}": ${reason}\n`);
  describe.skip(`${name} (skipped: ${reason})`, suite);
}
