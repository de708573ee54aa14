// Starts a policy pack exactly as the Pulumi CLI does (`node @pulumi/pulumi/cmd/run-policy-pack <engine> <dir>`,
// cwd = the pack) and drives its Analyzer gRPC service the way the engine does.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { repoRoot } from "./repo-root";

const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const ap = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

export const POLICY_PACK_DIR = path.join(repoRoot(), "policies");
/** The string the engine sends for a value that is unknown during preview. */
export const UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Level = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: Level[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface HostResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  /** propertyDependencies: prop name -> names of resources in the same request. */
  deps?: Record<string, string[]>;
}

export interface NotApplicable {
  policy: string;
  reason: string;
}

export interface Diagnostic {
  policy: string;
  level: Level;
  message: string;
  urn: string;
}

export const urnOf = (type: string, name: string): string => `urn:pulumi:dev::secgroups::${type}::${name}`;

export class AnalyzerHost {
  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: any,
    private readonly err: () => string,
  ) {}

  /** Spawns the host and waits for the port it prints. */
  static async start(packDir = POLICY_PACK_DIR, env: Record<string, string> = {}): Promise<AnalyzerHost> {
    const proc = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", packDir], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let stderr = "";
    proc.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      proc.stdout!.on("data", (d) => {
        out += d;
        const m = /^(\d+)\s*$/m.exec(out);
        if (m) resolve(m[1]);
      });
      proc.on("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
    });
    const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 1 << 30,
      "grpc.max_send_message_length": 1 << 30,
    });
    return new AnalyzerHost(proc, client, () => stderr);
  }

  private call<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) => this.client[method](req, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))));
  }

  async info(): Promise<{
    name: string;
    version: string;
    policies: { name: string; level: Level; severity: number; description: string; schema: Record<string, any> }[];
    initialConfig: Record<string, unknown>;
  }> {
    const info: any = await this.call("getAnalyzerInfo", new Empty());
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p: any) => ({
        name: p.getName(),
        level: LEVELS[p.getEnforcementlevel()],
        severity: p.getSeverity?.() ?? 0,
        description: p.getDescription(),
        schema: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
      })),
      initialConfig: Object.fromEntries(
        [...info.getInitialconfigMap().entries()].map(([k, v]: any) => [
          k,
          { level: LEVELS[v.getEnforcementlevel()], ...v.getProperties()?.toJavaScript() },
        ]),
      ),
    };
  }

  /** Sends the content of a --policy-pack-config file: `{"all": level, "<policy>": level | {enforcementLevel?, ...props}}`. */
  async configure(file: Record<string, unknown>): Promise<void> {
    const req = new ap.ConfigureAnalyzerRequest();
    const all = typeof file["all"] === "string" ? (file["all"] as Level) : undefined;
    const names = (await this.info()).policies.map((p) => p.name);
    for (const name of names) {
      const entry = file[name];
      const { enforcementLevel, ...props } =
        typeof entry === "string" ? { enforcementLevel: entry } : ((entry ?? {}) as Record<string, unknown>);
      const level = (enforcementLevel as Level | undefined) ?? all;
      if (!level && !Object.keys(props).length) continue;
      const pc = new ap.PolicyConfig();
      if (level) pc.setEnforcementlevel(LEVELS.indexOf(level));
      pc.setProperties(Struct.fromJavaScript(props));
      req.getPolicyconfigMap().set(name, pc);
    }
    await this.call("configure", req);
  }

  async analyze(r: HostResource): Promise<Diagnostic[]> {
    return diagnostics(await this.call("analyze", analyzeRequest(r)));
  }

  /** Analyze with the policies that reported the resource as not applicable, and why. */
  async analyzeWithNotApplicable(r: HostResource): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
    const resp: any = await this.call("analyze", analyzeRequest(r));
    return {
      diagnostics: diagnostics(resp),
      notApplicable: resp.getNotApplicableList().map((n: any) => ({ policy: n.getPolicyName(), reason: n.getReason() })),
    };
  }

  /** CPU time (user + system, all threads) the host process has used so far, in ms; undefined where /proc is missing. */
  cpuMs(): number | undefined {
    return processCpuMs(this.proc.pid);
  }

  async analyzeStack(resources: HostResource[]): Promise<Diagnostic[]> {
    const req = new ap.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const ar = described(new ap.AnalyzerResource(), r);
        for (const [k, names] of Object.entries(r.deps ?? {})) {
          const d = new ap.AnalyzerPropertyDependencies();
          d.setUrnsList(names.map((n) => urnOf(resources.find((x) => x.name === n)!.type, n)));
          ar.getPropertydependenciesMap().set(k, d);
        }
        return ar;
      }),
    );
    return diagnostics(await this.call("analyzeStack", req));
  }

  /** Remediate RPC: the new props per remediating policy. */
  async remediate(r: HostResource): Promise<{ policy: string; props: Record<string, unknown> }[]> {
    const resp: any = await this.call("remediate", analyzeRequest(r));
    return resp.getRemediationsList().map((x: any) => ({ policy: x.getPolicyname(), props: x.getProperties()?.toJavaScript() }));
  }

  stderr(): string {
    return this.err();
  }

  close(): void {
    this.client.close();
    this.proc.kill();
  }
}

const analyzeRequest = (r: HostResource) => described(new ap.AnalyzeRequest(), r);

/** Sets what AnalyzeRequest and AnalyzerResource share: type, name, URN, properties and options. */
function described<M extends { setType(type: string): void }>(msg: M, r: HostResource): M {
  const m = msg as any;
  m.setType(r.type);
  m.setName(r.name);
  m.setUrn(urnOf(r.type, r.name));
  m.setProperties(Struct.fromJavaScript(r.props));
  m.setOptions(options());
  return msg;
}

// /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks; Linux's USER_HZ is 100.
const TICK_MS = 10;
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

// Requests without options are refused ("A more recent version of the Pulumi CLI is required").
function options() {
  const o = new ap.AnalyzerResourceOptions();
  o.setProtect(false);
  return o;
}

function diagnostics(resp: any): Diagnostic[] {
  return resp.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    level: LEVELS[d.getEnforcementlevel()],
    message: d.getMessage(),
    urn: d.getUrn(),
  }));
}
