import { spawn, ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as net from "node:net";
import { parseCliArgs } from "../../emulator/cli-options";
import { CLOUDS } from "../../emulator/clouds";
import { DEFAULT_PORT_BASE, PORT_OFFSETS, portsFor } from "../../emulator/ports";
import { REPO_ROOT } from "../helpers/provider-host";

// The `secgroups-emulator` bin (dist/emulator/cli.js) as a user runs it: flags, the JSON line, --state.
const CLI = path.join(REPO_ROOT, "dist/emulator/cli.js");

// Free ports (--port-base 0) unless a test names a base: the default ports may be held by an emulator the user runs.
async function start(args: string[]): Promise<{ proc: ChildProcess; line: Record<string, any> }> {
  const proc = spawn(process.execPath, [CLI, ...(args.includes("--port-base") ? [] : ["--port-base", "0"]), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
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

/** Runs the CLI to its exit (a refusal): exit code, stdout and stderr. */
async function refused(args: string[]): Promise<{ code: unknown; out: string; err: string }> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (err += d));
  const code = await new Promise((resolve) => proc.on("exit", resolve));
  return { code, out, err };
}

/** A port nobody holds right now, with the ports of every cloud's offset free too (checked by binding them). */
async function freeBase(span = Object.keys(PORT_OFFSETS).length): Promise<number> {
  for (;;) {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const base = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    if (base + span > 65000) continue;
    const held: net.Server[] = [];
    const ok = await Promise.all(
      Array.from(
        { length: span },
        (_, i) =>
          new Promise<boolean>((r) => {
            const s = net.createServer().once("error", () => r(false));
            s.listen(base + i, "127.0.0.1", () => {
              held.push(s);
              r(true);
            });
          }),
      ),
    );
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
    if (ok.every(Boolean)) return base;
  }
}

it("gives each cloud a fixed offset from the port base, whichever clouds run", async () => {
  const base = await freeBase();
  const alone = await start(["--scaleway", "--port-base", String(base)]);
  await stop(alone.proc);
  const all = await start(["--all", "--port-base", String(base)]);
  await stop(all.proc);
  expect(alone.line.scaleway.url).toBe(`http://127.0.0.1:${base + PORT_OFFSETS.scaleway}`);
  expect(all.line.scaleway.url).toBe(alone.line.scaleway.url);
  expect(all.line.nhn.url).toBe(`http://127.0.0.1:${base}`);
  expect(new Set(Object.values(all.line).map((d: any) => d.url)).size).toBe(Object.keys(all.line).length);
});

it("fixes an offset for every cloud, and defaults to ports from 18700", () => {
  expect(Object.keys(CLOUDS).filter((c) => !(c in PORT_OFFSETS))).toEqual([]);
  expect(new Set(Object.values(PORT_OFFSETS)).size).toBe(Object.keys(PORT_OFFSETS).length);
  expect(parseCliArgs([]).portBase).toBe(DEFAULT_PORT_BASE);
  expect(portsFor(["huaweicloudNova"], DEFAULT_PORT_BASE)).toEqual({ huaweicloudNova: 18704 });
  expect(portsFor(["nhn"], 0)).toBeUndefined();
});

it("says which port is taken and what to do, without a stack trace", async () => {
  const base = await freeBase(1);
  const holder = net.createServer();
  await new Promise<void>((r) => holder.listen(base, "127.0.0.1", r));
  try {
    const { code, out, err } = await refused(["--nhn", "--port-base", String(base)]);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err.trim()).toBe(
      `secgroups-emulator: nhn: port ${base} on 127.0.0.1 is already in use (another emulator still running?); stop what holds it, or choose other ports with --port-base N (0 picks free ports)`,
    );
  } finally {
    await new Promise((r) => holder.close(r));
  }
});

it.each([
  [["--latency", "abc"], '--latency: expected a whole number of milliseconds, e.g. --latency 20; got "abc"'],
  [["--port-base", "abc"], '--port-base: expected 0 (free ports) or a port from 1024 to 65516, e.g. --port-base 18700; got "abc"'],
  [["--port-base", "80"], '--port-base: expected 0 (free ports) or a port from 1024 to 65516, e.g. --port-base 18700; got "80"'],
  [["--set", "bogus=2"], 'unknown setting "bogus"'],
  [["--set", "nhn.ipv6"], '"nhn.ipv6" has no "="'],
  [["--print", "yaml"], '--print: expected one of json, env, config; got "yaml"'],
  [["--host", "a b"], "--host: expected an address to listen on"],
])("refuses %j naming the flag and the form it expects (exit 2)", async (args, message) => {
  const { code, out, err } = await refused(args);
  expect(code).toBe(2);
  expect(out).toBe("");
  expect(err).toContain(message);
});

it("lists the --set keys the clouds read", () => {
  expect(() => parseCliArgs(["--set", "bogus=2"])).toThrow(/KEY one of .*nhn\.ipv6.*scaleway\.syncMs/);
  expect(
    parseCliArgs(["--set", "nhn.users=a:b:t", "--set", "scaleway.syncMs=0", "--set", "huaweicloudNova.maxBodyBytes=2048"]).settings,
  ).toEqual({ "nhn.users": "a:b:t", "scaleway.syncMs": "0", "huaweicloudNova.maxBodyBytes": "2048" });
});

it("says why it cannot start with a bad --state file, in one line (exit 1)", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-")), "missing", "state.json");
  const { code, out, err } = await refused(["--nhn", "--port-base", "0", "--state", file]);
  expect(code).toBe(1);
  expect(out).toBe("");
  expect(err.trim()).toBe(`secgroups-emulator: --state ${file}: the directory ${path.dirname(file)} does not exist; create it first`);
});

it("listens on --host and prints a URL reachable from this machine", async () => {
  const { proc, line } = await start(["--nhn", "--host", "0.0.0.0"]);
  try {
    expect(line.nhn.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${line.nhn.url}/v2.0/nothing-here`)).status).toBe(501);
  } finally {
    await stop(proc);
  }
});

it("prints export lines or pulumi config set lines for the clouds it runs, with --print", async () => {
  const base = await freeBase();
  const env = await startLines(["--nhn", "--scaleway", "--port-base", String(base), "--print", "env"], 9);
  const config = await startLines(["--huaweicloud", "--port-base", String(base), "--print", "config"], 4);
  expect(env).toEqual([
    `export OS_AUTH_URL=http://127.0.0.1:${base}/v2.0`,
    "export OS_TENANT_ID=demo-tenant",
    "export OS_USERNAME=demo",
    "export OS_PASSWORD=demo-password",
    `export SCW_API_URL=http://127.0.0.1:${base + 2}`,
    "export SCW_ACCESS_KEY=SCWEMULATORDEMO00001",
    "export SCW_SECRET_KEY=5ca1e000-0000-4000-8000-000000000001",
    "export SCW_DEFAULT_PROJECT_ID=1e5c0000-0000-4000-8000-000000000001",
    "export SCW_DEFAULT_ZONE=fr-par-1",
  ]);
  expect(config).toEqual([
    "pulumi config set --secret secgroups:huaweicloudAccessKey HWEMULATORDEMOAK0001",
    "pulumi config set --secret secgroups:huaweicloudSecretKey emulator-demo-secret-key-0000000000000001",
    "pulumi config set secgroups:huaweicloudProjectId 0605767829804ba1b2c3d4e5f6a7b8c9",
    `pulumi config set secgroups:huaweicloudVpcEndpoint http://127.0.0.1:${base + 3}`,
  ]);
});

it("prints the openstack provider's settings (Keystone v3) like every other cloud's", async () => {
  const [line] = await startLines(["--openstack", "--port-base", "0", "--print", "env"], 1);
  expect(line).toMatch(/^export OS_AUTH_URL=http:\/\/127\.0\.0\.1:\d+\/v3$/);
});

/** Starts the CLI, collects its first `count` stdout lines, stops it. */
async function startLines(args: string[], count: number): Promise<string[]> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines = await new Promise<string[]>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (d) => {
      out += d;
      const got = out.split("\n");
      if (got.length > count) resolve(got.slice(0, count));
    });
    proc.on("exit", (code) => reject(new Error(`emulator exited ${code}`)));
  });
  await stop(proc);
  return lines;
}

it("refuses an unknown cloud with the list of known ones", async () => {
  const { code, err } = await refused(["--aws"]);
  expect(code).toBe(2);
  expect(err).toContain("Unknown option '--aws'");
  expect(err).toContain("Clouds: nhn, genesiscloud, scaleway, huaweicloud, huaweicloudNova, openstack.");
});

/**
 * The emulator on a free port base. Outgoing connections take ports from the same range (32768-60999 here) at any
 * time, so a port free when checked can be taken before the emulator binds it: it then exits, and we try again.
 */
async function startOnFreeBase(args: string[]): Promise<{ base: number; proc: ChildProcess; line: Record<string, any> }> {
  for (let attempt = 1; ; attempt++) {
    const base = await freeBase();
    try {
      return { base, ...(await start([...args, "--port-base", String(base)])) };
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

it("keeps each earlier cloud's --port-base port: openstack comes last", async () => {
  const { base, proc, line } = await startOnFreeBase(["--all"]);
  try {
    const port = (cloud: string) => Number(new URL(typeof line[cloud] === "string" ? line[cloud] : line[cloud].url).port);
    expect(["nhn", "genesiscloud", "scaleway", "huaweicloud", "huaweicloudNova", "openstack"].map(port)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => base + i),
    );
  } finally {
    await stop(proc);
  }
});

it("replaces the --state file whole: a reader never sees it half written", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
  const file = path.join(dir, "state.json");
  const { proc, line } = await start(["--nhn", "--state", file]);
  try {
    const url = line.nhn.url;
    const auth = { tenantId: "demo-tenant", passwordCredentials: { username: "demo", password: "demo-password" } };
    const token = ((await (await fetch(`${url}/v2.0/tokens`, { method: "POST", body: JSON.stringify({ auth }) })).json()) as any).access
      .token.id;
    const create = (i: number) =>
      fetch(`${url}/v2.0/security-groups`, {
        method: "POST",
        headers: { "x-auth-token": token },
        body: JSON.stringify({ security_group: { name: `g${i}`, description: "x".repeat(250) } }),
      });
    const ids: string[] = [];
    for (let i = 0; i < 90; i++) ids.push(((await (await create(i)).json()) as any).security_group.id);
    const update = (i: number) =>
      fetch(`${url}/v2.0/security-groups/${ids[i % ids.length]}`, {
        method: "PUT",
        headers: { "x-auth-token": token },
        body: JSON.stringify({ security_group: { description: `${i}:`.padEnd(200, "y") } }),
      });
    // Read the file as fast as possible while every further change rewrites it (some 100 KB each time).
    let reads = 0;
    const torn: string[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = fs.readFileSync(file, "utf8");
        reads++;
        try {
          JSON.parse(text);
        } catch {
          torn.push(`${text.length} bytes`);
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 200; i++) statuses.push((await update(i)).status);
    } finally {
      writing = false;
      await reader;
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(reads).toBeGreaterThan(100);
    expect(torn).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual(["state.json"]);
  } finally {
    await stop(proc);
  }
}, 60_000);
