import { spawn, ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../../provider/core/provider-shim";
import { repoRoot } from "./repo-root";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

export const REPO_ROOT = repoRoot();
export const PROJECT = "secgroups-test";

/** The `__provider` text `pulumi.dynamic.Resource` stores for a kind, serialized the same way. */
export async function serializedProvider(kind: string): Promise<string> {
  const provider = providerShim(kind);
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

export interface HostError extends Error {
  code: number;
  details: string;
  /** For a partial failure (`ErrorResourceInitFailed`): the id and properties the engine keeps. */
  initFailed?: { id: string; properties: Record<string, any>; reasons: string[] };
}

/** The real `@pulumi/pulumi` dynamic-provider host, spawned as the engine spawns it and driven over gRPC. */
export class ProviderHost {
  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: any,
    private readonly output: { text: string },
  ) {}

  static async start(options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<ProviderHost> {
    const script = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const env: Record<string, string | undefined> = {
      ...process.env,
      PULUMI_NODEJS_PROJECT: PROJECT,
      NODE_OPTIONS: undefined,
      ...options.env,
    };
    const proc = spawn(process.execPath, [script, "127.0.0.1:1"], {
      cwd: options.cwd ?? REPO_ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = { text: "" };
    proc.stderr!.on("data", (d) => (output.text += d));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      proc.stdout!.on("data", (d) => {
        out += d;
        const m = out.match(/^(\d+)\s*$/m);
        if (m) resolve(m[1]);
        output.text += d;
      });
      proc.on("exit", (c) => reject(new Error(`provider host exited ${c}: ${output.text}`)));
    });
    proc.stdout!.on("data", (d) => (output.text += d));
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new ProviderHost(proc, client, output);
  }

  /** Everything the host printed (stdout after the port, and stderr). */
  get logs(): string {
    return this.output.text;
  }

  close(): void {
    this.client.close();
    this.proc.kill();
  }

  private call<T = any>(method: string, req: any): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](req, (e: any, r: T) => {
        if (!e) return resolve(r);
        const bin = e.metadata?.get("grpc-status-details-bin")?.[0];
        if (bin) {
          const st = statusproto.Status.deserializeBinary(bin);
          const d = provproto.ErrorResourceInitFailed.deserializeBinary(st.getDetailsList()[0].getValue());
          e.initFailed = { id: d.getId(), properties: d.getProperties()?.toJavaScript() ?? {}, reasons: d.getReasonsList() };
        }
        reject(e);
      }),
    );
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(Struct.fromJavaScript(config));
    await this.call("configure", req);
  }

  async pluginVersion(): Promise<string> {
    return (await this.call("getPluginInfo", new Empty())).getVersion();
  }

  async check(
    urn: string,
    olds: object,
    news: object,
  ): Promise<{ inputs: Record<string, any>; failures: { property: string; reason: string }[] }> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(Struct.fromJavaScript(olds));
    req.setNews(Struct.fromJavaScript(news));
    const res = await this.call("check", req);
    return {
      inputs: res.getInputs()?.toJavaScript() ?? {},
      failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    urn: string,
    id: string,
    olds: object,
    news: object,
  ): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean }> {
    const req = new provproto.DiffRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(Struct.fromJavaScript(olds));
    req.setNews(Struct.fromJavaScript(news));
    const res = await this.call("diff", req);
    const C = provproto.DiffResponse.DiffChanges;
    const changes = res.getChanges() === C.DIFF_SOME ? "some" : res.getChanges() === C.DIFF_NONE ? "none" : "unknown";
    return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
  }

  async create(urn: string, properties: object): Promise<{ id: string; outs: Record<string, any> }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(Struct.fromJavaScript(properties));
    const res = await this.call("create", req);
    return { id: res.getId(), outs: res.getProperties().toJavaScript() };
  }

  async read(
    urn: string,
    id: string,
    properties: object,
    inputs?: object,
  ): Promise<{ id: string; outs: Record<string, any>; inputs?: Record<string, any> }> {
    const req = new provproto.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(Struct.fromJavaScript(properties));
    if (inputs) req.setInputs(Struct.fromJavaScript(inputs));
    const res = await this.call("read", req);
    return { id: res.getId(), outs: res.getProperties()?.toJavaScript() ?? {}, inputs: res.getInputs()?.toJavaScript() };
  }

  async update(urn: string, id: string, olds: object, news: object): Promise<{ outs: Record<string, any> }> {
    const req = new provproto.UpdateRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(Struct.fromJavaScript(olds));
    req.setNews(Struct.fromJavaScript(news));
    const res = await this.call("update", req);
    return { outs: res.getProperties().toJavaScript() };
  }

  async delete(urn: string, id: string, properties: object): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(Struct.fromJavaScript(properties));
    await this.call("delete", req);
  }
}

/** The URN the engine would give a resource of this type and name. */
export function urnOf(type: string, name: string, stack = "dev"): string {
  return `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;
}
