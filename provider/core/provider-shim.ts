import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider stored in state (`__provider`, once per resource), as small as the SDK's serializer
 * allows: one method. The host calls `configure` once per provider text, before any other method, and
 * `attach` (in `pulumi-secgroups/run`) gives this object the other methods, each delegating to the
 * implementation of kind `k` installed in the program's node_modules. `attach` installs them before its
 * first `await`, so a call that the host starts while `configure` is still running finds them.
 * The text depends only on `k`, so state keeps working, unchanged, after the package is upgraded:
 * `pulumi-secgroups/run` (its `attach`, and the `run` older shims call) and the kind strings are a stored
 * contract; never rename them.
 */
export function providerShim(k: string): pulumi.dynamic.ResourceProvider {
  // The SDK's type requires `create`; the host only ever sees this object after `configure` attached it.
  return {
    configure(...a: unknown[]) {
      return require("pulumi-secgroups/run").attach(this, k, a);
    },
  } as pulumi.dynamic.ResourceProvider;
}
