import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TOKENS } from "../../provider/core/type-tokens";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { HostError, ProviderHost, PROJECT, REPO_ROOT, serializedProvider, urnOf } from "../helpers/provider-host";
import { NHN_KINDS } from "../../provider/nhn/kinds";
import { rulesOf } from "../helpers/stored-rules";

// The provider runs inside the real @pulumi/pulumi dynamic-provider host, loaded from the `__provider`
// text exactly as the engine stores it in state; credentials arrive through Configure (stack config).

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const GROUP = urnOf(TOKENS.nhnSecurityGroup, "web");
const RULE = urnOf(TOKENS.nhnSecurityGroupRule, "ssh");
const NO_OS_ENV = {
  OS_AUTH_URL: undefined,
  OS_TENANT_ID: undefined,
  OS_USERNAME: undefined,
  OS_PASSWORD: undefined,
  SECGROUPS_QUIET: undefined,
};

let emu: TestEmulator;
let host: ProviderHost;
let groupText: string;
let ruleText: string;
const returned: unknown[] = [];

function stackConfig(url: string): Record<string, string> {
  return {
    "secgroups:nhnAuthUrl": `${url}/v2.0`,
    "secgroups:nhnTenantId": "demo-tenant",
    "secgroups:nhnUsername": "demo",
    "secgroups:nhnPassword": "demo-password",
    [`${PROJECT}:unrelated`]: "x",
  };
}

beforeAll(async () => {
  emu = await startTestEmulator({ clouds: ["nhn"] });
  host = await ProviderHost.start({ env: NO_OS_ENV });
  await host.configure(stackConfig(emu.url("nhn")));
  groupText = await serializedProvider("nhn:SecurityGroup");
  ruleText = await serializedProvider("nhn:SecurityGroupRule");
});
afterAll(async () => {
  host?.close();
  await emu.close();
});

const keep = <T>(v: T) => (returned.push(v), v);

describe("nhn resources in the real dynamic-provider host", () => {
  let id: string;
  let outs: Record<string, any>;

  it("checks inputs: canonical form, one failure per bad field, unknowns pass", async () => {
    const ok = keep(
      await host.check(
        GROUP,
        {},
        {
          __provider: groupText,
          name: "web",
          rules: [{ direction: "ingress", protocol: 6, portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "10.0.0.9/8" }],
        },
      ),
    );
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.rules[0]).toMatchObject({ protocol: "tcp", remoteIpPrefix: "10.0.0.0/8" });
    expect(ok.inputs.__provider).toBe(groupText);
    const bad = await host.check(
      GROUP,
      {},
      { __provider: groupText, name: "", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 70000 }] },
    );
    expect(bad.failures).toEqual([
      { property: "name", reason: 'is required (got "")' },
      { property: "rules.0.portRangeMin", reason: "port 70000 must be an integer 1-65535 (got 70000)" },
    ]);
    const preview = await host.check(
      GROUP,
      {},
      { __provider: groupText, name: UNKNOWN, rules: [{ direction: "ingress", remoteGroupId: UNKNOWN }] },
    );
    expect(preview.failures).toEqual([]);
  });

  it("creates, diffs, updates, reads and deletes a group", async () => {
    const checked = (
      await host.check(
        GROUP,
        {},
        { __provider: groupText, name: "web", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22 }] },
      )
    ).inputs;
    ({ id, outs } = keep(await host.create(GROUP, checked)));
    expect(outs.__provider).toBe(groupText);
    expect(outs.securityGroupRules).toHaveLength(1);

    const news = (
      await host.check(GROUP, outs, {
        __provider: groupText,
        name: "web-2",
        rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443 }],
      })
    ).inputs;
    expect(keep(await host.diff(GROUP, id, outs, news))).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = keep(await host.update(GROUP, id, outs, news));
    expect(rulesOf(NHN_KINDS.group, updated.outs)!.map((r: any) => r.portRangeMin)).toEqual([443]);

    const read = keep(await host.read(GROUP, id, updated.outs));
    expect(read.id).toBe(id);
    expect(read.outs.name).toBe("web-2");

    await host.delete(GROUP, id, updated.outs);
    expect((await host.read(GROUP, id, updated.outs)).id).toBe("");
  });

  it("imports a group by id: the engine's import Read carries no inputs, so `import` travels as __adopt and create adopts", async () => {
    const made = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "legacy" })).inputs);
    // What `pulumi up` sends for `opts.import` (pkg/resource/deploy/step.go, ImportStep): Read with the id alone.
    await expect(host.read(GROUP, made.id, {})).rejects.toThrow(/code must be a string/);
    const adopted = keep(
      await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "legacy", __adopt: made.id })).inputs),
    );
    expect(adopted.id).toBe(made.id);
    expect(adopted.outs).toMatchObject({ name: "legacy", description: "" });
    expect(
      Object.values((await emu.state("nhn")).groups as Record<string, { name: string }>).filter((g) => g.name === "legacy"),
    ).toHaveLength(1);
  });

  it("a rule change that would collide deletes before replacing", async () => {
    const sg = await host.create(GROUP, (await host.check(GROUP, {}, { __provider: groupText, name: "for-rules" })).inputs);
    const olds = (
      await host.check(RULE, {}, { __provider: ruleText, securityGroupId: sg.id, direction: "ingress", protocol: "tcp", portRangeMin: 22 })
    ).inputs;
    const rule = keep(await host.create(RULE, olds));
    const news = (
      await host.check(RULE, rule.outs, {
        __provider: ruleText,
        securityGroupId: sg.id,
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 22,
        description: "ssh",
      })
    ).inputs;
    expect(await host.diff(RULE, rule.id, rule.outs, news)).toEqual({
      changes: "some",
      replaces: ["description"],
      deleteBeforeReplace: true,
    });
  });

  it("reports a group whose rules could not be applied as partially created, keeping its id", async () => {
    await emu.fault("nhn", { method: "POST", path: "security-group-rules$", status: 500, count: 2 }); // the bulk create, and its retry after re-reading the rules
    const checked = (
      await host.check(
        GROUP,
        {},
        {
          __provider: groupText,
          name: "half",
          rules: [
            { direction: "ingress", protocol: "tcp", portRangeMin: 80 },
            { direction: "ingress", protocol: "tcp", portRangeMin: 81 },
          ],
        },
      )
    ).inputs;
    const error = (await host.create(GROUP, checked).catch((e) => e)) as HostError;
    expect(error.initFailed?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.initFailed?.reasons[0]).toContain("(POST /v2.0/security-group-rules -> 500)");
    const groups = (await emu.state("nhn")).groups;
    expect(groups[error.initFailed!.id].name).toBe("half");
    // the engine keeps the id; the next `up` updates the partial group to the declared rules
    const fixed = await host.update(GROUP, error.initFailed!.id, { ...error.initFailed!.properties, __provider: groupText }, checked);
    expect(
      rulesOf(NHN_KINDS.group, fixed.outs)!
        .map((r: any) => r.portRangeMin)
        .sort(),
    ).toEqual([80, 81]);
  });

  it("never returns or logs a credential or token", async () => {
    const tokens = Object.keys((await emu.state("nhn")).tokens);
    expect(tokens.length).toBeGreaterThan(0);
    const everything = JSON.stringify(returned) + host.logs;
    for (const secret of ["demo-password", ...tokens]) expect(everything).not.toContain(secret);
    const bad = await host.create(GROUP, { __provider: groupText, name: "" }).catch((e) => e);
    expect(String(bad.details)).not.toContain("demo-password");
  });
});

describe("the serialized provider stored in state", () => {
  const fixture = path.join(REPO_ROOT, "tests/fixtures/nhn-security-group-provider-v0.1.0.txt");

  it("is small: one method naming the kind, no path, a quarter of the first release's text", () => {
    expect(groupText.length).toBeLessThan(640);
    expect(groupText.length * 3).toBeLessThan(fs.readFileSync(fixture, "utf8").length);
    expect(groupText).not.toContain(REPO_ROOT);
    expect(groupText).toContain('"nhn:SecurityGroup"');
  });

  it("has every method as soon as the host starts its first call, even with calls in parallel", async () => {
    const fresh = await ProviderHost.start({ env: NO_OS_ENV });
    try {
      await fresh.configure(stackConfig(emu.url("nhn")));
      const inputs = { __provider: groupText, name: "parallel", description: "", deleteDefaultRules: false };
      const [checked, made] = await Promise.all([fresh.check(GROUP, {}, inputs), fresh.create(GROUP, inputs)]);
      expect(checked.failures).toEqual([]);
      expect((await emu.state("nhn")).groups[made.id].name).toBe("parallel");
      const read = await fresh.read(GROUP, made.id, made.outs);
      expect(read.outs.name).toBe("parallel");
      await fresh.delete(GROUP, made.id, read.outs);
    } finally {
      fresh.close();
    }
  });

  it("state written by the first release: no diff against the new text, and update, read and delete work", async () => {
    const oldText = fs.readFileSync(fixture, "utf8");
    const inputs = { name: "upgraded", description: "", deleteDefaultRules: false };
    const made = await host.create(GROUP, { __provider: oldText, ...inputs });
    const news = { __provider: groupText, ...inputs };
    expect((await host.diff(GROUP, made.id, made.outs, news)).changes).toBe("none");
    const updated = await host.update(GROUP, made.id, made.outs, { ...news, description: "now" });
    expect(updated.outs.__provider).toBe(groupText);
    expect((await host.read(GROUP, made.id, made.outs)).outs.description).toBe("now");
    await host.delete(GROUP, made.id, made.outs);
    expect((await emu.state("nhn")).groups[made.id]).toBeUndefined();
  });

  it("loads the installed package from the program's node_modules: old state works with the current code", async () => {
    const program = fs.mkdtempSync(path.join(os.tmpdir(), "user-program-"));
    fs.mkdirSync(path.join(program, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(program, "node_modules", "pulumi-secgroups"));
    fs.writeFileSync(
      path.join(program, "package.json"),
      JSON.stringify({ name: "user-program", dependencies: { "pulumi-secgroups": "*" } }),
    );
    const userHost = await ProviderHost.start({ cwd: program, env: NO_OS_ENV });
    try {
      await userHost.configure(stackConfig(emu.url("nhn")));
      const oldText = fs.readFileSync(fixture, "utf8");
      const made = await userHost.create(GROUP, {
        __provider: oldText,
        name: "from-old-state",
        description: "",
        deleteDefaultRules: false,
      });
      expect((await emu.state("nhn")).groups[made.id].name).toBe("from-old-state");
    } finally {
      userHost.close();
      fs.rmSync(program, { recursive: true, force: true });
    }
  });

  it("says how to fix a program directory without the package", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-package-"));
    const bare = await ProviderHost.start({ cwd: empty, env: NO_OS_ENV });
    try {
      const error = await bare.create(GROUP, { __provider: groupText, name: "x" }).catch((e) => e);
      expect(error.details).toContain("Cannot find module 'pulumi-secgroups/run'");
    } finally {
      bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
