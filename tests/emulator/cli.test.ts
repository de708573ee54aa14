import { spawn, ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../helpers/provider-host";

// The `secgroups-emulator` bin (dist/emulator/cli.js) as a user runs it: flags, the JSON line, --state.
const CLI = path.join(REPO_ROOT, "dist/emulator/cli.js");

async function start(args: string[]): Promise<{ proc: ChildProcess; line: Record<string, any> }> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const line = await new Promise<Record<string, any>>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]));
    });
    proc.on("exit", (code) => reject(new Error(`emulator exited ${code}`)));
  });
  return { proc, line };
}

const stop = (proc: ChildProcess) =>
  new Promise((resolve) => {
    proc.on("exit", resolve);
    proc.kill("SIGTERM");
  });

it("starts the clouds named by flags and prints one JSON line mapping each to its base URL", async () => {
  const { proc, line } = await start(["--nhn", "--scaleway"]);
  try {
    expect(Object.keys(line).sort()).toEqual(["nhn", "scaleway"]);
    expect(line.nhn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${line.nhn.url}/v2.0/nothing-here`);
    expect(res.status).toBe(501);
    expect(((await res.json()) as any).NeutronError.message).toBe("emulator: no route for GET /v2.0/nothing-here");
  } finally {
    await stop(proc);
  }
});

it("starts every cloud without flags", async () => {
  const { proc, line } = await start([]);
  await stop(proc);
  expect(Object.keys(line).sort()).toEqual(["genesiscloud", "huaweicloud", "huaweicloudNova", "nhn", "openstack", "scaleway"]);
});

it("keeps state across restarts with --state", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-")), "state.json");
  const first = await start(["--nhn", "--state", file]);
  const token = async (url: string) =>
    (
      (await (
        await fetch(`${url}/v2.0/tokens`, {
          method: "POST",
          body: JSON.stringify({ auth: { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } } }),
        })
      ).json()) as any
    ).access.token.id;
  const url1 = first.line.nhn.url;
  const created = await fetch(`${url1}/v2.0/security-groups`, {
    method: "POST",
    headers: { "x-auth-token": await token(url1) },
    body: JSON.stringify({ security_group: { name: "survivor" } }),
  });
  expect(created.status).toBe(201);
  await stop(first.proc);

  const second = await start(["--nhn", "--state", file]);
  try {
    const url2 = second.line.nhn.url;
    const list = (await (
      await fetch(`${url2}/v2.0/security-groups?name=survivor`, { headers: { "x-auth-token": await token(url2) } })
    ).json()) as any;
    expect(list.security_groups.map((g: any) => g.name)).toEqual(["survivor"]);
  } finally {
    await stop(second.proc);
  }
});

it("refuses an unknown cloud with the list of known ones", async () => {
  const proc = spawn(process.execPath, [CLI, "--aws"], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d) => (err += d));
  const code = await new Promise((resolve) => proc.on("exit", resolve));
  expect(code).toBe(2);
  expect(err).toContain("Unknown option '--aws'");
  expect(err).toContain("Clouds: nhn, genesiscloud, scaleway, huaweicloud, huaweicloudNova, openstack.");
});

it("keeps each earlier cloud's --port-base port: openstack comes last", async () => {
  const base = 42000 + Math.floor(Math.random() * 2000) * 8;
  const { proc, line } = await start(["--all", "--port-base", String(base)]);
  try {
    const port = (cloud: string) => Number(new URL(typeof line[cloud] === "string" ? line[cloud] : line[cloud].url).port);
    expect(["nhn", "genesiscloud", "scaleway", "huaweicloud", "huaweicloudNova", "openstack"].map(port)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => base + i),
    );
  } finally {
    await stop(proc);
  }
});
