// Our `pulumi-language-nodejs` over gRPC, as the engine calls it: the resource plugins a program needs are found in
// its node_modules (so the engine can install them), from package.json's `pulumi` section or pulumi-plugin.json.
import { spawn, ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { REPO_ROOT } from "../helpers/provider-host";

const language = require("@pulumi/pulumi/proto/language_pb");
const languageRpc = require("@pulumi/pulumi/proto/language_grpc_pb");

function writePackage(dir: string, pkg: Record<string, unknown>, pluginJson?: Record<string, unknown>): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
  if (pluginJson) fs.writeFileSync(path.join(dir, "pulumi-plugin.json"), JSON.stringify(pluginJson));
}

/** A program whose node_modules holds plugin packages in every form the host must find, and some it must not. */
function program(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-langhost-"));
  const nm = path.join(root, "node_modules");
  writePackage(path.join(nm, "@pulumi", "random"), { name: "@pulumi/random", version: "4.16.0", pulumi: { resource: true } });
  writePackage(
    path.join(nm, "@acme", "widgets"),
    { name: "@acme/widgets", version: "0.1.0", pulumi: { resource: true, name: "widgets" } },
    { resource: true, name: "widgets", version: "2.0.0", server: "github://api.github.com/acme" },
  );
  writePackage(path.join(nm, "left-pad"), { name: "left-pad", version: "1.3.0" });
  writePackage(path.join(nm, "not-a-plugin"), { name: "not-a-plugin", version: "1.0.0", pulumi: { resource: false } });
  writePackage(path.join(nm, "outer", "node_modules", "@pulumi", "tls"), {
    name: "@pulumi/tls",
    version: "5.0.1",
    pulumi: { resource: true },
  });
  writePackage(path.join(nm, "outer"), { name: "outer", version: "1.0.0" });
  // A link back to a package already seen (as npm workspaces make) is read once.
  fs.symlinkSync(path.join(nm, "@pulumi", "random"), path.join(nm, "random-link"));
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "prog", main: "index.js" }));
  return root;
}

let host: ChildProcess;
let client: any;

beforeAll(async () => {
  host = spawn(process.execPath, [path.join(REPO_ROOT, "scripts", "pulumi-cli", "language-host.js"), "127.0.0.1:1"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve) => host.stdout!.once("data", (d) => resolve(String(d).trim())));
  client = new languageRpc.LanguageRuntimeClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  host?.kill();
});

const call = (method: string, req: unknown): Promise<any> =>
  new Promise((resolve, reject) => client[method](req, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))));

function infoFor(dir: string) {
  const info = new language.ProgramInfo();
  info.setRootDirectory(dir);
  info.setProgramDirectory(dir);
  info.setEntryPoint(".");
  return info;
}

const fieldsOf = (deps: any[]) =>
  deps.map((p) => ({ name: p.getName(), kind: p.getKind(), version: p.getVersion(), server: p.getServer() }));

const EXPECTED = [
  { name: "random", kind: "resource", version: "v4.16.0", server: "" },
  { name: "tls", kind: "resource", version: "v5.0.1", server: "" },
  { name: "widgets", kind: "resource", version: "v2.0.0", server: "github://api.github.com/acme" },
];

it("GetRequiredPackages names every resource plugin the program's packages declare, nested and scoped ones included", async () => {
  const req = new language.GetRequiredPackagesRequest();
  req.setInfo(infoFor(program()));
  const res = await call("getRequiredPackages", req);
  expect(fieldsOf(res.getPackagesList())).toEqual(EXPECTED);
});

it("GetRequiredPlugins (older engines) answers the same plugins", async () => {
  const dir = program();
  const req = new language.GetRequiredPluginsRequest();
  req.setInfo(infoFor(dir));
  req.setPwd(dir);
  const res = await call("getRequiredPlugins", req);
  expect(fieldsOf(res.getPluginsList())).toEqual(EXPECTED);
});

it("finds none for this repository's own programs (pulumi-secgroups needs no plugin beyond the dynamic one)", async () => {
  const req = new language.GetRequiredPackagesRequest();
  req.setInfo(infoFor(REPO_ROOT));
  expect((await call("getRequiredPackages", req)).getPackagesList()).toEqual([]);
});
