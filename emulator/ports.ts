import { CLOUDS } from "./clouds";

/** The CLI's default port base: cloud `c` listens on DEFAULT_PORT_BASE + PORT_OFFSETS[c] unless --port-base says otherwise. */
export const DEFAULT_PORT_BASE = 18700;

/**
 * Each cloud's fixed offset from the port base, so a cloud keeps its port whichever other clouds run and
 * printed settings stay valid across restarts. A new cloud gets the next free offset; never reuse one.
 */
export const PORT_OFFSETS: Readonly<Record<string, number>> = {
  nhn: 0,
  genesiscloud: 1,
  scaleway: 2,
  huaweicloud: 3,
  huaweicloudNova: 4,
  openstack: 5,
};

const MAX_OFFSET = 19;

/** A cloud's offset: its entry in PORT_OFFSETS, else (a cloud added without one) a slot after the listed ones. */
export function portOffset(cloud: string): number {
  return (
    PORT_OFFSETS[cloud] ??
    Math.min(
      MAX_OFFSET,
      Object.keys(PORT_OFFSETS).length +
        Object.keys(CLOUDS)
          .filter((c) => !(c in PORT_OFFSETS))
          .indexOf(cloud),
    )
  );
}

/** The highest port base that leaves room for every cloud's offset. */
export const MAX_PORT_BASE = 65535 - MAX_OFFSET;

/** Ports for the chosen clouds from a base; base 0 means free ports picked by the system (what tests use). */
export function portsFor(clouds: readonly string[], base: number): Record<string, number> | undefined {
  if (base === 0) return undefined;
  return Object.fromEntries(clouds.map((c) => [c, base + portOffset(c)]));
}
