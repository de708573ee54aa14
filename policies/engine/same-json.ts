// Deep equality of JSON-like values (deserialised resource props, policy config), without building keys.

const hasOwn = Object.prototype.hasOwnProperty;

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Counted with for-in rather than Object.keys: no arrays allocated (it runs once per policy per resource).
  let keys = 0;
  for (const k in a) {
    if (!hasOwn.call(a, k)) continue;
    if (!hasOwn.call(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    keys++;
  }
  for (const k in b) if (hasOwn.call(b, k)) keys--;
  return keys === 0;
}
