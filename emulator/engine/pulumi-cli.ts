// The real Pulumi engine: a `pulumi` on PATH, else the one `npm run setup:pulumi` builds into .tools/bin. Shared
// by the end-to-end tests, `npm start` and the benchmarks. Each stack runs on a local file backend with a
// passphrase secrets provider, so nothing leaves the machine.
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./repo-root";

export interface Engine {
  pulumi: string;
  /** Where the engine's plugins are found: put first on PATH for every run. */
  binDir: string;
  source: "PATH" | ".tools/bin";
}

export const TOOLS_BIN = path.join(repoRoot(), ".tools", "bin");

/** The engine to use, or undefined when none is installed (see `engineMissing`). */
export function findEngine(env: NodeJS.ProcessEnv = process.env): Engine | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir || path.resolve(dir) === TOOLS_BIN) continue;
    const candidate = path.join(dir, "pulumi");
    if (isExecutable(candidate)) return { pulumi: candidate, binDir: dir, source: "PATH" };
  }
  const built = path.join(TOOLS_BIN, "pulumi");
  if (isExecutable(built)) return { pulumi: built, binDir: TOOLS_BIN, source: ".tools/bin" };
  return undefined;
}

export const engineMissing =
  "no Pulumi engine: no `pulumi` on PATH and none in .tools/bin (run `npm run setup:pulumi`, which builds it with Go)";

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface StackOptions {
  /** The program directory (holding Pulumi.yaml). */
  program: string;
  stack: string;
  /** Directory of the file backend; a fresh temporary one by default. */
  backend?: string;
  passphrase?: string;
  env?: Record<string, string>;
}

/** One stack of one program, driven through the CLI as a user drives it. */
export class PulumiStack {
  readonly backend: string;

  private constructor(
    readonly engine: Engine,
    readonly options: StackOptions,
  ) {
    this.backend = options.backend ?? fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-backend-"));
  }

  /** The environment of every command, read at each run so that later changes to process.env apply. */
  private env(): NodeJS.ProcessEnv {
    const options = this.options;
    return {
      ...process.env,
      ...options.env,
      PATH: [this.engine.binDir, path.join(repoRoot(), "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "secgroups-e2e",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      PULUMI_HOME: path.join(this.backend, ".pulumi-home"),
      PULUMI_NODEJS_TRANSPILE_ONLY: options.env?.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
    };
  }

  /** Creates (or selects) the stack. */
  static async create(engine: Engine, options: StackOptions): Promise<PulumiStack> {
    const stack = new PulumiStack(engine, options);
    await stack.ok("stack", "select", "--create", options.stack);
    return stack;
  }

  /** Runs `pulumi <args>` in the program directory; never throws on a non-zero exit. */
  run(...args: string[]): Promise<RunResult> {
    const selecting = args[0] === "stack" && args[1] === "select";
    const all = [...args, ...(selecting ? [] : ["--stack", this.options.stack]), "--non-interactive", "--color", "never"];
    return new Promise((resolve) => {
      execFile(
        this.engine.pulumi,
        all,
        { cwd: this.options.program, env: this.env(), maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** Runs `pulumi <args>` with its output shown as it comes (for people); resolves to the exit code. */
  live(...args: string[]): Promise<number> {
    return new Promise((resolve) => {
      const child = spawn(this.engine.pulumi, [...args, "--stack", this.options.stack], {
        cwd: this.options.program,
        env: this.env(),
        stdio: "inherit",
      });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  }

  /** Runs `pulumi <args>` and throws with the whole output when it fails. */
  async ok(...args: string[]): Promise<RunResult> {
    const result = await this.run(...args);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** Sets stack config; keys matching password/secret/token/key are stored as secrets. */
  async setConfig(config: Record<string, string>): Promise<void> {
    const args = Object.entries(config).flatMap(([key, value]) => [
      /password|secret|token|key/i.test(key) ? "--secret" : "--plaintext",
      `${key}=${value}`,
    ]);
    if (args.length) await this.ok("config", "set-all", ...args);
  }

  preview(...flags: string[]) {
    return this.run("preview", "--diff", ...flags);
  }

  up(...flags: string[]) {
    return this.run("up", "--yes", "--skip-preview", "--diff", ...flags);
  }

  refresh(...flags: string[]) {
    return this.run("refresh", "--yes", "--skip-preview", ...flags);
  }

  destroy(...flags: string[]) {
    return this.run("destroy", "--yes", "--skip-preview", ...flags);
  }

  /** The stack's state as `pulumi stack export` prints it. */
  async exportState(): Promise<{ text: string; resources: StateResource[] }> {
    const { stdout } = await this.ok("stack", "export");
    return { text: stdout, resources: JSON.parse(stdout).deployment.resources ?? [] };
  }

  async remove(): Promise<void> {
    await this.run("stack", "rm", "--yes", "--force");
    fs.rmSync(this.backend, { recursive: true, force: true });
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}
