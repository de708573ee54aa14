/**
 * Lookups in emulator state keyed by what a request says (tokens, ids, principals): own properties only, so
 * `__proto__`, `constructor` or `toString` are never found, and a write never reaches a prototype.
 */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Stores `value` under `key` as an own property, even for `__proto__`. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
