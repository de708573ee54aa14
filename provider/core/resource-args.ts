/** Declares output-only properties as undefined inputs so the engine registers them as outputs. */
export function withOutputs<A extends object>(args: A, outputs: readonly string[]): Record<string, unknown> {
  return { ...Object.fromEntries(outputs.map((k) => [k, undefined])), ...args };
}
