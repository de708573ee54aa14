// The resources judged most recently, by URN. The analyzer serves many Analyze requests at once and the
// SDK awaits each policy of a request, so the policies of concurrent requests interleave: with 32 in
// flight, the resource judged just before is almost never the one asked for again. Keyed by URN, with
// the props compared (the same URN is analyzed again with other props, e.g. at preview then at up),
// one resource is normalised once per request whatever the interleaving.
import { sameJson } from "./same-json";

interface Entry<V> {
  type: string;
  raw: unknown;
  value: V;
  weight: number;
}

export class RecentResources<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private weight = 0;

  /** Keeps at most `maxEntries`, and at most `maxWeight` in total (weight: e.g. a resource's rule count). */
  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
  ) {}

  get(urn: string, type: string, raw: unknown): V | undefined {
    const e = this.entries.get(urn);
    return e && e.type === type && sameJson(e.raw, raw) ? e.value : undefined;
  }

  set(urn: string, type: string, raw: unknown, value: V, weight = 1): void {
    this.delete(urn);
    this.entries.set(urn, { type, raw, value, weight });
    this.weight += weight;
    // Map iteration follows insertion order: the oldest entry goes first.
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private delete(urn: string): void {
    const e = this.entries.get(urn);
    if (!e) return;
    this.weight -= e.weight;
    this.entries.delete(urn);
  }
}
