import type { Emulator } from "../emulator";
import { countByRoute } from "../emulator/cloud-server";

/** One benchmark figure: `name: measured / minimum = ratio`. */
export function figure(name: string, measured: number, minimum: number, unit = ""): string {
  const ratio = minimum === 0 ? (measured === 0 ? 1 : Infinity) : measured / minimum;
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  return `${name}${unit ? ` (${unit})` : ""}: ${fmt(measured)} / ${fmt(minimum)} = ${ratio.toFixed(2)}`;
}

/** Runs `op` and returns the API calls it made on one cloud, by route, leaving out `ignore` routes (sign-in). */
export async function countCalls<T>(emulator: Emulator, cloud: string, op: () => Promise<T>, ignore: string[] = []): Promise<{ result: T; calls: number; byRoute: Record<string, number> }> {
  const server = emulator.clouds[cloud];
  server.requests = [];
  const result = await op();
  const byRoute = Object.fromEntries(Object.entries(countByRoute(server.requests)).filter(([route]) => !ignore.includes(route)));
  return { result, calls: Object.values(byRoute).reduce((a, b) => a + b, 0), byRoute };
}

/** Wall time of `op` in milliseconds. */
export async function timed<T>(op: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await op();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Median of several runs of `op`. */
export async function medianMs(runs: number, op: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(op)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
