import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider stored in state: each method loads the implementation of kind `k` from the
 * pulumi-secgroups installed in the program's node_modules at run time. The text depends only on
 * `kind`, so state stays small and keeps working, unchanged, after the package is upgraded.
 * `pulumi-secgroups/run` and the kind strings are therefore a stored contract: never rename them.
 */
export function providerShim(k: string): pulumi.dynamic.ResourceProvider {
  // One-letter names on purpose: this text is stored in state once per resource (k = kind, g = go).
  const g = (m: string, a: unknown[]) => require("pulumi-secgroups/run").run(k, m, a);
  return {
    configure: (...a) => g("configure", a),
    check: (...a) => g("check", a),
    diff: (...a) => g("diff", a),
    create: (...a) => g("create", a),
    read: (...a) => g("read", a),
    update: (...a) => g("update", a),
    delete: (...a) => g("delete", a),
  };
}
