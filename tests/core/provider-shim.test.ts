import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../../provider/core/provider-shim";
import * as registry from "../../provider/registry";
import { TOKENS } from "../../policies/type-tokens";

// The shim's text is what the engine stores in state for every resource (`__provider`): it must stay small,
// and the host must find every method on it once `configure` has been called, without waiting for it.

const KINDS = Object.values(TOKENS).map((token) => token.replace("pulumi-nodejs:dynamic/", ""));

async function serialized(kind: string): Promise<string> {
  // The variable name the SDK's dynamic.Resource uses, so the bytes are the ones stored in state.
  const provider = providerShim(kind);
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

/** Loads a serialized provider as the host does (`requireFromString(text).handler()`), with `pulumi-secgroups/run` = the registry. */
function load(text: string, run: object): Record<string, any> {
  const module = { exports: {} as Record<string, any> };
  const req = (id: string) => (id === "pulumi-secgroups/run" ? run : require(id));
  new Function("exports", "require", "module", text)(module.exports, req, module);
  return module.exports.handler();
}

describe("the provider shim stored in state", () => {
  it.each(KINDS)("%s: under 700 bytes, naming the kind and no path", async (kind) => {
    const text = await serialized(kind);
    expect(text.length).toBeLessThan(700);
    expect(text).toContain(JSON.stringify(kind));
    expect(text).not.toContain(process.cwd());
  });

  it("gets every method from configure at once, before configure's promise settles", async () => {
    const shim = load(await serialized("nhn:SecurityGroup"), registry);
    expect(Object.keys(shim)).toEqual(["configure"]);
    const configured = shim.configure({ config: { get: () => undefined } });
    expect(Object.keys(shim).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    await configured;
    const inputs = { name: "web", description: "", deleteDefaultRules: false };
    await expect(shim.diff("id", inputs, inputs)).resolves.toEqual({ changes: false, replaces: [] });
    await expect(shim.check({}, { name: "" })).resolves.toMatchObject({ failures: [{ property: "name" }] });
  });
});
