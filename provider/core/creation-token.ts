import { createHash } from "node:crypto";

/**
 * The input that carries a resource's creation token: a deterministic identity derived from the project, the
 * stack, the type and the resource name (the parts of its URN), so that the object a create made can be found
 * again after its answer was lost, in this run or the next, without adopting anything by name or position.
 * Clouds that can store it on the object (Scaleway and Huawei VPC tags) do; the others ignore it.
 */
export const TOKEN_KEY = "__creationToken";

/** What a cloud tag holding the token is called (Huawei's tag key; Scaleway's tag is `<TOKEN_TAG>=<token>`). */
export const TOKEN_TAG = "pulumi-secgroups-token";

/** The token of one resource: `sgt-` and 24 hex digits of SHA-256 over its URN's parts. */
export function creationToken(parts: { project: string; stack: string; type: string; name: string }): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([parts.project, parts.stack, parts.type, parts.name]))
    .digest("hex");
  return `sgt-${digest.slice(0, 24)}`;
}

/** The bag without the token, and the token if it is a well-formed one. */
export function splitToken<T extends Record<string, unknown>>(bag: T): [Omit<T, typeof TOKEN_KEY>, string | undefined] {
  if (!(TOKEN_KEY in bag)) return [bag, undefined];
  const { [TOKEN_KEY]: token, ...rest } = bag;
  return [rest, typeof token === "string" && /^sgt-[0-9a-f]{24}$/.test(token) ? token : undefined];
}
