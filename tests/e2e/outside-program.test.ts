// A user's program outside this repository: the packed tarball installed into a fresh directory with its own
// package.json and Pulumi.yaml, run by the real CLI. The provider stored in state loads from that program's own
// node_modules, and keeps working after the package is upgraded (a second tarball with another version).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiStack } from "../../emulator/engine/pulumi-cli";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { describeE2e } from "../helpers/e2e";
import { REPO_ROOT } from "../helpers/provider-host";
import { CLOUD_CASES } from "./clouds";

const npm = (cwd: string, ...args: string[]) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** Packs this repository as published (dist built by pretest), optionally under another version. */
function pack(into: string, version?: string): string {
  const file = npm(REPO_ROOT, "pack", "--ignore-scripts", "--pack-destination", into).split("\n").pop()!;
  if (!version) return path.join(into, file);
  const unpacked = fs.mkdtempSync(path.join(into, "unpacked-"));
  execFileSync("tar", ["-xzf", path.join(into, file), "-C", unpacked]);
  const manifest = path.join(unpacked, "package", "package.json");
  fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, "utf8")), version }, null, 2));
  const again = npm(path.join(unpacked, "package"), "pack", "--ignore-scripts", "--pack-destination", into).split("\n").pop()!;
  return path.join(into, again);
}

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { nhn } = require("pulumi-secgroups");
const port = Number(new pulumi.Config("app").get("port") || "443");
const web = new nhn.SecurityGroup("web", { name: "outside-web", description: "from a user's program" });
new nhn.SecurityGroupRule("https", { securityGroupId: web.id, direction: "ingress", protocol: "tcp", portRangeMin: port, portRangeMax: port, remoteIpPrefix: "10.0.0.0/8" });
exports.webId = web.id;
`;

describeE2e("a user's program outside the repository, installed from the packed tarball", (engine) => {
  let emu: TestEmulator;
  let dir: string;
  let stack: PulumiStack;

  beforeAll(async () => {
    emu = await startTestEmulator({ clouds: ["nhn"] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-user-program-"));
    const pulumiVersion = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "user-program", private: true, main: "index.js", dependencies: { "@pulumi/pulumi": pulumiVersion } }),
    );
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: user-program\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    npm(dir, "install", "--prefer-offline", "--no-audit", "--no-fund", pack(dir));
    stack = await PulumiStack.create(engine(), { program: dir, stack: "dev" });
    await stack.setConfig(emu.demoConfig());
  }, 300_000);

  afterAll(async () => {
    await stack?.remove();
    await emu?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("deploys with the provider loaded from the program's own node_modules; state names no path or version", async () => {
    await stack.ok("up", "--yes", "--skip-preview");
    expect(await CLOUD_CASES.nhn.api(emu).groupsNamed("outside-web")).toEqual(["outside-web"]);
    const { text, resources } = await stack.exportState();
    const provider = String(resources.find((r) => r.urn.endsWith("::web"))?.inputs?.__provider);
    expect(provider).toContain("pulumi-secgroups/run");
    expect(text).not.toContain(REPO_ROOT);
    expect(text).not.toContain(dir);
    expect(text).not.toMatch(/"version":\s*"0\.1\.0"|pulumi-secgroups@/);
  }, 180_000);

  it("keeps working on the state written by the older version after the package is upgraded", async () => {
    npm(dir, "install", "--prefer-offline", "--no-audit", "--no-fund", pack(dir, "99.0.0-e2e"));
    expect(JSON.parse(fs.readFileSync(path.join(dir, "node_modules/pulumi-secgroups/package.json"), "utf8")).version).toBe("99.0.0-e2e");
    await stack.ok("refresh", "--yes", "--skip-preview", "--expect-no-changes");
    await stack.setConfig({ "app:port": "8443" });
    await stack.ok("up", "--yes", "--skip-preview");
    const groupId = (await stack.exportState()).resources.find((r) => r.urn.endsWith("::web"))!.id!;
    expect((await CLOUD_CASES.nhn.api(emu).rules(groupId)).map((r) => r.port)).toEqual([8443]);
    await stack.ok("destroy", "--yes", "--skip-preview");
    expect(await CLOUD_CASES.nhn.api(emu).groupsNamed("outside-")).toEqual([]);
  }, 300_000);
});
