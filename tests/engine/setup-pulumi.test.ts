// `npm run setup:pulumi`: one clear line when Go is missing; a second run only checks; the launchers and the
// language host it installs are the ones in scripts/pulumi-cli.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findEngine, TOOLS_BIN } from "../../emulator/engine/pulumi-cli";
import { REPO_ROOT } from "../helpers/provider-host";

const SCRIPT = path.join(REPO_ROOT, "scripts", "setup-pulumi.sh");

/** A copy of the script and its Go module in an empty tree, so nothing is built there yet. */
function scratchTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-setup-"));
  fs.mkdirSync(path.join(root, "scripts", "pulumi-cli", "launchers"), { recursive: true });
  fs.copyFileSync(SCRIPT, path.join(root, "scripts", "setup-pulumi.sh"));
  for (const f of [
    "go.mod",
    "go.sum",
    "language-host.js",
    "required-plugins.js",
    "launchers/pulumi-resource-pulumi-nodejs",
    "launchers/pulumi-analyzer-policy",
  ]) {
    fs.copyFileSync(path.join(REPO_ROOT, "scripts", "pulumi-cli", f), path.join(root, "scripts", "pulumi-cli", f));
  }
  return root;
}

describe("npm run setup:pulumi", () => {
  it("fails with one line naming Go when Go is missing and no pulumi is on PATH", () => {
    const root = scratchTree();
    // A PATH with the tools the script uses and neither go nor pulumi (Debian's go may be in /usr/bin).
    const bin = path.join(root, "bin");
    fs.mkdirSync(bin);
    for (const tool of ["dirname", "grep", "cut", "tr", "paste", "mkdir", "cat", "ls", "cmp", "cp", "chmod", "mv"]) {
      fs.symlinkSync(execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), path.join(bin, tool));
    }
    const bash = execFileSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).trim();
    const result = spawnSync(bash, [path.join(root, "scripts", "setup-pulumi.sh")], { env: { PATH: bin, HOME: root }, encoding: "utf8" });
    fs.rmSync(root, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "setup:pulumi: Go is not installed: install Go >= 1.26 (apt-get install golang-go, or go.dev/dl), or put a pulumi CLI on PATH",
    ]);
  });

  const built = fs.existsSync(path.join(TOOLS_BIN, "pulumi"));
  (built ? it : it.skip)("only checks on a second run, and leaves the four contract files in .tools/bin", () => {
    const result = spawnSync("bash", [SCRIPT], { env: { ...process.env, PATH: "/usr/bin:/bin:/usr/local/go/bin" }, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("already built in .tools/bin");
    for (const file of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs", "pulumi-analyzer-policy"]) {
      expect(fs.statSync(path.join(TOOLS_BIN, file)).mode & 0o111).toBeTruthy();
    }
    expect(fs.readFileSync(path.join(TOOLS_BIN, "pulumi-resource-pulumi-nodejs"), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "scripts", "pulumi-cli", "launchers", "pulumi-resource-pulumi-nodejs"), "utf8"),
    );
  });

  it("prefers a pulumi on PATH over .tools/bin", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-path-"));
    fs.writeFileSync(path.join(dir, "pulumi"), "#!/bin/sh\necho v0.0.0\n", { mode: 0o755 });
    expect(findEngine({ PATH: `${dir}${path.delimiter}/usr/bin` })).toEqual({
      pulumi: path.join(dir, "pulumi"),
      binDir: dir,
      source: "PATH",
    });
    const result = spawnSync("bash", [SCRIPT], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`using ${dir}/pulumi (v0.0.0) from PATH; nothing to build`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
