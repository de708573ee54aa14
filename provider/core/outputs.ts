/** Removes undefined values recursively: the host cannot send them ("Unexpected struct type."). */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    ) as T;
  }
  return value;
}

/** The property bag the engine passes, without its serialized provider (`__provider`). */
export function strip<T extends Record<string, unknown>>(props: T): Omit<T, "__provider"> {
  const { __provider: _p, ...rest } = props;
  return rest;
}
