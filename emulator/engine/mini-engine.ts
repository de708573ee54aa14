import * as pulumi from "@pulumi/pulumi";
import { ProviderHost, PROJECT } from "./provider-host";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The engine strips secrets before calling a provider that does not accept them (ours does not). */
function stripSecrets(v: any): any {
  if (Array.isArray(v)) return v.map(stripSecrets);
  if (v && typeof v === "object") {
    if (v[SIG_KEY] === SECRET_SIG) return stripSecrets(v.value);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stripSecrets(x)]));
  }
  return v;
}

export interface EngineResource {
  urn: string;
  type: string;
  name: string;
  id: string;
  outs: Record<string, any>;
}

/**
 * A stand-in for `pulumi up` without the CLI: `setMocks` whose `newResource` sends every dynamic resource
 * through the real dynamic-provider host (Check, then Create), as the engine does on a first deployment.
 */
export class MiniEngine {
  readonly resources: EngineResource[] = [];
  readonly log: string[] = [];

  constructor(
    readonly host: ProviderHost,
    readonly stack = "dev",
    /** Runs between Check and Create, as the engine runs policy packs; throwing stops the resource. */
    readonly beforeCreate?: (r: { urn: string; type: string; name: string; inputs: Record<string, any> }) => Promise<void>,
  ) {}

  async install(): Promise<void> {
    await pulumi.runtime.setMocks(
      {
        newResource: async (args) => {
          if (!args.type.startsWith("pulumi-nodejs:dynamic")) return { id: `${args.name}_id`, state: args.inputs };
          const urn = `urn:pulumi:${this.stack}::${PROJECT}::${args.type}::${args.name}`;
          const checked = await this.host.check(urn, {}, stripSecrets(args.inputs));
          if (checked.failures.length) {
            throw new Error(`check failed for ${args.name}: ${checked.failures.map((f) => f.reason).join("; ")}`);
          }
          await this.beforeCreate?.({ urn, type: args.type, name: args.name, inputs: checked.inputs });
          const { id, outs } = await this.host.create(urn, checked.inputs);
          this.log.push(`create ${args.type} ${args.name} -> ${id}`);
          this.resources.push({ urn, type: args.type, name: args.name, id, outs });
          const { __provider: _p, ...state } = outs;
          return { id, state };
        },
        call: (a) => a.inputs,
      },
      PROJECT,
      this.stack,
      false,
    );
  }

  /** Deletes everything created, newest first, as `pulumi destroy` would. */
  async destroyAll(): Promise<void> {
    for (const r of [...this.resources].reverse()) {
      await this.host.delete(r.urn, r.id, r.outs);
      this.log.push(`delete ${r.type} ${r.name}`);
    }
    this.resources.length = 0;
  }
}

/** Waits for every output of the given values to resolve (mocked programs resolve asynchronously). */
export function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
