import type * as pulumi from "@pulumi/pulumi";
import { ADOPT_KEY, adoptionArgs, withAdoption } from "../../provider/core/adoption";
import { SecgroupsError } from "../../provider/core/errors";

type Impl = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/** A cloud of one object kind in memory; records every props bag each method saw. */
function fakeImpl(objects: Record<string, Record<string, unknown>>, replaceKeys: string[] = ["name"]) {
  const seen: Record<string, unknown>[] = [];
  const impl: Impl = {
    check: async (_olds, news) => (seen.push(news), { inputs: news }),
    diff: async (_id, olds, news) => {
      seen.push(olds, news);
      const changed = Object.keys({ ...olds, ...news }).filter((k) => olds[k] !== news[k]);
      return { changes: changed.length > 0, replaces: changed.filter((k) => replaceKeys.includes(k)) };
    },
    create: async (inputs) => (seen.push(inputs), { id: "new", outs: inputs }),
    read: async (id, props) => (seen.push(props), objects[id] ? { id, props: objects[id] } : {}),
    update: async (id, olds, news) => (seen.push(olds, news), (objects[id] = { ...news }), { outs: news }),
    delete: async (_id, props) => void seen.push(props),
  };
  return { impl: withAdoption("test:Kind", impl), seen, objects };
}

describe("opts.import as __adopt", () => {
  it("moves opts.import into the inputs and leaves other options alone", () => {
    const [args, opts] = adoptionArgs({ name: "x" }, { import: "sg-1", protect: true });
    expect(args).toEqual({ name: "x", [ADOPT_KEY]: "sg-1" });
    expect(opts).toEqual({ protect: true });
    expect(adoptionArgs({ name: "x" }, { protect: true })).toEqual([{ name: "x" }, { protect: true }]);
  });

  it("adopts the existing object instead of creating one, updating fields that can change in place", async () => {
    const { impl, objects } = fakeImpl({ "sg-1": { name: "web", description: "old" } });
    const made = await impl.create({ name: "web", description: "new", [ADOPT_KEY]: "sg-1" });
    expect(made).toEqual({ id: "sg-1", outs: { name: "web", description: "new" } });
    expect(objects["sg-1"].description).toBe("new");
  });

  it("refuses an object whose fields that force replacement differ, naming them", async () => {
    const { impl } = fakeImpl({ "sg-1": { name: "other" } });
    const error = await impl.create({ name: "web", [ADOPT_KEY]: "sg-1" }).catch((e) => e);
    expect(error).toBeInstanceOf(SecgroupsError);
    expect(error.message).toBe(
      "import test:Kind failed: sg-1 differs from the declared inputs in name, which cannot change in place: declare the values it has (pulumi refresh after import shows them)",
    );
  });

  it("says so when the id does not exist", async () => {
    const { impl } = fakeImpl({});
    await expect(impl.create({ name: "web", [ADOPT_KEY]: "sg-9" })).rejects.toThrow(
      "import test:Kind failed: sg-9 does not exist in the cloud",
    );
  });

  it("keeps __adopt from every method of the implementation, and from diffs after the import option is removed", async () => {
    const { impl, seen } = fakeImpl({ "sg-1": { name: "web" } });
    const checked = await impl.check({}, { name: "web", [ADOPT_KEY]: "sg-1" });
    expect(checked.inputs).toEqual({ name: "web", [ADOPT_KEY]: "sg-1" });
    await impl.create(checked.inputs!);
    expect(await impl.diff("sg-1", { name: "web", [ADOPT_KEY]: "sg-1" }, { name: "web" })).toEqual({ changes: false, replaces: [] });
    await impl.read("sg-1", { name: "web", [ADOPT_KEY]: "sg-1" });
    await impl.update("sg-1", { name: "web", [ADOPT_KEY]: "sg-1" }, { name: "web" });
    await impl.delete("sg-1", { name: "web", [ADOPT_KEY]: "sg-1" });
    expect(seen.filter((props) => ADOPT_KEY in props)).toEqual([]);
  });

  it("rejects an import id that is not a non-empty string, under the import option", async () => {
    const { impl } = fakeImpl({});
    expect((await impl.check({}, { name: "web", [ADOPT_KEY]: "" })).failures).toEqual([
      { property: "import", reason: 'import: the id to import must be a non-empty string, got ""' },
    ]);
  });
});
