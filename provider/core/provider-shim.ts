import type * as pulumi from "@pulumi/pulumi";

/**
 * The dynamic provider stored in state: a few lines that load the implementation from the installed
 * pulumi-secgroups at run time. The text depends only on `kind`, so state stays small (well under 2 KB)
 * and keeps working after the package is upgraded; the program directory's node_modules supplies the code.
 */
export function providerShim(kind: string): pulumi.dynamic.ResourceProvider {
  const impl = (): Required<pulumi.dynamic.ResourceProvider> => {
    let registry;
    try {
      registry = require("pulumi-secgroups/dist/provider/registry.js");
    } catch (e) {
      const path = require("path");
      let own;
      try {
        own = require(path.resolve("package.json")).name === "pulumi-secgroups";
      } catch {
        own = false;
      }
      if (!own) throw new Error(`pulumi-secgroups is not installed in ${process.cwd()}: run \`npm install pulumi-secgroups\` there (${e})`);
      registry = require(path.resolve("dist/provider/registry.js"));
    }
    return registry.implementationFor(kind);
  };
  return {
    configure: (req) => impl().configure(req),
    check: (olds, news) => impl().check(olds, news),
    diff: (id, olds, news) => impl().diff(id, olds, news),
    create: (inputs) => impl().create(inputs),
    read: (id, props) => impl().read(id, props),
    update: (id, olds, news) => impl().update(id, olds, news),
    delete: (id, props) => impl().delete(id, props),
  };
}
