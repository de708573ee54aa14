import type * as pulumi from "@pulumi/pulumi";
import { SecgroupsError } from "./errors";

/**
 * `opts.import` for our resources. The engine's import step calls Read with no inputs and no state, so the
 * dynamic-provider host cannot find the serialized provider and fails ("code must be a string", pulumi/pulumi#16175).
 * Our resource classes therefore pass the id to import as the input `__adopt` instead of the resource option; create
 * then adopts that object: reads it, refuses it if a field that cannot change in place differs (as `pulumi import`
 * refuses mismatched inputs), and brings the rest to the declared inputs. No other method sees the field, so
 * removing `import` from the program after the first `up` changes nothing.
 */
export const ADOPT_KEY = "__adopt";

type Impl = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;
type Props = Record<string, unknown>;

/** Moves `opts.import` into the inputs (see ADOPT_KEY); everything else passes through. */
export function adoptionArgs<A extends object>(
  args: A,
  opts: pulumi.CustomResourceOptions | undefined,
): [A, pulumi.CustomResourceOptions | undefined] {
  if (!opts?.import) return [args, opts];
  const { import: id, ...rest } = opts;
  return [{ ...args, [ADOPT_KEY]: id }, rest];
}

function withoutAdopt(props: Props | undefined): Props {
  if (!props || !(ADOPT_KEY in props)) return props ?? {};
  const { [ADOPT_KEY]: _id, ...rest } = props;
  return rest;
}

/** Wraps a kind's implementation so that `__adopt` means "adopt this id" in create and is invisible elsewhere. */
export function withAdoption(kind: string, impl: Impl): Impl {
  return {
    check: async (olds, news) => {
      const id = news?.[ADOPT_KEY];
      const result = await impl.check(withoutAdopt(olds), withoutAdopt(news));
      if (id === undefined || result.failures?.length) return result;
      if (typeof id !== "string" || id.trim() === "") {
        return {
          ...result,
          failures: [
            ...(result.failures ?? []),
            { property: "import", reason: `import: the id to import must be a non-empty string, got ${JSON.stringify(id)}` },
          ],
        };
      }
      return { ...result, inputs: { ...result.inputs, [ADOPT_KEY]: id } };
    },
    diff: (id, olds, news) => impl.diff(id, withoutAdopt(olds), withoutAdopt(news)),
    create: async (inputs) => {
      const id = inputs[ADOPT_KEY];
      const declared = withoutAdopt(inputs);
      if (typeof id !== "string") return impl.create(declared);
      return adopt(kind, impl, id, declared);
    },
    read: (id, props) => impl.read(id, withoutAdopt(props)),
    update: (id, olds, news) => impl.update(id, withoutAdopt(olds), withoutAdopt(news)),
    delete: (id, props) => impl.delete(id, withoutAdopt(props)),
  };
}

async function adopt(kind: string, impl: Impl, id: string, declared: Props): Promise<pulumi.dynamic.CreateResult> {
  const found = await impl.read(id, declared);
  if (!found.id) {
    throw new SecgroupsError(
      "NotFound",
      { operation: `import ${kind}` },
      `${id} does not exist in the cloud (or this account cannot see it): check the id given to the import option`,
    );
  }
  // The id read back is the one to keep: an import id may be longer (Scaleway's `<zone>/<id>`).
  const liveId = found.id;
  const live = found.props ?? {};
  const diff = await impl.diff(liveId, live, declared);
  if (diff.replaces?.length) {
    throw new SecgroupsError(
      "Validation",
      { operation: `import ${kind}` },
      `${id} differs from the declared inputs in ${diff.replaces.join(", ")}, which cannot change in place: declare the values it has (pulumi refresh after import shows them)`,
    );
  }
  if (!diff.changes) return { id: liveId, outs: live };
  const updated = await impl.update(liveId, live, declared);
  return { id: liveId, outs: updated.outs ?? declared };
}
